/**
 * Random continua for the expected disorder, as pygamma-agreement samples them:
 * - shuffle (Mathet et al. 2015 §5.2, the Gamma software): each sampled annotator is a copy of
 *   a randomly chosen annotator's units shifted by a random whole-number pivot (wrapping round
 *   the continuum's bounds), pivots kept at least half a mean unit length apart;
 * - statistical (pygamma's default): per annotator, a number of units, gaps and durations drawn
 *   from normal distributions with the reference's means and standard deviations, categories
 *   drawn with the reference's frequencies.
 * Both draw from a seeded PRNG, so a seed gives the same samples.
 */
import { normal, weightedIndex } from '../../random';
import { unitCount } from './dissimilarity';
import type { Continuum, GammaUnit } from './types';

export type Sampler = (rand: () => number) => Continuum;

const byTime = (a: GammaUnit, b: GammaUnit) => a.start - b.start || a.end - b.end || (a.category < b.category ? -1 : a.category > b.category ? 1 : 0);

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
/** Population standard deviation (numpy's np.std). */
export const std = (xs: readonly number[]): number => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) * (x - m), 0) / xs.length);
};

/** The continuum's bounds as pygamma keeps them: from min(0, first start) to max(0, last end). */
export function bounds(c: Continuum): [number, number] {
  let lo = 0;
  let hi = 0;
  for (const us of c.units) for (const u of us) {
    lo = Math.min(lo, u.start);
    hi = Math.max(hi, u.end);
  }
  return [lo, hi];
}

type Range = [number, number];

/** The free ranges minus [pivot - dist, pivot + dist]. */
function removeAround(ranges: Range[], pivot: number, dist: number): Range[] {
  const out: Range[] = [];
  for (const [s, e] of ranges) {
    if (s < pivot - dist) out.push([s, Math.min(e, pivot - dist)]);
    if (e > pivot + dist) out.push([Math.max(s, pivot + dist), e]);
  }
  return out.filter(([s, e]) => e > s);
}

/** A whole-number pivot, uniform over the free ranges (pygamma's int_pivot). */
function pivotIn(ranges: Range[], rand: () => number): number {
  if (ranges.length === 0) return 1;
  const [s, e] = ranges[weightedIndex(rand, ranges.map(([a, b]) => b - a))]!;
  return Math.trunc(s + rand() * (e - s));
}

export function shuffleSampler(ref: Continuum): Sampler {
  const [lo, hi] = bounds(ref);
  const n = ref.annotators.length;
  const total = unitCount(ref);
  const avgLength = ref.units.reduce((s, us) => s + us.reduce((t, u) => t + (u.end - u.start), 0), 0) / total;
  return (rand) => {
    for (;;) {
      let free: Range[] = [[lo, hi]];
      const units = Array.from({ length: n }, () => {
        const pivot = free.length > 0 ? pivotIn(free, rand) : lo + rand() * (hi - lo);
        free = removeAround(free, pivot, avgLength / 2);
        const source = ref.units[Math.floor(rand() * n)]!;
        return source
          .map((u) => {
            const shift = u.start + pivot > hi ? pivot + lo - hi : pivot;
            return { start: u.start + shift, end: u.end + shift, category: u.category };
          })
          .sort(byTime);
      });
      if (units.some((us) => us.length > 0)) return { annotators: ref.annotators.map((_, i) => `sample ${i}`), units };
    }
  };
}

/** The statistics the statistical sampler draws from (pygamma's StatisticalContinuumSampler). */
export function continuumStatistics(ref: Continuum) {
  const gaps = [0];
  for (const us of ref.units) {
    for (let i = 1; i < us.length; i++) gaps.push(us[i]!.start - us[i - 1]!.end);
    if (us.length > 0 && us[0]!.start > 0) gaps.push(us[0]!.start);
  }
  const durations = ref.units.flat().map((u) => u.end - u.start);
  const counts = new Map<string, number>();
  for (const u of ref.units.flat()) counts.set(u.category, (counts.get(u.category) ?? 0) + 1);
  const categories = [...counts.keys()].sort();
  const sizes = ref.units.map((us) => us.length);
  return {
    gap: { mean: mean(gaps), sd: std(gaps) },
    duration: { mean: mean(durations), sd: std(durations) },
    units: { mean: mean(sizes), sd: std(sizes) },
    categories,
    weights: categories.map((k) => counts.get(k)! / durations.length),
  };
}

export function statisticalSampler(ref: Continuum): Sampler {
  const st = continuumStatistics(ref);
  return (rand) => {
    let empty = true;
    const units = ref.annotators.map(() => {
      let count = Math.abs(Math.trunc(normal(rand, st.units.mean, st.units.sd)));
      if (empty) count = Math.max(1, count);
      const out: GammaUnit[] = [];
      let last = 0;
      for (let i = 0; i < count; i++) {
        const gap = normal(rand, st.gap.mean, st.gap.sd);
        let length = 0;
        while (length === 0) length = Math.abs(normal(rand, st.duration.mean, st.duration.sd));
        const category = st.categories[weightedIndex(rand, st.weights)]!;
        out.push({ start: last + gap, end: last + gap + length, category });
        last += gap + length;
      }
      if (count > 0) empty = false;
      return out.sort(byTime);
    });
    return { annotators: ref.annotators.slice(), units };
  };
}
