/**
 * γ = 1 − observed disorder (of the best alignment) / expected disorder (mean best-alignment
 * disorder of random continua), with γ-cat and γ_k, as pygamma-agreement computes them.
 * The expected disorder is sampled until the 95 % confidence interval of its mean is within
 * the precision (relative): n ≥ (1.96 · sd / (precision · mean))², at least 30 samples.
 */
import { prng } from '../../random';
import { bestAlignmentWith } from './alignment';
import { categoricalDissimilarity, positionalDissimilarity } from './dissimilarity';
import { loadSolver } from './solver';
import { shuffleSampler, statisticalSampler, std } from './sampler';
import { DEFAULT_DISSIMILARITY, GammaInputError, type Alignment, type Continuum, type Dissimilarity, type GammaSampler } from './types';

export interface GammaOptions extends Partial<Dissimilarity> {
  sampler?: GammaSampler;
  seed?: number;
  /** Relative precision of the expected disorder's mean (default 0.05). */
  precision?: number;
  /** First batch of samples (default 30, as pygamma). */
  minSamples?: number;
  /** Upper limit on samples (default 2000). */
  maxSamples?: number;
}

/** γ's figures: the CLI JSON's "gamma" object. */
export interface GammaFigures {
  gamma: number | null;
  gammaCat: number | null;
  gammaK: Record<string, number | null>;
  disorder: number;
  expectedDisorder: number;
  unitaryAlignments: number;
  samples: number;
  sampler: GammaSampler;
  precision: number;
  seed: number;
  alpha: number;
  beta: number;
  deltaEmpty: number;
}

export interface GammaResult extends GammaFigures {
  /** The best alignment (unit indices per annotator of the continuum). */
  alignment: Alignment;
}

export const GAMMA_DEFAULTS = { sampler: 'statistical' as GammaSampler, seed: 1, precision: 0.05, minSamples: 30, maxSamples: 2000 };

/**
 * γ-cat (category = null) or γ_k disorder of an alignment (Mathet 2015 thesis §4.2.5 as in
 * pygamma): the categorical dissimilarity of each pair of aligned units, weighted by
 * 1/(units in its unitary alignment − 1) and by the positional confidence max(0, 1 − α·pos).
 */
export function categoryDisorder(c: Continuum, al: Alignment, d: Dissimilarity, category: string | null): number {
  let total = 0;
  let weight = 0;
  let noCat = true;
  let noPair = true;
  for (const ua of al.unitary) {
    const units = ua.units.map((i, a) => (i === null ? null : c.units[a]![i]!));
    const nv = units.filter((u) => u !== null).length;
    const base = nv < 2 ? 0 : 1 / (nv - 1);
    for (let i = 0; i < units.length; i++) {
      for (let j = i + 1; j < units.length; j++) {
        const u = units[i]!;
        const v = units[j]!;
        if (category !== null && u?.category !== category && v?.category !== category) continue;
        noCat = false;
        if (u === null || v === null) continue;
        noPair = false;
        const w = base * Math.max(0, 1 - d.alpha * positionalDissimilarity(u, v, d));
        total += categoricalDissimilarity(u, v, d) * w;
        weight += w;
      }
    }
  }
  if (noPair) return noCat ? 1 : 0;
  return total === 0 ? 0 : total / weight;
}

const ratio = (observed: number, expected: number): number | null => {
  if (observed === 0) return 1;
  const g = 1 - observed / expected;
  return Number.isFinite(g) ? g : null;
};

export function checkContinuum(c: Continuum): void {
  if (c.annotators.length < 2) throw new GammaInputError(`gamma needs at least two coders; got ${c.annotators.length}`);
  if (c.units.every((us) => us.length === 0)) throw new GammaInputError('gamma: the selected coders coded no segment with a duration: nothing to align');
  for (const us of c.units) for (const u of us) {
    if (!(u.end > u.start) || !Number.isFinite(u.start) || !Number.isFinite(u.end)) throw new GammaInputError(`gamma: a unit of "${u.category}" from ${u.start} to ${u.end} has no duration`);
  }
}

function checkOptions(d: Dissimilarity, precision: number): void {
  for (const [k, v] of [['alpha', d.alpha], ['beta', d.beta]] as const) {
    if (!(v >= 0) || !Number.isFinite(v)) throw new GammaInputError(`gamma: ${k} must be a number ≥ 0; got ${v}`);
  }
  if (!(d.deltaEmpty > 0) || !Number.isFinite(d.deltaEmpty)) throw new GammaInputError(`gamma: delta-empty must be a number > 0; got ${d.deltaEmpty}`);
  if (!(precision > 0 && precision < 1)) throw new GammaInputError(`gamma: precision must be between 0 and 1 (exclusive); got ${precision}`);
}

/** Samples needed for the mean's 95 % CI to be within ±precision (relative), pygamma's rule. */
export function requiredSamples(disorders: readonly number[], precision: number): number {
  const m = disorders.reduce((a, b) => a + b, 0) / disorders.length;
  if (m === 0) return disorders.length;
  return Math.ceil(((std(disorders) / m) * 1.96 / precision) ** 2);
}

export async function computeGamma(c: Continuum, options: GammaOptions = {}): Promise<GammaResult> {
  const d: Dissimilarity = { ...DEFAULT_DISSIMILARITY, ...definedOnly(options) };
  const o = { ...GAMMA_DEFAULTS, ...definedOnly(options) };
  checkContinuum(c);
  checkOptions(d, o.precision);
  const highs = await loadSolver();
  const best = bestAlignmentWith(highs, c, d);
  const sample = (o.sampler === 'shuffle' ? shuffleSampler : statisticalSampler)(c);
  const rand = prng(o.seed);
  const chance: { c: Continuum; al: Alignment }[] = [];
  const draw = (k: number) => {
    for (let i = 0; i < k; i++) {
      const s = sample(rand);
      chance.push({ c: s, al: bestAlignmentWith(highs, s, d) });
    }
  };
  draw(o.minSamples);
  for (;;) {
    const need = Math.min(o.maxSamples, requiredSamples(chance.map((x) => x.al.disorder), o.precision));
    if (need <= chance.length) break;
    draw(need - chance.length);
  }
  const expected = chance.reduce((s, x) => s + x.al.disorder, 0) / chance.length;
  const catRatio = (k: string | null) =>
    ratio(categoryDisorder(c, best, d, k), chance.reduce((s, x) => s + categoryDisorder(x.c, x.al, d, k), 0) / chance.length);
  const categories = [...new Set(c.units.flat().map((u) => u.category))].sort();
  return {
    gamma: ratio(best.disorder, expected),
    gammaCat: catRatio(null),
    gammaK: Object.fromEntries(categories.map((k) => [k, catRatio(k)])),
    disorder: best.disorder,
    expectedDisorder: expected,
    unitaryAlignments: best.unitary.length,
    samples: chance.length,
    sampler: o.sampler,
    precision: o.precision,
    seed: o.seed,
    alpha: d.alpha,
    beta: d.beta,
    deltaEmpty: d.deltaEmpty,
    alignment: best,
  };
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
