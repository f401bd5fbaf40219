/**
 * The exact-mode sweep (src/shared/agreement/exact.ts), which sorts each coder's starts and ends
 * apart and merges them, against the sweep it replaced (all boundaries sorted together by a
 * comparator, one event at a time): the same time per coder subset, bit for bit, on random
 * segments with many shared boundaries; and a case worked by hand.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sweep } from '../../../src/shared/agreement/exact';
import { emptyTally, type BinaryTally } from '../../../src/shared/agreement/measures';
import type { SelectedSegment } from '../../../src/shared/agreement/select';

/** The previous sweep, as it was. */
function oldSweep(segs: readonly SelectedSegment[], tally: BinaryTally): void {
  const n = segs.length;
  if (n === 0) return;
  const times = new Float64Array(2 * n);
  const order = new Uint32Array(2 * n);
  for (let i = 0; i < n; i++) {
    times[2 * i] = segs[i]!.startMs;
    times[2 * i + 1] = segs[i]!.endMs;
    order[2 * i] = 2 * i;
    order[2 * i + 1] = 2 * i + 1;
  }
  order.sort((x, y) => times[x]! - times[y]!);
  const active = new Int32Array(tally.coders);
  let mask = 0;
  let prev = times[order[0]!]!;
  for (let e = 0; e < order.length; e++) {
    const ev = order[e]!;
    const t = times[ev]!;
    if (mask !== 0 && t > prev) tally.byMask[mask] += t - prev;
    prev = t;
    const coder = segs[ev >> 1]!.coder;
    if ((ev & 1) === 0) {
      if (active[coder]!++ === 0) mask |= 1 << coder;
    } else if (--active[coder] === 0) mask &= ~(1 << coder);
  }
}

const seg = (coder: number, startMs: number, endMs: number, index = 0): SelectedSegment => ({ index, coder, code: 0, startMs, endMs });

function byMask(segs: SelectedSegment[], coders: number, f: typeof sweep): number[] {
  const t = emptyTally(coders);
  f(segs, t);
  return [...t.byMask];
}

describe('exact sweep', () => {
  it('worked by hand: two coders, touching and overlapping segments', () => {
    // A: [0,5) [5,10) (touching: one stretch 0–10); B: [3,4) [8,12)
    // time with only A: 0–3, 4–8 = 7; both: 3–4, 8–10 = 3; only B: 10–12 = 2
    expect(byMask([seg(0, 0, 5), seg(0, 5, 10), seg(1, 3, 4), seg(1, 8, 12)], 2, sweep)).toEqual([0, 7, 2, 3]);
  });

  it('equals the comparator sweep on random segments (many ties, fractional times too)', () => {
    const time = fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 400 }).map((x) => x / 10));
    const one = fc.tuple(fc.integer({ min: 0, max: 3 }), time, fc.integer({ min: 1, max: 15 })).map(([c, a, l]) => seg(c, a, a + l));
    fc.assert(
      fc.property(fc.array(one, { maxLength: 60 }), (segs) => {
        expect(byMask(segs, 4, sweep)).toEqual(byMask(segs, 4, oldSweep));
      }),
      { numRuns: 1000 },
    );
  });
});
