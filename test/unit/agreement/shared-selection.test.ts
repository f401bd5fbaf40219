/**
 * The CLI computes the statistics and the unitizing alphas from ONE selection of the segments
 * (bundle.ts: selectSegments, talliesOf, withoutPointCodes + unitizingOf). It must give what the
 * two entry points give on their own (agreementTallies with every code; computeUnitizingAgreement
 * with the codes that are not point codes), on random segments with point codes, with and
 * without a given timeline length (without one, a point may lie past every stretch: the
 * unitizing timeline is then shorter than the statistics').
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agreementTallies, computeUnitizingAgreement, talliesOf, unitizingOf, withoutPointCodes, type AgreementSegment } from '../../../src/shared/agreement';
import { selectSegments } from '../../../src/shared/agreement/select';

const CODERS = ['A', 'B', 'C'];
const CODES = ['x', 'y', 'p'];

function both(segments: AgreementSegment[], pointCodes: string[], durationMs?: number) {
  const options = { coders: CODERS, codes: CODES, durationMs, pointCodes, unitMs: 1000 };
  const rangeCodes = CODES.filter((c) => !pointCodes.includes(c));
  const apart = { tallies: agreementTallies(segments, options), unitizing: computeUnitizingAgreement(segments, { coders: CODERS, codes: rangeCodes, durationMs }) };
  const sel = selectSegments(segments, options);
  const shared = { tallies: talliesOf(sel, options), unitizing: unitizingOf(withoutPointCodes(sel, pointCodes, durationMs !== undefined)) };
  return { apart, shared };
}

describe('one selection for the statistics and the unitizing alphas', () => {
  it('worked by hand: a point at 50 s past every stretch (ending at 10 s)', () => {
    const segs: AgreementSegment[] = [
      { coder: 'A', code: 'x', startMs: 0, endMs: 10_000 },
      { coder: 'B', code: 'x', startMs: 2000, endMs: 8000 },
      { coder: 'A', code: 'p', startMs: 50_000, endMs: 50_000 },
    ];
    const { apart, shared } = both(segs, ['p']);
    expect(apart.tallies.durationMs).toBe(50_000);
    expect(apart.unitizing.duration).toBe(10);
    expect(shared).toEqual(apart);
  });

  it('equals the two entry points on random segments', () => {
    const seg = fc
      .tuple(fc.constantFrom(...CODERS), fc.constantFrom(...CODES), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 12 }))
      .map(([coder, code, a, l]): AgreementSegment => ({ coder, code, startMs: a * 500, endMs: code === 'p' ? a * 500 : (a + l) * 500 }));
    fc.assert(
      fc.property(fc.array(seg, { minLength: 1, maxLength: 30 }), fc.boolean(), fc.option(fc.integer({ min: 0, max: 40_000 }), { nil: undefined }), (segs, pIsPoint, durationMs) => {
        const { apart, shared } = both(segs, pIsPoint ? ['p'] : [], durationMs);
        expect(shared).toEqual(apart);
      }),
      { numRuns: 400 },
    );
  });
});
