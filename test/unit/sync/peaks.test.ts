/** The waveform track's max pyramid and per-column peaks, worked by hand on an eight-frame envelope. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildPyramid, columnPeaks } from '../../../src/shared/sync/peaks';

// 100 Hz: one frame per 10 ms
const env = Uint8Array.from([1, 5, 2, 9, 0, 3, 7, 4]);
const p = buildPyramid(env, 100);
const peaks = (start: number, end: number, cols: number) => [...columnPeaks(p, start, end, cols)];

describe('buildPyramid', () => {
  it('halves by max of pairs down to one value', () => {
    expect(p.levels.map((l) => [...l])).toEqual([[1, 5, 2, 9, 0, 3, 7, 4], [5, 9, 3, 7], [9, 7], [9]]);
  });
  it('an odd length keeps its last value', () => {
    expect(buildPyramid(Uint8Array.from([3, 8, 6]), 100).levels.map((l) => [...l])).toEqual([[3, 8, 6], [8, 6], [8]]);
  });
});

describe('columnPeaks', () => {
  it('one frame per column: the envelope itself', () => {
    expect(peaks(0, 80, 8)).toEqual([1, 5, 2, 9, 0, 3, 7, 4]);
  });
  it('two frames per column: max of each pair', () => {
    expect(peaks(0, 80, 4)).toEqual([5, 9, 3, 7]);
  });
  it('four frames per column comes from the pairs level: 9 and 7', () => {
    expect(peaks(0, 80, 2)).toEqual([9, 7]);
  });
  it('zoomed in to a quarter frame per column: the frame under each column', () => {
    expect(peaks(20, 30, 4)).toEqual([2, 2, 2, 2]);
  });
  it('columns past the end and before the start are silent', () => {
    expect(peaks(60, 120, 3)).toEqual([7, 0, 0]);
    expect(peaks(-20, 20, 2)).toEqual([0, 5]);
  });
  it('never below the exact maximum of a column, never above the maximum one cell either side', () => {
    fc.assert(fc.property(
      fc.uint8Array({ minLength: 1, maxLength: 3000 }), fc.integer({ min: 1, max: 400 }), fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 1, max: 40_000 }),
      (e, cols, start, span) => {
        const pyr = buildPyramid(e, 100);
        const got = columnPeaks(pyr, start, start + span, cols);
        const perCol = (span / 10) / cols;
        const cell = 2 ** Math.min(pyr.levels.length - 1, Math.max(0, Math.floor(Math.log2(Math.max(1, perCol / 2)))));
        for (let c = 0; c < cols; c++) {
          const f0 = (start + (span * c) / cols) / 10;
          const f1 = (start + (span * (c + 1)) / cols) / 10;
          let exact = 0;
          for (let i = Math.floor(f0); i < Math.max(Math.floor(f0) + 1, Math.ceil(f1)) && i < e.length; i++) exact = Math.max(exact, e[i]!);
          let wide = 0;
          for (let i = Math.max(0, Math.floor(f0) - cell); i < Math.min(e.length, Math.ceil(f1) + cell); i++) wide = Math.max(wide, e[i]!);
          if (got[c]! < exact || got[c]! > wide) return false;
        }
        return true;
      }), { numRuns: 200 });
  });
});
