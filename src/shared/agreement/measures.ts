/**
 * Agreement statistics from sufficient statistics. Nothing here knows about time:
 * slices (counts) and exact mode (durations) both reduce to a {@link BinaryTally}.
 * Undefined statistics are `{ value: null, note }`, never NaN, never 1 by fiat.
 */
import type { Stat } from './types';

/**
 * Per code (or pooled over codes): for each subset of coders (bit i = coder i applied
 * the code), the total weight (number of slices, or milliseconds) of the units in
 * which exactly that subset applied it. `byMask[0]` (nobody applied) is implied by
 * `total`. `byMask.length === 2 ** coders`.
 */
export interface BinaryTally {
  coders: number;
  total: number;
  byMask: Float64Array;
}

/** 2x2 table of one pair of coders for one code: weight where both / only A / only B / neither applied it. */
export interface PairConfusion {
  both: number;
  onlyA: number;
  onlyB: number;
  neither: number;
}

export const MAX_CODERS = 16;

export function emptyTally(coders: number): BinaryTally {
  return { coders, total: 0, byMask: new Float64Array(1 << coders) };
}

/** Adds `b` into `a` (pooling: the statistics of the summed tables). */
export function addTally(a: BinaryTally, b: BinaryTally): void {
  a.total += b.total;
  for (let k = 1; k < a.byMask.length; k++) a.byMask[k] += b.byMask[k];
}

/** The weight where nobody applied the code. */
function zeroWeight(t: BinaryTally): number {
  let s = 0;
  for (let k = 1; k < t.byMask.length; k++) s += t.byMask[k];
  return t.total - s;
}

/** The same units seen by coders `i` and `j` only (bit 0 = i, bit 1 = j). */
export function projectTally(t: BinaryTally, i: number, j: number): BinaryTally {
  const out = emptyTally(2);
  out.total = t.total;
  for (let k = 1; k < t.byMask.length; k++) {
    const w = t.byMask[k];
    if (w === 0) continue;
    const p = ((k >> i) & 1) | (((k >> j) & 1) << 1);
    if (p) out.byMask[p] += w;
  }
  return out;
}

export function pairConfusion(t: BinaryTally, i: number, j: number): PairConfusion {
  const p = projectTally(t, i, j);
  const both = p.byMask[3];
  const onlyA = p.byMask[1];
  const onlyB = p.byMask[2];
  return { both, onlyA, onlyB, neither: t.total - both - onlyA - onlyB };
}

/** The 2-coder tally of coders i and j (bit 0 = i, bit 1 = j) over the same units. */
export function pairTally(t: BinaryTally, i: number, j: number): BinaryTally {
  const c = pairConfusion(t, i, j);
  const p = emptyTally(2);
  p.total = t.total;
  p.byMask[1] = c.onlyA;
  p.byMask[2] = c.onlyB;
  p.byMask[3] = c.both;
  return p;
}

const NO_UNITS = 'no units to compare (empty timeline or every unit excluded)';

/** Share of units where all coders agree (all applied or none did). */
export function tallyPercentAgreement(t: BinaryTally): Stat {
  if (t.total <= 0) return { value: null, note: NO_UNITS };
  const full = (1 << t.coders) - 1;
  return { value: (zeroWeight(t) + t.byMask[full]) / t.total };
}

/** Per-unit count histogram: h[j] = weight of units where exactly j coders applied the code. */
function histogram(t: BinaryTally): Float64Array {
  const h = new Float64Array(t.coders + 1);
  h[0] = zeroWeight(t);
  for (let k = 1; k < t.byMask.length; k++) h[popcount(k)] += t.byMask[k];
  return h;
}

function popcount(x: number): number {
  let c = 0;
  while (x) {
    x &= x - 1;
    c++;
  }
  return c;
}

function degenerateNote(applied: number): string {
  return applied === 0
    ? 'no coder ever applied the code: chance agreement is 1, so the statistic is undefined'
    : 'every coder applied the code in every unit: chance agreement is 1, so the statistic is undefined';
}

/** Fleiss' kappa (Fleiss 1971) for binary ratings by `t.coders` raters of every unit. */
export function tallyFleissKappa(t: BinaryTally): Stat {
  const m = t.coders;
  if (t.total <= 0) return { value: null, note: NO_UNITS };
  const h = histogram(t);
  let ones = 0;
  let agree = 0;
  for (let j = 0; j <= m; j++) {
    ones += j * h[j];
    agree += h[j] * (j * (j - 1) + (m - j) * (m - j - 1));
  }
  const n = m * t.total;
  if (ones === 0 || ones === n) return { value: null, note: degenerateNote(ones) };
  const pBar = agree / (m * (m - 1) * t.total);
  const p1 = ones / n;
  const pe = p1 * p1 + (1 - p1) * (1 - p1);
  return { value: (pBar - pe) / (1 - pe) };
}

/**
 * Nominal (binary) Krippendorff's alpha of complete data (every coder valued every unit).
 * `exact` false: alpha = 1 − (n−1)·Σo·δ / Σn_c·n_k·δ over n = coders × units values;
 * `exact` true (continuous time, n → ∞): alpha = 1 − n·Σo·δ / Σn_c·n_k·δ with weights.
 */
