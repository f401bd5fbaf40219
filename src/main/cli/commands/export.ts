/**
 * `export <project> --kind thematic|segments|contradictions|agreement|qdpx|eaf --out FILE`:
 * the CSV exports, and the REFI-QDA / ELAN exchange files (written by features/exchange/export.ts).
 */
import path from 'node:path';
import { Option, type Command } from 'commander';
import { resolveFilterNames, type FilterNames } from '../../../shared/csv/filterNames';
import { sideFilePath } from '../../../shared/csv/sideFile';
import { UserError } from '../../../shared/errors';
import { ProjectStore } from '../../db/store';
import { dataRows, EXPORT_KINDS, snapshotSegments, storeExportFiles, type ExportKind } from '../../features/export/export';
import { exportExchangeKind } from '../../features/exchange/export';
import { readDecisions } from '../../features/export/decisions';
import { readSnapshot } from '../../features/export/snapshot';
import { reliabilityReport } from '../../features/agreement/reliabilityReport';
import { ciOptions } from './agreement';
import { refuseOverwrite, writeFilesAtomic, type Out } from '../io';
import { writeSegmentsExportFile } from '../../features/export/segmentsFile';
import { plural } from '../../../shared/plural';
import { describe } from '../summaries';
import { MATRIX_COLS, MATRIX_MEASURES, MATRIX_ROWS } from '../../../shared/participants/compare';
import { exportMatrixCli, refuseMatrixOptions, type MatrixCliOptions } from '../../features/participants/matrixCli';

interface ExportCliOptions extends FilterNames, MatrixCliOptions {
  kind: ExportKind | 'qdpx' | 'eaf' | 'reliability' | 'matrix';
  bootstrap?: string;
  seed?: string;
  minOverlap?: string;
  embedMedia?: boolean;
  out: string;
  bom?: boolean;
  unit?: string;
  exact?: boolean;
  excludeUncoded?: boolean;
}

const collect = (v: string, prev: string[] | undefined) => [...(prev ?? []), v];

export function registerExportCommands(program: Command, out: Out): void {
  program
    .command('export')
    .argument('<project>', 'project file')
    .addOption(new Option('--kind <kind>', 'which export').choices([...EXPORT_KINDS, 'qdpx', 'eaf', 'reliability', 'matrix']).makeOptionMandatory())
    .requiredOption('--out <file>', 'CSV file to write (side files are written beside it: <out>-matrix.csv, <out>-settings.csv, <out>-decisions.csv)')
    .option('--media <names>', 'only these media (comma-separated or repeated)', collect)
    .option('--coders <names>', 'only these coders (comma-separated or repeated)', collect)
    .option('--consensus-only', 'only the consensus layer')
    .option('--codes <codes>', 'only these codes: full paths or unique names (comma-separated or repeated)', collect)
    .option('--themes <names>', "only these themes' codes (comma-separated or repeated)", collect)
    .option('--from <seconds>', 'time window start (seconds or h:mm:ss.mmm); segments are clipped')
    .option('--to <seconds>', 'time window end (seconds or h:mm:ss.mmm)')
    .option('--bom', 'start each file with a UTF-8 byte order mark (Excel then reads accents correctly)')
    .option('--unit <seconds>', 'agreement: slice length in seconds (default 1)')
    .option('--exact', 'agreement: continuous time instead of slices')
    .option('--exclude-uncoded', 'agreement: drop the units where no selected coder applied any selected code')
    .option('--embed-media', 'qdpx: put the videos inside the archive')
    .addOption(new Option('--rows <rows>', 'matrix: rows of the table').choices([...MATRIX_ROWS]))
    .addOption(new Option('--cols <cols>', 'matrix: columns (cooccurrence: code)').choices([...MATRIX_COLS]))
    .addOption(new Option('--measure <measure>', 'matrix: segments, coded seconds or share of time on screen (default segments)').choices([...MATRIX_MEASURES]))
    .option('--wide', 'matrix: one column per participant/group (spreadsheets) instead of tidy row,column,measure,value')
    .option('--same-participants', 'matrix --rows cooccurrence: only codings whose segments name a participant in common')
    .option('--bootstrap <n>', 'reliability: bootstrap samples of the confidence intervals (default 1000)')
    .option('--seed <n>', 'reliability: seed of the bootstrap (default 1)')
    .option('--min-overlap <share>', 'reliability: evidence overlap for matching contradictions (default 0.5)')
    .description(describe('export'))
    .action(async (project: string, o: ExportCliOptions) => {
      if (o.kind === 'qdpx' || o.kind === 'eaf') {
        // exchange files (REFI-QDA, ELAN) share the command: see features/exchange/export.ts
        if (o.media && o.media.length > 1) throw new UserError('invalid', `--media: --kind ${o.kind} takes one media`);
        out.stdout(`${exportExchangeKind(project, o.kind, o.out, { media: o.media?.[0], embedMedia: o.embedMedia })}\n`);
        return;
      }
      if (o.kind === 'matrix') {
        out.stdout(exportMatrixCli(project, o));
        return;
      }
      refuseMatrixOptions(o);
      if (o.kind === 'reliability') {
        out.stdout(await exportReliability(project, o));
        return;
      }
      if (o.bootstrap !== undefined || o.seed !== undefined || o.minOverlap !== undefined) throw new UserError('invalid', '--bootstrap, --seed and --min-overlap apply to --kind reliability only');
      if (o.embedMedia) throw new UserError('invalid', '--embed-media applies to --kind qdpx only');
      if (o.kind !== 'agreement' && (o.unit !== undefined || o.exact || o.excludeUncoded)) {
        throw new UserError('invalid', '--unit, --exact and --exclude-uncoded apply to --kind agreement only');
      }
      const unitMs = unitOption(o);
      const store = ProjectStore.open(project);
      let files;
      try {
        // the segments export streams its own rows
        const snapshot = readSnapshot(store, { segments: o.kind === 'segments' ? false : snapshotSegments(o.kind) });
        const filters = resolveFilterNames(snapshot, {
          media: o.media,
          coders: o.coders,
          consensusOnly: o.consensusOnly,
          codes: o.codes,
          themes: o.themes,
          from: o.from,
          to: o.to,
        });
        if (o.kind === 'segments') {
          refuseOverwrite(o.out, [project]);
          const rows = writeSegmentsExportFile(store, snapshot, filters, o.out, { bom: o.bom });
          out.stdout(`Wrote segments export: ${path.resolve(o.out)} (${plural(rows, 'row')})\n`);
          return;
        }
        const decisions = o.kind === 'agreement' ? readDecisions(store, snapshot, filters) : [];
        files = storeExportFiles(store, snapshot, o.kind, { filters, bom: o.bom, unitMs, exact: o.exact, excludeUncoded: o.excludeUncoded }, decisions);
      } finally {
        store.close();
      }
      // Everything is computed before anything is written; then all files are replaced or none.
      const targets = files.map((f) => ({ file: sideFilePath(o.out, f.suffix), text: f.text }));
      for (const t of targets) refuseOverwrite(t.file, [project]);
      writeFilesAtomic(targets);
      const main = targets[0]!;
      out.stdout(`Wrote ${o.kind} export: ${path.resolve(main.file)} (${plural(dataRows(main.text), 'row')})\n`);
      for (const t of targets.slice(1)) out.stdout(`  and ${path.resolve(t.file)} (${plural(dataRows(t.text), 'row')})\n`);
    });
}

