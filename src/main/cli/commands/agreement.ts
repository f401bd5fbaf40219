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
  ciTable,
  contradictionsTable,
  krippendorffAlpha,
  seededSampler,
  unitizingTable,
  type AgreementCi,
  type CiOptions,
  type Coincidences,
  type ContradictionAgreement,
  type UnitizingResult,
  computeMatrixAgreement,
  fmt3,
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
import { asUserError, csvAgreementInput, gammaFigures, looksLikePygammaCsv, projectAgreementInput, pygammaCsvInput, selectionGamma, type AgreementInput } from '../../features/agreement/agreement';
import { GAMMA_SAMPLERS, type GammaFigures, type GammaOptions, type GammaSampler } from '../../../shared/agreement/gamma';
import { projectContradictionAgreement } from '../../features/agreement/contradictions';
import { agreementBundle, bundleJson } from '../../features/agreement/bundle';
import { segmentsAbout } from '../../features/participants/agreement';
import type { Out } from '../io';
import { describe } from '../summaries';

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
  // Mathet's gamma (issue 15)
  gamma?: boolean;
  gammaSampler?: string;
  seed?: string;
  precision?: string;
  gammaAlpha?: string;
  gammaBeta?: string;
  deltaEmpty?: string;
  // Confidence intervals and contradictions (issue 15); --seed is shared with gamma
  /** `--ci [LEVEL]`: true, or the level as typed. */
  ci?: boolean | string;
  bootstrap?: string;
  contradictions?: boolean;
  minOverlap?: string;
  // Participants and groups (issue 16)
  participants?: string;
  groups?: string;
}

const MATRIX_CI_NOTE = 'matrix input: the interval is for alpha only (the kappas of a matrix have none yet)';

export type InputKind = 'project' | 'segments' | 'pygamma' | 'matrix';

const SQLITE_MAGIC = 'SQLite format 3\u0000';

/**
 * Decides what the input file is from its first bytes / header row. A segments CSV is not read
 * here (its reader streams it: a million rows are 65 MB); the other kinds come with their text.
 */
export function detectInputKind(file: string, forceMatrix: boolean): { kind: InputKind; text?: string } {
  if (!fs.existsSync(file)) throw new UserError('not_found', `${file}: no such file`);
  if (fs.statSync(file).isDirectory()) throw new UserError('invalid', `${file}: is a folder, not a file`);
  // A project file is known by its first 16 bytes: it is never read whole here (a million
  // segments make a 500 MB file, which the store then reads by pages).
  const head = fileHead(file, HEAD_BYTES);
  if (head.subarray(0, 16).toString('latin1') === SQLITE_MAGIC) {
    if (forceMatrix) throw new UserError('invalid', `${file}: --matrix: this is a project file, not a reliability matrix CSV`);
    return { kind: 'project' };
  }
  // The header row decides (read alone: the whole file is parsed once, later, by its reader).
  if (!forceMatrix && isSegmentsHeader(firstLine(head))) return { kind: 'segments' };
  const buf = head.length < HEAD_BYTES ? head : fs.readFileSync(file);
  if (buf.length === 0) throw new UserError('empty', `${file}: file is empty`);
  const text = decodeUtf8(buf, file);
  if (text.trim() === '') throw new UserError('empty', `${file}: file is empty`);
  if (forceMatrix) return { kind: 'matrix', text };
  const records = asUserError(file, () => readCsv(firstLine(buf)));
  // No header, annotator,category,start,end with numbers: pygamma-agreement's CSV.
  return { kind: looksLikePygammaCsv(records[0]?.cells ?? []) ? 'pygamma' : 'matrix', text };
}

/** Bytes read to find the header row; a longer first line reads the whole file as before. */
const HEAD_BYTES = 64 * 1024;

/**
 * The first line of a file's bytes (without a BOM), or '' when it is not complete UTF-8
 * (a line longer than the bytes read, or bad bytes: the full reading then says which).
 */
function firstLine(bytes: Buffer): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, lineEnd(bytes)));
  } catch {
    return '';
  }
  return text.replace(/^\uFEFF/, '');
}

/** Index of the first CR or LF (the buffer's length when there is none). */
function lineEnd(bytes: Buffer): number {
  const lf = bytes.indexOf(0x0a);
  const cr = bytes.indexOf(0x0d);
  const ends = [lf, cr].filter((i) => i >= 0);
  return ends.length ? Math.min(...ends) : bytes.length;
}

/** A header naming coder and code is a segments CSV (its parser then names any missing column). */
function isSegmentsHeader(line: string): boolean {
  if (line.trim() === '') return false;
  let cells: string[];
  try {
    cells = readCsv(line)[0]?.cells ?? [];
  } catch {
    return false;
  }
  const header = new Set(cells.map((c) => c.trim().toLowerCase()));
  return header.has('coder') && header.has('code');
}

