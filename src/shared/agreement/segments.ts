/**
 * Agreement of coded segments (contract: "agreement", segments input): per code,
 * per pair of coders and pooled overall, in time-slice or exact mode.
 */
import type { AgreementSegment, Notes, SelectionOptions, Stat } from './types';
import {
  addTally,
  confusionCohensKappa,
  confusionPositiveAgreement,
  emptyTally,
  meanOfStats,
  pairConfusion,
  pairTally,
  tallyFleissKappa,
  tallyKrippendorffAlpha,
  tallyPercentAgreement,
  type BinaryTally,
  type PairConfusion,
} from './measures';
import { byCode, selectSegments, type Selection } from './select';
import { sliceGrid, sliceTallies } from './slices';
import { exactTallies } from './exact';
import { computePointAgreement, splitPointCodes, type PointAgreementResult } from './points';

export interface AgreementOptions extends SelectionOptions {
  /** Slice length in ms (default 1000). Ignored when `exact`. */
  unitMs?: number;
  /** Continuous time (u → 0), from interval boundaries. */
  exact?: boolean;
  /** Drop the units where no selected coder applied any selected code. */
  excludeUncoded?: boolean;
  /**
   * Point-event codes (e.g. marker codes): never in the slice/exact statistics nor pooled in
   * overall; compared in `points` instead.
   */
  pointCodes?: readonly string[];
  /** Tolerance of point matching in ms (default 1000). */
  pointToleranceMs?: number;
}

/** The statistics of one code, or of all codes pooled. */
export interface AgreementStats {
  /** Units compared: slices; null in exact mode (see `unitsDuration`). */
  units: number | null;
  /** Total time of the units compared, in seconds. */
  unitsDuration: number;
  percentAgreement: number | null;
  /** Only for exactly two coders. */
  cohensKappa: number | null;
  fleissKappa: number | null;
  /** Nominal (binary) alpha; small-sample form with slices, n → ∞ form in exact mode. */
  krippendorffAlpha: number | null;
  /** Only for exactly two coders: 2·both / (2·both + onlyA + onlyB). */
  positiveAgreement: number | null;
  /** Light's kappa: the mean of the pairwise Cohen's kappas. */
  meanPairwiseCohensKappa: number | null;
  /** Why a statistic is null, keyed by its field name. */
  notes: Notes;
}

export interface CodeAgreement extends AgreementStats {
  code: string;
  /** Point events of this code (excluded from the slice/exact statistics). */
  pointEvents: number;
}

/** A pair's 2x2 table: slice counts, or seconds in exact mode. */
export type Confusion = PairConfusion;

/** The statistics of one pair of coders over some units (from their 2x2 table). */
export interface PairStats {
  percentAgreement: number | null;
  cohensKappa: number | null;
  krippendorffAlpha: number | null;
  positiveAgreement: number | null;
  confusion: Confusion;
  notes: Notes;
}

export interface PairCodeAgreement extends PairStats {
  code: string;
}

/** Pooled over the selected codes (statistics of the summed 2x2 tables), and per code. */
export interface PairAgreement extends PairStats {
  coders: [string, string];
  codes: PairCodeAgreement[];
}

export interface SegmentsAgreementResult {
  input: 'segments';
  /** Slice length in seconds; null in exact mode. */
  unit: number | null;
  exact: boolean;
  /** Timeline length D in seconds. */
  duration: number;
  excludeUncoded: boolean;
  coders: string[];
  /** Slices compared per code; null in exact mode. */
  units: number | null;
  /** Unit of the confusion tables: slice counts or seconds. */
  confusionUnit: 'slices' | 'seconds';
  overall: AgreementStats;
  codes: CodeAgreement[];
  pairs: PairAgreement[];
  /** Point events of the selection, excluded from these statistics (see findDisagreements). */
  pointEvents: number;
  /** Agreement of the point codes (see points.ts); they are not in `codes` nor `overall`. */
  points: PointAgreementResult;
  /** Caveats about the whole computation. */
  notes: string[];
}

