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

/** Adds to `tally.byMask` the time during which each coder subset applied the code. */
function sweep(segs: readonly SelectedSegment[], tally: BinaryTally): void {
  const n = segs.length;
  if (n === 0) return;
  const times = new Float64Array(2 * n);
  const order = new Uint32Array(2 * n);
  for (let i = 0; i < n; i++) {
    times[2 * i] = segs[i].startMs;
    times[2 * i + 1] = segs[i].endMs;
    order[2 * i] = 2 * i;
    order[2 * i + 1] = 2 * i + 1;
  }
  order.sort((x, y) => times[x] - times[y]);
  const active = new Int32Array(tally.coders);
  const byMask = tally.byMask;
  let mask = 0;
  let prev = times[order[0]];
  for (let e = 0; e < order.length; e++) {
    const ev = order[e];
    const t = times[ev];
    if (mask !== 0 && t > prev) byMask[mask] += t - prev;
    prev = t;
    const coder = segs[ev >> 1].coder;
    if ((ev & 1) === 0) {
      if (active[coder]++ === 0) mask |= 1 << coder;
    } else if (--active[coder] === 0) {
      mask &= ~(1 << coder);
    }
  }
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
