/**
 * Unitizing agreement: how far coders agree on *where* the coded stretches are, not only
 * on each instant. Two definitions, both from Krippendorff:
 *
 * - **2004 uα** (Krippendorff 1995, "On the reliability of unitizing contiguous data";
 *   Content Analysis, 2nd ed. 2004, §12.4): per category, a binary unitization (units vs
 *   gaps); disagreement δ² of two overlapping units = (Δbegin)² + (Δend)², of a unit lying
 *   inside the other coder's gap = length²; expected disagreement over all possible
 *   unitizations of the continuum. Computed on integer atoms (the formula is discrete).
 *   Overall = 1 − ΣDo / ΣDe over categories.
 * - **2016 family** (Krippendorff, Mathet, Bouvry & Widlöcher 2016, "On the reliability of
 *   unitizing textual continua: Further developments", Quality & Quantity 50: 2347–2364),
 *   from coincidences of intersection lengths: l_ck = Σ_{i≠j} Σ_{g,h} |g ∩ h| / (m − 1)
 *   over coder i's segment g valued c and coder j's segment h valued k, gaps valued ∅;
 *   expected e_ck = l·· (l_c· l_·k − [c = k] Σ ℓ²_c) / (l··² − Σ ℓ²), where Σ ℓ² sums the
 *   squared unit lengths (gaps count as runs of one-atom units, i.e. ℓ·atom).
 *   uα = 1 − (l·· − Σ l_cc)/(l·· − Σ e_cc) (all values incl. gaps);
 *   |uα: valued vs gap only; cuα: coding of intersecting valued units only, with
 *   e_ck = (l_c l_k − [c = k] Σ_{i≠j,g∈c} (Σ_h|g∩h|)²/(m−1)) / (l − Σ…²/(l(m−1)));
 *   (k)uα: cuα for value k alone (nominal, eq. 13b).
 *   The 2016 uα family requires each coder's units to be mutually exclusive.
 *
 * Per code, each code is its own binary continuum (code vs gap). Overall, the 2016 family
 * treats the codes as the values of one continuum (only when no coder overlaps two codes);
 * `pooledUAlpha` always exists: uα of the per-code continua laid end to end.
 */
import type { AgreementSegment, SelectionOptions } from './types';
import { byCode, selectSegments, type SelectedSegment, type Selection } from './select';
import { unionOf } from './union';
import { codeUAlpha, firstOverlap, pooledUAlpha, sweepCode } from './unitizingCodes';
import { alpha2004From, cuAlphas, expectedFrom, nul, overlapNote, uAlphas, zeroMatrix, type Alpha2004, type Matrix, type NullableValue } from './unitizingMath';

export type { Alpha2004, NullableValue } from './unitizingMath';

/** A coded stretch of a continuum: [start, end) with a category (value). */
export interface UnitizingUnit {
  start: number;
  end: number;
  value: string;
}

export interface Continuum {
  start: number;
  end: number;
}

export interface UnitizingFamily {
  uAlpha: NullableValue;
  binaryUAlpha: NullableValue;
  cuAlpha: NullableValue;
  /** (k)uα per value. */
  kuAlpha: Record<string, NullableValue>;
  /** Observed coincidences l_ck; index 0 is the gap (∅), then `values`. */
  values: string[];
  observed: number[][];
  expected: number[][];
}

interface Piece {
  start: number;
  end: number;
  /** 0 = gap, v ≥ 1 = values[v − 1]. */
  value: number;
}

/** Units of one coder → a partition of the continuum into units and gaps. Units must not overlap. */
function partition(units: readonly { start: number; end: number; value: number }[], c: Continuum): Piece[] {
  const sorted = [...units].sort((a, b) => a.start - b.start);
  const out: Piece[] = [];
  let pos = c.start;
  for (const u of sorted) {
    if (u.start > pos) out.push({ start: pos, end: u.start, value: 0 });
    out.push({ start: u.start, end: u.end, value: u.value });
    pos = u.end;
  }
  if (pos < c.end) out.push({ start: pos, end: c.end, value: 0 });
  return out;
}

