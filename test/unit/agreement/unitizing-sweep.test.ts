/**
 * computeUnitizingAgreement computes the per-code alphas in one typed-array sweep per pair of
 * coders (unitizingCodes.ts) and finds a coder's first overlap of two codes without objects. Its
 * results are held to the general functions of unitizing.ts, applied here the long way round to
 * units merged by an independent little merge: each code's continuum through
 * unitizingAlphaFamily and unitizingAlpha2004, the codes laid end to end through
 * unitizingAlphaFamily (pooled uα), all codes as one continuum (overall family). Lengths are
 * whole milliseconds, so every sum is exact and the numbers must be equal, not close.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeUnitizingAgreement, unitizingAlpha2004, unitizingAlphaFamily, type AgreementSegment, type UnitizingUnit } from '../../../src/shared/agreement';

const CODERS = ['A', 'B', 'C', 'D'];
const CODES = ['x', 'y', 'z', 'w'];

/** Sort by start and merge overlapping stretches (touching ones stay apart). */
function merged(segs: readonly AgreementSegment[], value: string): UnitizingUnit[] {
  const sorted = [...segs].sort((a, b) => a.startMs - b.startMs);
  const out: UnitizingUnit[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.startMs < last.end) last.end = Math.max(last.end, s.endMs);
    else out.push({ start: s.startMs, end: s.endMs, value });
  }
  return out;
}

function reference(segs: readonly AgreementSegment[], coders: string[], codes: string[], D: number) {
  const units = codes.map((code) => coders.map((coder) => merged(segs.filter((s) => s.coder === coder && s.code === code), code)));
  const cont = { start: 0, end: D };
  const perCode = codes.map((_, c) => ({
    fam: unitizingAlphaFamily(units[c], cont, 1, coders),
    a04: unitizingAlpha2004(units[c], cont),
  }));
  const pooled = unitizingAlphaFamily(coders.map((_, i) => units.flatMap((u, c) => u[i].map((x) => ({ ...x, start: x.start + c * D, end: x.end + c * D })))), { start: 0, end: D * codes.length }, 1, coders);
  const overall = unitizingAlphaFamily(coders.map((_, i) => units.flatMap((u) => u[i])), cont, 1, coders);
  return { perCode, pooled, overall };
}

const segment = fc.record({
  coder: fc.integer({ min: 0, max: 3 }),
  code: fc.integer({ min: 0, max: 3 }),
  start: fc.integer({ min: 0, max: 1000 }),
  len: fc.integer({ min: 1, max: 300 }),
});

describe('the per-code sweep gives the general functions\' numbers', () => {
  it('per code (2016 uα, 2004 uα), pooled, overall and (k)uα, with notes, for 2–4 coders', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 4 }), fc.array(segment, { minLength: 1, maxLength: 40 }), fc.boolean(), (m, raw, exclusive) => {
        const D = 1200;
        const coders = CODERS.slice(0, m);
        let segs: AgreementSegment[] = raw.map((r) => ({ coder: coders[r.coder % m], code: CODES[r.code], startMs: r.start, endMs: Math.min(D, r.start + r.len) }));
        // sometimes one code per coder and time (so the overall family is defined)
        if (exclusive) segs = segs.map((s) => ({ ...s, code: CODES[Math.floor(s.startMs / 300)] }));
        const codes = CODES; // all four, some perhaps never used
        const r = computeUnitizingAgreement(segs, { coders, codes, durationMs: D });
        const ref = reference(segs, coders, codes, D);
        codes.forEach((code, c) => {
          const got = r.codes.find((x) => x.code === code)!;
          const { fam, a04 } = ref.perCode[c];
          expect(got.uAlpha).toBe(fam.uAlpha.value);
          expect(got.notes.uAlpha).toBe(fam.uAlpha.note);
          expect(got.uAlpha2004).toBe(a04.value);
          expect(got.notes.uAlpha2004).toBe(a04.note);
          const ku = ref.overall.kuAlpha[code];
          expect(got.kuAlpha).toBe(ku ? ku.value : null);
          if (ku) expect(got.notes.kuAlpha).toBe(ku.note);
        });
        expect(r.overall.pooledUAlpha).toBe(ref.pooled.uAlpha.value);
        expect(r.overall.notes.pooledUAlpha).toBe(ref.pooled.uAlpha.note);
        expect([r.overall.uAlpha, r.overall.binaryUAlpha, r.overall.cuAlpha]).toEqual([ref.overall.uAlpha.value, ref.overall.binaryUAlpha.value, ref.overall.cuAlpha.value]);
        expect([r.overall.notes.uAlpha, r.overall.notes.binaryUAlpha, r.overall.notes.cuAlpha]).toEqual([ref.overall.uAlpha.note, ref.overall.binaryUAlpha.note, ref.overall.cuAlpha.note]);
      }),
      { numRuns: 400, seed: 20261205 },
    );
  });

  it('names the same first overlap as the general family, ties in start going to the earlier code', () => {
    // coder A: x [0,100) [200,300); y [150,250) [300,400); z [200,220) → by start: x0 y150 x200 z200 …
    // the first unit starting before its predecessor ends: x [200,300) after y [150,250), at 200
    const segs: AgreementSegment[] = [
      { coder: 'A', code: 'x', startMs: 0, endMs: 100 }, { coder: 'A', code: 'x', startMs: 200, endMs: 300 },
      { coder: 'A', code: 'y', startMs: 150, endMs: 250 }, { coder: 'A', code: 'y', startMs: 300, endMs: 400 },
      { coder: 'A', code: 'z', startMs: 200, endMs: 220 },
      { coder: 'B', code: 'x', startMs: 0, endMs: 100 },
    ];
    const r = computeUnitizingAgreement(segs, { coders: ['A', 'B'], codes: ['x', 'y', 'z'], durationMs: 500 });
    expect(r.overall.notes.uAlpha).toBe('coder A has overlapping units ("y" and "x" at 200); the 2016 unitizing alphas need mutually exclusive units');
  });
});

describe('(k)uα when the overall family is not defined', () => {
  it('gives the reason (a coder overlaps two codes), not "no coder marked a unit", for a code that has units', () => {
    const segs: AgreementSegment[] = [
      { coder: 'A', code: 'x', startMs: 0, endMs: 4000 }, { coder: 'A', code: 'y', startMs: 1000, endMs: 3000 },
      { coder: 'B', code: 'x', startMs: 0, endMs: 4000 },
    ];
    const r = computeUnitizingAgreement(segs, { coders: ['A', 'B'], codes: ['x', 'y', 'z'], durationMs: 10_000 });
    const overlap = 'coder A has overlapping units ("x" and "y" at 1000); the 2016 unitizing alphas need mutually exclusive units';
    expect(r.overall.notes.uAlpha).toBe(overlap);
    expect(r.codes.map((c) => [c.code, c.kuAlpha, c.notes.kuAlpha])).toEqual([
      ['x', null, overlap],
      ['y', null, overlap],
      ['z', null, 'no coder marked a unit of this code'],
    ]);
  });
});
