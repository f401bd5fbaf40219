import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computeAgreement, type AgreementSegment } from '../../../src/shared/agreement';

const CODES = ['tools', 'rules', 'object'];
const CODERS = ['A', 'B', 'C'];

/** Random segments of one coder; boundaries multiples of `grid` ms within [0, D). */
const codings = (grid: number, slots: number) =>
  fc.array(
    fc.record({
      code: fc.constantFrom(...CODES),
      a: fc.integer({ min: 0, max: slots }),
      len: fc.integer({ min: 0, max: Math.max(1, slots >> 2) }),
    }),
    { maxLength: 12 },
  ).map((xs) => xs.map(({ code, a, len }) => ({ code, startMs: Math.min(a, slots) * grid, endMs: Math.min(a + len, slots) * grid })));

const dataset = (coders: string[], grid: number, slots: number) =>
  fc.tuple(...coders.map(() => codings(grid, slots))).map((perCoder) =>
    perCoder.flatMap((segs, i) => segs.map((s) => ({ ...s, coder: coders[i] }) as AgreementSegment)),
  );

const STATS = ['percentAgreement', 'cohensKappa', 'fleissKappa', 'krippendorffAlpha', 'positiveAgreement', 'meanPairwiseCohensKappa'] as const;

function expectSameStats(x: Record<string, unknown>, y: Record<string, unknown>, digits = 10) {
  for (const k of STATS) {
    if (x[k] === null || y[k] === null) expect([k, x[k]]).toEqual([k, y[k]]);
    else expect(x[k] as number).toBeCloseTo(y[k] as number, digits);
  }
}

describe('agreement properties', () => {
  it('perfect agreement gives 1 wherever a statistic is defined', () => {
    fc.assert(
      fc.property(codings(250, 80), fc.boolean(), fc.integer({ min: 2, max: 3 }), (segs, exact, m) => {
        const all = CODERS.slice(0, m).flatMap((coder) => segs.map((s) => ({ ...s, coder })));
        if (all.length === 0) return;
        const r = computeAgreement(all, { exact, unitMs: 500, codes: CODES, coders: CODERS.slice(0, m) });
        for (const s of [r.overall, ...r.codes, ...r.pairs]) {
          for (const k of STATS) {
            const v = (s as unknown as Record<string, number | null>)[k];
            if (v !== null && v !== undefined) expect(v).toBeCloseTo(1, 12);
            else if (v === null) expect((s.notes as Record<string, string>)[k]).toBeTruthy();
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('swapping coders changes nothing', () => {
    fc.assert(
      fc.property(dataset(CODERS, 100, 200), fc.boolean(), (segs, exact) => {
        const r1 = computeAgreement(segs, { exact, unitMs: 700, codes: CODES, coders: ['A', 'B', 'C'], durationMs: 20_000 });
        const r2 = computeAgreement(segs, { exact, unitMs: 700, codes: CODES, coders: ['C', 'A', 'B'], durationMs: 20_000 });
        expectSameStats(r1.overall as never, r2.overall as never);
        r1.codes.forEach((c, i) => expectSameStats(c as never, r2.codes[i] as never));
        const two1 = computeAgreement(segs, { exact, unitMs: 700, codes: CODES, coders: ['A', 'B'], durationMs: 20_000 });
        const two2 = computeAgreement(segs, { exact, unitMs: 700, codes: CODES, coders: ['B', 'A'], durationMs: 20_000 });
        expectSameStats(two1.overall as never, two2.overall as never);
      }),
      { numRuns: 150 },
    );
  });

  it('slice percent agreement and kappas equal the exact ones when boundaries sit on the unit grid', () => {
    fc.assert(
      fc.property(dataset(CODERS, 1000, 60), fc.integer({ min: 2, max: 3 }), fc.boolean(), (segs, m, excl) => {
        const coders = CODERS.slice(0, m);
        const opts = { codes: CODES, coders, durationMs: 60_000, excludeUncoded: excl };
        const s = computeAgreement(segs, { ...opts, unitMs: 1000 });
        const e = computeAgreement(segs, { ...opts, exact: true });
        for (const [x, y] of [[s.overall, e.overall], ...s.codes.map((c, i) => [c, e.codes[i]])] as const) {
          for (const k of ['percentAgreement', 'cohensKappa', 'fleissKappa', 'positiveAgreement', 'meanPairwiseCohensKappa'] as const) {
            if (x[k] === null || y[k] === null) expect([k, x[k]]).toEqual([k, y[k]]);
            else expect(x[k]!).toBeCloseTo(y[k]!, 10);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('slice alpha converges to exact alpha as the unit shrinks', () => {
    fc.assert(
      fc.property(dataset(['A', 'B'], 37, 500), (segs) => {
        const opts = { codes: CODES, coders: ['A', 'B'], durationMs: 18_500 };
        const exact = computeAgreement(segs, { ...opts, exact: true }).overall.krippendorffAlpha;
        const at = (u: number) => computeAgreement(segs, { ...opts, unitMs: u }).overall.krippendorffAlpha;
        const fine = at(1);
        if (exact === null) return;
        expect(fine).not.toBeNull();
        // At 1 ms every integer-ms boundary is on the grid: only the small-sample factor
        // (n − 1)/n differs, with n = coders × codes × slices.
        const n = 2 * CODES.length * 18_500;
        expect(Math.abs(fine! - exact)).toBeLessThanOrEqual((Math.abs(1 - exact) / n) * 1.0001 + 1e-12);
        expect(Math.abs(at(10)! - exact)).toBeLessThan(0.05);
      }),
      { numRuns: 60 },
    );
  });

  it('a code nobody applied is null with a note, never NaN or 1', () => {
    fc.assert(
      fc.property(dataset(['A', 'B'], 100, 100), fc.boolean(), (segs, exact) => {
        const r = computeAgreement(segs, { exact, codes: [...CODES, 'never'], coders: ['A', 'B'], durationMs: 10_000 });
        const never = r.codes[CODES.length];
        expect(never.percentAgreement).toBe(1);
        for (const k of ['cohensKappa', 'fleissKappa', 'krippendorffAlpha', 'positiveAgreement'] as const) {
          expect(never[k]).toBeNull();
          expect(never.notes[k]).toMatch(/ever applied/);
        }
        expect(JSON.stringify(r)).not.toMatch(/NaN|Infinity/);
      }),
      { numRuns: 50 },
    );
  });
});