/** Calls f for every pair of overlapping pieces of two partitions of the same continuum. */
function sweepPairs(p: readonly Piece[], q: readonly Piece[], f: (g: number, h: number, len: number) => void): void {
  let a = 0;
  let b = 0;
  while (a < p.length && b < q.length) {
    const len = Math.min(p[a].end, q[b].end) - Math.max(p[a].start, q[b].start);
    if (len > 0) f(a, b, len);
    if (p[a].end < q[b].end) a++;
    else if (p[a].end > q[b].end) b++;
    else {
      a++;
      b++;
    }
  }
}

/** Checks that one coder's units do not overlap; returns a message if they do. */
function overlapMessage(units: readonly UnitizingUnit[], coder: string): string | null {
  const s = [...units].sort((a, b) => a.start - b.start);
  for (let i = 1; i < s.length; i++) {
    if (s[i].start < s[i - 1].end) {
      return overlapNote(coder, s[i - 1].value, s[i].value, s[i].start);
    }
  }
  return null;
}

/**
 * The 2016 uα family for `continua[i]` = units of coder i, on the continuum [start, end).
 * Lengths are divided by `atom` (the smallest unit, e.g. 1 ms or 1 character).
 */
export function unitizingAlphaFamily(continua: readonly (readonly UnitizingUnit[])[], continuum: Continuum, atom = 1, coderNames?: readonly string[]): UnitizingFamily {
  const m = continua.length;
  const values = [...new Set(continua.flatMap((u) => u.map((x) => x.value)))].sort();
  const V = values.length + 1;
  const vIndex = new Map(values.map((v, i) => [v, i + 1]));
  const observed = zeroMatrix(V);
  const expected = zeroMatrix(V);
  const result = (over: Partial<UnitizingFamily>): UnitizingFamily => ({
    uAlpha: nul('not computed'),
    binaryUAlpha: nul('not computed'),
    cuAlpha: nul('not computed'),
    kuAlpha: {},
    values,
    observed,
    expected,
    ...over,
  });
  if (m < 2) return result({ uAlpha: nul('needs two coders'), binaryUAlpha: nul('needs two coders'), cuAlpha: nul('needs two coders') });
  for (let i = 0; i < m; i++) {
    const msg = overlapMessage(continua[i], coderNames?.[i] ?? String(i + 1));
    if (msg) return result({ uAlpha: nul(msg), binaryUAlpha: nul(msg), cuAlpha: nul(msg) });
  }
  const L = (continuum.end - continuum.start) / atom;
  const parts = continua.map((units) =>
    partition(units.map((u) => ({ start: (u.start - continuum.start) / atom, end: (u.end - continuum.start) / atom, value: vIndex.get(u.value)! })), { start: 0, end: L }),
  );
  const T = coincidences(parts, observed);
  const { margin, total } = expectedFrom(observed, squaredLengths(parts, V), expected);
  return result({ ...uAlphas(values, observed, expected, margin, total), ...cuAlphas(values, observed, T, m) });
}

type Part = ReturnType<typeof partition>;

/**
 * Fills the observed coincidence matrix (pairable lengths, divided by m − 1) over every pair of
 * coders; returns, for cuα, Σ (Σ_h |g ∩ h|)² per value.
 */
function coincidences(parts: Part[], observed: Matrix): number[] {
  const m = parts.length;
  const V = observed.length;
  const T = new Array<number>(V).fill(0);
  for (let i = 0; i < m; i++) {
    for (let j = i + 1; j < m; j++) {
      const p = parts[i];
      const q = parts[j];
      const accP = new Float64Array(p.length);
      const accQ = new Float64Array(q.length);
      sweepPairs(p, q, (g, h, len) => {
        observed[p[g].value][q[h].value] += len;
        observed[q[h].value][p[g].value] += len;
        if (p[g].value !== 0 && q[h].value !== 0) {
          accP[g] += len;
          accQ[h] += len;
        }
      });
      p.forEach((g, k) => g.value !== 0 && (T[g.value] += accP[k] * accP[k]));
      q.forEach((h, k) => h.value !== 0 && (T[h.value] += accQ[k] * accQ[k]));
    }
  }
  for (const row of observed) for (let k = 0; k < V; k++) row[k] /= m - 1;
  return T;
}

