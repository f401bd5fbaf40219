/** The matrix export (app and `export --kind matrix`): one comparison table as tidy or wide CSV. */
import type { CsvFile } from '../../../shared/csv/safe';
import type { ProjectSnapshot } from '../../../shared/domain';
import { compareMatrix, type MatrixRequest } from '../../../shared/participants/compare';
import { writeMatrixTidyCsv, writeMatrixWideCsv } from '../../../shared/participants/matrixCsv';

/** The file of one table of a snapshot with participants (participantSnapshot). */
export function matrixExportFiles(snapshot: ProjectSnapshot, req: MatrixRequest, opts: { wide?: boolean; bom?: boolean } = {}): CsvFile[] {
  const m = compareMatrix(snapshot, req);
  const csv = { bom: opts.bom === true };
  const text = opts.wide ? writeMatrixWideCsv(m, req.rows, csv) : writeMatrixTidyCsv(m, csv);
  return [{ name: `matrix-${req.rows}-${req.cols}${opts.wide ? '-wide' : ''}.csv`, suffix: '', text }];
}
