/**
 * `agreement <input> [options]` (contract: "agreement"). The input is detected by its content:
 * a project file (SQLite header), a segments CSV (header naming coder and code), or else a
 * reliability matrix (header = coder names; `--matrix` forces this reading).
 */
import fs from 'node:fs';
import type { Command } from 'commander';
import {
  MEASUREMENT_LEVELS,
  alphaBootstrap,
  fmt3,
  krippendorffAlpha,
  seededSampler,
  ciTable,
  unitizingTable,
  contradictionsTable,
  type AgreementCi,
  type ContradictionAgreement,
  type Coincidences,
  type CiOptions,
  type UnitizingResult,
  computeMatrixAgreement,
  matrixAgreementJson,
  matrixAgreementTable,
  parseReliabilityMatrix,
  segmentsAgreementTable,
  type MeasurementLevel,
} from '../../../shared/agreement';
import { readCsv, writeAgreementCsv, writeCsv } from '../../../shared/csv';
import { UserError } from '../../../shared/errors';
import { decodeUtf8 } from '../../../shared/limits';
import { ProjectStore } from '../../db/store';
import { asUserError, csvAgreementInput, projectAgreementInput, type AgreementInput } from '../../ops/agreement';
import { projectContradictionAgreement } from '../../ops/agreementContradictions';
import { agreementBundle, bundleJson } from '../../ops/agreementBundle';
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
  level?: string;
  format?: string;
  matrix?: boolean;
  /** `--ci [LEVEL]`: true, or the level as typed. */
  ci?: boolean | string;
  contradictions?: boolean;
  minOverlap?: string;
  bootstrap?: string;
  seed?: string;
}

const MATRIX_CI_NOTE = 'matrix input: the interval is for alpha only (the kappas of a matrix have none yet)';

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
  const coderNames = list(o.coders, '--coders');
  const codeNames = list(o.codes, '--codes');

  const ciOpts = ciOptions(o);
  const { kind, text } = detectInputKind(file, o.matrix === true);

  if (kind === 'matrix') {
    const segOnly = (['unit', 'exact', 'codes', 'media', 'duration', 'excludeUncoded', 'contradictions'] as const).find((k) => o[k] !== undefined && o[k] !== false);
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
    const level = (o.level ?? 'nominal') as MeasurementLevel;
    const r = asUserError(file, () => computeMatrixAgreement(data, { level }));
    const ci = ciOpts ? alphaBootstrap(matrixCoincidences(data.units, level), seededSampler(ciOpts.seed!, 'matrix\u0000alpha'), ciOpts) : undefined;
    if (format === 'json') return JSON.stringify({ ...matrixAgreementJson(r), ...(ciOpts ? { ci: { krippendorffAlpha: ci }, bootstrap: { ...ciOpts, note: MATRIX_CI_NOTE } } : {}) }, null, 2) + '\n';
    if (format === 'table') return matrixAgreementTable(r) + (ciOpts ? `\nBootstrap ${Math.round(ciOpts.level! * 1000) / 10} % interval of alpha (${ciOpts.samples} samples, seed ${ciOpts.seed}; Hayes & Krippendorff 2007): ${ci ? `[${fmt3(ci.lower)}, ${fmt3(ci.upper)}], q(α < .667) = ${fmt3(ci.pBelow['0.667'])}, q(α < .8) = ${fmt3(ci.pBelow['0.8'])}` : '—'}\n${MATRIX_CI_NOTE}\n` : '');
    const rows = (['krippendorffAlpha', 'fleissKappa', 'cohensKappa', 'percentAgreement'] as const).map((k) => [k, r[k], r.notes[k] ?? '']);
    return writeCsv(['measure', 'value', 'notes'], [...rows, ['units', r.units, ''], ['pairableUnits', r.pairableUnits, ''], ['completeUnits', r.completeUnits, '']]);
  }

  if (o.level !== undefined) throw new UserError('invalid', `${file}: --level applies to reliability matrix input only (coded segments are nominal: applied or not)`);
  let input: AgreementInput;
  let contradictions: ContradictionAgreement | null = null;
  const minOverlap = minOverlapOption(o);
  if (kind === 'project') {
    const store = ProjectStore.open(file, { readonly: true });
    try {
      input = projectAgreementInput(store, { mediaName: o.media, coderNames, codeNames });
      if (o.contradictions) contradictions = projectContradictionAgreement(store, input.coders, minOverlap);
    } finally {
      store.close();
    }
  } else {
    if (o.contradictions) throw new UserError('invalid', `${file}: --contradictions needs a project file (a segments CSV has no contradictions)`);
    input = csvAgreementInput(text!, file, { coderNames, codeNames, mediaName: o.media });
  }
  const b = agreementBundle(file, input, { unitMs, exact: o.exact === true, excludeUncoded: o.excludeUncoded === true, durationMs, ci: ciOpts }, contradictions);
  if (format === 'json') return JSON.stringify(bundleJson(b), null, 2) + '\n';
  const r = b.result;
  if (format === 'table') return segmentsAgreementTable(r, { media: input.media }) + extraSections(b.unitizing, b.unitizingNote, b.ci) + (contradictions ? ['', ...contradictionsTable(contradictions), ''].join('\n') : '');
  return writeAgreementCsv({ settings: {}, overall: r.overall, codes: r.codes, pairs: r.pairs, unitizing: b.unitizing, ci: b.ci, contradictions })[0]!.text;
}

