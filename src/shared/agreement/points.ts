/**
 * Agreement of point events (marker codes: a point segment has start = end). Points cover no
 * slice midpoint and no duration, so they never enter the slice/exact statistics nor the
 * unitizing measures; they are compared here instead.
 *
 * Definitions, per code and per pair of coders (A, B):
 * - matching: one-to-one, within `toleranceMs` (|tA − tB| <= tolerance, default 1000 ms),
 *   nearest first: every candidate pair is sorted by distance, then A's time, then B's time,
 *   and accepted when neither point is matched yet (deterministic).
 * - matched = pairs accepted; onlyA / onlyB = each coder's unmatched points.
 * - precision = matched / B's points, recall = matched / A's points (A is the reference; swap
 *   the pair for the other reading); f1 = 2·matched / (A's + B's points) (= positive agreement).
 * - κ: Cohen's kappa of the 2×2 table both = matched, onlyA, onlyB, neither, where `neither`
 *   counts the tolerance windows in which neither coder marked the code: the timeline D is cut
 *   into windows = ceil(D / (2·tolerance)) windows (at least one), and
 *   neither = max(0, windows − matched − onlyA − onlyB). A window of 2·tolerance is the span
 *   within which two points would count as one event.
 * - A pair pooled over the point codes: the sums of the per-code tables, same formulas.
 * Every statistic whose denominator is 0 is null with a note.
 */
import { confusionCohensKappa, type PairConfusion } from './measures';
import type { SelectedSegment, Selection } from './select';
import type { Stat } from './types';

export const DEFAULT_POINT_TOLERANCE_MS = 1000;

export interface PointTable {
  matched: number;
  onlyA: number;
  onlyB: number;
  neither: number;
}

export interface PointStats extends PointTable {
  precision: number | null;
  recall: number | null;
  f1: number | null;
  kappa: number | null;
  notes: Record<string, string>;
}

export interface PointPairAgreement extends PointStats {
  coders: [string, string];
  codes: (PointStats & { code: string })[];
}

export interface PointAgreementResult {
  /** Tolerance in seconds. */
  tolerance: number;
  /** Tolerance windows over the timeline (the κ's units besides the points). */
  windows: number;
  /** The point codes compared, with each coder's number of points. */
  codes: { code: string; points: Record<string, number> }[];
  pairs: PointPairAgreement[];
}

/** One-to-one matching of two sorted lists of times, nearest first (see the header). */
export function matchPoints(a: readonly number[], b: readonly number[], toleranceMs: number): [number, number][] {
  const cands: [number, number, number][] = [];
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < b.length; j++) {
      const d = Math.abs(a[i] - b[j]);
      if (d <= toleranceMs) cands.push([d, i, j]);
    }
  }
  cands.sort((x, y) => x[0] - y[0] || a[x[1]] - a[y[1]] || b[x[2]] - b[y[2]] || x[1] - y[1] || x[2] - y[2]);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const out: [number, number][] = [];
  for (const [, i, j] of cands) {
    if (usedA.has(i) || usedB.has(j)) continue;
    usedA.add(i);
    usedB.add(j);
    out.push([i, j]);
  }
  return out.sort((x, y) => x[0] - y[0]);
}

/** Number of tolerance windows over a timeline of `durationMs` (at least one). */
export function toleranceWindows(durationMs: number, toleranceMs: number): number {
  if (toleranceMs <= 0) return Math.max(1, Math.ceil(durationMs));
  return Math.max(1, Math.ceil(durationMs / (2 * toleranceMs)));
}

export function pointStats(t: PointTable): PointStats {
  const notes: Record<string, string> = {};
  const ratio = (name: string, num: number, den: number, why: string): number | null => {
    if (den > 0) return num / den;
    notes[name] = why;
    return null;
  };
  const nA = t.matched + t.onlyA;
  const nB = t.matched + t.onlyB;
  const conf: PairConfusion = { both: t.matched, onlyA: t.onlyA, onlyB: t.onlyB, neither: t.neither };
  const k: Stat = confusionCohensKappa(conf);
  if (k.note) notes.kappa = k.note;
  return {
    ...t,
    precision: ratio('precision', t.matched, nB, 'the second coder placed no point'),
    recall: ratio('recall', t.matched, nA, 'the first coder placed no point'),
    f1: ratio('f1', 2 * t.matched, nA + nB, 'neither coder placed a point'),
    kappa: k.value,
    notes,
  };
}

