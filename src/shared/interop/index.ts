/** Interoperability: REFI-QDA (.qdpx), ELAN (.eaf), BORIS/ELAN event tables. Pure TypeScript. */
export { InteropError } from './errors';
export type { ImportBundle, ImportSourceKind, MediaRef, TranscriptCue } from './bundle';
export { emptyBundle, classifyMediaPath, baseName } from './bundle';
export { exportQdpx, importQdpx, buildProjectQde, readQdpxEntry, qdeToBundle, contradictionTitle, QDA_NAMESPACE } from './qdpx';
export type { QdpxExportOptions, QdpxImportOptions } from './qdpx';
export { exportEaf, parseEaf, eafToBundle, eafGroupOf, isTimeAlignedTier } from './eaf';
export type { EafExportOptions, ParsedEaf, EafTier, EafAnnotation, EafCvEntry, EafToBundleOptions } from './eaf';
export {
  parseBorisRows,
  parseElanTsvRows,
  parseEventTableRows,
  parseEventTableText,
  eventTableToBundle,
  splitDelimited,
  detectDelimiter,
} from './eventTables';
export type { EventTable, TableEvent, EventTablePreview, EventTableMapping } from './eventTables';
export { parseBorisProject } from './borisProject';
export type { BorisAngle } from './borisProject';
export { DEFAULT_ZIP_LIMITS, listZipEntries, readZipEntry, assertSafeEntryName } from './zip';
export type { ZipLimits, ZipEntry } from './zip';
export { META_PREFIX, withMeta, splitMeta } from './meta';
export { stableUuid, normalizeGuid } from './ids';
