/** `export <project> --kind matrix --rows … --cols … [--measure …] [--wide] --out FILE` (docs/cli.md). */
import path from 'node:path';
import { resolveFilterNames, type FilterNames } from '../../../shared/csv/filterNames';
import { UserError } from '../../../shared/errors';
import type { MatrixCols, MatrixMeasure, MatrixRows } from '../../../shared/participants/compare';
import { plural } from '../../../shared/plural';
import { refuseOverwrite, writeFilesAtomic } from '../../cli/io';
import { ProjectStore } from '../../db/store';
import { dataRows } from '../export/export';
import { participantSnapshot } from './compare';
import { matrixExportFiles } from './matrixExport';

export interface MatrixCliOptions {
  rows?: MatrixRows;
  cols?: MatrixCols;
  measure?: MatrixMeasure;
  wide?: boolean;
  sameParticipants?: boolean;
}

/** --rows, --cols, --measure, --wide and --same-participants belong to --kind matrix. */
export function refuseMatrixOptions(o: MatrixCliOptions): void {
  if (o.rows || o.cols || o.measure || o.wide || o.sameParticipants) throw new UserError('invalid', '--rows, --cols, --measure, --wide and --same-participants apply to --kind matrix only');
}

function request(o: MatrixCliOptions): { rows: MatrixRows; cols: MatrixCols } {
  if (!o.rows) throw new UserError('invalid', '--kind matrix needs --rows code|contradiction|cooccurrence');
  const cols = o.cols ?? (o.rows === 'cooccurrence' ? 'code' : undefined);
  if (!cols) throw new UserError('invalid', '--kind matrix needs --cols participant|group');
  if ((o.rows === 'cooccurrence') !== (cols === 'code')) throw new UserError('invalid', '--cols: a co-occurrence table has codes as columns (--cols code); the others participant or group');
  if (o.sameParticipants && o.rows !== 'cooccurrence') throw new UserError('invalid', '--same-participants applies to --rows cooccurrence only');
  return { rows: o.rows, cols };
}

export function exportMatrixCli(project: string, o: MatrixCliOptions & FilterNames & { out: string; bom?: boolean }): string {
  const req = request(o);
  const store = ProjectStore.open(project);
  let files;
  try {
    const snapshot = participantSnapshot(store);
    const filters = resolveFilterNames(snapshot, { media: o.media, coders: o.coders, consensusOnly: o.consensusOnly, codes: o.codes, themes: o.themes, from: o.from, to: o.to });
    files = matrixExportFiles(snapshot, { ...req, measure: o.measure, filters, sameParticipants: o.sameParticipants }, { wide: o.wide, bom: o.bom });
  } finally {
    store.close();
  }
  refuseOverwrite(o.out, [project]);
  writeFilesAtomic([{ file: o.out, text: files[0]!.text }]);
  return `Wrote matrix export: ${path.resolve(o.out)} (${plural(dataRows(files[0]!.text), 'row')})\n`;
}
