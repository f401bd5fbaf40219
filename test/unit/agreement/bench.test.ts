import { describe, expect, it } from 'vitest';
import { computeAgreement, generateBenchSegments } from '../../../src/shared/agreement';

describe('benchmark data set', () => {
  const segs = generateBenchSegments();
  it('is deterministic and of the stated size', () => {
    expect(segs).toHaveLength(20_000);
    expect(generateBenchSegments().slice(0, 5)).toEqual(segs.slice(0, 5));
    expect(new Set(segs.map((s) => s.code)).size).toBe(40);
    expect(Math.max(...segs.map((s) => s.endMs))).toBeLessThanOrEqual(5 * 3600_000);
  });
  it('computes slices at 0.1 s and exact mode quickly (loose bound; `npm run bench` has the real figures)', () => {
    computeAgreement(segs, { unitMs: 100 }); // warm-up
    let t = performance.now();
    const s = computeAgreement(segs, { unitMs: 100 });
    const slice = performance.now() - t;
    t = performance.now();
    const e = computeAgreement(segs, { exact: true });
    const exact = performance.now() - t;
    expect(s.units).toBe(180_000);
    expect(Math.abs(s.overall.krippendorffAlpha! - e.overall.krippendorffAlpha!)).toBeLessThan(1e-3);
    expect(slice).toBeLessThan(1500);
    expect(exact).toBeLessThan(500);
  });
});