/** Each value's Σ of squared unit lengths (gaps: their plain length), for the expected coincidences. */
function squaredLengths(parts: Part[], V: number): number[] {
  const S = new Array<number>(V).fill(0);
  for (const p of parts) for (const g of p) S[g.value] += g.value === 0 ? g.end - g.start : (g.end - g.start) ** 2;
  return S;
}

/**
 * Krippendorff's (1995/2004) uα for one category: `continua[i]` = coder i's units of that
 * category (non-overlapping) on [start, end); lengths are counted in atoms.
 */
export function unitizingAlpha2004(continua: readonly (readonly { start: number; end: number }[])[], continuum: Continuum, atom = 1): Alpha2004 {
  const m = continua.length;
  const L = (continuum.end - continuum.start) / atom;
  const parts = continua.map((units) =>
    partition(units.map((u) => ({ start: (u.start - continuum.start) / atom, end: (u.end - continuum.start) / atom, value: 1 })), { start: 0, end: L }),
  );
  let sumDelta = 0;
  for (let i = 0; i < m; i++) {
    for (let j = i + 1; j < m; j++) {
      const p = parts[i];
      const q = parts[j];
      sweepPairs(p, q, (a, b) => {
        const g = p[a];
        const h = q[b];
        if (g.value && h.value) sumDelta += (g.start - h.start) ** 2 + (g.end - h.end) ** 2;
        else if (g.value && h.start <= g.start && g.end <= h.end) sumDelta += (g.end - g.start) ** 2;
        else if (h.value && g.start <= h.start && h.end <= g.end) sumDelta += (h.end - h.start) ** 2;
      });
    }
  }
  const unitLengths: number[] = [];
  const gaps: number[] = [];
  for (const p of parts) for (const g of p) (g.value ? unitLengths : gaps).push(g.end - g.start);
  return alpha2004From(sumDelta, unitLengths, gaps.sort((a, b) => a - b), m, L);
}

export interface UnitizingOptions extends SelectionOptions {
  /** Smallest unit of the continuum in ms (default 1 ms, the precision of the data). */
  atomMs?: number;
}

export interface UnitizingCode {
  code: string;
  /** 2016 uα of this code's continuum (code vs gap; equals its |uα). */
  uAlpha: number | null;
  /** 1995/2004 uα of this code. */
  uAlpha2004: number | null;
  /** 2016 (k)uα of this code within the overall continuum (null when that is not defined). */
  kuAlpha: number | null;
  notes: Partial<Record<'uAlpha' | 'uAlpha2004' | 'kuAlpha', string>>;
}

export interface UnitizingResult {
  coders: string[];
  duration: number;
  atomMs: number;
  codes: UnitizingCode[];
  overall: {
    /** 2016 uα with the codes as values of one continuum. */
    uAlpha: number | null;
    /** 2016 |uα: coded vs uncoded time. */
    binaryUAlpha: number | null;
    /** 2016 cuα: agreement on the codes of intersecting units. */
    cuAlpha: number | null;
    /** 2016 uα of the per-code continua laid end to end (always defined when anything is coded). */
    pooledUAlpha: number | null;
    /** 1995/2004 uα over codes: 1 − ΣDo / ΣDe. */
    uAlpha2004: number | null;
    notes: Partial<Record<'uAlpha' | 'binaryUAlpha' | 'cuAlpha' | 'pooledUAlpha' | 'uAlpha2004', string>>;
  };
  /** Point events are not units of a continuum and are left out. */
  pointEvents: number;
}

/** One coder's segments of one code merged where they overlap (abutting ones stay separate units), flat [a0, b0, …] in time order. */
function mergeUnits(segs: readonly SelectedSegment[], coder: number): Float64Array {
  const starts = new Float64Array(segs.length);
  const ends = new Float64Array(segs.length);
  let n = 0;
  for (const s of segs) {
    if (s.coder !== coder) continue;
    starts[n] = s.startMs;
    ends[n++] = s.endMs;
  }
  return unionOf(starts.subarray(0, n), ends.subarray(0, n), false);
}

