import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { selectSegments, type SelectedSegment } from '../../../src/shared/agreement/select';
import type { AgreementSegment, SelectionOptions } from '../../../src/shared/agreement';

/**
 * The selection as first written (filter the chosen segments, then clip them in a second list):
 * the oracle for the one-pass selection that makes one object per segment.
 */
function referenceSelection(segments: AgreementSegment[], o: SelectionOptions) {
  const inMedia = (s: AgreementSegment) => o.media === undefined || s.media === undefined || s.media === o.media;
  const coders = o.coders ? [...o.coders] : [...new Set(segments.filter(inMedia).map((s) => s.coder))];
  const codes = o.codes ? [...o.codes] : [...new Set(segments.filter((s) => inMedia(s) && coders.includes(s.coder)).map((s) => s.code))];
  const chosen: SelectedSegment[] = [];
  segments.forEach((s, index) => {
    if (coders.includes(s.coder) && codes.includes(s.code) && inMedia(s)) chosen.push({ index, coder: coders.indexOf(s.coder), code: codes.indexOf(s.code), startMs: s.startMs, endMs: s.endMs });
  });
  const durationMs = o.durationMs ?? Math.max(0, ...chosen.map((s) => s.endMs));
  const intervals = chosen
    .filter((s) => s.startMs !== s.endMs)
    .map((s) => ({ ...s, startMs: Math.max(0, s.startMs), endMs: Math.min(durationMs, s.endMs) }))
    .filter((s) => s.endMs > s.startMs);
  const points = chosen.filter((s) => s.startMs === s.endMs && s.startMs <= durationMs);
  return { coders, codes, durationMs, intervals, points };
}

const segment = fc.record({
  coder: fc.constantFrom('A', 'B', 'C'),
  code: fc.constantFrom('tools', 'rules', 'object'),
  startMs: fc.integer({ min: 0, max: 50 }),
  len: fc.constantFrom(0, 0, 1, 5, 20),
  media: fc.constantFrom(undefined, 'one.mp4', 'two.mp4'),
}).map(({ len, media, ...s }) => ({ ...s, endMs: s.startMs + len, ...(media ? { media } : {}) }) as AgreementSegment);

describe('selectSegments', () => {
  it('chooses, clips and splits as the two-list selection did, on random segments and options', () => {
    fc.assert(
      fc.property(
        fc.array(segment, { maxLength: 40 }),
        fc.record({
          media: fc.constantFrom(undefined, 'one.mp4', 'two.mp4'),
          durationMs: fc.constantFrom(undefined, 0, 10, 30, 100),
          coders: fc.constantFrom(undefined, ['B', 'A'], ['A', 'B', 'C']),
          codes: fc.constantFrom(undefined, ['rules'], ['object', 'tools']),
        }),
        (segs, raw) => {
          const o = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined)) as SelectionOptions;
          let expected: ReturnType<typeof referenceSelection> | Error;
          try {
            expected = referenceSelection(segs, o);
            if (expected.coders.length < 2 || (o.media === undefined && new Set(segs.flatMap((s) => (s.media ? [s.media] : []))).size > 1)) expected = new Error();
          } catch (e) {
            expected = e as Error;
          }
          if (expected instanceof Error) expect(() => selectSegments(segs, o)).toThrow();
          else expect(selectSegments(segs, o)).toEqual(expected);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
