import { describe, expect, it } from 'vitest';
import { computeUnitizingAgreement, type AgreementSegment } from '../../../src/shared/agreement';

const seg = (coder: string, code: string, s: number, e: number): AgreementSegment => ({ coder, code, startMs: s, endMs: e });

describe('unitizing agreement of segments', () => {
  it('per code equals the hand-computed case (A [0,4), B [2,6) of [0,10), 1 s atoms)', () => {
    const r = computeUnitizingAgreement([seg('A', 'x', 0, 4000), seg('B', 'x', 2000, 6000)], { durationMs: 10_000, atomMs: 1000 });
    expect(r.codes[0].uAlpha!).toBeCloseTo(31 / 120, 12);
    expect(r.codes[0].uAlpha2004!).toBeCloseTo(26 / 115, 12);
    expect(r.overall.uAlpha!).toBeCloseTo(31 / 120, 12);
    expect(r.overall.pooledUAlpha!).toBeCloseTo(31 / 120, 12);
    expect(r.overall.cuAlpha).toBeNull();
  });
  it('overall 2016 values are null with a note when a coder overlaps two codes', () => {
    const r = computeUnitizingAgreement([seg('A', 'x', 0, 4000), seg('A', 'y', 1000, 3000), seg('B', 'x', 0, 4000), seg('B', 'y', 1000, 3000)], { durationMs: 10_000 });
    expect(r.overall.uAlpha).toBeNull();
    expect(r.overall.notes.uAlpha).toMatch(/coder A has overlapping units/);
    expect(r.overall.pooledUAlpha).toBeCloseTo(1, 12);
    expect(r.codes.map((c) => c.uAlpha)).toEqual([1, 1]);
    expect(r.overall.uAlpha2004).toBe(1);
  });
  it('is symmetric in the coders', () => {
    const segs = [seg('A', 'x', 0, 4000), seg('B', 'x', 1500, 6000), seg('C', 'x', 500, 3000), seg('A', 'y', 5000, 8000), seg('C', 'y', 6000, 9000)];
    const r1 = computeUnitizingAgreement(segs, { coders: ['A', 'B', 'C'] });
    const r2 = computeUnitizingAgreement(segs, { coders: ['C', 'B', 'A'] });
    expect(r2.overall.uAlpha!).toBeCloseTo(r1.overall.uAlpha!, 12);
    expect(r2.overall.cuAlpha!).toBeCloseTo(r1.overall.cuAlpha!, 12);
    expect(r2.overall.uAlpha2004!).toBeCloseTo(r1.overall.uAlpha2004!, 12);
  });
});
