/**
 * Agreement on contradictions: hand-made cases (same level different elements, partial overlap
 * below and above the threshold, unordered element pairs, three coders, maximum matching, κ on
 * the level among level-agnostic matches), every expected number worked out in the comments.
 */
import { describe, expect, it } from 'vitest';
import { compareContradictions, computeContradictionAgreement, evidenceOverlap, type ContradictionItem } from '../../../src/shared/agreement';

let n = 0;
function c(coder: string, level: ContradictionItem['level'], endA: string, endB: string, ...ranges: [number, number][]): ContradictionItem {
  return { id: `c${String(++n).padStart(3, '0')}`, coder, level, endA, endB, evidence: ranges.map(([s, e]) => ({ media: 'v.mp4', startMs: s * 1000, endMs: e * 1000 })) };
}
const TR = ['Researchers: tools', 'Researchers: rules'] as const;

describe('matching contradictions of two coders', () => {
  it('same level, different elements: no match (F1 0) and both listed as unmatched with their evidence', () => {
    const r = compareContradictions([c('A', 'secondary', ...TR, [0, 10])], [c('B', 'secondary', 'Researchers: tools', 'Researchers: community', [0, 10])], ['A', 'B']);
    expect([r.matched, r.onlyA, r.onlyB, r.f1]).toEqual([0, 1, 1, 0]);
    expect(r.unmatched.map((u) => [u.coder, u.elements, u.evidence])).toEqual([
      ['A', 'Researchers: tools ↔ Researchers: rules', 'v.mp4 @ 0:00:00–0:00:10'],
      ['B', 'Researchers: tools ↔ Researchers: community', 'v.mp4 @ 0:00:00–0:00:10'],
    ]);
  });

  it('the element pair is unordered', () => {
    const r = compareContradictions([c('A', 'secondary', ...TR, [0, 10])], [c('B', 'secondary', TR[1], TR[0], [0, 10])], ['A', 'B']);
    expect([r.matched, r.f1]).toEqual([1, 1]);
  });

  /* A's evidence [0, 10) s; B's [6, 20): they share 4 s of the shorter 10 s = 0.4; B's [4, 20): 6 s = 0.6. */
  it('partial overlap: below half of the shorter evidence no match, above it a match; --min-overlap moves the line', () => {
    expect(evidenceOverlap([{ media: 'v', startMs: 0, endMs: 10 }], [{ media: 'v', startMs: 6, endMs: 20 }])).toBeCloseTo(0.4, 12);
    const below = compareContradictions([c('A', 'tertiary', ...TR, [0, 10])], [c('B', 'tertiary', ...TR, [6, 20])], ['A', 'B']);
    expect([below.matched, below.onlyA, below.onlyB]).toEqual([0, 1, 1]);
    const lowered = compareContradictions([c('A', 'tertiary', ...TR, [0, 10])], [c('B', 'tertiary', ...TR, [6, 20])], ['A', 'B'], 0.4);
    expect(lowered.matched).toBe(1);
    const above = compareContradictions([c('A', 'tertiary', ...TR, [0, 10])], [c('B', 'tertiary', ...TR, [4, 20])], ['A', 'B']);
    expect([above.matched, above.onlyA, above.onlyB, above.f1]).toEqual([1, 0, 0, 1]);
  });

  it('evidence in another media does not overlap; several segments count as their union', () => {
    expect(evidenceOverlap([{ media: 'a', startMs: 0, endMs: 10 }], [{ media: 'b', startMs: 0, endMs: 10 }])).toBe(-1);
    // [0,4) ∪ [2,6) = [0,6) and [8,10): 8 s; the other [5,9): shares 1 + 1 = 2 s of its 4 s → 0.5.
    const share = evidenceOverlap(
      [{ media: 'a', startMs: 0, endMs: 4 }, { media: 'a', startMs: 2, endMs: 6 }, { media: 'a', startMs: 8, endMs: 10 }],
      [{ media: 'a', startMs: 5, endMs: 9 }],
    );
    expect(share).toBe(0.5);
  });

  /* a1 [0,10) overlaps b1 [0,10) (share 1) and b2 [4,14) (6/10); a2 [0,5) overlaps only b1 (5/5).
   * Taking the best first (a1–b1) would leave a2 alone; the maximum matching is a1–b2, a2–b1. */
  it('is a maximum one-to-one matching, not greedy', () => {
    const A = [c('A', 'secondary', ...TR, [0, 10]), c('A', 'secondary', ...TR, [0, 5])];
    const B = [c('B', 'secondary', ...TR, [0, 10]), c('B', 'secondary', ...TR, [4, 14])];
    const r = compareContradictions(A, B, ['A', 'B']);
    expect([r.matched, r.onlyA, r.onlyB]).toEqual([2, 0, 0]);
  });

  /* Level-agnostic pairs: (secondary, secondary), (secondary, tertiary), (tertiary, tertiary).
   * p_o = 2/3; margins A: sec 2, ter 1; B: sec 1, ter 2; p_e = (2·1 + 1·2)/9 = 4/9;
   * κ = (2/3 − 4/9)/(5/9) = 0.4. The level-strict matching has 2 matched, 1 only A, 1 only B. */
  it("κ on the level uses the level-agnostic matching; matched / only-A / only-B the level-strict one", () => {
    const A = [c('A', 'secondary', ...TR, [0, 10]), c('A', 'secondary', 'x', 'y', [20, 30]), c('A', 'tertiary', 'p', 'q', [40, 50])];
    const B = [c('B', 'secondary', ...TR, [0, 10]), c('B', 'tertiary', 'x', 'y', [20, 30]), c('B', 'tertiary', 'p', 'q', [40, 50])];
    const r = compareContradictions(A, B, ['A', 'B']);
    expect([r.matched, r.onlyA, r.onlyB, r.levelMatched]).toEqual([2, 1, 1, 3]);
    expect(r.f1).toBeCloseTo(4 / 6, 12);
    expect(r.levelKappa).toBeCloseTo(0.4, 12);
    expect(r.unmatched.map((u) => [u.coder, u.level])).toEqual([['A', 'secondary'], ['B', 'tertiary']]);
  });
});

