import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bestAlignment,
  categoryDisorder,
  computeGamma,
  continuumStatistics,
  disorderOf,
  requiredSamples,
  SEARCH_NODES,
  shuffleSampler,
  statisticalSampler,
  unitaryDisorder,
  type Continuum,
  type Dissimilarity,
  type GammaUnit,
} from '../../../src/shared/agreement/gamma';
import { prng } from '../../../src/shared/random';

const D: Dissimilarity = { alpha: 3, beta: 1, deltaEmpty: 1 };
const u = (start: number, end: number, category = 'A'): GammaUnit => ({ start, end, category });
const cont = (...units: GammaUnit[][]): Continuum => ({ annotators: units.map((_, i) => `c${i}`), units });

describe('gamma: disorder of hand-worked continua (α=3, β=1, δ∅=1)', () => {
  it('identical units: one unitary alignment, disorder 0', async () => {
    const al = await bestAlignment(cont([u(0, 10)], [u(0, 10)]), D);
    expect(al.unitary).toEqual([{ units: [0, 0], disorder: 0 }]);
    expect(al.disorder).toBe(0);
  });
  it('shifted by 2 s: pos = (2+2)/(10+10) = 0.2, d = 3·0.04 = 0.12, paired (2 apart)', async () => {
    const al = await bestAlignment(cont([u(0, 10)], [u(2, 12)]), D);
    expect(al.unitary.length).toBe(1);
    expect(al.disorder).toBeCloseTo(0.12, 12);
  });
  it('different category, same time: d = β·1 = 1 < 2 (apart), paired', async () => {
    const al = await bestAlignment(cont([u(0, 10, 'A')], [u(0, 10, 'B')]), D);
    expect(al.unitary.length).toBe(1);
    expect(al.disorder).toBeCloseTo(1, 12);
  });
  it('a missing unit costs δ∅ over the mean units per coder: 1 / (1/2) = 2; with δ∅ = 0.5: 1', async () => {
    expect((await bestAlignment(cont([u(0, 10)], []), D)).disorder).toBeCloseTo(2, 12);
    expect((await bestAlignment(cont([u(0, 10)], []), { ...D, deltaEmpty: 0.5 })).disorder).toBeCloseTo(1, 12);
  });
  it('units far apart are not paired: pos = 3, d = 27 > 2, disorder (1+1)/1 = 2', async () => {
    const al = await bestAlignment(cont([u(0, 10)], [u(30, 40)]), D);
    expect(al.unitary.map((x) => x.units)).toEqual(expect.arrayContaining([[0, null], [null, 0]]));
    expect(al.disorder).toBeCloseTo(2, 12);
  });
  it('three coders, one unit each, one shifted: (0 + 0.12 + 0.12)/3 = 0.08 over 1 unit per coder', async () => {
    const al = await bestAlignment(cont([u(0, 10)], [u(0, 10)], [u(2, 12)]), D);
    expect(al.disorder).toBeCloseTo(0.08, 12);
  });
  it('a tie (touching units, other category: (4+1+1)/3 = 2 paired = 1+1 apart) keeps the fewer unitary alignments', async () => {
    const al = await bestAlignment(cont([u(0, 4, 'x')], [], [u(4, 20, 'y')]), D);
    expect(al.unitary.length).toBe(1);
    expect(al.disorder).toBeCloseTo(2 / (2 / 3), 12);
  });
  it('a category matrix scales by δ∅, as pygamma: Carol/Alice 0.3 · 0.5 at the same time', () => {
    const m = { categories: ['Alice', 'Carol'], values: [[0, 0.3], [0.3, 0]] };
    expect(unitaryDisorder([u(12, 18, 'Carol'), u(12, 18, 'Alice'), null], { alpha: 1, beta: 1, deltaEmpty: 0.5, categoryMatrix: m })).toBeCloseTo((0.15 + 0.5 + 0.5) / 3, 6);
  });
});

describe("gamma: pygamma-agreement's test_alignement.py continuum (category matrix, δ∅ = 0.5, α = 3)", () => {
  // Values asserted by pygamma's own tests (computed there in float32, hence 1e-6).
  const c: Continuum = {
    annotators: ['hadrien', 'liza', 'pierrot'],
    units: [
      [u(1, 6, 'Carol'), u(7, 19, 'Jeremy'), u(8, 10, 'Alice'), u(19, 20, 'Alice')],
      [u(1, 5, 'Carol'), u(6, 8, 'Bob'), u(7, 20, 'Alice'), u(12, 18, 'Carol')],
      [u(2, 6, 'Carol'), u(7, 8, 'Bob'), u(7, 19, 'Jeremy'), u(8, 10, 'Alice'), u(12, 18, 'Alice')],
    ],
  };
  const m = { categories: ['Alice', 'Bob', 'Carol', 'Jeremy'], values: [[0, 0.5, 0.3, 0.7], [0.5, 0, 0.6, 0.4], [0.3, 0.6, 0, 0.7], [0.7, 0.4, 0.7, 0]] };
  const d: Dissimilarity = { alpha: 3, beta: 1, deltaEmpty: 0.5, categoryMatrix: m };
  it('a hand-made alignment: 6.1655581547663765', () => {
    expect(disorderOf(c, [[0, 0, 0], [2, 1, 1], [1, 2, 2], [null, 3, 4], [3, null, 3]], d).disorder).toBeCloseTo(6.1655581547663765, 5);
  });
  it('the best alignment: 0.43478875578596043', async () => {
    expect((await bestAlignment(c, d)).disorder).toBeCloseTo(0.43478875578596043, 6);
  });
});

