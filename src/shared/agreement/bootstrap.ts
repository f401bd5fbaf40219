/**
 * Bootstrap confidence intervals (pure, deterministic for a seed).
 *
 * - Krippendorff's α: the algorithm of Hayes & Krippendorff (2007, "Answering the call for a
 *   standard reliability measure for coding data", Communication Methods and Measures 1:77–89),
 *   as in Hayes' KALPHA macro: the expected disagreement De stays that of the data; each
 *   bootstrap sample draws M pairs of values (M = Σ_u m_u(m_u − 1)/2, the pairs in the data)
 *   from the distribution of pairable values given by the observed coincidences (pair {c, k}
 *   with probability o_cc/n for c = k and 2·o_ck/n for c ≠ k); α* = 1 − Σδ / (M·De), floored
 *   at −1; with one value only on the diagonal an α* of 1 counts as 0, and with several the
 *   share of samples expected to hold one value only (Σ (o_cc/n)^M) is turned from 1 to 0.
 *   KALPHA caps M at 25 × (non-empty cells) for speed; we draw all M pairs (a multinomial
 *   draw costs the same for any M), so the interval reflects the size of the data.
 * - Cohen's and Fleiss' κ: a plain bootstrap over units (resampling N units with replacement).
 *
 * Samples are drawn as multinomials (a chain of exact binomials, d3-random), so a sample costs
 * O(categories · log N), not O(N). The interval is the percentile interval (KALPHA's indexes).
 */
import { randomBinomial, randomLcg } from 'd3-random';
import { contentHash } from './hash';

export interface CiOptions {
  /** Confidence level, 0 < level < 1 (default 0.95). */
  level?: number;
  /** Bootstrap samples (default 1000). */
  samples?: number;
  /** PRNG seed (default 1). */
  seed?: number;
}

export const CI_THRESHOLDS = ['0.667', '0.8'] as const;

export interface ConfidenceInterval {
  level: number;
  lower: number;
  upper: number;
  /** Bootstrap samples that gave a defined value. */
  samples: number;
  /** Share of bootstrap values below each threshold (Hayes & Krippendorff's q). */
  pBelow: Record<(typeof CI_THRESHOLDS)[number], number>;
}

export interface Sampler {
  binomial(n: number, p: number): number;
}

/** A seeded sampler; `label` gives each statistic its own stream, independent of the others computed. */
export function seededSampler(seed: number, label: string): Sampler {
  const s = parseInt(contentHash(`${seed}\u0000${label}`).slice(0, 8), 16);
  const bin = randomBinomial.source(randomLcg(s));
  return { binomial: (n, p) => (p <= 0 || n <= 0 ? 0 : p >= 1 ? n : bin(n, p)()) };
}

/** Counts of n draws over categories of probabilities `probs` (summing to 1), into `out`. */
export function multinomial(s: Sampler, n: number, probs: ArrayLike<number>, out: Float64Array): Float64Array {
  let left = n;
  let mass = 1;
  const k = probs.length;
  for (let i = 0; i < k; i++) {
    if (i === k - 1 || left === 0) {
      out[i] = left;
      for (let j = i + 1; j < k; j++) out[j] = 0;
      return out;
    }
    const p = mass > 0 ? Math.min(1, Math.max(0, probs[i] / mass)) : 1;
    const x = s.binomial(left, p);
    out[i] = x;
    left -= x;
    mass -= probs[i];
  }
  return out;
}

