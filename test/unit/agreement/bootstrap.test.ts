/**
 * Bootstrap confidence intervals: Hayes & Krippendorff's α bootstrap and the κ bootstrap over
 * units, checked against the exact bootstrap distribution enumerated by hand on tiny data, against
 * the normal approximation on a large sample, and for reproducibility with a seed.
 */
import { describe, expect, it } from 'vitest';
import { alphaBootstrap, percentileCi, seededSampler, tallyCi, tallyCoincidences, unitBootstrap } from '../../../src/shared/agreement';
import { emptyTally as emptyTallyForTest } from '../../../src/shared/agreement/measures';

/** Two coders, four slices: (1,1), (1,0), (0,0), (0,0). */
function tiny() {
  const t = emptyTallyForTest(2);
  t.total = 4;
  t.byMask[3] = 1; // both
  t.byMask[1] = 1; // only the first
  return t;
}

const binom = (n: number, k: number): number => (k < 0 || k > n ? 0 : k === 0 ? 1 : (binom(n - 1, k - 1) * n) / k);

describe('Hayes & Krippendorff bootstrap of alpha', () => {
  /*
   * Coincidences: (1,1) gives o11 = 2; two (0,0) give o00 = 4; (1,0) gives o01 = o10 = 1. n = 8,
   * n0 = 5, n1 = 3. α = 1 − (n − 1)·2·o01 / (2·n0·n1) = 1 − 14/30 = 8/15 = 0.5333.
   * De = Σ e δ / n = 2·n0·n1/((n − 1)·n) = 30/56 = 15/28. Pairs drawn: p(00) = 4/8, p(11) = 2/8,
   * p(01) = 2·1/8 = 1/4; M = 4 pairs (one per unit). α* = 1 − X/(4·15/28) = 1 − 7X/15 with
   * X ~ Binomial(4, 1/4): X = 0 (p .3164) → 1; 1 (.4219) → .5333; 2 (.2109) → .0667;
   * 3 (.0469) → −.4; 4 (.0039) → −.8667. Samples with one value only (all four pairs 00 or all
   * 11: .5⁴ + .25⁴ = .0664 of them) go from 1 to 0. So the exact bootstrap distribution:
   * −.8667 .0039, −.4 .0469, 0 .0664, .0667 .2109, .5333 .4219, 1 .25: 2.5 % quantile −.4,
   * 97.5 % quantile 1, q(α < .667) = q(α < .8) = .75.
   */
  it('matches the bootstrap distribution enumerated by hand on four slices', () => {
    const c = tallyCoincidences(tiny());
    expect(c.o).toEqual([[4, 1], [1, 2]]);
    expect(c.pairs).toBe(4);
    const ci = alphaBootstrap(c, seededSampler(11, 'tiny'), { samples: 20000, level: 0.95 })!;
    expect(ci.samples).toBe(20000);
    expect(ci.lower).toBeCloseTo(-0.4, 12);
    expect(ci.upper).toBe(1);
    // Monte Carlo error of a share over 20,000 samples: sd ≈ 0.003.
    expect(ci.pBelow['0.667']).toBeGreaterThan(0.735);
    expect(ci.pBelow['0.667']).toBeLessThan(0.765);
    expect(ci.pBelow['0.8']).toBe(ci.pBelow['0.667']);
  });

  it('agrees with the normal approximation on 20,000 slices', () => {
    const t = emptyTallyForTest(2);
    t.total = 20000;
    t.byMask[3] = 3000;
    t.byMask[1] = 1000;
    t.byMask[2] = 1000;
    // n = 40000, n1 = 8000, n0 = 32000, o01 = 2000. α = 1 − 39999·4000/(2·32000·8000) = 0.68750…
    const n = 40000;
    const alpha = 1 - ((n - 1) * 4000) / (2 * 32000 * 8000);
    const De = (2 * 32000 * 8000) / ((n - 1) * n);
    const p = (2 * 2000) / n; // share of disagreeing pairs
    const M = 20000;
    const sd = Math.sqrt((p * (1 - p)) / M) / De; // α* = 1 − X/(M·De), X ~ Bin(M, p)
    const ci = alphaBootstrap(tallyCoincidences(t), seededSampler(5, 'normal'), { samples: 8000 })!;
    expect(ci.lower).toBeCloseTo(alpha - 1.959964 * sd, 2);
    expect(Math.abs(ci.lower - (alpha - 1.959964 * sd))).toBeLessThan(0.15 * sd);
    expect(Math.abs(ci.upper - (alpha + 1.959964 * sd))).toBeLessThan(0.15 * sd);
    // q(α < .667): Φ((.667 − α)/sd)
    const z = (0.667 - alpha) / sd;
    const phi = 0.5 * (1 + erf(z / Math.SQRT2));
    expect(Math.abs(ci.pBelow['0.667'] - phi)).toBeLessThan(0.02);
  });

  it('gives the same interval for the same seed, and another for another seed', () => {
    const a = tallyCi(tiny(), 'x', { samples: 500, seed: 42 });
    const b = tallyCi(tiny(), 'x', { samples: 500, seed: 42 });
    const c = tallyCi(tiny(), 'x', { samples: 500, seed: 43 });
    expect(b).toEqual(a);
    expect(JSON.stringify(c)).not.toEqual(JSON.stringify(a));
  });

  it('is undefined (null) when alpha is: nobody ever applied the code', () => {
    const t = emptyTallyForTest(2);
    t.total = 10;
    expect(alphaBootstrap(tallyCoincidences(t), seededSampler(1, 'none'), { samples: 10 })).toBeNull();
  });
});

