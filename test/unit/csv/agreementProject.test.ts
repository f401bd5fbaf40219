/**
 * The agreement export's selection (projectAgreement) on a hand-made project: what is laid on the
 * timeline of a media of unknown duration (its length is the largest segment end, so a point event
 * at that end falls outside it), which codes are compared, and that each media's rows are read
 * once (a million-row media is one table scan, not three).
 */
import { describe, expect, it } from 'vitest';
import { projectAgreement, snapshotAgreementRows, type AgreementRows } from '../../../src/shared/csv/agreementProject';
import type { ProjectSnapshot } from '../../../src/shared/domain';
import { code, coder, media, segment } from './fixture';

function project(): ProjectSnapshot {
  return {
    systems: [],
    codes: [code('x', 'X', 'element', { element: 'tools' }), code('y', 'Y', 'element', { element: 'rules' }), code('z', 'Z', 'element', { element: 'object' })],
    coders: [coder('a', 'Ann'), coder('b', 'Bo'), coder('k', 'Consensus', true)],
    // m1: unknown duration (largest end 3 s); m2: 4 s long, with a segment past its end
    media: [media('m1', 'one.mp4', null), media('m2', 'two.mp4', 4000)],
    segments: [
      segment('s1', 'm1', 'a', 0, 2000, ['x'], ''),
      segment('s2', 'm1', 'b', 1000, 3000, ['x'], ''),
      segment('s3', 'm1', 'a', 3000, 3000, ['y'], ''), // point at the media's end: outside [0, 3 s)
      segment('s4', 'm1', 'b', 2500, 2500, ['y'], ''), // point inside
      segment('s5', 'm2', 'a', 0, 4000, ['x'], ''),
      segment('s6', 'm2', 'b', 0, 2000, ['x'], ''),
      segment('s7', 'm2', 'b', 5000, 6000, ['z'], ''), // after the end of m2: z is applied, nothing laid
      segment('s8', 'm2', 'k', 0, 4000, ['y'], ''), // consensus: not a compared coder
    ],
    themes: [],
    contradictions: [],
    memos: [],
  } as unknown as ProjectSnapshot;
}

describe('projectAgreement', () => {
  it('lays both media end to end and compares the codes applied in scope (worked by hand)', () => {
    const { result, input } = projectAgreement(project(), {}, { exact: true });
    // m1 is 3 s (largest end), m2 4 s: 7 s of timeline
    expect(result.duration).toBe(7);
    expect(input.settings.media).toBe('one.mp4; two.mp4');
    // z is applied (after m2's end, but in scope): compared, never coded on the timeline
    expect(input.settings.codes).toBe('X; Y; Z');
    // the point at 2.5 s counts; the one at 3 s (m1's end) lies outside m1's timeline
    expect(result.pointEvents).toBe(1);
    // X on the 7 s: Ann [0,2) and [3,7), Bo [1,3) and [3,5): both on [1,2) and [3,5) (3 s),
    // one only on [0,1), [2,3) and [5,7), neither nowhere: percent agreement 3/7
    const x = result.codes.find((c) => c.code === 'X')!;
    expect(x.percentAgreement).toBeCloseTo(3 / 7, 12);
  });

  it('reads each media once', () => {
    const snapshot = project();
    const rows = snapshotAgreementRows(snapshot);
    const reads = new Map<string, number>();
    const counted: AgreementRows = (mediaId) => {
      reads.set(mediaId, (reads.get(mediaId) ?? 0) + 1);
      return rows(mediaId);
    };
    projectAgreement(snapshot, {}, {}, counted);
    expect(Object.fromEntries(reads)).toEqual({ m1: 1, m2: 1 });
  });

  it('a code filter compares exactly those codes; a time window cuts the timeline', () => {
    const { result, input } = projectAgreement(project(), { codeIds: ['x'], fromMs: 1000 }, { exact: true });
    // m1 [1 s, 3 s) and m2 [1 s, 4 s): 5 s
    expect(result.duration).toBe(5);
    expect(input.settings.codes).toBe('X');
    // X: m1 Ann [1,2) Bo [1,3): agree 1 s; m2 Ann [1,4) Bo [1,2): agree 1 s → 2 of 5
    expect(result.codes.map((c) => c.code)).toEqual(['X']);
    expect(result.codes[0]!.percentAgreement).toBeCloseTo(2 / 5, 12);
  });
});