/** The sufficient statistics of a selection: one binary tally per code and their pooled sum. */
export interface AgreementTallies {
  coders: string[];
  codes: string[];
  exact: boolean;
  excludeUncoded: boolean;
  unitMs: number;
  durationMs: number;
  perCode: BinaryTally[];
  pooled: BinaryTally;
  /** Slices per code; null in exact mode. */
  units: number | null;
  unitsMs: number;
  pointsByCode: number[];
  points: number;
  /** The point codes (not in `codes`) and their agreement. */
  pointCodes: string[];
  pointAgreement: PointAgreementResult;
}

/** Selects and tallies the segments (the costly part, shared by the statistics and their intervals). */
export function agreementTallies(segments: readonly AgreementSegment[], options: AgreementOptions = {}): AgreementTallies {
  return talliesOf(selectSegments(segments, options), options);
}

/** Tallies a selection made by selectSegments with `options` (agreementTallies, given the selection). */
export function talliesOf(all: Selection, options: AgreementOptions = {}): AgreementTallies {
  const split = splitPointCodes(all, options.pointCodes);
  const sel = split.ranges;
  const m = sel.coders.length;
  const exact = options.exact === true;
  const excludeUncoded = options.excludeUncoded === true;
  const unitMs = options.unitMs ?? 1000;
  const intervalsByCode = byCode(sel.intervals, sel.codes.length);
  const pointsByCode = byCode(sel.points, sel.codes.length);

  let perCode: BinaryTally[];
  let units: number | null;
  let unitsMs: number;
  if (exact) {
    const t = exactTallies(intervalsByCode, m, sel.durationMs, excludeUncoded);
    perCode = t.perCode;
    units = null;
    unitsMs = t.unitsMs;
  } else {
    const grid = sliceGrid(unitMs, sel.durationMs);
    const t = sliceTallies(intervalsByCode, m, grid, excludeUncoded);
    perCode = t.perCode;
    units = t.units;
    // Time of the units: every slice is u long except a partial last one.
    unitsMs = excludeUncoded ? t.units * unitMs : sel.durationMs;
  }
  const pooled = emptyTally(m);
  for (const t of perCode) addTally(pooled, t);
  return {
    coders: sel.coders,
    codes: sel.codes,
    exact,
    excludeUncoded,
    unitMs,
    durationMs: sel.durationMs,
    perCode,
    pooled,
    units,
    unitsMs,
    pointsByCode: pointsByCode.map((p) => p.length),
    points: all.points.length,
    pointCodes: split.pointCodes.map((c) => all.codes[c]!),
    pointAgreement: computePointAgreement(all, split.pointCodes, options.pointToleranceMs),
  };
}

/**
 * The selection selectSegments makes with the same options less the point codes (the units of
 * the unitizing alphas), from the one with them: the same segments, renumbered codes, and, when
 * the timeline length was not given, the largest end of what is left.
 */
export function withoutPointCodes(all: Selection, pointCodes: readonly string[], durationGiven: boolean): Selection {
  const ranges = splitPointCodes(all, pointCodes).ranges;
  if (durationGiven) return ranges;
  let durationMs = 0;
  for (const s of ranges.intervals) if (s.endMs > durationMs) durationMs = s.endMs;
  for (const s of ranges.points) if (s.endMs > durationMs) durationMs = s.endMs;
  return durationMs === ranges.durationMs ? ranges : { ...ranges, durationMs };
}

/** Computes the contract's agreement numbers for coded segments. Throws AgreementInputError. */
export function computeAgreement(segments: readonly AgreementSegment[], options: AgreementOptions = {}): SegmentsAgreementResult {
  return agreementFromTallies(agreementTallies(segments, options));
}

