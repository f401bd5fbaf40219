/**
 * The arithmetic shared by the two ways of computing Krippendorff's unitizing alphas
 * (unitizing.ts: from unit lists, any number of values; unitizingCodes.ts: one code's binary
 * continuum swept without objects): the 2016 expected coincidences and uα / |uα / cuα / (k)uα
 * from coincidence matrices, and the 1995/2004 expected disagreement. See unitizing.ts for the
 * definitions and references.
 */

export interface NullableValue {
  value: number | null;
  note?: string;
}

export type Matrix = number[][];

export const nul = (note: string): NullableValue => ({ value: null, note });
export const NO_UNITS = 'no coder marked any unit';
/** Sum of a matrix's diagonal from index `from` on. */
const diag = (x: Matrix, from: number) => x.reduce((s, row, c) => (c >= from ? s + row[c] : s), 0);

/** Why the 2016 family cannot be computed when a coder's units of two values overlap. */
export const overlapNote = (coder: string, before: string, after: string, at: number): string =>
  `coder ${coder} has overlapping units ("${before}" and "${after}" at ${at}); the 2016 unitizing alphas need mutually exclusive units`;

export const zeroMatrix = (V: number): Matrix => Array.from({ length: V }, () => new Array<number>(V).fill(0));

/**
 * Fills the expected coincidences from the observed margins and `S`, each value's Σ of squared
 * unit lengths (gaps, value 0: their plain length, as runs of one-atom units).
 */
export function expectedFrom(observed: Matrix, S: readonly number[], expected: Matrix): { margin: number[]; total: number } {
  const V = observed.length;
  const margin = observed.map((row) => row.reduce((a, b) => a + b, 0));
  const total = margin.reduce((a, b) => a + b, 0); // = m·L
  const Ssum = S.reduce((a, b) => a + b, 0);
  const eDen = total * total - Ssum;
  for (let c = 0; c < V; c++) {
    for (let k = 0; k < V; k++) expected[c][k] = eDen > 0 ? (total * (margin[c] * margin[k] - (c === k ? S[c] : 0))) / eDen : 0;
  }
  return { margin, total };
}

/** uα over all values and gaps, and binary uα (units against gaps). */
export function uAlphas(values: readonly string[], observed: Matrix, expected: Matrix, margin: number[], total: number): { uAlpha: NullableValue; binaryUAlpha: NullableValue } {
  if (values.length === 0) return { uAlpha: nul(NO_UNITS), binaryUAlpha: nul(NO_UNITS) };
  const de = total - diag(expected, 0);
  const uAlpha = de > 0 ? { value: 1 - (total - diag(observed, 0)) / de } : nul('expected disagreement is 0 (the continuum is one unit for every coder)');
  const e0 = expected[0].reduce((a, b) => a + b, 0);
  const deB = e0 - expected[0][0];
  const binaryUAlpha = margin[0] === 0
    ? nul('no coder left any gap, so units and gaps cannot be told apart')
    : deB > 0 ? { value: 1 - (margin[0] - observed[0][0]) / deB } : nul('expected disagreement is 0');
  return { uAlpha, binaryUAlpha };
}

/** cuα and (k)uα: intersections of valued units only; T[c] = Σ over units g valued c of (Σ_h |g ∩ h|)². */
export function cuAlphas(values: readonly string[], observed: Matrix, T: number[], m: number): { cuAlpha: NullableValue; kuAlpha: Record<string, NullableValue> } {
  const V = observed.length;
  const lc = observed.map((row, c) => (c === 0 ? 0 : row.reduce((s, x, k) => (k === 0 ? s : s + x), 0)));
  const lAll = lc.reduce((a, b) => a + b, 0);
  const kuAlpha: Record<string, NullableValue> = {};
  if (lAll === 0) {
    for (const v of values) kuAlpha[v] = nul('no units of different coders intersect');
    return { cuAlpha: nul(values.length === 0 ? NO_UNITS : 'no units of different coders intersect'), kuAlpha };
  }
  const Tsum = T.reduce((a, b) => a + b, 0);
  const den = lAll - Tsum / (lAll * (m - 1));
  const e = Array.from({ length: V }, (_, c) =>
    Array.from({ length: V }, (_, k) => (c === 0 || k === 0 || den <= 0 ? 0 : (lc[c] * lc[k] - (c === k ? T[c] / (m - 1) : 0)) / den)),
  );
  const deC = lAll - diag(e, 1);
  const cuAlpha = values.length < 2
    ? nul('cuα compares the values given to intersecting units; with a single value there is nothing to compare')
    : deC > 0 ? { value: 1 - (lAll - diag(observed, 1)) / deC } : nul('expected disagreement is 0');
  values.forEach((v, idx) => {
    const k = idx + 1;
    const ek = e[k].reduce((a, b) => a + b, 0);
    const d = ek - e[k][k];
    kuAlpha[v] = lc[k] === 0
      ? nul(`no "${v}" unit intersects another coder's unit`)
      : d > 0 ? { value: 1 - (ek / lc[k]) * ((lc[k] - observed[k][k]) / d) } : nul(`expected disagreement of "${v}" is 0 (single value)`);
  });
  return { cuAlpha, kuAlpha };
}

export interface Alpha2004 {
  value: number | null;
  note?: string;
  observed: number;
  expected: number;
}

/**
 * The 1995/2004 uα of one category from Σδ² over coder pairs (`sumDelta`), every coder's unit
 * lengths and gap lengths (`gaps` sorted ascending), m coders and a continuum of L atoms:
 * expected disagreement over all possible unitizations.
 */
export function alpha2004From(sumDelta: number, unitLengths: ArrayLike<number>, gaps: ArrayLike<number>, m: number, L: number): Alpha2004 {
  const observed = m < 2 || L <= 0 ? 0 : (2 * sumDelta) / (m * (m - 1) * L * L);
  const Nc = unitLengths.length;
  if (m < 2 || L <= 0 || Nc === 0) return { value: null, note: Nc === 0 ? 'no coder marked a unit of this code' : 'needs two coders and a non-empty continuum', observed, expected: 0 };
  // Σ over gaps G ≥ l of (G − l + 1), via sorted gaps and suffix sums.
  const suffix = new Float64Array(gaps.length + 1);
  for (let k = gaps.length - 1; k >= 0; k--) suffix[k] = suffix[k + 1] + gaps[k] + 1;
  let num = 0;
  let sq = 0;
  for (let u = 0; u < Nc; u++) {
    const l = unitLengths[u];
    let lo = 0;
    let hi = gaps.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (gaps[mid] < l) lo = mid + 1;
      else hi = mid;
    }
    const fit = suffix[lo] - l * (gaps.length - lo);
    num += ((Nc - 1) * (2 * l ** 3 - 3 * l ** 2 + l)) / 3 + l * l * fit;
    sq += l * (l - 1);
  }
  const expected = ((2 / L) * num) / (m * L * (m * L - 1) - sq);
  if (!(expected > 0)) return { value: null, note: 'expected disagreement is 0', observed, expected };
  return { value: 1 - observed / expected, observed, expected };
}