/** Minimum summed unitary disorder over every partition into unitary alignments (no pruning). */
function exhaustive(c: Continuum, d: Dissimilarity): number {
  const n = c.annotators.length;
  const used = c.units.map((us) => us.map(() => false));
  const rec = (): number => {
    let a = 0;
    let i = -1;
    for (; a < n; a++) {
      i = used[a]!.indexOf(false);
      if (i >= 0) break;
    }
    if (a === n) return 0;
    used[a]![i] = true;
    let best = Infinity;
    const tuple: (GammaUnit | null)[] = c.annotators.map(() => null);
    tuple[a] = c.units[a]![i]!;
    const choose = (b: number): void => {
      if (b === n) {
        best = Math.min(best, unitaryDisorder(tuple, d) + rec());
        return;
      }
      if (b <= a) return choose(b + 1);
      tuple[b] = null;
      choose(b + 1);
      c.units[b]!.forEach((v, j) => {
        if (used[b]![j]) return;
        used[b]![j] = true;
        tuple[b] = v;
        choose(b + 1);
        used[b]![j] = false;
      });
      tuple[b] = null;
    };
    choose(0);
    used[a]![i] = false;
    return best;
  };
  return rec();
}

const arbUnit = fc.record({ start: fc.integer({ min: 0, max: 20 }), len: fc.integer({ min: 1, max: 8 }), category: fc.constantFrom('A', 'B') }).map((x) => u(x.start, x.start + x.len, x.category));
const arbContinuum = fc
  .integer({ min: 2, max: 3 })
  .chain((n) => fc.array(fc.array(arbUnit, { maxLength: 3 }), { minLength: n, maxLength: n }))
  .filter((us) => us.some((x) => x.length > 0))
  .map((us) => cont(...us.map((x) => x.sort((p, q) => p.start - q.start))));

describe('gamma: best alignment', () => {
  it('equals the exhaustive minimum on small random continua, and partitions every unit once (branch and bound, and HiGHS alone)', async () => {
    await fc.assert(
      fc.asyncProperty(arbContinuum, fc.constantFrom(D, { alpha: 1, beta: 0.5, deltaEmpty: 0.7 }), fc.constantFrom(SEARCH_NODES, 0), async (c, d, searchNodes) => {
        const al = await bestAlignment(c, d, searchNodes);
        const total = c.units.reduce((s, us) => s + us.length, 0);
        const expected = exhaustive(c, d) / (total / c.annotators.length);
        expect(al.disorder).toBeCloseTo(expected, 5);
        c.units.forEach((us, a) => {
          const seen = al.unitary.map((x) => x.units[a]).filter((i) => i !== null).sort();
          expect(seen).toEqual(us.map((_, i) => i));
        });
      }),
      { numRuns: 120, seed: 1515 },
    );
  });
});

describe('gamma: γ-cat and γ_k disorder', () => {
  // Pairs: [0,10] A/A (w = 1, cat 0) and [20,30] A/B (w = 1, cat 1).
  const c = cont([u(0, 10, 'A'), u(20, 30, 'A')], [u(0, 10, 'A'), u(20, 30, 'B')]);
  const al = { unitary: [{ units: [0, 0], disorder: 0 }, { units: [1, 1], disorder: 1 }], disorder: 0.5 };
  it('γ-cat: (0·1 + 1·1) / (1 + 1) = 0.5; γ_k(A) over both pairs 0.5, γ_k(B) over the second 1', () => {
    expect(categoryDisorder(c, al, D, null)).toBeCloseTo(0.5, 12);
    expect(categoryDisorder(c, al, D, 'A')).toBeCloseTo(0.5, 12);
    expect(categoryDisorder(c, al, D, 'B')).toBeCloseTo(1, 12);
  });
  it('a positional confidence 1 − α·pos below 0 weighs a pair 0: pos² = 0.4 → 1 − 1.2 < 0', () => {
    const far = cont([u(0, 10, 'A'), u(20, 30, 'A')], [u(0, 10, 'A'), u(20 + Math.sqrt(0.4) * 10, 30 + Math.sqrt(0.4) * 10, 'B')]);
    expect(categoryDisorder(far, al, D, null)).toBe(0);
  });
});

