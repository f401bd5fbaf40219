/** The pure parts of sync by sound: envelope frames, FFT cross-correlation, sub-frame peak, confidence. */
import { describe, expect, it } from 'vitest';
import { COARSE_ABOVE, CURVE_POINTS, coarseFactor, MIN_CONFIDENCE, confidenceOf, crossCorrelate, estimateOffset, parabolicShift } from '../../../src/shared/sync/correlate';
import { EnvelopeBuilder, envelopeLevels } from '../../../src/shared/sync/envelope';
import { prng } from '../../../src/shared/random';

describe('envelope', () => {
  it('is the RMS of each frame, whatever the chunk boundaries', () => {
    // 4 samples per frame: [3, 4, 0, 0] → sqrt(25/4) = 2.5; [1, 1, 1, 1] → 1; then 2 of 4 samples [2, 2] → 2 (half a frame counts)
    const b = new EnvelopeBuilder(400, 100);
    b.push(Float32Array.from([3, 4, 0]));
    b.push(Float32Array.from([0, 1, 1]));
    b.push(Float32Array.from([1, 1, 2, 2]));
    expect([...b.finish()]).toEqual([2.5, 1, 2]);
    // less than half a frame left over is dropped
    const c = new EnvelopeBuilder(400, 100);
    c.push(Float32Array.from([1, 1, 1, 1, 5]));
    expect([...c.finish()]).toEqual([1]);
  });

  it('draws as one byte per frame, 255 at the loudest', () => {
    expect(envelopeLevels(Float32Array.from([0, 0.5, 0.25, 1]))).toEqual({ levels: Uint8Array.from([0, 128, 64, 255]), maxRms: 1 });
  });
});

describe('cross-correlation by FFT', () => {
  it('equals the direct sum Σ x[m]·y[m+k] at every lag', () => {
    const rand = prng(3);
    const x = Float64Array.from({ length: 37 }, () => rand() - 0.5);
    const y = Float64Array.from({ length: 53 }, () => rand() - 0.5);
    const r = crossCorrelate(x, y);
    for (let k = -36; k <= 52; k++) {
      let direct = 0;
      for (let m = 0; m < x.length; m++) if (m + k >= 0 && m + k < y.length) direct += x[m]! * y[m + k]!;
      expect(r(k)).toBeCloseTo(direct, 9);
    }
  });

  it('refines a peak by a parabola through it and its neighbours', () => {
    // the parabola through (−1, 0.5), (0, 1), (1, 0.7) is 1 + 0.1x − 0.4x²: vertex at 0.1 / 0.8 = 0.125
    expect(parabolicShift(0.5, 1, 0.7)).toBeCloseTo(0.125, 12);
    expect(parabolicShift(0.7, 1, 0.7)).toBeCloseTo(0, 12);
  });

  it('confidence compares the best peak with the next-best one', () => {
    expect(confidenceOf(0.8, 0.2)).toBeCloseTo(0.75, 12);
    expect(confidenceOf(0.8, -0.1)).toBe(1);
    expect(confidenceOf(0, 0)).toBe(0);
  });
});

/** A bursty envelope: random bursts of random level on a silent floor. */
function bursts(n: number, seed: number): Float32Array {
  const rand = prng(seed);
  const e = new Float32Array(n);
  for (let t = 5; t < n; ) {
    const len = 3 + Math.floor(rand() * 20);
    const level = 0.1 + rand();
    for (let i = 0; i < len && t + i < n; i++) e[t + i] = level;
    t += len + 2 + Math.floor(rand() * 40);
  }
  return e;
}

describe('estimateOffset', () => {
  const source = bursts(3000, 5);
  // the primary starts 37 frames into the source, the angle at its start: angle = primary + 370 ms
  const primary = source.slice(37, 2500);
  const angle = source.slice(0, 2800).map((v, i) => 0.3 * v + 0.01 * ((i * 7919) % 13) / 13);

  it('finds the shift at any gain, with a little noise, as angle = primary + offset', () => {
    const e = estimateOffset(primary, angle, { rateHz: 100 })!;
    expect(e.offsetMs).toBeCloseTo(370, 0);
    expect(e.confidence).toBeGreaterThan(0.6);
    expect(estimateOffset(angle, primary, { rateHz: 100 })!.offsetMs).toBeCloseTo(-370, 0);
  });

  it('searches only within a window of the primary, and only lags within maxLag', () => {
    expect(estimateOffset(primary, angle, { rateHz: 100, windowFrames: { start: 1000, end: 1300 } })!.offsetMs).toBeCloseTo(370, 0);
    // the true lag (37 frames) is outside ±20 frames: whatever is proposed, it is not 370 ms and not trusted
    const narrow = estimateOffset(primary, angle, { rateHz: 100, maxLagFrames: 20 })!;
    expect(Math.abs(narrow.offsetMs)).toBeLessThanOrEqual(200);
    expect(narrow.confidence).toBeLessThan(MIN_CONFIDENCE);
  });

  it('is not confident about a periodic sound (every shift by a period fits as well)', () => {
    const tick = Float32Array.from({ length: 2000 }, (_, i) => (i % 100 < 5 ? 1 : 0));
    const e = estimateOffset(tick.slice(30), tick, { rateHz: 100 })!;
    expect(e.confidence).toBeLessThan(MIN_CONFIDENCE);
  });

  it('on long envelopes (searched coarsely, then refined) finds the same shift to the frame', () => {
    const long = bursts(40_000, 9); // 400 s at 100 frames per second
    const p = long.slice(37, 36_000);
    const a = long.slice(0, 39_000).map((v, i) => 0.5 * v + 0.02 * (((i * 7919) % 13) / 13));
    expect(p.length).toBeGreaterThan(COARSE_ABOVE);
    const e = estimateOffset(p, a, { rateHz: 100 })!;
    // 37 frames is not a multiple of the coarse step (2 for 36 000 frames): only the refinement gets it exactly
    expect(coarseFactor(p.length)).toBe(2);
    expect(coarseFactor(360_000)).toBe(4); // an hour
    expect(coarseFactor(1_800_000)).toBe(20); // five hours
    expect(e.offsetMs).toBeCloseTo(370, 0);
    expect(e.confidence).toBeGreaterThan(0.6);
    expect(estimateOffset(p, a, { rateHz: 100, windowFrames: { start: 20_000, end: 26_000 } })!.offsetMs).toBeCloseTo(370, 0);
    // the curve is drawn at the coarse step, at most CURVE_POINTS points, peaking at the offset
    const top = e.curve.values.indexOf(Math.max(...e.curve.values));
    expect(e.curve.values.length).toBeLessThanOrEqual(CURVE_POINTS);
    expect(Math.abs(e.curve.fromMs + top * e.curve.stepMs - 370)).toBeLessThanOrEqual(e.curve.stepMs);
  });

  it('on an hour and more (searched at 1/5 of the rate) still finds the frame', () => {
    const hour = bursts(420_000, 21);
    const p = hour.slice(1234, 400_000); // 396 766 frames: factor 5
    expect(coarseFactor(p.length)).toBe(5);
    const e = estimateOffset(p, hour.map((v) => 0.3 * v), { rateHz: 100 })!;
    expect(e.offsetMs).toBeCloseTo(12_340, 0);
    expect(e.confidence).toBeGreaterThan(0.6);
  });

  it('gives null for silence', () => {
    expect(estimateOffset(new Float32Array(500), angle, { rateHz: 100 })).toBeNull();
  });
});
