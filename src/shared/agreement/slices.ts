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
 * non-point segments of code c, already clipped to [0, D).
 */
export function sliceTallies(
  intervalsByCode: readonly (readonly SelectedSegment[])[],
  coders: number,
  grid: SliceGrid,
  excludeUncoded: boolean,
): SliceTallies {
  const K = grid.count;
  const diff = new Int32Array(K + 1);
  const masks = new Uint32Array(K);

  let units = K;
  if (excludeUncoded) {
    diff.fill(0);
    for (const segs of intervalsByCode) for (const s of segs) addRange(diff, grid, s);
    units = 0;
    let run = 0;
    for (let k = 0; k < K; k++) {
      run += diff[k];
      if (run > 0) units++;
    }
  }

  const perCode: BinaryTally[] = [];
  for (const segs of intervalsByCode) {
    const tally = emptyTally(coders);
    tally.total = units;
    if (segs.length > 0) {
      masks.fill(0);
      let lo = K;
      let hi = 0;
      for (let i = 0; i < coders; i++) {
        diff.fill(0);
        let any = false;
        for (const s of segs) {
          if (s.coder !== i) continue;
          const [a, b] = addRange(diff, grid, s);
          if (a < b) {
            any = true;
            if (a < lo) lo = a;
            if (b > hi) hi = b;
          }
        }
        if (!any) continue;
        const bit = 1 << i;
        let run = 0;
        for (let k = 0; k < K; k++) {
          run += diff[k];
          if (run > 0) masks[k] |= bit;
        }
      }
      const byMask = tally.byMask;
      for (let k = lo; k < hi; k++) {
        const m = masks[k];
        if (m !== 0) byMask[m] += 1;
      }
    }
    perCode.push(tally);
  }
  return { grid, units, perCode };
}

/** Marks the slices whose midpoint lies in [start, end); returns that slice range. */
function addRange(diff: Int32Array, grid: SliceGrid, s: SelectedSegment): [number, number] {
  const a = grid.firstAtOrAfter(s.startMs);
  const b = grid.firstAtOrAfter(s.endMs);
  if (a < b) {
    diff[a] += 1;
    diff[b] -= 1;
  }
  return [a, b];
}
