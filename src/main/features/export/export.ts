/**
 * The four CSV exports of a project (app dialog and `export` CLI): reads one consistent snapshot,
 * runs the pure writer of src/shared/csv and returns every file it produces (main file first,
 * then side files named by sideFilePath). Nothing is written here: callers write the files
 * (CLI: writeFileAtomic) or hand the text to the renderer (download).
 */
import { projectAgreement, type AgreementExportOptions, type AgreementRows } from '../../../shared/csv/agreementProject';
import { writeAgreementCsv } from '../../../shared/csv/agreementCsv';
import { writeContradictionsCsv } from '../../../shared/csv/contradictions';
import type { CsvFile } from '../../../shared/csv/safe';
import type { ExportFilters } from '../../../shared/csv/scope';
import { writeSegmentsCsv } from '../../../shared/csv/segmentsCsv';
import { writeThematicCsv } from '../../../shared/csv/thematic';
import { writeThematicCsvStreamed } from '../../../shared/csv/thematicStream';
import { whoDecoder } from '../../db/tables/participants';
import type { ProjectSnapshot, Uuid } from '../../../shared/domain';
import { inReadTransaction } from '../../db/connection';
import type { ProjectStore } from '../../db/store';
import { iterateThematicRows, rowidIds } from '../../db/tables/segments';
import { readDecisions } from './decisions';
import { readSnapshot } from './snapshot';

export const EXPORT_KINDS = ['thematic', 'segments', 'contradictions', 'agreement'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export interface ExportOptions extends AgreementExportOptions {
  filters?: ExportFilters;
  /** Prepend a UTF-8 BOM to every file. */
  bom?: boolean;
}

/**
 * Which segments an export's snapshot needs: only the contradictions' evidence for the
 * contradictions, thematic and agreement exports (the last two stream their rows from the store).
 */
export function snapshotSegments(kind: ExportKind): boolean | 'evidence' {
  return kind === 'segments' ? true : 'evidence';
}

/** The files of one export, computed from a snapshot (pure apart from the decision log). */
export function exportFiles(snapshot: ProjectSnapshot, kind: ExportKind, opts: ExportOptions = {}, decisions: Parameters<typeof writeAgreementCsv>[1] = []): CsvFile[] {
  const filters = opts.filters ?? {};
  const csv = { bom: opts.bom === true };
  switch (kind) {
    case 'thematic':
      return [{ name: 'thematic.csv', suffix: '', text: writeThematicCsv(snapshot, filters, csv) }];
    case 'segments':
      return [{ name: 'segments.csv', suffix: '', text: writeSegmentsCsv(snapshot, filters, csv) }];
    case 'contradictions':
      return writeContradictionsCsv(snapshot, filters, csv);
    case 'agreement': {
      const { input } = projectAgreement(snapshot, filters, opts);
      return writeAgreementCsv(input, decisions, csv);
    }
  }
}

/** Runs one export on a project store. */
export function buildExport(store: ProjectStore, kind: ExportKind, opts: ExportOptions = {}): CsvFile[] {
  const snapshot = readSnapshot(store, { segments: snapshotSegments(kind) });
  const decisions = kind === 'agreement' ? readDecisions(store, snapshot, opts.filters ?? {}) : [];
  return storeExportFiles(store, snapshot, kind, opts, decisions);
}

/** exportFiles for a snapshot read with snapshotSegments(kind): the agreement rows are streamed from the store. */
export function storeExportFiles(store: ProjectStore, snapshot: ProjectSnapshot, kind: ExportKind, opts: ExportOptions = {}, decisions: Parameters<typeof writeAgreementCsv>[1] = []): CsvFile[] {
  if (kind === 'thematic') {
    // the segment × code rows come from the store in two passes (the snapshot holds only evidence)
    const rowsOf = (which: 'consensus' | 'coders') => iterateThematicRows(store.db, which === 'consensus');
    const text = inReadTransaction(store.db, () => {
      return writeThematicCsvStreamed(snapshot, opts.filters ?? {}, { bom: opts.bom === true }, rowsOf, whoDecoder(store.db));
    });
    return [{ name: 'thematic.csv', suffix: '', text }];
  }
  if (kind === 'agreement') {
    // the segment × code rows come from the store one media at a time (the snapshot holds only evidence)
    const { input } = inReadTransaction(store.db, () => projectAgreement(snapshot, opts.filters ?? {}, opts, storeAgreementRows(store)));
    return writeAgreementCsv(input, decisions, { bom: opts.bom === true });
  }
  return exportFiles(snapshot, kind, opts, decisions);
}

/** A media's segment × code rows read from the store, its coder and code rowids named by their ids (in the row read, no copy). */
function storeAgreementRows(store: ProjectStore): AgreementRows {
  const coderIds = rowidIds(store.db, 'coders');
  const codeIds = rowidIds(store.db, 'codes');
  return function* (mediaId) {
    for (const r of store.iterateSegmentLinks(mediaId)) {
      const row = r as unknown as [Uuid, number, number, Uuid | null];
      row[0] = coderIds.get(r[0])!;
      row[3] = r[3] === null ? null : codeIds.get(r[3])!;
      yield row;
    }
  };
}

/** Number of data rows of a CSV text (records after the header; quoted newlines are not row ends). */
export function dataRows(text: string): number {
  let rows = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (c === 10 && !quoted) rows++;
  }
  return Math.max(0, rows - 1);
}
