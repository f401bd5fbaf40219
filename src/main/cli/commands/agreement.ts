/**
 * `agreement <input> [options]` (contract: "agreement"). The input is detected by its content:
 * a project file (SQLite header), a segments CSV (header naming coder and code), or else a
 * reliability matrix (header = coder names; `--matrix` forces this reading).
 */
import fs from 'node:fs';
import type { Command } from 'commander';
import {
  MEASUREMENT_LEVELS,
  computeAgreement,
  computeMatrixAgreement,
  matrixAgreementJson,
  matrixAgreementTable,
  parseReliabilityMatrix,
  segmentsAgreementJson,
  segmentsAgreementTable,
  type MeasurementLevel,
} from '../../../shared/agreement';
import { readCsv, writeAgreementCsv, writeCsv } from '../../../shared/csv';
import { UserError } from '../../../shared/errors';
import { decodeUtf8 } from '../../../shared/limits';
import { ProjectStore } from '../../db/store';
import { asUserError, csvAgreementInput, projectAgreementInput, type AgreementInput } from '../../ops/agreement';
import type { Out } from '../io';

const FORMATS = ['json', 'csv', 'table'] as const;
type Format = (typeof FORMATS)[number];

export interface AgreementCliOptions {
  unit?: string;
  exact?: boolean;
  coders?: string;
  codes?: string;
  media?: string;
  duration?: string;
  excludeUncoded?: boolean;
  pointTolerance?: string;
  level?: string;
  format?: string;
  matrix?: boolean;
}

export type InputKind = 'project' | 'segments' | 'matrix';

const SQLITE_MAGIC = 'SQLite format 3\u0000';

/** Decides what the input file is from its first bytes / header row. */
export function detectInputKind(file: string, forceMatrix: boolean): { kind: InputKind; text?: string } {
  if (!fs.existsSync(file)) throw new UserError('not_found', `${file}: no such file`);
  if (fs.statSync(file).isDirectory()) throw new UserError('invalid', `${file}: is a folder, not a file`);
  const buf = fs.readFileSync(file);
  if (buf.length === 0) throw new UserError('empty', `${file}: file is empty`);
  if (buf.subarray(0, 16).toString('latin1') === SQLITE_MAGIC) {
    if (forceMatrix) throw new UserError('invalid', `${file}: --matrix: this is a project file, not a reliability matrix CSV`);
    return { kind: 'project' };
  }
  const text = decodeUtf8(buf, file);
  if (text.trim() === '') throw new UserError('empty', `${file}: file is empty`);
  if (forceMatrix) return { kind: 'matrix', text };
  // The header row decides (read alone: the whole file is parsed once, later, by its reader).
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/, 1)[0] ?? '';
  const records = asUserError(file, () => readCsv(firstLine));
  const header = new Set((records[0]?.cells ?? []).map((c) => c.trim().toLowerCase()));
  // A header naming coder and code is a segments CSV (its parser then names any missing column).
  return { kind: header.has('coder') && header.has('code') ? 'segments' : 'matrix', text };
}

function list(v: string | undefined, what: string): string[] | undefined {
  if (v === undefined) return undefined;
  const items = v.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (items.length === 0) throw new UserError('invalid', `${what}: expected a comma-separated list, got "${v}"`);
  return items;
}