describe('three coders', () => {
  /* A: t1 [0,10), t2 [20,30); B: t1 [1,10); C: t1 [0,9), t2 [22,30).
   * A–B: matched 1, only A 1, only B 0 → F1 2/3; A–C: matched 2 → 1; B–C: matched 1, only C 1 → 2/3.
   * Overall: matched 4, only first 1, only second 1 → F1 8/10 = 0.8. */
  it('per pair and pooled overall', () => {
    const items = [
      c('A', 'secondary', ...TR, [0, 10]), c('A', 'quaternary', 'Researchers: object', 'Practitioners: object', [20, 30]),
      c('B', 'secondary', ...TR, [1, 10]),
      c('C', 'secondary', ...TR, [0, 9]), c('C', 'quaternary', 'Practitioners: object', 'Researchers: object', [22, 30]),
    ];
    const r = computeContradictionAgreement(items, ['A', 'B', 'C']);
    expect(r.counts).toEqual({ A: 2, B: 1, C: 2 });
    expect(r.pairs.map((p) => [p.coders.join('-'), p.matched, p.onlyA, p.onlyB])).toEqual([['A-B', 1, 1, 0], ['A-C', 2, 0, 0], ['B-C', 1, 0, 1]]);
    expect(r.pairs.map((p) => p.f1)).toEqual([2 / 3, 1, 2 / 3]);
    expect([r.overall.matched, r.overall.onlyA, r.overall.onlyB, r.overall.f1]).toEqual([4, 1, 1, 0.8]);
    expect(r.pairs[2].unmatched.map((u) => [u.coder, u.evidence])).toEqual([['C', 'v.mp4 @ 0:00:22–0:00:30']]);
  });

  it('no contradictions at all: F1 and κ are null with the reason', () => {
    const r = computeContradictionAgreement([], ['A', 'B']);
    expect(r.overall.f1).toBeNull();
    expect(r.overall.notes.f1).toMatch(/neither coder/);
    expect(r.overall.levelKappa).toBeNull();
  });
});
