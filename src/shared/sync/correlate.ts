/**
 * Sync by sound: the offset between two recordings of one moment, from their RMS envelopes.
 *
 * 1. Each envelope becomes an onset curve: the rise of its RMS from one frame to the next
 *    (half-wave rectified), then zero mean and unit variance, so a different gain does not matter,
 *    a steady noise floor (which hardly changes from frame to frame) adds little, and claps,
 *    speech onsets and door bangs dominate. (The rise of the *log* energy was tried and dropped: a
 *    noise floor delays the point where a syllable's log energy rises, which biased offsets by
 *    15–20 ms against a clean recording.)
 * 2. The cross-correlation r[k] = Σ x[m]·y[m+k] of the primary's curve (or the part of it inside a
 *    window, e.g. around a clap) with the angle's, for every lag at once by FFT (fft.js):
 *    r = IFFT(conj(X)·Y), zero-padded past both lengths so nothing wraps around.
 * 3. The best lag is refined to a fraction of a frame by a parabola through the peak and its two
 *    neighbours, so 10 ms frames give better than 10 ms.
 * 4. Confidence = 1 − (the next-best local peak outside ±GUARD_S of the best) / (the best peak):
 *    near 0 when another offset fits about as well (unrelated or featureless audio), near 1 when
 *    one offset stands out; 0 when the best is on the edge of the lags searched (the true peak
 *    is outside). Below MIN_CONFIDENCE nothing is proposed.
 *
 * Offsets follow model.ts: angle time = primary time + offset.
 */
import FFT from 'fft.js';

/** Below this confidence no offset is proposed. */
export const MIN_CONFIDENCE = 0.3;
/** Peaks closer than this to the best one belong to it (its own shoulders). */
export const GUARD_S = 0.5;
/** Points of the correlation curve returned for drawing. */
export const CURVE_POINTS = 1024;

export interface OffsetOptions {
  /** Frames per second of both envelopes. */
  rateHz: number;
  /** Only the primary's frames [start, end) take part. */
  windowFrames?: { start: number; end: number };
  /** Only offsets within ±maxLagFrames are searched. */
  maxLagFrames?: number;
}

export interface Curve { fromMs: number; stepMs: number; values: number[] }

export interface OffsetEstimate {
  /** angle time = primary time + offsetMs (sub-frame). */
  offsetMs: number;
  /** Normalised correlation at the peak (−1..1) and at the next-best peak. */
  peak: number;
  secondPeak: number;
  confidence: number;
  curve: Curve;
}

/** Onset strength of an envelope, zero mean and unit variance; null when it is flat (no sound). */
export function onsetCurve(env: ArrayLike<number>): Float64Array | null {
  const n = env.length;
  if (n < 3) return null;
  const out = new Float64Array(n);
  for (let i = 1; i < n; i++) out[i] = Math.max(0, env[i]! - env[i - 1]!);
  return standardise(out);
}

function standardise(x: Float64Array): Float64Array | null {
  let mean = 0;
  for (let i = 0; i < x.length; i++) mean += x[i]!;
  mean /= x.length;
  let v = 0;
  for (let i = 0; i < x.length; i++) v += (x[i]! - mean) ** 2;
  const sd = Math.sqrt(v / x.length);
  if (!(sd > 1e-9)) return null;
  for (let i = 0; i < x.length; i++) x[i] = (x[i]! - mean) / sd;
  return x;
}

const nextPow2 = (n: number) => 2 ** Math.ceil(Math.log2(Math.max(4, n)));

/** r[k] = Σ x[m]·y[m+k] for k in [−(x.length−1), y.length−1], as { at(k) }. */
export function crossCorrelate(x: Float64Array, y: Float64Array): (k: number) => number {
  const n = nextPow2(x.length + y.length);
  const fft = new FFT(n);
  const spectrum = (v: Float64Array) => {
    const padded = new Float64Array(n);
    padded.set(v);
    const out = new Float64Array(2 * n);
    fft.realTransform(out, padded);
    fft.completeSpectrum(out);
    return out;
  };
  const X = spectrum(x);
  const Y = spectrum(y);
  // conj(X)·Y, in place in Y
  for (let i = 0; i < 2 * n; i += 2) {
    const [a, b, c, d] = [X[i]!, X[i + 1]!, Y[i]!, Y[i + 1]!];
    Y[i] = a * c + b * d;
    Y[i + 1] = a * d - b * c;
  }
  const r = new Float64Array(2 * n);
  fft.inverseTransform(r, Y);
  return (k) => r[2 * (k < 0 ? n + k : k)]!;
}

