import { describe, expect, it } from 'vitest';
import { computeAgreement } from '../../../src/shared/agreement';
import { generateBenchSegments } from '../../helpers/benchSegments';

describe('benchmark data set', () => {
  const segs = generateBenchSegments();
  it('is deterministic and of the stated size', () => {
    expect(segs).toHaveLength(20_000);
    expect(generateBenchSegments().slice(0, 5)).toEqual(segs.slice(0, 5));
    expect(new Set(segs.map((s) => s.code)).size).toBe(40);
    expect(Math.max(...segs.map((s) => s.endMs))).toBeLessThanOrEqual(5 * 3600_000);
  });
  // Speed is measured in bench/agreement.bench.ts (`npm run bench -- agreement`), never asserted here.
  it('at 0.1 s slices, covers 5 h in 180,000 units and its alpha is close to the exact alpha', () => {
    const s = computeAgreement(segs, { unitMs: 100 });
    const e = computeAgreement(segs, { exact: true });
    expect(s.units).toBe(180_000);
    expect(Math.abs(s.overall.krippendorffAlpha! - e.overall.krippendorffAlpha!)).toBeLessThan(1e-3);
  });
});
