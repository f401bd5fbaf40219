/**
 * Segment-level view of agreement: which coded stretches coders share and which they don't.
 * The output is the input of the reconciliation queue; its shape is stable.
 *
 * Rules (documented for users):
 * 1. Per coder and code, segments that overlap or touch are merged into one **run**
 *    (a coder who splits a span in two still "applied the code" over the whole span).
 * 2. For each pair of coders and each code, runs are matched one-to-one, greedily by
 *    largest overlap first: two runs match when their overlap is at least
 *    `minOverlapShare` (default 0.5) of the shorter run's duration.
 *    Point events (start = end) match only point events, when at most
 *    `pointToleranceMs` (default 1000 ms) apart, nearest first; a point never matches
 *    an interval.
 * 3. Matched runs are linked across all pairs; each connected group is one **cluster**.
 *    A cluster that contains runs of every selected coder is an **agreed** range; any
 *    other cluster is a **disagreement**: codersApplied = coders with a run in it,
 *    codersNotApplied = the others. Its time range is the cluster's extent.
 * 4. Ids are derived from content (code + the coders' run boundaries), so the same
 *    disagreement gets the same id when recomputed from the same segments.
 */
import { AgreementInputError, type AgreementSegment, type SelectionOptions } from './types';
import { selectSegments, type SelectedSegment } from './select';
import { contentHash } from './hash';
import { pushTo } from '../collections';

export interface DisagreementOptions extends SelectionOptions {
  /** Share of the shorter run that the overlap must reach (0 < share <= 1). Default 0.5. */
  minOverlapShare?: number;
  /** Largest distance at which two point events match. Default 1000 ms. */
  pointToleranceMs?: number;
}

/** A caller's segment, by its index in the input array (and its id when given). */
export interface SegmentRef {
  index: number;
  id?: string;
  coder: string;
  code: string;
  startMs: number;
  endMs: number;
}

/** One coder's merged stretch of one code. */
export interface Run {
  coder: string;
  code: string;
  startMs: number;
  endMs: number;
  pointEvent: boolean;
  segments: SegmentRef[];
}

export interface RunMatch {
  a: Run;
  b: Run;
  /** Overlap in ms (0 for point events). */
  overlapMs: number;
  /** Distance between two point events in ms (0 for intervals). */
  distanceMs: number;
}

export interface PairCodeMatches {
  coders: [string, string];
  code: string;
  matched: RunMatch[];
  /** Runs of the first coder with no match. */
  onlyA: Run[];
  /** Runs of the second coder with no match. */
  onlyB: Run[];
}

export interface Disagreement {
  id: string;
  code: string;
  startMs: number;
  endMs: number;
  pointEvent: boolean;
  codersApplied: string[];
  codersNotApplied: string[];
  segmentRefs: SegmentRef[];
}

export interface AgreedRange {
  id: string;
  code: string;
  /** Extent of the cluster (earliest start to latest end). */
  startMs: number;
  endMs: number;
  /** Time all coders share (latest start to earliest end); equal to each other when they share none. */
  commonStartMs: number;
  commonEndMs: number;
  pointEvent: boolean;
  coders: string[];
  segmentRefs: SegmentRef[];
}

export interface SegmentAgreement {
  coders: string[];
  codes: string[];
  minOverlapShare: number;
  pointToleranceMs: number;
  pairs: PairCodeMatches[];
  /** Ordered by start, end, then code order. */
  disagreements: Disagreement[];
  agreed: AgreedRange[];
}

type Selection = ReturnType<typeof selectSegments>;
type Outcome = { pairs: PairCodeMatches[]; disagreements: Disagreement[]; agreed: AgreedRange[]; uniqueId: (base: string) => string };

