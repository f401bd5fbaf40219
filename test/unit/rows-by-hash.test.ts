import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RowsByHash } from '../../src/main/db/batchInsert';

describe('RowsByHash', () => {
  it('worked by hand: rows of each hash, newest first; hash 0 and negative hashes too', () => {
    const r = new RowsByHash();
    expect([r.add(7), r.add(0), r.add(7), r.add(-5), r.add(7)]).toEqual([0, 1, 2, 3, 4]);
    expect([...r.rowsOf(7)]).toEqual([4, 2, 0]);
    expect([...r.rowsOf(0)]).toEqual([1]);
    expect([...r.rowsOf(-5)]).toEqual([3]);
    expect([...r.rowsOf(8)]).toEqual([]);
  });

  it('matches a Map of arrays through many rehashes and chain growth', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -2_000, max: 2_000 }), { minLength: 1, maxLength: 200_000 / 20 }), fc.integer({ min: 1, max: 40 }), (hs, repeat) => {
        const r = new RowsByHash();
        const expected = new Map<number, number[]>();
        let row = 0;
        for (let k = 0; k < repeat; k++) {
          for (const h of hs) {
            const key = h * 1_000_003;
            expect(r.add(key)).toBe(row);
            expected.set(key | 0, [row++, ...(expected.get(key | 0) ?? [])]);
          }
        }
        for (const [key, rows] of expected) expect([...r.rowsOf(key)]).toEqual(rows);
      }),
      { numRuns: 20 },
    );
  });
});