export function tallyKrippendorffAlpha(t: BinaryTally, exact: boolean): Stat {
  const m = t.coders;
  if (t.total <= 0) return { value: null, note: NO_UNITS };
  const h = histogram(t);
  let n1 = 0;
  let disagreeing = 0; // Σ_{c≠k} o_ck = Σ_u 2·n1_u·n0_u / (m − 1)
  for (let j = 0; j <= m; j++) {
    n1 += j * h[j];
    disagreeing += (h[j] * 2 * j * (m - j)) / (m - 1);
  }
  const n = m * t.total;
  const n0 = n - n1;
  if (n1 === 0 || n0 === 0) return { value: null, note: degenerateNote(n1) };
  const factor = exact ? n : n - 1;
  return { value: 1 - (factor * disagreeing) / (2 * n0 * n1) };
}

/** Cohen's kappa of a 2x2 table, as 2(ad − bc) / ((a+b)(b+d) + (a+c)(c+d)). */
export function confusionCohensKappa(c: PairConfusion): Stat {
  const a = c.both;
  const b = c.onlyA;
  const cc = c.onlyB;
  const d = c.neither;
  if (a + b + cc + d <= 0) return { value: null, note: NO_UNITS };
  const den = (a + b) * (b + d) + (a + cc) * (cc + d);
  if (den === 0) {
    return {
      value: null,
      note:
        a + b + cc === 0
          ? 'neither coder ever applied the code: chance agreement is 1, so kappa is undefined'
          : 'both coders applied the code in every unit: chance agreement is 1, so kappa is undefined',
    };
  }
  return { value: (2 * (a * d - b * cc)) / den };
}

/** Positive agreement 2·both / (2·both + onlyA + onlyB). */
export function confusionPositiveAgreement(c: PairConfusion): Stat {
  const den = 2 * c.both + c.onlyA + c.onlyB;
  if (den === 0) return { value: null, note: 'neither coder ever applied the code, so positive agreement is undefined' };
  return { value: (2 * c.both) / den };
}

/** Mean of the defined pairwise values; null (with the reason) if any is undefined. */
export function meanOfStats(stats: readonly { label: string; stat: Stat }[]): Stat {
  if (stats.length === 0) return { value: null, note: 'no pair of coders' };
  let s = 0;
  for (const { label, stat } of stats) {
    if (stat.value === null) return { value: null, note: `Cohen's kappa of ${label} is undefined: ${stat.note ?? ''}`.trim() };
    s += stat.value;
  }
  return { value: s / stats.length };
}

// ---------------------------------------------------------------------------
// Categorical statistics (reliability-matrix input, any number of categories).
// ---------------------------------------------------------------------------

/** Cohen's (1960) kappa of a square confusion table (rows coder A, columns coder B). */
export function cohensKappa(table: readonly (readonly number[])[]): Stat {
  const k = table.length;
  let n = 0;
  let diag = 0;
  const row = new Array<number>(k).fill(0);
  const col = new Array<number>(k).fill(0);
  for (let i = 0; i < k; i++) {
    if (table[i].length !== k) throw new Error('cohensKappa: table must be square');
    for (let j = 0; j < k; j++) {
      const v = table[i][j];
      n += v;
      row[i] += v;
      col[j] += v;
      if (i === j) diag += v;
    }
  }
  if (n <= 0) return { value: null, note: NO_UNITS };
  let pe = 0;
  for (let i = 0; i < k; i++) pe += (row[i] / n) * (col[i] / n);
  const single = row.findIndex((r, i) => r === n && col[i] === n);
  if (single >= 0) return { value: null, note: 'both coders used one and the same category for every unit: chance agreement is 1, so kappa is undefined' };
  return { value: (diag / n - pe) / (1 - pe) };
}

/**
 * Fleiss' (1971) kappa from a subjects × categories table of counts: counts[i][j] = number
 * of raters who put subject i in category j. Every subject must have the same number of raters.
 */
export function fleissKappa(counts: readonly (readonly number[])[]): Stat {
  const N = counts.length;
  if (N === 0) return { value: null, note: NO_UNITS };
  const k = counts[0].length;
  const raters = counts[0].reduce((a, b) => a + b, 0);
  if (raters < 2) return { value: null, note: 'Fleiss kappa needs at least two ratings per unit' };
  const totals = new Array<number>(k).fill(0);
  let pSum = 0;
  for (const row of counts) {
    let r = 0;
    let sq = 0;
    for (let j = 0; j < k; j++) {
      r += row[j];
      sq += row[j] * row[j];
      totals[j] += row[j];
    }
    if (r !== raters) throw new Error('fleissKappa: every subject needs the same number of raters');
    pSum += (sq - raters) / (raters * (raters - 1));
  }
  const used = totals.filter((t) => t > 0).length;
  if (used < 2) return { value: null, note: 'every rating is in one category: chance agreement is 1, so kappa is undefined' };
  const pBar = pSum / N;
  let pe = 0;
  for (const t of totals) pe += (t / (N * raters)) ** 2;
  return { value: (pBar - pe) / (1 - pe) };
}
