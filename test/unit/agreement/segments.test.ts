import { describe, expect, it } from 'vitest';
import { AgreementInputError, computeAgreement, type AgreementSegment } from '../../../src/shared/agreement';

const seg = (coder: string, code: string, s: number, e: number, media?: string): AgreementSegment => ({ coder, code, startMs: s, endMs: e, media });

describe('time slices (contract semantics)', () => {
  it('uses the midpoint rule with half-open segments', () => {
    // Unit 1 s. A covers [0, 1500): midpoints 500 and 1500 → slice 0 only ([0,1500) excludes 1500).
    // B covers [600, 2000): midpoints 1500 → slice 1 only (500 < 600).
    const r = computeAgreement([seg('A', 'x', 0, 1500), seg('B', 'x', 600, 2000)], { durationMs: 3000 });
    expect(r.units).toBe(3);
    expect(r.pairs[0].confusion).toEqual({ both: 0, onlyA: 1, onlyB: 1, neither: 1 });
    expect(r.codes[0].percentAgreement).toBeCloseTo(1 / 3, 12);
  });

  it('counts the last partial slice, judged at its own midpoint', () => {
    // D = 2.4 s → slices [0,1), [1,2), [2,2.4); the last one's midpoint is 2.2 s.
    const r = computeAgreement([seg('A', 'x', 2000, 2400), seg('B', 'x', 2100, 2300)]);
    expect(r.duration).toBe(2.4);
    expect(r.units).toBe(3);
    expect(r.pairs[0].confusion).toEqual({ both: 1, onlyA: 0, onlyB: 0, neither: 2 });
  });

  it('excludes uncoded slices on request', () => {
    const segs = [seg('A', 'x', 0, 1000), seg('B', 'y', 5000, 6000)];
    const all = computeAgreement(segs, { durationMs: 10_000 });
    const coded = computeAgreement(segs, { durationMs: 10_000, excludeUncoded: true });
    expect(all.units).toBe(10);
    expect(coded.units).toBe(2);
    expect(coded.codes[0].percentAgreement).toBeCloseTo(0.5, 12);
    const exact = computeAgreement(segs, { durationMs: 10_000, excludeUncoded: true, exact: true });
    expect(exact.codes[0].unitsDuration).toBe(2);
    expect(exact.codes[0].percentAgreement).toBeCloseTo(0.5, 12);
  });

  it('leaves point events out of the statistics and says so', () => {
    const r = computeAgreement([seg('A', 'x', 0, 2000), seg('B', 'x', 0, 2000), seg('A', 'clarity', 500, 500)]);
    expect(r.pointEvents).toBe(1);
    const clarity = r.codes.find((c) => c.code === 'clarity')!;
    expect(clarity.pointEvents).toBe(1);
    expect(clarity.cohensKappa).toBeNull();
    expect(clarity.notes.cohensKappa).toMatch(/ever applied/);
    expect(clarity.notes.pointEvents).toMatch(/point event/);
    expect(r.notes.join(' ')).toMatch(/point event/);
  });

  it('pools overall from summed tables, not a mean of per-code kappas', () => {
    const segs = [seg('A', 'x', 0, 3000), seg('B', 'x', 0, 2000), seg('A', 'y', 5000, 6000), seg('B', 'y', 5000, 9000)];
    const r = computeAgreement(segs, { durationMs: 10_000 });
    const [a, b, c, d] = [3, 4, 0, 13]; // both, onlyA, onlyB, neither over 20 (code, slice) units
    expect(r.pairs[0].confusion).toEqual({ both: 3, onlyA: 1, onlyB: 3, neither: 13 });
    void [a, b, c, d];
    const k = (2 * (3 * 13 - 1 * 3)) / ((3 + 1) * (1 + 13) + (3 + 3) * (3 + 13));
    expect(r.overall.cohensKappa!).toBeCloseTo(k, 12);
    expect(r.overall.units).toBe(20);
    const mean = (r.codes[0].cohensKappa! + r.codes[1].cohensKappa!) / 2;
    expect(Math.abs(mean - k)).toBeGreaterThan(1e-3);
  });

  it('has the contract JSON shape', () => {
    const r = computeAgreement([seg('A', 'Tools', 0, 30_000), seg('B', 'Tools', 10_000, 40_000), seg('C', 'Tools', 0, 40_000)], { durationMs: 60_000 });
    expect(r).toMatchObject({ input: 'segments', unit: 1, exact: false, duration: 60, coders: ['A', 'B', 'C'], units: 60 });
    for (const key of ['percentAgreement', 'cohensKappa', 'fleissKappa', 'krippendorffAlpha', 'meanPairwiseCohensKappa']) {
      expect(r.overall).toHaveProperty(key);
    }
    expect(r.overall.cohensKappa).toBeNull();
    expect(r.overall.notes.cohensKappa).toMatch(/exactly two coders/);
    expect(r.codes[0]).toMatchObject({ code: 'Tools', units: 60 });
    expect(r.pairs.map((p) => p.coders)).toEqual([['A', 'B'], ['A', 'C'], ['B', 'C']]);
    const json = JSON.parse(JSON.stringify(r));
    expect(json).toEqual(r);
    expect(JSON.stringify(r)).not.toMatch(/NaN|Infinity/);
    const mean = r.pairs.reduce((s, p) => s + p.cohensKappa!, 0) / 3;
    expect(r.overall.meanPairwiseCohensKappa!).toBeCloseTo(mean, 12);
  });

  it('reports seconds in exact-mode confusion tables', () => {
    const r = computeAgreement([seg('A', 'x', 0, 1500), seg('B', 'x', 1000, 2000)], { exact: true, durationMs: 4000 });
    expect(r.unit).toBeNull();
    expect(r.units).toBeNull();
    expect(r.confusionUnit).toBe('seconds');
    expect(r.pairs[0].confusion).toEqual({ both: 0.5, onlyA: 1, onlyB: 0.5, neither: 2 });
  });

  it('rejects bad input with one clear line', () => {
    const bad: [AgreementSegment[], object, RegExp][] = [
      [[seg('A', 'x', 0, 1000)], {}, /at least two coders; got 1 \(A\)/],
      [[seg('A', 'x', 2000, 1000), seg('B', 'x', 0, 1)], {}, /segment 1 .*end 1000 ms is before start 2000 ms/],
      [[seg('A', 'x', NaN, 1000), seg('B', 'x', 0, 1)], {}, /segment 1 .*start is not a number/],
      [[seg('A', 'x', 0, 1, 'v1'), seg('B', 'x', 0, 1, 'v2')], {}, /several media \(v1, v2\)/],
      [[seg('A', 'x', 0, 1), seg('B', 'x', 0, 1)], { unitMs: 0 }, /unit 0 ms/],
      [[seg('A', 'x', 0, 1), seg('B', 'x', 0, 1)], { coders: ['A', 'A'] }, /selected twice/],
    ];
    for (const [segs, opts, msg] of bad) {
      let err: unknown;
      try {
        computeAgreement(segs, opts);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(AgreementInputError);
      expect((err as Error).message).toMatch(msg);
      expect((err as Error).message).not.toMatch(/\n/);
    }
  });

  it('selects one media when asked', () => {
    const r = computeAgreement([seg('A', 'x', 0, 1000, 'v1'), seg('B', 'x', 0, 1000, 'v1'), seg('B', 'x', 0, 9000, 'v2')], { media: 'v1' });
    expect(r.duration).toBe(1);
    expect(r.codes[0].percentAgreement).toBe(1);
  });

  it('gives null with notes, never NaN, when nothing is coded', () => {
    const r = computeAgreement([], { coders: ['A', 'B'], codes: ['x'] });
    expect(r.units).toBe(0);
    expect(r.overall.percentAgreement).toBeNull();
    expect(r.overall.notes.percentAgreement).toMatch(/no units/);
  });
});
