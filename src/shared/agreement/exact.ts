/**
 * Exact continuous-time mode (the limit u → 0): every instant is a unit, weighted by
 * duration. Per code, a sweep over the sorted interval boundaries gives, for each
 * subset of coders, the total time during which exactly that subset applied the code.
 * O(n log n) in the number of segments; never slices.
 */
import { emptyTally, type BinaryTally } from './measures';
import type { SelectedSegment } from './select';

export interface ExactTallies {
  /** Total time (ms) of the units: D, or the time some coder coded something when excluding uncoded. */
  unitsMs: number;
  perCode: BinaryTally[];
}

export function exactTallies(
  intervalsByCode: readonly (readonly SelectedSegment[])[],
  coders: number,
  durationMs: number,
  excludeUncoded: boolean,
): ExactTallies {
  const unitsMs = excludeUncoded ? unionLength(intervalsByCode.flat()) : durationMs;
  const perCode = intervalsByCode.map((segs) => {
    const tally = emptyTally(coders);
    tally.total = unitsMs;
    sweep(segs, tally);
    return tally;
  });
  return { unitsMs, perCode };
}

/**
 * Adds to `tally.byMask` the time during which each coder subset applied the code. Each coder's
 * starts and ends are sorted apart (native typed-array sorts, no comparator), then merged in
 * time order; all events at one instant are taken together, so the subset that holds from that
 * instant to the next is the same whatever their order (every end has its start before it).
 */
export function sweep(segs: readonly SelectedSegment[], tally: BinaryTally): void {
  if (segs.length === 0) return;
  const { starts, ends } = coderBoundaries(segs, tally.coders);
  const m = starts.length;
  const si = new Int32Array(m);
  const ei = new Int32Array(m);
  const byMask = tally.byMask;
  let mask = 0;
  let prev = Number.NaN;
  for (;;) {
    let t = Infinity;
    for (let c = 0; c < m; c++) {
      if (si[c]! < starts[c]!.length && starts[c]![si[c]!]! < t) t = starts[c]![si[c]!]!;
      if (ei[c]! < ends[c]!.length && ends[c]![ei[c]!]! < t) t = ends[c]![ei[c]!]!;
    }
    if (t === Infinity) return;
    if (mask !== 0 && t > prev) byMask[mask] += t - prev;
    prev = t;
    for (let c = 0; c < m; c++) {
      while (si[c]! < starts[c]!.length && starts[c]![si[c]!] === t) si[c]!++;
      while (ei[c]! < ends[c]!.length && ends[c]![ei[c]!] === t) ei[c]!++;
      if (si[c]! > ei[c]!) mask |= 1 << c;
      else mask &= ~(1 << c);
    }
  }
}

/** Per coder, the starts and the ends of its segments, each sorted. */
function coderBoundaries(segs: readonly SelectedSegment[], coders: number): { starts: Float64Array[]; ends: Float64Array[] } {
  const counts = new Int32Array(coders);
  for (const s of segs) counts[s.coder]!++;
  const starts = Array.from(counts, (n) => new Float64Array(n));
  const ends = Array.from(counts, (n) => new Float64Array(n));
  counts.fill(0);
  for (const s of segs) {
    const k = counts[s.coder]!++;
    starts[s.coder]![k] = s.startMs;
    ends[s.coder]![k] = s.endMs;
  }
  for (let c = 0; c < coders; c++) {
    starts[c]!.sort();
    ends[c]!.sort();
  }
  return { starts, ends };
}

/** Length of the union of intervals. */
export function unionLength(segs: readonly { startMs: number; endMs: number }[]): number {
  if (segs.length === 0) return 0;
  const sorted = [...segs].sort((a, b) => a.startMs - b.startMs);
  let total = 0;
  let curStart = sorted[0].startMs;
  let curEnd = sorted[0].endMs;
  for (const s of sorted) {
    if (s.startMs > curEnd) {
      total += curEnd - curStart;
      curStart = s.startMs;
      curEnd = s.endMs;
    } else if (s.endMs > curEnd) curEnd = s.endMs;
  }
  return total + (curEnd - curStart);
}