/** "0.1" → 100 (ms); a positive decimal number of seconds. */
function seconds(v: string, what: string, allowZero = false): number {
  const t = v.trim();
  if (!/^(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i.test(t)) throw new UserError('invalid', `${what}: "${v}" is not a number of seconds`);
  const ms = Number(t) * 1000;
  if (!Number.isFinite(ms) || ms < 0 || (!allowZero && ms === 0)) throw new UserError('invalid', `${what}: "${v}" must be a positive number of seconds`);
  return Math.round(ms * 1e6) / 1e6; // drop float noise (0.3 * 1000)
}

/** Runs the command; returns the text to print. Throws UserError for bad input. */
export function agreementReport(file: string, o: AgreementCliOptions): string {
  const format = (o.format ?? 'table') as Format;
  if (!FORMATS.includes(format)) throw new UserError('invalid', `--format: "${o.format}" is not one of ${FORMATS.join(', ')}`);
  if (o.level !== undefined && !MEASUREMENT_LEVELS.includes(o.level as MeasurementLevel)) {
    throw new UserError('invalid', `--level: "${o.level}" is not one of ${MEASUREMENT_LEVELS.join(', ')}`);
  }
  if (o.exact && o.unit !== undefined) throw new UserError('invalid', '--unit and --exact exclude each other: choose one');
  const unitMs = o.unit !== undefined ? seconds(o.unit, '--unit') : 1000;
  const durationMs = o.duration !== undefined ? seconds(o.duration, '--duration', true) : undefined;
  const pointToleranceMs = o.pointTolerance !== undefined ? seconds(o.pointTolerance, '--point-tolerance', true) : undefined;
  const coderNames = list(o.coders, '--coders');
  const codeNames = list(o.codes, '--codes');

  const { kind, text } = detectInputKind(file, o.matrix === true);

  if (kind === 'matrix') {
    const segOnly = (['unit', 'exact', 'codes', 'media', 'duration', 'excludeUncoded', 'pointTolerance'] as const).find((k) => o[k] !== undefined && o[k] !== false);
    if (segOnly) {
      const flag = `--${segOnly.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
      throw new UserError('invalid', `${file}: ${flag} applies to coded segments; this file reads as a reliability matrix (its header names neither "coder" nor "code")`);
    }
    let data = asUserError(file, () => parseReliabilityMatrix(readCsv(text!).map((r) => r.cells)));
    if (coderNames) {
      const idx = coderNames.map((name) => {
        const i = data.coders.indexOf(name);
        if (i < 0) throw new UserError('invalid', `${file}: --coders: unknown coder "${name}" (the matrix header names: ${data.coders.join(', ')})`);
        return i;
      });
      if (idx.length < 2) throw new UserError('invalid', `${file}: --coders: agreement needs at least two coders; got ${idx.length}`);
      data = { coders: idx.map((i) => data.coders[i]!), units: data.units.map((u) => idx.map((i) => u[i]!)) };
    }
    const r = asUserError(file, () => computeMatrixAgreement(data, { level: (o.level ?? 'nominal') as MeasurementLevel }));
    if (format === 'json') return JSON.stringify(matrixAgreementJson(r), null, 2) + '\n';
    if (format === 'table') return matrixAgreementTable(r);
    const rows = (['krippendorffAlpha', 'fleissKappa', 'cohensKappa', 'percentAgreement'] as const).map((k) => [k, r[k], r.notes[k] ?? '']);
    return writeCsv(['measure', 'value', 'notes'], [...rows, ['units', r.units, ''], ['pairableUnits', r.pairableUnits, ''], ['completeUnits', r.completeUnits, '']]);
  }

  if (o.level !== undefined) throw new UserError('invalid', `${file}: --level applies to reliability matrix input only (coded segments are nominal: applied or not)`);
  let input: AgreementInput;
  if (kind === 'project') {
    const store = ProjectStore.open(file, { readonly: true });
    try {
      input = projectAgreementInput(store, { mediaName: o.media, coderNames, codeNames });
    } finally {
      store.close();
    }
  } else {
    input = csvAgreementInput(text!, file, { coderNames, codeNames, mediaName: o.media });
  }
  const r = asUserError(file, () =>
    computeAgreement(input.segments, {
      coders: input.coders,
      codes: input.codes,
      media: input.media,
      durationMs: durationMs ?? input.durationMs,
      exact: o.exact === true,
      unitMs,
      excludeUncoded: o.excludeUncoded === true,
      pointCodes: input.pointCodes,
      pointToleranceMs,
    }),
  );
  if (r.codes.length === 0) throw new UserError('invalid', `${file}: the selected coders applied no code${input.media ? ` in ${input.media}` : ''}: nothing to compare`);
  const ctx = { media: input.media };
  if (format === 'json') return JSON.stringify(segmentsAgreementJson(r, ctx), null, 2) + '\n';
  if (format === 'table') return segmentsAgreementTable(r, ctx);
  return writeAgreementCsv({ settings: {}, overall: r.overall, codes: r.codes, pairs: r.pairs })[0]!.text;
}

export function registerAgreementCommands(program: Command, out: Out): void {
  program
    .command('agreement')
    .argument('<input>', 'a project file, a segments CSV (coder,code,start,end[,media][,note]) or a reliability matrix CSV')
    .option('--unit <seconds>', 'slice length in seconds (default 1)')
    .option('--exact', 'continuous time: every instant is a unit, weighted by duration')
    .option('--coders <list>', 'coders to compare, comma-separated (default: all non-consensus coders)')
    .option('--codes <list>', 'codes to report, comma-separated full paths or unique names (default: every code the coders applied)')
    .option('--media <name>', 'media whose segments to compare (default: the only one)')
    .option('--duration <seconds>', 'timeline length (default: the media duration, else the largest segment end)')
    .option('--exclude-uncoded', 'drop the units where no selected coder applied any selected code')
    .option('--point-tolerance <seconds>', 'point events (markers) match when at most this far apart (default 1)')
    .option('--level <level>', 'matrix input only: nominal, ordinal, interval or ratio (default nominal)')
    .option('--format <format>', 'json, csv or table (default table)')
    .option('--matrix', 'read the input as a reliability matrix (header = coder names, one row per unit)')
    .description('compute inter-rater agreement (percent, Cohen, Fleiss, Krippendorff\'s alpha, positive agreement; per code, per pair, pooled)')
    .action((input: string, o: AgreementCliOptions) => {
      out.stdout(agreementReport(input, o));
    });
}
