import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { unionOf } from '../../../src/shared/agreement/union';

/** The obvious union: sort the intervals by start, extend the last stretch while they overlap. */
function naiveUnion(intervals: [number, number][], joinTouching: boolean): number[] {
  const sorted = [...intervals].sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && (a < last[1] || (joinTouching && a === last[1]))) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out.flat();
}

const run = (intervals: [number, number][], joinTouching: boolean) =>
  [...unionOf(Float64Array.from(intervals, (x) => x[0]), Float64Array.from(intervals, (x) => x[1]), joinTouching)];

describe('unionOf (starts and ends sorted apart)', () => {
  it('worked by hand: touching stretches join or stay apart, nested ones vanish', () => {
    const xs: [number, number][] = [[5, 7], [0, 2], [2, 3], [6, 9], [10, 11], [6, 7]];
    expect(run(xs, true)).toEqual([0, 3, 5, 9, 10, 11]);
    expect(run(xs, false)).toEqual([0, 2, 2, 3, 5, 9, 10, 11]);
    expect(run([], true)).toEqual([]);
  });

  it('equals the sort-by-start merge on random intervals with many ties', () => {
    const interval = fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 1, max: 8 })).map(([a, l]) => [a, a + l] as [number, number]);
    fc.assert(
      fc.property(fc.array(interval, { maxLength: 40 }), fc.boolean(), (xs, join) => {
        expect(run(xs, join)).toEqual(naiveUnion(xs, join));
      }),
      { numRuns: 500 },
    );
  });
});