export function findDisagreements(segments: readonly AgreementSegment[], options: DisagreementOptions = {}): SegmentAgreement {
  const share = options.minOverlapShare ?? 0.5;
  const tol = options.pointToleranceMs ?? 1000;
  if (!(share > 0 && share <= 1)) throw new AgreementInputError(`minimum overlap share ${share} must be in (0, 1]`);
  if (!(tol >= 0) || !Number.isFinite(tol)) throw new AgreementInputError(`point tolerance ${tol} ms must be a non-negative number`);
  // Disagreements keep the caller's times: no clipping unless a duration is given.
  const sel = selectSegments(segments, options.durationMs === undefined ? { ...options, durationMs: Number.MAX_VALUE } : options);
  const refOf = (s: SelectedSegment): SegmentRef => {
    const src = segments[s.index];
    const ref: SegmentRef = { index: s.index, coder: src.coder, code: src.code, startMs: s.startMs, endMs: s.endMs };
    if (src.id !== undefined) ref.id = src.id;
    return ref;
  };
  const out: Outcome = { pairs: [], disagreements: [], agreed: [], uniqueId: uniqueIds() };
  const intervalsBy = byCodeAndCoder(sel, sel.intervals);
  const pointsBy = byCodeAndCoder(sel, sel.points);
  sel.codes.forEach((code, c) => {
    const runs = sel.coders.map((coder, i) => codersRuns(coder, code, intervalsBy[c][i], pointsBy[c][i], refOf));
    for (const members of matchedClusters(sel, code, runs, share, tol, out.pairs)) addCluster(sel, code, members, out);
  });
  const codeOrder = new Map(sel.codes.map((c, i) => [c, i]));
  const byTime = (a: { startMs: number; endMs: number; code: string; id: string }, b: typeof a) =>
    a.startMs - b.startMs || a.endMs - b.endMs || codeOrder.get(a.code)! - codeOrder.get(b.code)! || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  out.disagreements.sort(byTime);
  out.agreed.sort(byTime);
  return { coders: sel.coders, codes: sel.codes, minOverlapShare: share, pointToleranceMs: tol, pairs: out.pairs, disagreements: out.disagreements, agreed: out.agreed };
}

/** Ids made unique by a counter suffix on repeats ("d-x", "d-x-2", …). */
function uniqueIds(): (base: string) => string {
  const used = new Map<string, number>();
  return (base) => {
    const n = used.get(base) ?? 0;
    used.set(base, n + 1);
    return n === 0 ? base : `${base}-${n + 1}`;
  };
}

/** [code][coder] → that coder's segments of that code, by start then end. */
function byCodeAndCoder(sel: Selection, list: readonly SelectedSegment[]): SelectedSegment[][][] {
  const out: SelectedSegment[][][] = sel.codes.map(() => sel.coders.map(() => []));
  for (const s of list) out[s.code][s.coder].push(s);
  for (const perCoder of out) for (const l of perCoder) l.sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs);
  return out;
}

/** One coder's runs of one code: overlapping intervals merged into one run, then each point event alone. */
function codersRuns(coder: string, code: string, intervals: SelectedSegment[], points: SelectedSegment[], refOf: (s: SelectedSegment) => SegmentRef): Run[] {
  const runs: Run[] = [];
  for (const s of intervals) {
    const last = runs[runs.length - 1];
    if (last && !last.pointEvent && s.startMs <= last.endMs) {
      last.endMs = Math.max(last.endMs, s.endMs);
      last.segments.push(refOf(s));
    } else {
      runs.push({ coder, code, startMs: s.startMs, endMs: s.endMs, pointEvent: false, segments: [refOf(s)] });
    }
  }
  for (const s of points) runs.push({ coder, code, startMs: s.startMs, endMs: s.endMs, pointEvent: true, segments: [refOf(s)] });
  return runs;
}

/**
 * Matches every pair of coders' runs of one code (recording each pair's matches in `pairs`) and
 * joins matched runs by union-find: each cluster is one place where some or all coders applied the code.
 */
