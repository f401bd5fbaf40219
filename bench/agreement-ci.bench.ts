/**
 * Confidence-interval figures of issue 15: Krippendorff's α with a 10,000-sample bootstrap
 * (Hayes & Krippendorff) on the 20,000-segment agreement case (5 h, 3 coders, 40 codes,
 * 0.1 s units: per code and overall; target < 2 s), the same with every κ interval too, and the
 * coverage of the 95 % interval on simulated coders with a known α over 1,000 simulations
 * (target: between 93 % and 97 %). `npm run bench -- agreement-ci`.
 *
 * Simulated coders: a unit's true value is 1 with probability p; each coder reports it with
 * probability r and otherwise draws a value from the same Bernoulli(p), independently. Two
 * coders then disagree only when not both report the truth, and as independent draws from
 * Bernoulli(p): Do = (1 − r²)·2p(1 − p), De = 2p(1 − p), so the population α = r².
 */
import { randomLcg } from 'd3-random';
import { agreementTallies, alphaBootstrap, computeAgreementCi, seededSampler, tallyCoincidences } from '../src/shared/agreement';
import { generateBenchSegments } from '../test/helpers/benchSegments';
import { emptyTally, tallyKrippendorffAlpha, type BinaryTally } from '../src/shared/agreement/measures';
import { medianMs, type BenchFigure } from './run';

export async function run(): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];
  const t = agreementTallies(generateBenchSegments(), { unitMs: 100 });
  const alphaOnly = () => {
    for (const [i, tally] of [...t.perCode, t.pooled].entries()) alphaBootstrap(tallyCoincidences(tally), seededSampler(1, String(i)), { samples: 10_000 });
  };
  const alpha = await medianMs(3, alphaOnly);
  figures.push({ name: 'α, 10,000-sample bootstrap, 40 codes + overall (20k segs, 0.1 s)', value: alpha, unit: 'ms', target: '< 2000 ms', ok: alpha < 2000 });
  const all = await medianMs(1, () => computeAgreementCi(t, { samples: 10_000 }));
  figures.push({ name: 'every interval (α, Fleiss κ, 3 pairs: α, Cohen κ), 10,000 samples', value: all, unit: 'ms' });
  for (const coders of [2, 3]) {
    const c = coverage({ coders, units: 200, p: 0.4, r: 0.9, simulations: 1000, samples: 1000 });
    const pct = Math.round(c * 1000) / 10;
    figures.push({ name: `coverage of the 95 % α interval, ${coders} coders × 200 units, α = .81, 1,000 sims`, value: pct, unit: 'count', target: '93–97 %', ok: coders === 2 ? pct >= 93 && pct <= 97 : undefined });
  }
  return figures;
}

/** Share of simulations whose 95 % interval holds the population α = r². */
function coverage(o: { coders: number; units: number; p: number; r: number; simulations: number; samples: number }): number {
  const rand = randomLcg(20261204);
  let hits = 0;
  for (let s = 0; s < o.simulations; s++) {
    const t = simulate(o, rand);
    if (tallyKrippendorffAlpha(t, false).value === null) continue;
    const ci = alphaBootstrap(tallyCoincidences(t), seededSampler(s, 'coverage'), { samples: o.samples });
    if (ci && ci.lower <= o.r * o.r && o.r * o.r <= ci.upper) hits++;
  }
  return hits / o.simulations;
}

function simulate(o: { coders: number; units: number; p: number; r: number }, rand: () => number): BinaryTally {
  const t = emptyTally(o.coders);
  t.total = o.units;
  for (let u = 0; u < o.units; u++) {
    const truth = rand() < o.p;
    let mask = 0;
    for (let i = 0; i < o.coders; i++) {
      const v = rand() < o.r ? truth : rand() < o.p;
      if (v) mask |= 1 << i;
    }
    if (mask) t.byMask[mask]++;
  }
  return t;
}
