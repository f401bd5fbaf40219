/**
 * Time-slice mode: slice k is [k·u, (k+1)·u); a coder applied code c in slice k when one
 * of their c-segments [start, end) contains the slice's midpoint. The last partial slice
 * [k·u, D) counts, judged at its own midpoint (k·u + D) / 2 (its nominal midpoint may lie
 * past the end of the timeline, where no segment can reach).
 *
 * Cost: O(segments + codes × coders × slices) with typed arrays; no segment × slice loops.
 */
import { AgreementInputError } from './types';
import { emptyTally, type BinaryTally } from './measures';
import type { SelectedSegment } from './select';
import { unionOf } from './union';

/** Refuse absurd grids (e.g. 1 ms slices over days) instead of exhausting memory. */
export const MAX_SLICES = 20_000_000;

export interface SliceGrid {
  unitMs: number;
  durationMs: number;
  count: number;
  /** Midpoint of slice k (the last one may be partial). */
  mid(k: number): number;
  /** Smallest k in [0, count] whose midpoint is >= t. */
  firstAtOrAfter(t: number): number;
}

export function sliceGrid(unitMs: number, durationMs: number): SliceGrid {
  if (!Number.isFinite(unitMs) || unitMs <= 0) throw new AgreementInputError(`unit ${unitMs} ms is not a positive number`);
  let count = durationMs > 0 ? Math.ceil(durationMs / unitMs) : 0;
  while (count > 0 && (count - 1) * unitMs >= durationMs) count--;
  if (count > MAX_SLICES) {
    throw new AgreementInputError(`unit ${unitMs / 1000} s makes ${count} slices (more than ${MAX_SLICES}); use a larger unit or exact mode`);
  }
  const lastStart = (count - 1) * unitMs;
  const lastMid = count * unitMs > durationMs ? (lastStart + durationMs) / 2 : (count - 0.5) * unitMs;
  const mid = (k: number) => (k === count - 1 ? lastMid : (k + 0.5) * unitMs);
  const firstAtOrAfter = (t: number) => {
    let k = Math.ceil(t / unitMs - 0.5);
    if (k < 0) k = 0;
    if (k > count) k = count;
    while (k < count && mid(k) < t) k++;
    while (k > 0 && mid(k - 1) >= t) k--;
    return k;
  };
  return { unitMs, durationMs, count, mid, firstAtOrAfter };
}

export interface SliceTallies {
  grid: SliceGrid;
  /** Number of slices that are units (all, or those some coder coded when excluding uncoded). */
  units: number;
  perCode: BinaryTally[];
}

/**
 * Per code, the tally of coder subsets over slices. `intervalsByCode[c]` are the
 * non-point segments of code c, already clipped to [0, D). Each coder's slice ranges are
 * sorted and merged first, so filling costs at most min(slices, covered slices) per
 * (code, coder), never segments × slices.
 */
export function sliceTallies(
  intervalsByCode: readonly (readonly SelectedSegment[])[],
  coders: number,
  grid: SliceGrid,
  excludeUncoded: boolean,
): SliceTallies {
  const K = grid.count;
  const masks = new Uint32Array(K);
  let units = K;
  if (excludeUncoded) {
    const all = sliceRanges(intervalsByCode.flat(), grid);
    const covered = unionOf(all.starts, all.ends, true);
    units = 0;
    for (let r = 0; r < covered.length; r += 2) units += covered[r + 1]! - covered[r]!;
  }

  const perCode: BinaryTally[] = [];
  for (const segs of intervalsByCode) {
    const tally = emptyTally(coders);
    tally.total = units;
    let lo = K;
    let hi = 0;
    for (let i = 0; i < coders; i++) {
      const bit = 1 << i;
      const mine = sliceRanges(segs, grid, i);
      const covered = unionOf(mine.starts, mine.ends, true);
      for (let r = 0; r < covered.length; r += 2) {
        const a = covered[r]!;
        const b = covered[r + 1]!;
        if (a < lo) lo = a;
        if (b > hi) hi = b;
        for (let k = a; k < b; k++) masks[k] |= bit;
      }
    }
    const byMask = tally.byMask;
    for (let k = lo; k < hi; k++) {
      const m = masks[k];
      if (m !== 0) byMask[m] += 1;
    }
    if (lo < hi) masks.fill(0, lo, hi);
    perCode.push(tally);
  }
  return { grid, units, perCode };
}

/**
 * The non-empty slice ranges [a, b) whose midpoints lie in the segments' [start, end), of one
 * coder (or of all when `coder` is undefined), as starts and ends apart.
 */
function sliceRanges(segs: readonly SelectedSegment[], grid: SliceGrid, coder?: number): { starts: Float64Array; ends: Float64Array } {
  const starts = new Float64Array(segs.length);
  const ends = new Float64Array(segs.length);
  let n = 0;
  for (const s of segs) {
    if (coder !== undefined && s.coder !== coder) continue;
    const a = grid.firstAtOrAfter(s.startMs);
    const b = grid.firstAtOrAfter(s.endMs);
    if (a < b) {
      starts[n] = a;
      ends[n++] = b;
    }
  }
  return { starts: starts.subarray(0, n), ends: ends.subarray(0, n) };
}