function unitOption(o: ExportCliOptions): number | undefined {
  if (o.unit !== undefined && o.exact) throw new UserError('invalid', 'give --unit or --exact, not both');
  if (o.unit === undefined) return undefined;
  const u = Number(o.unit);
  if (!/^\d*\.?\d+$|^\d+\.$/.test(o.unit.trim()) || !(u > 0)) throw new UserError('invalid', `--unit: "${o.unit}" is not a positive number of seconds`);
  const unitMs = Math.round(u * 1000);
  if (unitMs < 1 || Math.abs(unitMs - u * 1000) > 1e-6) throw new UserError('invalid', `--unit: ${o.unit} s is not a whole number of milliseconds`);
  return unitMs;
}

/** `--kind reliability --out report.md`: report.md, report.html and report.csv (the numbers and their commands). */
async function exportReliability(project: string, o: ExportCliOptions): Promise<string> {
  if (o.media && o.media.length > 1) throw new UserError('invalid', '--media: the reliability report is of one media');
  for (const k of ['consensusOnly', 'themes', 'from', 'to', 'embedMedia'] as const) {
    if (o[k]) throw new UserError('invalid', `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} does not apply to --kind reliability`);
  }
  const unitMs = unitOption(o);
  const ci = ciOptions({ ci: true, bootstrap: o.bootstrap, seed: o.seed })!;
  const minOverlap = o.minOverlap === undefined ? undefined : Number(o.minOverlap);
  if (minOverlap !== undefined && !(minOverlap > 0 && minOverlap <= 1)) throw new UserError('invalid', `--min-overlap: "${o.minOverlap}" must be a share above 0 and at most 1`);
  const store = ProjectStore.open(project, { readonly: true });
  let r;
  try {
    r = await reliabilityReport(store, project, { media: o.media?.[0], coders: splitNames(o.coders), codes: splitNames(o.codes), unitMs, exact: o.exact, excludeUncoded: o.excludeUncoded, ci, minOverlap });
  } finally {
    store.close();
  }
  const base = o.out.replace(/\.(md|markdown|html|csv)$/i, '');
  const files = [[`${base}.md`, r.markdown], [`${base}.html`, r.html], [`${base}.csv`, r.csv]] as const;
  for (const [f] of files) refuseOverwrite(f, [project]);
  writeFilesAtomic(files.map(([file, text]) => ({ file, text })));
  return `Wrote reliability report: ${path.resolve(files[0][0])}\n  and ${path.resolve(files[1][0])}\n  and ${path.resolve(files[2][0])} (${r.numbers.length} numbers)\n`;
}

const splitNames = (v: string[] | undefined) => v?.flatMap((x) => x.split(',')).map((x) => x.trim()).filter(Boolean);