function matchedClusters(sel: Selection, code: string, runs: Run[][], share: number, tol: number, pairs: PairCodeMatches[]): Run[][] {
  const m = sel.coders.length;
  const all = runs.flat();
  const id = new Map<Run, number>(all.map((r, k) => [r, k]));
  const parent = all.map((_, k) => k);
  const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x])));
  for (let i = 0; i < m; i++) {
    for (let j = i + 1; j < m; j++) {
      const matched = matchRuns(runs[i], runs[j], share, tol);
      const usedA = new Set(matched.map((x) => x.a));
      const usedB = new Set(matched.map((x) => x.b));
      for (const x of matched) parent[find(id.get(x.a)!)] = find(id.get(x.b)!);
      pairs.push({ coders: [sel.coders[i], sel.coders[j]], code, matched, onlyA: runs[i].filter((r) => !usedA.has(r)), onlyB: runs[j].filter((r) => !usedB.has(r)) });
    }
  }
  const clusters = new Map<number, Run[]>();
  all.forEach((r, k) => pushTo(clusters, find(k), r));
  return [...clusters.values()];
}

/** A cluster every coder is in is an agreed range; any other is a disagreement naming who applied the code. */
function addCluster(sel: Selection, code: string, members: Run[], out: Outcome): void {
  const applied = new Set(members.map((r) => r.coder));
  const startMs = Math.min(...members.map((r) => r.startMs));
  const endMs = Math.max(...members.map((r) => r.endMs));
  const segmentRefs = members.flatMap((r) => r.segments).sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs || a.index - b.index);
  const pointEvent = members.every((r) => r.pointEvent);
  const key = [code, ...members.map((r) => `${r.coder}@${r.startMs}-${r.endMs}`).sort()].join('\u0000');
  const coders = sel.coders.filter((x) => applied.has(x));
  if (applied.size === sel.coders.length) {
    const commonStartMs = Math.max(...members.map((r) => r.startMs));
    const commonEndMs = Math.max(commonStartMs, Math.min(...members.map((r) => r.endMs)));
    out.agreed.push({ id: out.uniqueId(`a-${contentHash(key)}`), code, startMs, endMs, commonStartMs, commonEndMs, pointEvent, coders, segmentRefs });
    return;
  }
  out.disagreements.push({
    id: out.uniqueId(`d-${contentHash(key)}`),
    code,
    startMs,
    endMs,
    pointEvent,
    codersApplied: coders,
    codersNotApplied: sel.coders.filter((x) => !applied.has(x)),
    segmentRefs,
  });
}

/** One-to-one greedy matching of two coders' runs of one code. */
function matchRuns(a: readonly Run[], b: readonly Run[], share: number, tol: number): RunMatch[] {
  const cands: RunMatch[] = [];
  const bIntervals = b.filter((r) => !r.pointEvent); // sorted by start
  const bPoints = b.filter((r) => r.pointEvent);
  for (const x of a) {
    if (x.pointEvent) {
      for (const y of bPoints) {
        const d = Math.abs(x.startMs - y.startMs);
        if (d <= tol) cands.push({ a: x, b: y, overlapMs: 0, distanceMs: d });
      }
      continue;
    }
    // Runs of one coder don't overlap each other, so their ends are sorted too:
    // binary-search the first run of b ending after x starts.
    let lo = 0;
    let hi = bIntervals.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (bIntervals[mid].endMs <= x.startMs) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < bIntervals.length && bIntervals[k].startMs < x.endMs; k++) {
      const y = bIntervals[k];
      const overlap = Math.min(x.endMs, y.endMs) - Math.max(x.startMs, y.startMs);
      const shorter = Math.min(x.endMs - x.startMs, y.endMs - y.startMs);
      if (overlap > 0 && overlap >= share * shorter) cands.push({ a: x, b: y, overlapMs: overlap, distanceMs: 0 });
    }
  }
  cands.sort((p, q) => q.overlapMs - p.overlapMs || p.distanceMs - q.distanceMs || p.a.startMs - q.a.startMs || p.b.startMs - q.b.startMs);
  const usedA = new Set<Run>();
  const usedB = new Set<Run>();
  const out: RunMatch[] = [];
  for (const c of cands) {
    if (usedA.has(c.a) || usedB.has(c.b)) continue;
    usedA.add(c.a);
    usedB.add(c.b);
    out.push(c);
  }
  return out.sort((p, q) => p.a.startMs - q.a.startMs || p.b.startMs - q.b.startMs);
}
