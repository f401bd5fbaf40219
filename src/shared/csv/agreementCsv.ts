/**
 * The `agreement` export: three tidy files, each with one header row (no comment lines), so R's
 * read.csv / readr / pandas read them directly.
 *
 * 1. `agreement.csv` (suffix ''): the numbers, one row per scope:
 *      scope, code, coder_a, coder_b, units, percent_agreement, cohens_kappa, fleiss_kappa,
 *      krippendorff_alpha, positive_agreement, mean_pairwise_cohens_kappa, notes
 *    - scope `overall` (first, when given), then `code` rows (in the input order; `code` set),
 *      then `pair` rows (`coder_a`, `coder_b` set; pooled over the codes).
 *    - a statistic that does not apply or is undefined is an empty cell (NA), never NaN;
 *      numbers at full double precision with a '.' decimal point.
 *    - notes: why statistics are empty, "field: text" joined with "; ".
 * 2. `agreement-settings.csv` (suffix `-settings`): `setting,value`, one row per setting, in the
 *    input order (booleans as true/false, numbers plain). A side file rather than leading columns:
 *    repeating the settings on every row bloats the table, and extra header lines break
 *    read.csv; `setting,value` pivots to one record with tidyr::pivot_wider if needed.
 * 3. `agreement-decisions.csv` (suffix `-decisions`): the reconcile decision log, always written
 *    (header only when empty), one row per decision in the order given (time of decision):
 *      at, by, media, code, start, end, action, result_start, result_end, chosen_coder,
 *      rationale, undone_at, undone_by
 *    - at, undone_at: ISO 8601 UTC when given as epoch milliseconds, else the text as given;
 *    - start/end: the reconciled item's range (seconds); result_start/result_end: the range the
 *      decision wrote to the consensus layer (empty for a drop); chosen_coder: the coder whose
 *      reading was accepted (empty when none); undone_at/undone_by: set when the decision was
 *      later undone (the log keeps both).
 */
import type { AgreementCi, ConfidenceInterval, ContradictionAgreement, StatsCi, UnitizingResult } from '../agreement';
import type { GammaFigures } from '../agreement/gamma/gamma';
import { msToSecondsString } from '../time';
import { writeCsv, type CsvCell, type CsvFile, type CsvWriteOptions } from './safe';

type Num = number | null | undefined;

export interface AgreementCodeRow {
  code: string;
  units: Num;
  percentAgreement: Num;
  cohensKappa: Num;
  fleissKappa: Num;
  krippendorffAlpha: Num;
  positiveAgreement?: Num;
  notes?: Record<string, string | undefined>;
}

export interface AgreementPairRow {
  coders: readonly [string, string] | string[];
  percentAgreement: Num;
  cohensKappa: Num;
  krippendorffAlpha: Num;
  positiveAgreement?: Num;
  notes?: Record<string, string | undefined>;
}

export interface AgreementOverallRow {
  units?: Num;
  percentAgreement: Num;
  cohensKappa: Num;
  fleissKappa: Num;
  krippendorffAlpha: Num;
  positiveAgreement?: Num;
  meanPairwiseCohensKappa?: Num;
  notes?: Record<string, string | undefined>;
}

/** The agreement engine's result (SegmentsAgreementResult fits codes/pairs/overall) plus the settings used. */
export interface AgreementCsvInput {
  settings: Record<string, string | number | boolean>;
  overall?: AgreementOverallRow;
  codes: AgreementCodeRow[];
  pairs: AgreementPairRow[];
  /** Adds the column `u_alpha` (2016 uα per code; overall: the per-code continua laid end to end, as on the screen). */
  unitizing?: UnitizingResult | null;
  /** Adds the interval columns (AGREEMENT_CI_COLUMNS). */
  ci?: AgreementCi | null;
  /** Adds the contradiction columns (AGREEMENT_CONTRADICTION_COLUMNS) on the overall and pair rows. */
  contradictions?: ContradictionAgreement | null;
  /** Mathet's γ, when computed: extra columns (see GAMMA_COLUMNS). */
  gamma?: AgreementCsvGamma;
}

/** γ's figures (the CLI JSON's "gamma"). */
export type AgreementCsvGamma = GammaFigures;