describe('bootstrap of kappa over units', () => {
  /*
   * Units [both, onlyA, onlyB, neither] = [1, 1, 0, 2]: each resample of 4 units is a
   * multinomial(4; 1/4, 1/4, 0, 1/2) draw, enumerated here; κ from Cohen's formula
   * (p_o − p_e)/(1 − p_e) with p_e from the margins; samples where κ is undefined are skipped.
   */
  it("matches the enumerated bootstrap distribution of Cohen's kappa", () => {
    const dist: { k: number; p: number }[] = [];
    for (let a = 0; a <= 4; a++) {
      for (let b = 0; a + b <= 4; b++) {
        const d = 4 - a - b;
        const p = binom(4, a) * binom(4 - a, b) * 0.25 ** a * 0.25 ** b * 0.5 ** d;
        const po = (a + d) / 4;
        const pA = (a + b) / 4;
        const pB = a / 4;
        const pe = pA * pB + (1 - pA) * (1 - pB);
        if (pe === 1) continue;
        dist.push({ k: (po - pe) / (1 - pe), p });
      }
    }
    const total = dist.reduce((s, x) => s + x.p, 0);
    const below = dist.filter((x) => x.k < 0.667).reduce((s, x) => s + x.p, 0) / total;
    const kappa = (c: Float64Array) => {
      const [both, onlyA, onlyB, neither] = c;
      const n = both + onlyA + onlyB + neither;
      const pe = ((both + onlyA) / n) * ((both + onlyB) / n) + ((onlyB + neither) / n) * ((onlyA + neither) / n);
      return pe === 1 ? null : ((both + neither) / n - pe) / (1 - pe);
    };
    const ci = unitBootstrap([1, 1, 0, 2], kappa, seededSampler(3, 'kappa'), { samples: 20000 })!;
    expect(ci.samples / 20000).toBeCloseTo(total, 1);
    expect(Math.abs(ci.pBelow['0.667'] - below)).toBeLessThan(0.015);
    const sorted = dist.sort((x, y) => x.k - y.k);
    expect(ci.lower).toBeCloseTo(sorted[0].k, 9); // the smallest κ* has probability > 2.5 %
    expect(ci.upper).toBe(1);
  });
});

describe('percentile interval', () => {
  it("takes KALPHA's order statistics: the 25th and 976th of 1,000", () => {
    const values = Array.from({ length: 1000 }, (_, i) => (999 - i) / 1000); // 0.000 … 0.999
    const ci = percentileCi(values, 0.95)!;
    expect(ci.lower).toBe(0.024);
    expect(ci.upper).toBe(0.975);
    expect(ci.pBelow['0.667']).toBe(0.667);
    expect(ci.pBelow['0.8']).toBe(0.8);
  });
});

/** Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7). */
function erf(x: number): number {
  const s = Math.sign(x);
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496735) * t + 0.254829592) * t * Math.exp(-x * x);
  return s * y;
}
