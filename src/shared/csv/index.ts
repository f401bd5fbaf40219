/** CSV import/export (pure: no DOM, no Node). See each module's doc comment for its columns. */
export { CsvInputError, FORMULA_CHARS, cellText, formatNumber, guardCell, readCsv, unguardCell, writeCsv } from './safe';
export type { CsvCell, CsvFile, CsvRecord, CsvWriteOptions } from './safe';
export type { ExportFilters } from './scope';
export { SEGMENT_COLUMNS, SEGMENT_INPUT_COLUMNS, parseSegmentsCsv, writeSegmentsCsv } from './segmentsCsv';
export type { ParsedSegmentRow, SegmentCsvContext } from './segmentsCsv';
export { THEMATIC_LEADING_COLUMNS, THEMATIC_TRAILING_COLUMNS, writeThematicCsv } from './thematic';
export { CONTRADICTION_COLUMNS, involvesCode, rangeLabel, writeContradictionsCsv } from './contradictions';
export { AGREEMENT_COLUMNS, AGREEMENT_SETTINGS_COLUMNS, DECISION_COLUMNS, writeAgreementCsv } from './agreementCsv';
export type { AgreementCodeRow, AgreementCsvInput, AgreementOverallRow, AgreementPairRow, ReconcileDecision } from './agreementCsv';
export { sideFilePath } from './sideFile';
export { unionMs } from './thematic';
export { projectAgreement } from './agreementProject';
export type { AgreementExportOptions, ProjectAgreement } from './agreementProject';
export { resolveFilterNames } from './filterNames';
export type { FilterNames } from './filterNames';