/** The first n bytes of a file (fewer when it is shorter). */
function fileHead(file: string, n: number): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(n);
    return buf.subarray(0, fs.readSync(fd, buf, 0, n, 0));
  } finally {
    fs.closeSync(fd);
  }
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
export async function agreementReport(file: string, o: AgreementCliOptions): Promise<string> {
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
  const gammaOptions = parseGammaOptions(o);
  const ciOpts = ciOptions(o);

  const { kind, text } = detectInputKind(file, o.matrix === true);

  if (kind === 'matrix') {
    if (gammaOptions) throw new UserError('invalid', `${file}: --gamma aligns coded segments; this file reads as a reliability matrix (its header names neither "coder" nor "code")`);
    const segOnly = (['unit', 'exact', 'codes', 'media', 'duration', 'excludeUncoded', 'contradictions', 'pointTolerance'] as const).find((k) => o[k] !== undefined && o[k] !== false);
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
  if (o.contradictions && kind !== 'project') throw new UserError('invalid', `${file}: --contradictions needs a project file (a segments CSV has no contradictions)`);
  if ((o.participants || o.groups) && kind !== 'project') throw new UserError('invalid', `${file}: --participants and --groups need a project file (a CSV does not say who a segment is about)`);
  if (kind === 'project') {
    const store = ProjectStore.open(file, { readonly: true });
    try {
      const onlySegments = segmentsAbout(store, { participantNames: list(o.participants, '--participants'), groupNames: list(o.groups, '--groups') }, file);
      input = projectAgreementInput(store, { mediaName: o.media, coderNames, codeNames, segmentIds: false, onlySegments });
      if (o.contradictions) contradictions = projectContradictionAgreement(store, input.coders, minOverlap);
    } finally {
      store.close();
    }
  } else if (kind === 'pygamma') {
    if (o.media !== undefined) throw new UserError('invalid', `${file}: --media: pygamma's CSV (annotator,category,start,end) has no media column`);
    input = pygammaCsvInput(text!, file, { coderNames, codeNames });
  } else {
    input = await csvAgreementInput(file, { coderNames, codeNames, mediaName: o.media });
  }
  const b = agreementBundle(file, input, { unitMs, exact: o.exact === true, excludeUncoded: o.excludeUncoded === true, durationMs, pointToleranceMs, ci: ciOpts }, contradictions);
  const r = b.result;
  const gamma = gammaOptions ? gammaFigures((await selectionGamma(input, file, gammaOptions)).result) : undefined;
  if (format === 'json') return JSON.stringify({ ...bundleJson(b), ...(gamma ? { gamma } : {}) }, null, 2) + '\n';
  if (format === 'table') return segmentsAgreementTable(r, { media: input.media }) + (gamma ? gammaTable(gamma) : '') + extraSections(b.unitizing, b.unitizingNote, b.ci, contradictions);
  return writeAgreementCsv({ settings: {}, overall: r.overall, codes: r.codes, pairs: r.pairs, gamma, unitizing: b.unitizing, ci: b.ci, contradictions })[0]!.text;
}

// ---- Confidence intervals, unitizing alpha, contradictions (issue 15) ------------------------

function extraSections(u: UnitizingResult | null, uNote: string | undefined, ci: AgreementCi | null, k: ContradictionAgreement | null): string {
  const lines = ['', ...unitizingTable(u, uNote)];
  if (ci) lines.push('', ...ciTable(ci));
  if (k) lines.push('', ...contradictionsTable(k));
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

/** `--ci [LEVEL] --bootstrap N --seed S` → bootstrap settings, or null without `--ci` (--seed also serves --gamma). */
export function ciOptions(o: Pick<AgreementCliOptions, 'ci' | 'bootstrap' | 'seed' | 'gamma'>): CiOptions | null {
  if (o.ci === undefined || o.ci === false) {
    if (o.bootstrap !== undefined) throw new UserError('invalid', '--bootstrap applies to confidence intervals: add --ci');
    if (o.seed !== undefined && !o.gamma) throw new UserError('invalid', '--seed applies to confidence intervals (--ci) and gamma (--gamma): add one');
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

function matrixCoincidences(units: Parameters<typeof krippendorffAlpha>[0], level: MeasurementLevel): Coincidences {
  const a = krippendorffAlpha(units, level);
  return { o: a.coincidences, delta: a.delta, pairs: a.pairs };
}

// ---- Mathet's gamma (issue 15) -------------------------------------------------------------

/** A decimal number option (≥ 0, or > 0 when `positive`). */
function decimal(v: string, flag: string, positive = false): number {
  const t = v.trim();
  const x = /^(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i.test(t) ? Number(t) : NaN;
  if (!Number.isFinite(x) || (positive && x === 0)) throw new UserError('invalid', `${flag}: "${v}" is not a number ${positive ? '> 0' : '≥ 0'}`);
  return x;
}

/** The γ options, or null without --gamma (γ-only options without it are refused). */
export function parseGammaOptions(o: AgreementCliOptions): GammaOptions | null {
  const given = (['gammaSampler', 'precision', 'gammaAlpha', 'gammaBeta', 'deltaEmpty'] as const).find((k) => o[k] !== undefined);
  if (!o.gamma) {
    if (given) throw new UserError('invalid', `--${given.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} applies to Mathet's gamma: add --gamma`);
    return null;
  }
  const g: GammaOptions = {};
  if (o.gammaSampler !== undefined) {
    if (!GAMMA_SAMPLERS.includes(o.gammaSampler as GammaSampler)) throw new UserError('invalid', `--gamma-sampler: "${o.gammaSampler}" is not one of ${GAMMA_SAMPLERS.join(', ')}`);
    g.sampler = o.gammaSampler as GammaSampler;
  }
  if (o.seed !== undefined) {
    if (!/^\d{1,10}$/.test(o.seed.trim()) || Number(o.seed) > 0xffffffff) throw new UserError('invalid', `--seed: "${o.seed}" is not a whole number from 0 to 4294967295`);
    g.seed = Number(o.seed);
  }
  if (o.precision !== undefined) {
    g.precision = decimal(o.precision, '--precision', true);
    if (g.precision >= 1) throw new UserError('invalid', `--precision: "${o.precision}" must be below 1 (0.05 = the expected disorder within ±5 %)`);
  }
  if (o.gammaAlpha !== undefined) g.alpha = decimal(o.gammaAlpha, '--gamma-alpha');
  if (o.gammaBeta !== undefined) g.beta = decimal(o.gammaBeta, '--gamma-beta');
  if (o.deltaEmpty !== undefined) g.deltaEmpty = decimal(o.deltaEmpty, '--delta-empty', true);
  return g;
}

/** The γ section of the table format. */
export function gammaTable(g: GammaFigures): string {
  const ks = Object.entries(g.gammaK);
  const w = Math.max(8, ...ks.map(([k]) => k.length));
  return [
    '',
    `Mathet's gamma (α ${g.alpha}, β ${g.beta}, δ∅ ${g.deltaEmpty}; ${g.sampler} sampler, seed ${g.seed}, precision ${g.precision})`,
    `  gamma ${fmt3(g.gamma)}   gamma-cat ${fmt3(g.gammaCat)}`,
    `  observed disorder ${g.disorder.toFixed(4)} over ${g.unitaryAlignments} unitary alignments; expected ${g.expectedDisorder.toFixed(4)} from ${g.samples} samples`,
    `  ${'category'.padEnd(w)}  gamma-k`,
    ...ks.map(([k, v]) => `  ${k.padEnd(w)}  ${fmt3(v)}`),
    '',
  ].join('\n');
}

export function registerAgreementCommands(program: Command, out: Out): void {
  program
    .command('agreement')
    .argument('<input>', "a project file, a segments CSV (coder,code,start,end[,media][,note]), pygamma's headerless annotator,category,start,end CSV, or a reliability matrix CSV")
    .option('--unit <seconds>', 'slice length in seconds (default 1)')
    .option('--exact', 'continuous time: every instant is a unit, weighted by duration')
    .option('--coders <list>', 'coders to compare, comma-separated (default: all non-consensus coders)')
    .option('--codes <list>', 'codes to report, comma-separated full paths or unique names (default: every code the coders applied)')
    .option('--media <name>', 'media whose segments to compare (default: the only one)')
    .option('--participants <list>', 'project input: only segments about these participants, comma-separated names')
    .option('--groups <list>', 'project input: only segments about a member of these groups, comma-separated names')
    .option('--duration <seconds>', 'timeline length (default: the media duration, else the largest segment end)')
    .option('--exclude-uncoded', 'drop the units where no selected coder applied any selected code')
    .option('--point-tolerance <seconds>', 'point events (markers) match when at most this far apart (default 1)')
    .option('--level <level>', 'matrix input only: nominal, ordinal, interval or ratio (default nominal)')
    .option('--format <format>', 'json, csv or table (default table)')
    .option('--matrix', 'read the input as a reliability matrix (header = coder names, one row per unit)')
    .option('--gamma', "Mathet's gamma: best alignment of the coders' segments, gamma, gamma-cat and gamma-k per code")
    .option('--gamma-sampler <sampler>', 'gamma: random continua by shuffle (Mathet) or statistical (pygamma, default)')
    .option('--seed <n>', 'gamma and --ci: seed of the random samples (default 1)')
    .option('--precision <p>', 'gamma: sample until the expected disorder is within ±p (relative, 95 %; default 0.05)')
    .option('--gamma-alpha <a>', 'gamma: weight of the positional dissimilarity (default 3)')
    .option('--gamma-beta <b>', 'gamma: weight of the categorical dissimilarity (default 1)')
    .option('--delta-empty <d>', 'gamma: cost of a unit aligned with nothing (default 1)')
    .option('--ci [level]', 'bootstrap confidence intervals of alpha and the kappas (default level 0.95)')
    .option('--bootstrap <n>', 'bootstrap samples for --ci (default 1000)')
    .option('--contradictions', 'project input: agreement on coded contradictions (matched / only one coder, F1, kappa on the level)')
    .option('--min-overlap <share>', 'with --contradictions: share of the shorter evidence two contradictions must share (default 0.5)')
    .description(describe('agreement'))
    .action(async (input: string, o: AgreementCliOptions) => {
      out.stdout(await agreementReport(input, o));
    });
}
