/**
 * The per-code unitizing alphas in one sweep per pair of coders, without an object per unit.
 *
 * Each code is its own binary continuum (code vs gap). For one code, every pair of coders'
 * partitions is swept once, collecting at the same time what the 2016 uα (the coincidences of
 * gaps and units) and the 1995/2004 uα (Σδ²) need. The pooled 2016 uα (the per-code continua
 * laid end to end) follows from the same per-code coincidences: on the pooled continuum a piece
 * of one code's stretch only ever meets pieces of the same stretch, and a gap that runs across
 * two stretches adds the same lengths as its two halves (gaps count their plain length in Σℓ²).
 *
 * The sums run in the same order as unitizing.ts's general functions (unitizingAlphaFamily,
 * unitizingAlpha2004), which stay the reference: per code the results are the same numbers; the
 * pooled uα is the same too when lengths are whole atoms (exact sums), as milliseconds are.
 */
import { alpha2004From, expectedFrom, nul, uAlphas, zeroMatrix, type Alpha2004, type NullableValue } from './unitizingMath';

/** One coder's partition of [0, L): piece k is [b[k], b[k + 1]), a unit when unit[k] is 1. */
interface Pieces {
  b: Float64Array;
  unit: Uint8Array;
  n: number;
}

/** Pieces of the partition of [0, L) by sorted, disjoint units given flat as [a0, b0, a1, b1, …] (divided by atom). */
function piecesOf(units: Float64Array, L: number, atom: number): Pieces {
  const b = new Float64Array(units.length + 2);
  const unit = new Uint8Array(units.length + 1);
  let n = 0;
  let pos = 0;
  for (let r = 0; r < units.length; r += 2) {
    const s = units[r]! / atom;
    if (s > pos) b[++n] = s; // a gap up to this unit (unit[n − 1] stays 0)
    else if (n === 0) b[0] = s; // a first unit starting before 0 starts the partition, as in unitizing.ts
    unit[n] = 1;
    pos = b[++n] = units[r + 1]! / atom;
  }
  if (pos < L) b[++n] = L;
  return { b, unit, n };
}

/** What one code's continuum gives both definitions. */
export interface CodeSweep {
  /** Raw coincidences (before dividing by m − 1): gap–gap, gap–unit (each way), unit–unit. */
  r00: number;
  r01: number;
  r10: number;
  r11: number;
  /** Σ gap lengths and Σ squared unit lengths over all coders. */
  gapSum: number;
  unitSq: number;
  alpha2004: Alpha2004;
  hasUnits: boolean;
}

/** Sweeps one code: `units[i]` = coder i's disjoint units of it in time order (ms, flat pairs), on [0, durationMs). */
export function sweepCode(units: readonly Float64Array[], durationMs: number, atom: number): CodeSweep {
  const m = units.length;
  const L = durationMs / atom;
  const parts = units.map((u) => piecesOf(u, L, atom));
  const out: CodeSweep = { r00: 0, r01: 0, r10: 0, r11: 0, gapSum: 0, unitSq: 0, alpha2004: { value: null, observed: 0, expected: 0 }, hasUnits: false };
  let sumDelta = 0;
  for (let i = 0; i < m; i++) for (let j = i + 1; j < m; j++) sumDelta = sweepPair(parts[i]!, parts[j]!, out, sumDelta);
  let nUnits = 0;
  for (const u of units) nUnits += u.length / 2;
  const unitLengths = new Float64Array(nUnits);
  let nGaps = 0;
  for (const p of parts) nGaps += p.n;
  const gaps = new Float64Array(nGaps - nUnits);
  let u = 0;
  let g = 0;
  for (const p of parts) {
    for (let k = 0; k < p.n; k++) {
      const len = p.b[k + 1]! - p.b[k]!;
      if (p.unit[k]) {
        unitLengths[u++] = len;
        out.unitSq += len ** 2;
      } else {
        gaps[g++] = len;
        out.gapSum += len;
      }
    }
  }
  out.hasUnits = nUnits > 0;
  out.alpha2004 = alpha2004From(sumDelta, unitLengths, gaps.sort(), m, L);
  return out;
}