function timesOf(points: readonly SelectedSegment[], coder: number): number[] {
  return points.filter((p) => p.coder === coder).map((p) => p.startMs).sort((x, y) => x - y);
}

/**
 * Point agreement of the selection's point codes (`pointCodes`: indexes into `sel.codes`),
 * from `sel.points`.
 */
export function computePointAgreement(sel: Selection, pointCodes: readonly number[], toleranceMs = DEFAULT_POINT_TOLERANCE_MS): PointAgreementResult {
  const windows = toleranceWindows(sel.durationMs, toleranceMs);
  const byCode = pointCodes.map((c) => sel.points.filter((p) => p.code === c));
  const codes = pointCodes.map((c, k) => ({
    code: sel.codes[c],
    points: Object.fromEntries(sel.coders.map((name, i) => [name, byCode[k].filter((p) => p.coder === i).length])),
  }));
  const pairs: PointPairAgreement[] = [];
  for (let i = 0; i < sel.coders.length; i++) {
    for (let j = i + 1; j < sel.coders.length; j++) {
      const sum: PointTable = { matched: 0, onlyA: 0, onlyB: 0, neither: 0 };
      const perCode = pointCodes.map((c, k) => {
        const a = timesOf(byCode[k], i);
        const b = timesOf(byCode[k], j);
        const matched = matchPoints(a, b, toleranceMs).length;
        const t = { matched, onlyA: a.length - matched, onlyB: b.length - matched, neither: Math.max(0, windows - a.length - b.length + matched) };
        sum.matched += t.matched;
        sum.onlyA += t.onlyA;
        sum.onlyB += t.onlyB;
        sum.neither += t.neither;
        return { code: sel.codes[c], ...pointStats(t) };
      });
      pairs.push({ coders: [sel.coders[i], sel.coders[j]], ...pointStats(sum), codes: perCode });
    }
  }
  return { tolerance: toleranceMs / 1000, windows, codes, pairs };
}

/**
 * Splits the selection's codes into range codes (kept in the slice/exact statistics) and the
 * point codes named in `pointCodes` (e.g. the project's marker codes). Returns the selection
 * restricted to the range codes (indexes renumbered) and the point codes' indexes in the
 * original selection.
 */
export function splitPointCodes(sel: Selection, pointCodes: readonly string[] = []): { ranges: Selection; pointCodes: number[] } {
  const named = new Set(pointCodes);
  const isPoint = (c: number) => named.has(sel.codes[c]);
  const points: number[] = [];
  const renumber = new Map<number, number>();
  sel.codes.forEach((_, c) => (isPoint(c) ? points.push(c) : renumber.set(c, renumber.size)));
  // no point code selected: every index stays, so the selection serves as it is (no copies)
  if (points.length === 0) return { ranges: sel, pointCodes: points };
  const keep = (s: SelectedSegment) => (renumber.has(s.code) ? [{ ...s, code: renumber.get(s.code)! }] : []);
  return {
    ranges: {
      ...sel,
      codes: sel.codes.filter((_, c) => renumber.has(c)),
      intervals: sel.intervals.flatMap(keep),
      points: sel.points.flatMap(keep),
    },
    pointCodes: points,
  };
}

/** Plain-text lines of the point agreement for the CLI table (nothing when there are no point codes). */
export function pointAgreementTableLines(p: PointAgreementResult, fmt: (x: number | null) => string): string[] {
  if (p.codes.length === 0) return [];
  const header = ['coders', 'code', 'matched', 'only first', 'only second', 'precision', 'recall', 'F1', 'kappa'];
  const row = (coders: string, code: string, s: PointStats) => [
    coders, code, String(s.matched), String(s.onlyA), String(s.onlyB), fmt(s.precision), fmt(s.recall), fmt(s.f1), fmt(s.kappa),
  ];
  const rows = p.pairs.flatMap((pair) => {
    const name = `${pair.coders[0]} – ${pair.coders[1]}`;
    return [...pair.codes.map((c) => row(name, c.code, c)), row(name, 'all point codes', pair)];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  return [
    '',
    `Point events (markers), matched one-to-one within ${p.tolerance} s, nearest first`,
    line(header),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.map(line),
    `precision = matched / second coder's points; recall = matched / first coder's points; kappa over matched,`,
    `unmatched and the tolerance windows (${2 * p.tolerance} s each, ${p.windows} in all) in which neither coder marked the code.`,
  ];
}
