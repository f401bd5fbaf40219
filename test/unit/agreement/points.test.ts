/**
 * Point-event agreement (src/shared/agreement/points.ts) on hand-worked cases.
 */
import { describe, expect, it } from 'vitest';
import { computeAgreement, matchPoints, toleranceWindows } from '../../../src/shared/agreement';

const pt = (coder: string, code: string, s: number) => ({ coder, code, startMs: s * 1000, endMs: s * 1000 });

describe('matchPoints', () => {
  it('matches one-to-one within the tolerance, nearest first', () => {
    // 1.8 is nearer to 1.5 (0.3) than 1.0 is (0.5): 1.8–1.5 matches, 1.0 stays unmatched
    expect(matchPoints([1000, 1800], [1500], 1000)).toEqual([[1, 0]]);
    // a tie (both 0.5 away): the earlier time of the first coder wins
    expect(matchPoints([1000, 2000], [1500], 1000)).toEqual([[0, 0]]);
    // exactly at the tolerance matches; beyond it does not
    expect(matchPoints([0], [1000], 1000)).toEqual([[0, 0]]);
    expect(matchPoints([0], [1001], 1000)).toEqual([]);
    // one-to-one: of two of B near one of A, the nearer (5.1, 0.1 away) matches, once
    expect(matchPoints([5000], [4800, 5100], 1000)).toEqual([[0, 1]]);
  });
  it('counts tolerance windows of 2·tolerance over the timeline', () => {
    expect(toleranceWindows(20_000, 1000)).toBe(10);
    expect(toleranceWindows(21_000, 1000)).toBe(11);
    expect(toleranceWindows(0, 1000)).toBe(1);
  });
});

describe('computeAgreement: point codes', () => {
  // A: 2, 8.5, 15 s; B: 2.4, 9.2, 18 s; tolerance 1 s; timeline 20 s → 10 windows.
  // matched (2, 2.4) and (8.5, 9.2); 15 and 18 unmatched: matched 2, onlyA 1, onlyB 1,
  // neither = 10 − 2 − 1 − 1 = 6. po = 8/10; pA = pB = 3/10; pe = .09 + .49 = .58;
  // κ = (.8 − .58) / (1 − .58) = .22 / .42 = 11/21. precision = recall = 2/3, F1 = 4/6.
  const segs = [pt('A', 'mark', 2), pt('A', 'mark', 8.5), pt('A', 'mark', 15), pt('B', 'mark', 2.4), pt('B', 'mark', 9.2), pt('B', 'mark', 18)];
  const range = [{ coder: 'A', code: 'talk', startMs: 0, endMs: 10_000 }, { coder: 'B', code: 'talk', startMs: 0, endMs: 10_000 }];

  it('gives counts, precision/recall and κ per pair (hand-worked)', () => {
    const r = computeAgreement([...segs, ...range], { durationMs: 20_000, pointCodes: ['mark'] });
    expect(r.points.tolerance).toBe(1);
    expect(r.points.windows).toBe(10);
    expect(r.points.codes).toEqual([{ code: 'mark', points: { A: 3, B: 3 } }]);
    const p = r.points.pairs[0]!;
    expect(p.coders).toEqual(['A', 'B']);
    expect(p.codes[0]).toMatchObject({ code: 'mark', matched: 2, onlyA: 1, onlyB: 1, neither: 6 });
    expect(p.codes[0]!.precision).toBeCloseTo(2 / 3, 12);
    expect(p.codes[0]!.recall).toBeCloseTo(2 / 3, 12);
    expect(p.codes[0]!.f1).toBeCloseTo(2 / 3, 12);
    expect(p.codes[0]!.kappa).toBeCloseTo(11 / 21, 12);
    expect(p.kappa).toBeCloseTo(11 / 21, 12);
  });

  it('keeps point codes out of the per-code and pooled slice statistics', () => {
    const r = computeAgreement([...segs, ...range], { durationMs: 20_000, pointCodes: ['mark'] });
    expect(r.codes.map((c) => c.code)).toEqual(['talk']);
    // only "talk": 20 slices, both coders on 0–10 s → percent 1, overall = talk
    expect(r.overall.units).toBe(20);
    expect(r.overall.percentAgreement).toBe(1);
    expect(r.overall.cohensKappa).toBe(1);
  });

  it('a wider tolerance matches more; the first coder is the reference for recall', () => {
    const r = computeAgreement(segs, { durationMs: 20_000, pointCodes: ['mark'], pointToleranceMs: 3000 });
    // windows = ceil(20 / 6) = 4; all three match (15–18 is 3 s): matched 3, neither 4 − 3 = 1;
    // po = 1, pe = (3·3 + 1·1)/16 = 10/16 → κ = 1
    expect(r.points.pairs[0]).toMatchObject({ matched: 3, onlyA: 0, onlyB: 0, neither: 1, precision: 1, recall: 1, kappa: 1 });
    // B placed nothing: precision undefined (null with a note), recall 0
    const one = computeAgreement([pt('A', 'mark', 2), ...range], { durationMs: 20_000, pointCodes: ['mark'] });
    expect(one.points.pairs[0]!.precision).toBeNull();
    expect(one.points.pairs[0]!.notes.precision).toMatch(/no point/);
    expect(one.points.pairs[0]!.recall).toBe(0);
  });

  it('pools a pair over several point codes (sum of the tables)', () => {
    // code "x": A 1, B 1.5 → matched; code "y": A 5, B none; 10 s → 5 windows
    // x: 1/0/0/4; y: 0/1/0/4 → sum 1/1/0/8, N = 10; po = 9/10; pA = 2/10, pB = 1/10;
    // pe = .02 + .72 = .74 → κ = (.9 − .74)/.26 = 8/13
    const r = computeAgreement([pt('A', 'x', 1), pt('B', 'x', 1.5), pt('A', 'y', 5)], { durationMs: 10_000, pointCodes: ['x', 'y'], codes: ['x', 'y'] });
    expect(r.points.pairs[0]).toMatchObject({ matched: 1, onlyA: 1, onlyB: 0, neither: 8 });
    expect(r.points.pairs[0]!.kappa).toBeCloseTo(8 / 13, 12);
    expect(r.codes).toEqual([]);
  });
});