/** Columns added when γ is computed: the overall row carries every figure, a code row its γ_k in `gamma`. */
export const GAMMA_COLUMNS = ['gamma', 'gamma_cat', 'gamma_disorder', 'gamma_expected_disorder', 'gamma_unitary_alignments', 'gamma_samples', 'gamma_sampler', 'gamma_precision', 'gamma_seed', 'gamma_alpha', 'gamma_beta', 'gamma_delta_empty'] as const;

function withGammaColumns(rows: CsvCell[][], g: AgreementCsvGamma): CsvCell[][] {
  const blank = GAMMA_COLUMNS.map(() => null);
  const overall = [g.gamma, g.gammaCat, g.disorder, g.expectedDisorder, g.unitaryAlignments, g.samples, g.sampler, g.precision, g.seed, g.alpha, g.beta, g.deltaEmpty];
  return rows.map((r) => {
    if (r[0] === 'overall') return [...r, ...overall];
    if (r[0] === 'code') return [...r, g.gammaK[String(r[1])] ?? null, ...blank.slice(1)];
    return [...r, ...blank];
  });
}

export interface ReconcileDecision {
  /** Epoch milliseconds, or an already formatted timestamp. */
  at: number | string;
  by: string;
  media: string;
  code: string;
  startMs: number;
  endMs: number;
  action: string;
  rationale: string;
  /** Range written to the consensus layer (absent/null for a drop). */
  resultStartMs?: number | null;
  resultEndMs?: number | null;
  chosenCoder?: string;
  undoneAt?: number | string | null;
  undoneBy?: string;
}

export const AGREEMENT_COLUMNS = [
  'scope',
  'code',
  'coder_a',
  'coder_b',
  'units',
  'percent_agreement',
  'cohens_kappa',
  'fleiss_kappa',
  'krippendorff_alpha',
  'positive_agreement',
  'mean_pairwise_cohens_kappa',
  'notes',
] as const;
export const AGREEMENT_UNITIZING_COLUMNS = ['u_alpha'] as const;
export const AGREEMENT_CONTRADICTION_COLUMNS = ['contradictions_matched', 'contradictions_only_a', 'contradictions_only_b', 'contradictions_f1', 'contradictions_level_kappa'] as const;
export const AGREEMENT_CI_COLUMNS = [
  'krippendorff_alpha_ci_lower',
  'krippendorff_alpha_ci_upper',
  'krippendorff_alpha_p_below_0.667',
  'krippendorff_alpha_p_below_0.8',
  'fleiss_kappa_ci_lower',
  'fleiss_kappa_ci_upper',
  'cohens_kappa_ci_lower',
  'cohens_kappa_ci_upper',
  'ci_level',
] as const;

function ciCells(c: StatsCi | undefined, level: number): CsvCell[] {
  const a = c?.krippendorffAlpha;
  const b = (x: ConfidenceInterval | null | undefined) => [x?.lower ?? null, x?.upper ?? null];
  return [...b(a), a?.pBelow['0.667'] ?? null, a?.pBelow['0.8'] ?? null, ...b(c?.fleissKappa), ...b(c?.cohensKappa), level];
}

/** The optional column sets of the numbers file (unitizing, intervals), per row. */
function extraColumns(input: AgreementCsvInput): { header: string[]; overall: () => CsvCell[]; code: (i: number, code: string) => CsvCell[]; pair: (i: number) => CsvCell[] } {
  const u = input.unitizing;
  const ci = input.ci;
  const uBy = new Map((u?.codes ?? []).map((c) => [c.code, c.uAlpha]));
  const k = input.contradictions;
  const header = [...(u !== undefined ? AGREEMENT_UNITIZING_COLUMNS : []), ...(ci ? AGREEMENT_CI_COLUMNS : []), ...(k ? AGREEMENT_CONTRADICTION_COLUMNS : [])];
  type KRow = { matched: number; onlyA: number; onlyB: number; f1: number | null; levelKappa: number | null };
  const kCells = (r: KRow | undefined): CsvCell[] => (k ? (r ? [r.matched, r.onlyA, r.onlyB, n(r.f1), n(r.levelKappa)] : [null, null, null, null, null]) : []);
  const kPair = (i: number) => {
    const p = input.pairs[i];
    return k?.pairs.find((x) => x.coders[0] === p?.coders[0] && x.coders[1] === p?.coders[1]);
  };
  const uCell = (v: Num) => (u !== undefined ? [n(v)] : []);
  const ciOf = (c: StatsCi | undefined) => (ci ? ciCells(c, ci.level) : []);
  return {
    header,
    overall: () => [...uCell(u?.overall.pooledUAlpha), ...ciOf(ci?.overall), ...kCells(k?.overall)],
    code: (i, code) => [...uCell(uBy.get(code)), ...ciOf(ci?.codes[i]?.ci), ...kCells(undefined)],
    pair: (i) => [...uCell(null), ...ciOf(ci?.pairs[i]?.ci), ...kCells(kPair(i))],
  };
}