/** The contract's agreement numbers from the tallies of a selection. */
export function agreementFromTallies(t: AgreementTallies): SegmentsAgreementResult {
  const sel = { coders: t.coders, codes: t.codes, durationMs: t.durationMs, points: { length: t.points } };
  const { exact, excludeUncoded, unitMs, perCode, pooled, units, unitsMs } = t;
  const m = sel.coders.length;
  // In exact mode the tallies are in ms; report tables in seconds.
  const scale = exact ? 1 / 1000 : 1;

  const codes: CodeAgreement[] = sel.codes.map((code, c) => {
    const stats = statsOf(perCode[c], sel.coders, exact, units, unitsMs);
    const pointEvents = t.pointsByCode[c];
    if (pointEvents > 0) {
      stats.notes.pointEvents = `${pointEvents} point event(s) of this code are not in these statistics (a point covers no slice midpoint); see the segment-level disagreements`;
    }
    return { code, ...stats, pointEvents };
  });
  const overall = statsOf(pooled, sel.coders, exact, units === null ? null : units * sel.codes.length, unitsMs * sel.codes.length);
  if (sel.codes.length === 0) overall.notes.units = 'no code selected';

  const pairs: PairAgreement[] = [];
  for (let i = 0; i < m; i++) {
    for (let j = i + 1; j < m; j++) {
      const pooledPair = pairStats(pooled, i, j, exact, scale);
      pairs.push({
        coders: [sel.coders[i], sel.coders[j]],
        ...pooledPair,
        codes: sel.codes.map((code, c) => ({ code, ...pairStats(perCode[c], i, j, exact, scale) })),
      });
    }
  }

  const notes: string[] = [];
  if (t.pointCodes.length > 0) {
    notes.push(`point code(s) ${t.pointCodes.join(', ')} are compared as point events (see points), not in these statistics`);
  }
  if (sel.points.length > 0) {
    notes.push(`${sel.points.length} point event(s) are excluded from the statistics: they cover no slice midpoint and no duration`);
  }
  if (excludeUncoded) notes.push('units where no selected coder applied any selected code are excluded');
  if (sel.codes.length > 0) {
    notes.push('overall pools every (code, unit) pair of the selected codes into one table; it is not a mean of the per-code values');
  }

  return {
    input: 'segments',
    unit: exact ? null : unitMs / 1000,
    exact,
    duration: sel.durationMs / 1000,
    excludeUncoded,
    coders: sel.coders,
    units,
    confusionUnit: exact ? 'seconds' : 'slices',
    overall,
    codes,
    pairs,
    pointEvents: sel.points.length,
    points: t.pointAgreement,
    notes,
  };
}

function statsOf(t: BinaryTally, coders: readonly string[], exact: boolean, units: number | null, unitsMs: number): AgreementStats {
  const m = coders.length;
  const notes: Notes = {};
  const take = (name: keyof Notes, s: Stat) => {
    if (s.note) notes[name] = s.note;
    return s.value;
  };
  const two = m === 2;
  const pairKappas: { label: string; stat: Stat }[] = [];
  for (let i = 0; i < m; i++) {
    for (let j = i + 1; j < m; j++) {
      pairKappas.push({ label: `${coders[i]}–${coders[j]}`, stat: confusionCohensKappa(pairConfusion(t, i, j)) });
    }
  }
  const onlyTwo = (what: string): Stat => ({ value: null, note: `${what} is defined for exactly two coders; ${m} are selected` });
  return {
    units,
    unitsDuration: unitsMs / 1000,
    percentAgreement: take('percentAgreement', tallyPercentAgreement(t)),
    cohensKappa: take('cohensKappa', two ? pairKappas[0].stat : onlyTwo("Cohen's kappa")),
    fleissKappa: take('fleissKappa', tallyFleissKappa(t)),
    krippendorffAlpha: take('krippendorffAlpha', tallyKrippendorffAlpha(t, exact)),
    positiveAgreement: take('positiveAgreement', two ? confusionPositiveAgreement(pairConfusion(t, 0, 1)) : onlyTwo('positive agreement')),
    meanPairwiseCohensKappa: take('meanPairwiseCohensKappa', meanOfStats(pairKappas)),
    notes,
  };
}

function pairStats(t: BinaryTally, i: number, j: number, exact: boolean, scale: number) {
  const notes: Notes = {};
  const take = (name: keyof Notes, s: Stat) => {
    if (s.note) notes[name] = s.note;
    return s.value;
  };
  const conf = pairConfusion(t, i, j);
  const pt = pairTally(t, i, j);
  return {
    percentAgreement: take('percentAgreement', tallyPercentAgreement(pt)),
    cohensKappa: take('cohensKappa', confusionCohensKappa(conf)),
    krippendorffAlpha: take('krippendorffAlpha', tallyKrippendorffAlpha(pt, exact)),
    positiveAgreement: take('positiveAgreement', confusionPositiveAgreement(conf)),
    confusion: {
      both: conf.both * scale,
      onlyA: conf.onlyA * scale,
      onlyB: conf.onlyB * scale,
      neither: conf.neither * scale,
    },
    notes,
  };
}