/** Percentile interval and q of bootstrap values (KALPHA's indexes: ⌊a·B⌋-th and ⌊(1−a)·B⌋+1-th smallest). */
export function percentileCi(values: number[], level: number): ConfidenceInterval | null {
  const B = values.length;
  if (B === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const a = (1 - level) / 2;
  const lo = sorted[Math.max(0, Math.floor(a * B + 1e-9) - 1)];
  const hi = sorted[Math.min(B - 1, Math.floor((1 - a) * B + 1e-9))];
  const below = (t: number) => values.reduce((c, v) => c + (v < t ? 1 : 0), 0) / B;
  return { level, lower: lo, upper: hi, samples: B, pBelow: { '0.667': below(0.667), '0.8': below(0.8) } };
}

export function ciSettings(o: CiOptions = {}): Required<CiOptions> {
  return { level: o.level ?? 0.95, samples: o.samples ?? 1000, seed: o.seed ?? 1 };
}

/** Coincidences of a reliability matrix: o[c][k], the distance δ[c][k], and M pairs of values. */
export interface Coincidences {
  o: readonly (readonly number[])[];
  delta: readonly (readonly number[])[];
  pairs: number;
}

/** Hayes & Krippendorff's bootstrap of α from its coincidences (null when α is undefined). */
export function alphaBootstrap(c: Coincidences, s: Sampler, o: CiOptions = {}): ConfidenceInterval | null {
  const { level, samples } = ciSettings(o);
  const k = c.o.length;
  const nc = c.o.map((row) => row.reduce((a, b) => a + b, 0));
  const n = nc.reduce((a, b) => a + b, 0);
  let expected = 0; // De = Σ e_ck δ_ck / n, e_ck = n_c (n_k − [c = k]) / (n − 1)
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) expected += (nc[i] * (nc[j] - (i === j ? 1 : 0)) * c.delta[i][j]) / (n - 1);
  const De = expected / n;
  const M = c.pairs;
  if (!(De > 0) || !(M > 0)) return null;
  // Pairs with the same δ are interchangeable in Σδ: one category per distinct δ, δ = 0 last
  // (for nominal data a sample is then a single binomial draw of the disagreeing pairs).
  const byDelta = new Map<number, number>();
  const diag: number[] = [];
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      const p = i === j ? c.o[i][i] / n : (2 * c.o[i][j]) / n;
      if (p <= 0) continue;
      byDelta.set(c.delta[i][j], (byDelta.get(c.delta[i][j]) ?? 0) + p);
      if (i === j) diag.push(p);
    }
  }
  const deltas = [...byDelta.keys()].sort((x, y) => y - x);
  const probs = deltas.map((d) => byDelta.get(d)!);
  const counts = new Float64Array(probs.length);
  const values: number[] = [];
  let ones = 0;
  for (let b = 0; b < samples; b++) {
    multinomial(s, M, probs, counts);
    let sum = 0;
    for (let t = 0; t < counts.length; t++) sum += counts[t] * deltas[t];
    let a = Math.max(-1, 1 - sum / (M * De));
    if (a === 1 && diag.length === 1) a = 0;
    if (a === 1) ones++;
    values.push(a);
  }
  if (diag.length > 1) oneValueSamplesToZero(values, ones, Math.round(samples * diag.reduce((acc, p) => acc + p ** M, 0)));
  return percentileCi(values, level);
}

/** KALPHA's correction: at most `expected` of the α* = 1 (samples with one value only) become 0. */
function oneValueSamplesToZero(values: number[], ones: number, expected: number): void {
  let left = Math.min(ones, expected);
  for (let i = 0; i < values.length && left > 0; i++) {
    if (values[i] === 1) {
      values[i] = 0;
      left--;
    }
  }
}

/**
 * Bootstrap over units: `weights[i]` units fall in category i (a confusion cell, a pattern of
 * ratings); each sample redraws the same number of units; `stat` maps counts to the statistic.
 */
export function unitBootstrap(weights: readonly number[], stat: (counts: Float64Array) => number | null, s: Sampler, o: CiOptions = {}): ConfidenceInterval | null {
  const { level, samples } = ciSettings(o);
  const N = weights.reduce((a, b) => a + b, 0);
  if (!(N > 0)) return null;
  const probs = weights.map((w) => w / N);
  const counts = new Float64Array(weights.length);
  const values: number[] = [];
  for (let b = 0; b < samples; b++) {
    const v = stat(multinomial(s, N, probs, counts));
    if (v !== null) values.push(v);
  }
  return percentileCi(values, level);
}
