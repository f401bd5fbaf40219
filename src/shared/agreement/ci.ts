/**
 * Confidence intervals of the segments statistics (`agreement --ci`): Krippendorff's α by
 * Hayes & Krippendorff's bootstrap of coincidences, Cohen's and Fleiss' κ by a bootstrap over
 * units (slices; for overall, the pooled (code, slice) units). Each statistic has its own
 * PRNG stream from the seed and its label, so a code's interval does not depend on which
 * other codes are selected. Exact mode has no countable units: its intervals are null.
 */
import { alphaBootstrap, ciSettings, seededSampler, unitBootstrap, type CiOptions, type ConfidenceInterval } from './bootstrap';
import { confusionCohensKappa, emptyTally, pairConfusion, pairTally, tallyFleissKappa, type BinaryTally } from './measures';
import type { AgreementTallies } from './segments';

/** Intervals of one row's statistics; a missing key = the statistic is undefined or does not apply. */
export interface StatsCi {
  krippendorffAlpha?: ConfidenceInterval | null;
  fleissKappa?: ConfidenceInterval | null;
  cohensKappa?: ConfidenceInterval | null;
}

export interface AgreementCi {
  level: number;
  samples: number;
  seed: number;
  overall: StatsCi;
  codes: { code: string; ci: StatsCi }[];
  pairs: { coders: [string, string]; ci: StatsCi }[];
  /** Why intervals are missing, if they are. */
  note?: string;
}

export const EXACT_CI_NOTE = 'bootstrap intervals need countable units: exact (continuous) mode has none, use --unit';

/** Nominal coincidences of a binary tally (values 0 = not applied, 1 = applied). */
export function tallyCoincidences(t: BinaryTally): { o: number[][]; delta: number[][]; pairs: number } {
  const m = t.coders;
  const h = new Float64Array(m + 1);
  let coded = 0;
  for (let k = 1; k < t.byMask.length; k++) {
    h[popcount(k)] += t.byMask[k];
    coded += t.byMask[k];
  }
  h[0] = t.total - coded;
  let o00 = 0;
  let o01 = 0;
  let o11 = 0;
  for (let j = 0; j <= m; j++) {
    o00 += (h[j] * (m - j) * (m - j - 1)) / (m - 1);
    o01 += (h[j] * j * (m - j)) / (m - 1);
    o11 += (h[j] * j * (j - 1)) / (m - 1);
  }
  return { o: [[o00, o01], [o01, o11]], delta: [[0, 1], [1, 0]], pairs: (t.total * m * (m - 1)) / 2 };
}

function popcount(x: number): number {
  let c = 0;
  for (; x; c++) x &= x - 1;
  return c;
}

/** The tally's units by rating pattern (index = mask, 0 = nobody applied). */
function patternWeights(t: BinaryTally): number[] {
  const w = Array.from(t.byMask);
  w[0] = t.total - w.reduce((a, b) => a + b, 0);
  return w;
}

function fromPatterns(coders: number, counts: Float64Array): BinaryTally {
  const t = emptyTally(coders);
  t.byMask.set(counts);
  t.byMask[0] = 0;
  t.total = counts.reduce((a, b) => a + b, 0);
  return t;
}

/** α, Fleiss' κ (and Cohen's κ for two coders) intervals of one tally. */
export function tallyCi(t: BinaryTally, label: string, o: CiOptions): StatsCi {
  const { seed } = ciSettings(o);
  const m = t.coders;
  const out: StatsCi = {
    krippendorffAlpha: alphaBootstrap(tallyCoincidences(t), seededSampler(seed, `${label}\u0000alpha`), o),
    fleissKappa: unitBootstrap(patternWeights(t), (c) => tallyFleissKappa(fromPatterns(m, c)).value, seededSampler(seed, `${label}\u0000fleiss`), o),
  };
  if (m === 2) out.cohensKappa = pairCohenCi(t, 0, 1, `${label}\u0000cohen`, o);
  return out;
}

/** Cohen's κ interval of coders i and j over the tally's units. */
export function pairCohenCi(t: BinaryTally, i: number, j: number, label: string, o: CiOptions): ConfidenceInterval | null {
  const c = pairConfusion(t, i, j);
  const stat = (k: Float64Array) => confusionCohensKappa({ both: k[0], onlyA: k[1], onlyB: k[2], neither: k[3] }).value;
  return unitBootstrap([c.both, c.onlyA, c.onlyB, c.neither], stat, seededSampler(ciSettings(o).seed, label), o);
}

/** Every interval of a selection's tallies (per code, overall, per pair pooled over codes). */
export function computeAgreementCi(t: AgreementTallies, options: CiOptions = {}): AgreementCi {
  const s = ciSettings(options);
  const head = { level: s.level, samples: s.samples, seed: s.seed };
  if (t.exact) return { ...head, overall: {}, codes: t.codes.map((code) => ({ code, ci: {} })), pairs: [], note: EXACT_CI_NOTE };
  const codes = t.codes.map((code, c) => ({ code, ci: tallyCi(t.perCode[c], `code\u0000${code}`, s) }));
  const overall = tallyCi(t.pooled, 'overall', s);
  const pairs: AgreementCi['pairs'] = [];
  for (let i = 0; i < t.coders.length; i++) {
    for (let j = i + 1; j < t.coders.length; j++) {
      const label = `pair\u0000${t.coders[i]}\u0000${t.coders[j]}`;
      pairs.push({
        coders: [t.coders[i], t.coders[j]],
        ci: {
          krippendorffAlpha: alphaBootstrap(tallyCoincidences(pairTally(t.pooled, i, j)), seededSampler(s.seed, `${label}\u0000alpha`), s),
          cohensKappa: pairCohenCi(t.pooled, i, j, `${label}\u0000cohen`, s),
        },
      });
    }
  }
  return { ...head, overall, codes, pairs };
}