/** Flat [a0, b0, …] units as UnitizingUnits valued `value`. */
function unitObjects(flat: Float64Array, value: string): UnitizingUnit[] {
  const out: UnitizingUnit[] = [];
  for (let r = 0; r < flat.length; r += 2) out.push({ start: flat[r]!, end: flat[r + 1]!, value });
  return out;
}

/**
 * The 2016 family with the codes as the values of one continuum. When a coder overlaps two codes
 * it is not defined, and finding the first overlap on typed arrays spares an object per unit.
 */
function overallOf(sel: Selection, units: Float64Array[][], cont: Continuum, atom: number): Pick<UnitizingFamily, 'uAlpha' | 'binaryUAlpha' | 'cuAlpha' | 'kuAlpha'> {
  if (sel.coders.length >= 2) {
    for (let i = 0; i < sel.coders.length; i++) {
      const o = firstOverlap(units.map((u) => u[i]!));
      if (o === undefined) break;
      if (o === null) continue;
      const note = nul(overlapNote(sel.coders[i]!, sel.codes[o.before]!, sel.codes[o.after]!, o.at));
      return { uAlpha: note, binaryUAlpha: note, cuAlpha: note, kuAlpha: {} };
    }
  }
  return unitizingAlphaFamily(sel.coders.map((_, i) => units.flatMap((u, c) => unitObjects(u[i]!, sel.codes[c]!))), cont, atom, sel.coders);
}

export function computeUnitizingAgreement(segments: readonly AgreementSegment[], options: UnitizingOptions = {}): UnitizingResult {
  return unitizingOf(selectSegments(segments, options), options.atomMs);
}

/** The unitizing alphas of a selection made by selectSegments (computeUnitizingAgreement, given the selection). */
export function unitizingOf(sel: Selection, atomMs?: number): UnitizingResult {
  const atom = atomMs ?? 1;
  const cont: Continuum = { start: 0, end: sel.durationMs };
  const m = sel.coders.length;
  const perCode = byCode(sel.intervals, sel.codes.length);
  // units[c][i] = coder i's merged units of code c
  const units = perCode.map((segs) => sel.coders.map((_, i) => mergeUnits(segs, i)));
  const overallFamily = overallOf(sel, units, cont, atom);
  const sweeps = units.map((u) => sweepCode(u, sel.durationMs, atom));
  let sumDo = 0;
  let sumDe = 0;
  const codes: UnitizingCode[] = sel.codes.map((code, c) => {
    const uAlpha = codeUAlpha(code, sweeps[c]!, m);
    const a04 = sweeps[c]!.alpha2004;
    if (a04.value !== null) {
      sumDo += a04.observed;
      sumDe += a04.expected;
    }
    // (k)uα exists for the codes some coder marked, when the overall family could be computed at all
    const ku = overallFamily.kuAlpha[code] ?? nul(sweeps[c]!.hasUnits ? overallFamily.cuAlpha.note! : 'no coder marked a unit of this code');
    const notes: UnitizingCode['notes'] = {};
    if (uAlpha.note) notes.uAlpha = uAlpha.note;
    if (a04.note) notes.uAlpha2004 = a04.note;
    if (ku.note) notes.kuAlpha = ku.note;
    return { code, uAlpha: uAlpha.value, uAlpha2004: a04.value, kuAlpha: ku.value, notes };
  });
  const notes: UnitizingResult['overall']['notes'] = {};
  const take = (name: keyof typeof notes, v: NullableValue) => {
    if (v.note) notes[name] = v.note;
    return v.value;
  };
  const overall: UnitizingResult['overall'] = {
    uAlpha: take('uAlpha', overallFamily.uAlpha),
    binaryUAlpha: take('binaryUAlpha', overallFamily.binaryUAlpha),
    cuAlpha: take('cuAlpha', overallFamily.cuAlpha),
    pooledUAlpha: take('pooledUAlpha', pooledUAlpha(sel.codes, sweeps, m)),
    uAlpha2004: take('uAlpha2004', sumDe > 0 ? { value: 1 - sumDo / sumDe } : { value: null, note: 'no code has a defined 2004 uα' }),
    notes,
  };
  return { coders: sel.coders, duration: sel.durationMs / 1000, atomMs: atom, codes, overall, pointEvents: sel.points.length };
}