export const AGREEMENT_SETTINGS_COLUMNS = ['setting', 'value'] as const;
export const DECISION_COLUMNS = [
  'at',
  'by',
  'media',
  'code',
  'start',
  'end',
  'action',
  'result_start',
  'result_end',
  'chosen_coder',
  'rationale',
  'undone_at',
  'undone_by',
] as const;

const n = (x: Num): number | null => (x === undefined || x === null || !Number.isFinite(x) ? null : x);

function notesText(notes: Record<string, string | undefined> | undefined): string {
  if (!notes) return '';
  return Object.entries(notes)
    .filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '')
    .map(([k, v]) => `${k}: ${v}`)
    .join('; ');
}

/** The `agreement` export: [agreement.csv, agreement-settings.csv, agreement-decisions.csv]. */
export function writeAgreementCsv(input: AgreementCsvInput, decisions: readonly ReconcileDecision[] = [], opts: CsvWriteOptions = {}): CsvFile[] {
  const rows: CsvCell[][] = [];
  const o = input.overall;
  const x = extraColumns(input);
  if (o) {
    rows.push(['overall', '', '', '', n(o.units), n(o.percentAgreement), n(o.cohensKappa), n(o.fleissKappa), n(o.krippendorffAlpha), n(o.positiveAgreement), n(o.meanPairwiseCohensKappa), notesText(o.notes), ...x.overall()]);
  }
  input.codes.forEach((c, i) => {
    rows.push(['code', c.code, '', '', n(c.units), n(c.percentAgreement), n(c.cohensKappa), n(c.fleissKappa), n(c.krippendorffAlpha), n(c.positiveAgreement), null, notesText(c.notes), ...x.code(i, c.code)]);
  });
  input.pairs.forEach((p, i) => {
    rows.push(['pair', '', p.coders[0], p.coders[1], null, n(p.percentAgreement), n(p.cohensKappa), null, n(p.krippendorffAlpha), n(p.positiveAgreement), null, notesText(p.notes), ...x.pair(i)]);
  });
  const settings: CsvCell[][] = Object.entries(input.settings).map(([k, v]) => [k, v]);
  const when = (t: number | string | null | undefined): string => (typeof t === 'number' ? new Date(t).toISOString() : (t ?? ''));
  const secs = (ms: number | null | undefined): number | null => (typeof ms === 'number' && Number.isFinite(ms) ? Number(msToSecondsString(ms)) : null);
  const log: CsvCell[][] = decisions.map((d) => [
    when(d.at),
    d.by,
    d.media,
    d.code,
    secs(d.startMs),
    secs(d.endMs),
    d.action,
    secs(d.resultStartMs),
    secs(d.resultEndMs),
    d.chosenCoder ?? '',
    d.rationale,
    when(d.undoneAt),
    d.undoneBy ?? '',
  ]);
  return [
    input.gamma
      ? { name: 'agreement.csv', suffix: '', text: writeCsv([...AGREEMENT_COLUMNS, ...x.header, ...GAMMA_COLUMNS], withGammaColumns(rows, input.gamma), opts) }
      : { name: 'agreement.csv', suffix: '', text: writeCsv([...AGREEMENT_COLUMNS, ...x.header], rows, opts) },
    { name: 'agreement-settings.csv', suffix: '-settings', text: writeCsv(AGREEMENT_SETTINGS_COLUMNS, settings, opts) },
    { name: 'agreement-decisions.csv', suffix: '-decisions', text: writeCsv(DECISION_COLUMNS, log, opts) },
  ];
}
