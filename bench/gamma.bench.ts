/**
 * Mathet's γ figures of issue 15: γ (precision 0.05, default statistical sampler, α=3, β=1,
 * δ∅=1) on a continuum of the shape of pygamma-agreement's 2by1000 (2 coders × ~1,000 units of
 * ~10 s, gaps ~10 s, 4 categories, about 40 % agreement), target < 5 s; and on 3 coders × ~500
 * units, target < 10 s. The continua are generated here from a fixed seed (shared "true" units,
 * each coder missing some, jittering boundaries, relabelling some, adding a few).
 * `npx tsx bench/run.ts gamma`.
 */
import { computeGamma, loadSolver, type Continuum, type GammaUnit } from '../src/shared/agreement/gamma';
import { normal, prng, weightedIndex } from '../src/shared/random';
import type { BenchFigure } from './run';

const CATEGORIES = ['Adj', 'Noun', 'Prep', 'Verb'];
const WEIGHTS = [0.22, 0.37, 0.23, 0.18];

export function benchContinuum(coders: number, units: number, seed = 4772): Continuum {
  const rand = prng(seed);
  const truth: GammaUnit[] = [];
  let t = 0;
  for (let i = 0; i < units; i++) {
    const start = t + Math.max(1, Math.round(normal(rand, 10, 4)));
    const end = start + Math.max(1, Math.round(normal(rand, 10, 4)));
    truth.push({ start, end, category: CATEGORIES[weightedIndex(rand, WEIGHTS)]! });
    t = end;
  }
  const coderUnits = Array.from({ length: coders }, () => {
    const out: GammaUnit[] = [];
    for (const u of truth) {
      if (rand() < 0.08) continue;
      const start = u.start + Math.round(normal(rand, 0, 1.5));
      const end = Math.max(start + 1, u.end + Math.round(normal(rand, 0, 1.5)));
      const category = rand() < 0.3 ? CATEGORIES[weightedIndex(rand, WEIGHTS)]! : u.category;
      out.push({ start, end, category });
      if (rand() < 0.08) out.push({ start: end + 1, end: end + 1 + Math.max(1, Math.round(normal(rand, 5, 2))), category: CATEGORIES[weightedIndex(rand, WEIGHTS)]! });
    }
    return out.sort((a, b) => a.start - b.start || a.end - b.end);
  });
  return { annotators: coderUnits.map((_, i) => `coder_${i + 1}`), units: coderUnits };
}

async function timed(c: Continuum): Promise<{ s: number; samples: number; gamma: number | null }> {
  const t0 = performance.now();
  const r = await computeGamma(c, { precision: 0.05, seed: 1 });
  return { s: (performance.now() - t0) / 1000, samples: r.samples, gamma: r.gamma };
}

export async function run(): Promise<BenchFigure[]> {
  await loadSolver();
  const figures: BenchFigure[] = [];
  for (const [coders, units, target] of [[2, 1000, 5], [3, 500, 10]] as const) {
    const c = benchContinuum(coders, units);
    const r = await timed(c);
    const n = c.units.map((us) => us.length).join('+');
    figures.push({ name: `gamma, ${coders} coders × ${units} units (${n}), precision 0.05`, value: Number(r.s.toFixed(2)), unit: 's', target: `< ${target} s`, ok: r.s < target });
    figures.push({ name: `  samples drawn (γ = ${r.gamma?.toFixed(3)})`, value: r.samples, unit: 'count' });
  }
  return figures;
}
