import { describe, expect, it } from 'vitest';
import { findDisagreements, type AgreementSegment } from '../../../src/shared/agreement';

const seg = (coder: string, code: string, s: number, e: number, id?: string): AgreementSegment => ({ coder, code, startMs: s, endMs: e, id });

describe('segment-level disagreements', () => {
  const segs = [
    seg('A', 'tools', 0, 10_000, 'a1'),
    seg('B', 'tools', 2_000, 11_000, 'b1'), // overlap 8 s ≥ 50 % of 9 s → match
    seg('C', 'tools', 1_000, 9_000, 'c1'),
    seg('A', 'tools', 20_000, 30_000, 'a2'),
    seg('B', 'tools', 28_000, 40_000, 'b2'), // overlap 2 s < 5 s → no match
    seg('A', 'rules', 50_000, 50_000, 'p1'), // point events
    seg('B', 'rules', 50_800, 50_800, 'p2'),
  ];
  const r = findDisagreements(segs);

  it('matches runs pairwise by overlap share of the shorter one', () => {
    const ab = r.pairs.find((p) => p.code === 'tools' && p.coders.join() === 'A,B')!;
    expect(ab.matched.map((m) => [m.a.segments[0].id, m.b.segments[0].id, m.overlapMs])).toEqual([['a1', 'b1', 8000]]);
    expect(ab.onlyA.map((x) => x.segments[0].id)).toEqual(['a2']);
    expect(ab.onlyB.map((x) => x.segments[0].id)).toEqual(['b2']);
    const strict = findDisagreements(segs, { minOverlapShare: 0.95 });
    expect(strict.pairs.find((p) => p.code === 'tools' && p.coders.join() === 'A,B')!.matched).toHaveLength(0);
  });

  it('lists agreed ranges and time-ordered disagreements', () => {
    expect(r.agreed).toHaveLength(1);
    expect(r.agreed[0]).toMatchObject({ code: 'tools', startMs: 0, endMs: 11_000, commonStartMs: 2_000, commonEndMs: 9_000, coders: ['A', 'B', 'C'] });
    expect(r.disagreements.map((d) => [d.code, d.startMs, d.endMs, d.codersApplied, d.codersNotApplied])).toEqual([
      ['tools', 20_000, 30_000, ['A'], ['B', 'C']],
      ['tools', 28_000, 40_000, ['B'], ['A', 'C']],
      ['rules', 50_000, 50_800, ['A', 'B'], ['C']],
    ]);
    expect(r.disagreements[2].pointEvent).toBe(true);
    expect(r.disagreements[2].segmentRefs.map((x) => x.id)).toEqual(['p1', 'p2']);
  });

  it('matches point events within the tolerance only', () => {
    const tight = findDisagreements(segs, { pointToleranceMs: 500 });
    const rules = tight.disagreements.filter((d) => d.code === 'rules');
    expect(rules.map((d) => d.codersApplied)).toEqual([['A'], ['B']]);
  });

  it('merges a coder’s touching segments into one run', () => {
    const x = findDisagreements([seg('A', 't', 0, 5000), seg('A', 't', 5000, 10_000), seg('B', 't', 0, 10_000)]);
    expect(x.disagreements).toHaveLength(0);
    expect(x.agreed[0].segmentRefs).toHaveLength(3);
  });

  it('gives stable content-derived ids', () => {
    const again = findDisagreements([...segs].reverse());
    expect(again.disagreements.map((d) => d.id)).toEqual(r.disagreements.map((d) => d.id));
    expect(new Set(r.disagreements.map((d) => d.id)).size).toBe(r.disagreements.length);
    expect(r.disagreements[0].id).toMatch(/^d-[0-9a-f]{16}$/);
  });
});