describe('gamma: samplers', () => {
  const ref = cont([u(0, 2, 'A'), u(5, 9, 'B'), u(12, 13, 'A')], [u(1, 3, 'A'), u(6, 10, 'B')], [u(0, 4, 'C')]);
  const signature = (us: GammaUnit[]) => us.map((x) => `${x.end - x.start}:${x.category}`).sort().join(',');
  it('shuffle: each sampled coder is a shifted copy of a reference coder (count, durations, categories)', () => {
    const sample = shuffleSampler(ref);
    const rand = prng(7);
    const refSigs = ref.units.map(signature);
    for (let k = 0; k < 50; k++) {
      const s = sample(rand);
      expect(s.units.length).toBe(3);
      for (const us of s.units) expect(refSigs).toContain(signature(us));
    }
  });
  it('statistical: the reference statistics by hand (population sd, as numpy)', () => {
    const st = continuumStatistics(ref);
    // gaps: 0, then 5−2=3, 12−9=3, 6−3=3; first starts > 0: 1 → [0,3,3,3,1]
    expect(st.gap.mean).toBeCloseTo(2, 12);
    expect(st.gap.sd).toBeCloseTo(Math.sqrt((4 + 1 + 1 + 1 + 1) / 5), 12);
    expect(st.duration.mean).toBeCloseTo((2 + 4 + 1 + 2 + 4 + 4) / 6, 12);
    expect(st.units.mean).toBeCloseTo(2, 12);
    expect(st.categories).toEqual(['A', 'B', 'C']);
    expect(st.weights).toEqual([3 / 6, 2 / 6, 1 / 6]);
  });
  it('statistical: over many samples, category frequencies, durations and units per coder follow the reference', () => {
    const sample = statisticalSampler(ref);
    const rand = prng(11);
    const cats = new Map<string, number>();
    let units = 0;
    let dur = 0;
    const N = 3000;
    for (let k = 0; k < N; k++) {
      const s = sample(rand);
      expect(s.annotators).toEqual(ref.annotators);
      for (const x of s.units.flat()) {
        cats.set(x.category, (cats.get(x.category) ?? 0) + 1);
        dur += x.end - x.start;
        units++;
        expect(x.end).toBeGreaterThan(x.start);
      }
    }
    expect(cats.get('A')! / units).toBeCloseTo(0.5, 1);
    expect(cats.get('C')! / units).toBeCloseTo(1 / 6, 1);
    // |trunc(N(2, 0.816))|: 0 w.p. .11, 1 w.p. .39, 2 w.p. .39, 3 w.p. .10, 4 w.p. .01 → mean ≈ 1.51,
    // plus the first coder's at-least-one unit (+ .11/3).
    expect(units / (N * 3)).toBeGreaterThan(1.45);
    expect(units / (N * 3)).toBeLessThan(1.65);
    expect(dur / units).toBeGreaterThan(2.5); // |N(2.83, 1.21)|
    expect(dur / units).toBeLessThan(3.2);
  });
});

describe('gamma: Monte Carlo', () => {
  const c = cont([u(0, 10, 'A'), u(12, 20, 'B'), u(25, 30, 'A')], [u(1, 10, 'A'), u(12, 21, 'A'), u(26, 31, 'A')]);
  it('is deterministic for a seed, and the seed changes the samples', async () => {
    const a = await computeGamma(c, { seed: 5 });
    const b = await computeGamma(c, { seed: 5 });
    const other = await computeGamma(c, { seed: 6 });
    expect(b).toEqual(a);
    expect(other.expectedDisorder).not.toBe(a.expectedDisorder);
    expect(a.gamma).toBeCloseTo(1 - a.disorder / a.expectedDisorder, 12);
    expect(a.samples).toBeGreaterThanOrEqual(30);
    expect(Object.keys(a.gammaK)).toEqual(['A', 'B']);
  });
  it('samples until the mean is within the precision: n ≥ (1.96·sd/(precision·mean))²', async () => {
    expect(requiredSamples([1, 3], 0.05)).toBe(385); // cv 0.5 → (0.5·1.96/0.05)² = 384.16
    const r = await computeGamma(c, { seed: 3, sampler: 'shuffle', precision: 0.2 });
    expect(r.samples).toBeGreaterThanOrEqual(30);
    expect(r.sampler).toBe('shuffle');
  });
  it('identical coders: γ = 1; bad options and inputs are refused with a message', async () => {
    expect((await computeGamma(cont([u(0, 10)], [u(0, 10)]))).gamma).toBe(1);
    await expect(computeGamma(cont([u(0, 10)]))).rejects.toThrow(/at least two coders/);
    await expect(computeGamma(c, { precision: 0 })).rejects.toThrow(/precision/);
    await expect(computeGamma(c, { deltaEmpty: 0 })).rejects.toThrow(/delta-empty/);
    await expect(computeGamma(cont([u(5, 5)], [u(0, 1)]))).rejects.toThrow(/no duration/);
  });
});
