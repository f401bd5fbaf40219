/**
 * The `matrix` export (pure): one comparison table (participants/compare.ts) as CSV.
 * - tidy (for R / pandas): `row,column,measure,value`, one line per row × column of the table
 *   (empty cells included: 0, or an empty share), rows then columns in the table's order; row and
 *   column are labels (code path, contradiction "Level: Element – Element", participant, group).
 * - wide (for spreadsheets): first column named after the rows (`code`, `contradiction`), then one
 *   column per table column, the measure's values in the cells.
 * Values: segments = a count; seconds = coded time in seconds (millisecond precision); share = a
 * fraction 0..1 at full precision, empty when the column's time on screen is 0 (co-occurrence:
 * the row code's coded time).
 */
import { writeOwnedCsv, type CsvCell, type CsvWriteOptions } from '../csv/safe';
import type { CompareMatrix, MatrixCell, MatrixRows } from './compare';

const ROW_HEADER: Record<MatrixRows, string> = { code: 'code', contradiction: 'contradiction', cooccurrence: 'code' };

function valueOf(m: CompareMatrix, c: MatrixCell | undefined): CsvCell {
  if (m.measure === 'segments') return c?.segments ?? 0;
  if (m.measure === 'seconds') return (c?.codedMs ?? 0) / 1000;
  return c?.share ?? null;
}

function cellsByKey(m: CompareMatrix): Map<string, MatrixCell> {
  return new Map(m.cells.map((c) => [`${c.row}\u0000${c.col}`, c]));
}

export function writeMatrixTidyCsv(m: CompareMatrix, opts: CsvWriteOptions = {}): string {
  const cells = cellsByKey(m);
  const rows: CsvCell[][] = [];
  for (const r of m.rows) for (const c of m.cols) rows.push([r.label, c.label, m.measure, valueOf(m, cells.get(`${r.key}\u0000${c.key}`))]);
  return writeOwnedCsv(['row', 'column', 'measure', 'value'], rows, opts);
}

export function writeMatrixWideCsv(m: CompareMatrix, rowsKind: MatrixRows, opts: CsvWriteOptions = {}): string {
  const cells = cellsByKey(m);
  const rows = m.rows.map((r): CsvCell[] => [r.label, ...m.cols.map((c) => valueOf(m, cells.get(`${r.key}\u0000${c.key}`)))]);
  return writeOwnedCsv([ROW_HEADER[rowsKind], ...m.cols.map((c) => c.label)], rows, opts);
}