/** Sub-frame position of a peak at k from its neighbours (parabolic interpolation), in (−0.5, 0.5). */
export function parabolicShift(left: number, mid: number, right: number): number {
  const den = left - 2 * mid + right;
  if (den >= 0) return 0; // not a maximum
  return Math.max(-0.5, Math.min(0.5, (0.5 * (left - right)) / den));
}

/**
 * The offset of `angle` against `primary` (both envelopes at opts.rateHz), or null when either
 * has no sound in the part compared. The caller compares `confidence` with MIN_CONFIDENCE.
 */
export function estimateOffset(primary: ArrayLike<number>, angle: ArrayLike<number>, opts: OffsetOptions): OffsetEstimate | null {
  const ws = Math.max(0, Math.min(primary.length, opts.windowFrames?.start ?? 0));
  const we = Math.max(ws, Math.min(primary.length, opts.windowFrames?.end ?? primary.length));
  const x = onsetCurve(Array.prototype.slice.call(primary, ws, we) as number[]);
  const y = onsetCurve(angle);
  if (!x || !y) return null;
  const r = crossCorrelate(x, y);
  const norm = Math.sqrt(x.length * y.length); // Σx² = length after standardising
  // lag = k − ws; k runs over [−(x.length−1), y.length−1], narrowed by maxLag
  const max = opts.maxLagFrames ?? Infinity;
  const kLo = Math.max(-(x.length - 1), -max + ws);
  const kHi = Math.min(y.length - 1, max + ws);
  if (kLo > kHi) return null;
  const at = (k: number) => (k < kLo || k > kHi ? -Infinity : r(k) / norm);
  let best = kLo;
  for (let k = kLo; k <= kHi; k++) if (at(k) > at(best)) best = k;
  // a narrow search (maxLag) keeps a quarter of its range as the guard, so a next-best peak exists
  const guard = Math.min(Math.round(GUARD_S * opts.rateHz), Math.floor((kHi - kLo) / 4));
  let second = -Infinity;
  for (let k = kLo; k <= kHi; k++) {
    const v = at(k);
    if (Math.abs(k - best) > guard && v > second && v >= at(k - 1) && v >= at(k + 1)) second = v;
  }
  const peak = at(best);
  const shift = best > kLo && best < kHi ? parabolicShift(at(best - 1), peak, at(best + 1)) : 0;
  const frameMs = 1000 / opts.rateHz;
  const secondPeak = Number.isFinite(second) ? second : 0;
  return {
    offsetMs: (best + shift - ws) * frameMs,
    peak,
    secondPeak,
    // a best match on the edge of the range searched is where the curve is still rising: the true peak lies outside
    confidence: best === kLo || best === kHi ? 0 : confidenceOf(peak, secondPeak),
    curve: sampleCurve(at, kLo, kHi, ws, frameMs),
  };
}

export function confidenceOf(peak: number, second: number): number {
  if (!(peak > 0)) return 0;
  return Math.max(0, Math.min(1, 1 - Math.max(0, second) / peak));
}

/** At most CURVE_POINTS points over [kLo, kHi]: each the value of largest magnitude in its bucket (so the peak stays visible). */
function sampleCurve(at: (k: number) => number, kLo: number, kHi: number, ws: number, frameMs: number): Curve {
  const step = Math.max(1, Math.ceil((kHi - kLo + 1) / CURVE_POINTS));
  const values: number[] = [];
  for (let k0 = kLo; k0 <= kHi; k0 += step) {
    let pick = 0;
    for (let k = k0; k < Math.min(k0 + step, kHi + 1); k++) if (Math.abs(at(k)) > Math.abs(pick)) pick = at(k);
    values.push(Math.round(pick * 1e4) / 1e4);
  }
  return { fromMs: (kLo - ws) * frameMs, stepMs: step * frameMs, values };
}