function extraSections(u: UnitizingResult | null, uNote: string | undefined, ci: AgreementCi | null): string {
  const lines = ['', ...unitizingTable(u, uNote)];
  if (ci) lines.push('', ...ciTable(ci));
  return lines.join('\n') + '\n';
}

/** `--min-overlap SHARE` (0 < share ≤ 1, default 0.5); only with `--contradictions`. */
function minOverlapOption(o: AgreementCliOptions): number {
  if (o.minOverlap === undefined) return 0.5;
  if (!o.contradictions) throw new UserError('invalid', '--min-overlap applies to --contradictions: add it');
  const v = Number(o.minOverlap);
  if (!/^\d*\.?\d+$/.test(o.minOverlap.trim()) || !(v > 0 && v <= 1)) throw new UserError('invalid', `--min-overlap: "${o.minOverlap}" must be a share of the shorter evidence, above 0 and at most 1`);
  return v;
}

/** `--ci [LEVEL] --bootstrap N --seed S` → bootstrap settings, or null without `--ci`. */
export function ciOptions(o: Pick<AgreementCliOptions, 'ci' | 'bootstrap' | 'seed'>): CiOptions | null {
  if (o.ci === undefined || o.ci === false) {
    if (o.bootstrap !== undefined || o.seed !== undefined) throw new UserError('invalid', '--bootstrap and --seed apply to confidence intervals: add --ci');
    return null;
  }
  let level = 0.95;
  if (typeof o.ci === 'string') {
    level = Number(o.ci);
    if (level > 1 && level < 100) level /= 100;
    if (!/^\d*\.?\d+$/.test(o.ci.trim()) || !(level > 0 && level < 1)) throw new UserError('invalid', `--ci: "${o.ci}" is not a confidence level (0.95 or 95)`);
  }
  const samples = o.bootstrap === undefined ? 1000 : Number(o.bootstrap);
  if (!/^\d+$/.test(String(o.bootstrap ?? '1000').trim()) || samples < 1 || samples > 1_000_000) throw new UserError('invalid', `--bootstrap: "${o.bootstrap}" must be a whole number of samples from 1 to 1000000`);
  const seed = o.seed === undefined ? 1 : Number(o.seed);
  if (!/^\d+$/.test(String(o.seed ?? '1').trim()) || !Number.isSafeInteger(seed)) throw new UserError('invalid', `--seed: "${o.seed}" must be a whole number`);
  return { level, samples, seed };
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
    .option('--level <level>', 'matrix input only: nominal, ordinal, interval or ratio (default nominal)')
    .option('--format <format>', 'json, csv or table (default table)')
    .option('--matrix', 'read the input as a reliability matrix (header = coder names, one row per unit)')
    .option('--contradictions', 'project input: agreement on coded contradictions (matched / only one coder, F1, kappa on the level)')
    .option('--min-overlap <share>', 'with --contradictions: share of the shorter evidence two contradictions must share (default 0.5)')
    .option('--ci [level]', 'bootstrap confidence intervals of alpha and the kappas (default level 0.95)')
    .option('--bootstrap <n>', 'bootstrap samples for --ci (default 1000)')
    .option('--seed <n>', 'seed of the bootstrap (default 1): the same seed gives the same intervals')
    .description('compute inter-rater agreement (percent, Cohen, Fleiss, Krippendorff\'s alpha, positive agreement; per code, per pair, pooled)')
    .action((input: string, o: AgreementCliOptions) => {
      out.stdout(agreementReport(input, o));
    });
}

function matrixCoincidences(units: Parameters<typeof krippendorffAlpha>[0], level: MeasurementLevel): Coincidences {
  const a = krippendorffAlpha(units, level);
  return { o: a.coincidences, delta: a.delta, pairs: a.pairs };
}