/** Adds one pair's coincidences to `acc` and its δ² (2004) to `delta`; returns the new Σδ². */
function sweepPair(p: Pieces, q: Pieces, acc: CodeSweep, delta: number): number {
  let a = 0;
  let c = 0;
  while (a < p.n && c < q.n) {
    const ps = p.b[a]!;
    const pe = p.b[a + 1]!;
    const qs = q.b[c]!;
    const qe = q.b[c + 1]!;
    const len = Math.min(pe, qe) - Math.max(ps, qs);
    if (len > 0) {
      const pu = p.unit[a];
      const qu = q.unit[c];
      if (pu && qu) {
        acc.r11 += len;
        acc.r11 += len;
        delta += (ps - qs) ** 2 + (pe - qe) ** 2;
      } else if (pu) {
        acc.r10 += len;
        acc.r01 += len;
        if (qs <= ps && pe <= qe) delta += (pe - ps) ** 2;
      } else if (qu) {
        acc.r01 += len;
        acc.r10 += len;
        if (ps <= qs && qe <= pe) delta += (qe - qs) ** 2;
      } else {
        acc.r00 += len;
        acc.r00 += len;
      }
    }
    if (pe < qe) a++;
    else if (pe > qe) c++;
    else {
      a++;
      c++;
    }
  }
  return delta;
}

/** The 2016 uα of one code's continuum (code vs gap) from its sweep. */
export function codeUAlpha(code: string, s: CodeSweep, m: number): NullableValue {
  if (m < 2) return nul('needs two coders');
  const values = s.hasUnits ? [code] : [];
  const observed = s.hasUnits ? [[s.r00, s.r01], [s.r10, s.r11]] : [[s.r00]];
  for (const row of observed) for (let k = 0; k < row.length; k++) row[k] /= m - 1;
  const S = s.hasUnits ? [s.gapSum, s.unitSq] : [s.gapSum];
  const expected = zeroMatrix(values.length + 1);
  const { margin, total } = expectedFrom(observed, S, expected);
  return uAlphas(values, observed, expected, margin, total).uAlpha;
}

/** The 2016 uα of the per-code continua laid end to end, the codes being its values. */
export function pooledUAlpha(codes: readonly string[], sweeps: readonly CodeSweep[], m: number): NullableValue {
  if (m < 2) return nul('needs two coders');
  const present = codes.map((code, c) => ({ code, c })).filter((x) => sweeps[x.c]!.hasUnits);
  present.sort((x, y) => (x.code < y.code ? -1 : x.code > y.code ? 1 : 0));
  const V = present.length + 1;
  const observed = zeroMatrix(V);
  const S = new Array<number>(V).fill(0);
  for (const s of sweeps) {
    observed[0]![0] += s.r00;
    S[0] += s.gapSum;
  }
  present.forEach(({ c }, k) => {
    const s = sweeps[c]!;
    observed[0]![k + 1] = s.r01;
    observed[k + 1]![0] = s.r10;
    observed[k + 1]![k + 1] = s.r11;
    S[k + 1] = s.unitSq;
  });
  for (const row of observed) for (let k = 0; k < V; k++) row[k] /= m - 1;
  const expected = zeroMatrix(V);
  const { margin, total } = expectedFrom(observed, S, expected);
  return uAlphas(present.map((x) => x.code), observed, expected, margin, total).uAlpha;
}

/**
 * The first overlap of one coder's units of different codes, as unitizing.ts's family finds it:
 * units in order of start (a tie in the order of the codes), the first one starting before the
 * previous one ends. `lists[c]` = the coder's disjoint units of code c (flat pairs, time order).
 * Sorts numeric keys start·C + c natively instead of objects with a comparator; `undefined` when
 * the starts are not whole non-negative numbers small enough for exact keys (then ask unitizing.ts).
 */
export function firstOverlap(lists: readonly Float64Array[]): { before: number; after: number; at: number } | null | undefined {
  const C = lists.length;
  let n = 0;
  for (const l of lists) n += l.length / 2;
  const keys = new Float64Array(n);
  let k = 0;
  for (let c = 0; c < C; c++) {
    const l = lists[c]!;
    for (let r = 0; r < l.length; r += 2) {
      const key = l[r]! * C + c;
      if (!Number.isInteger(l[r]) || l[r]! < 0 || key > Number.MAX_SAFE_INTEGER) return undefined;
      keys[k++] = key;
    }
  }
  keys.sort();
  const cursor = new Uint32Array(C);
  let prevEnd = -Infinity;
  let prevCode = -1;
  for (let x = 0; x < n; x++) {
    const c = keys[x]! % C;
    const start = (keys[x]! - c) / C;
    if (start < prevEnd) return { before: prevCode, after: c, at: start };
    prevEnd = lists[c]![2 * cursor[c]!++ + 1]!;
    prevCode = c;
  }
  return null;
}
