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

/** Envelopes longer than this (frames) are searched at a lower rate first, then refined. */
export const COARSE_ABOVE = 12_000;
/** The coarse search works on about this many frames (an hour at 100 Hz: 1/4 of the rate; five hours: 1/20). */
export const COARSE_FRAMES = 90_000;

/** The decimation factor for envelopes of `frames` frames: 1 below COARSE_ABOVE, else at least 2. */
export function coarseFactor(frames: number): number {
  return frames > COARSE_ABOVE ? Math.max(2, Math.ceil(frames / COARSE_FRAMES)) : 1;
}

/** RMS of each run of `factor` frames (an envelope at 1/factor of the rate). */
export function decimate(env: ArrayLike<number>, factor: number): Float64Array {
  const out = new Float64Array(Math.floor(env.length / factor));
  for (let i = 0; i < out.length; i++) {
    let s = 0;
    for (let j = 0; j < factor; j++) s += env[i * factor + j]! ** 2;
    out[i] = Math.sqrt(s / factor);
  }
  return out;
}

/** Frames [start, end) without copying a typed array (Array.prototype.slice of 1.8 M floats took 0.5 s). */
function part(a: ArrayLike<number>, start: number, end: number): ArrayLike<number> {
  if (a instanceof Float32Array || a instanceof Float64Array) return a.subarray(start, end);
  return Array.prototype.slice.call(a, start, end) as number[];
}

interface Search { x: Float64Array; y: Float64Array; ws: number; kLo: number; kHi: number; norm: number }

/** The onset curves of the window of `primary` and of `angle`, and the lags k = lag + ws searched. */
function prepare(primary: ArrayLike<number>, angle: ArrayLike<number>, win: { start: number; end: number } | undefined, maxLag: number): Search | null {
  const ws = Math.max(0, Math.min(primary.length, win?.start ?? 0));
  const we = Math.max(ws, Math.min(primary.length, win?.end ?? primary.length));
  const x = onsetCurve(part(primary, ws, we));
  const y = onsetCurve(angle);
  if (!x || !y) return null;
  const kLo = Math.max(-(x.length - 1), -maxLag + ws);
  const kHi = Math.min(y.length - 1, maxLag + ws);
  // Σx² = length after standardising, so r / norm is the normalised correlation
  return kLo > kHi ? null : { x, y, ws, kLo, kHi, norm: Math.sqrt(x.length * y.length) };
}

/** Σ x[m]·y[m+k] over the overlap, directly (for a few lags). */
function directAt(x: Float64Array, y: Float64Array, k: number): number {
  let s = 0;
  for (let m = Math.max(0, -k); m < x.length && m + k < y.length; m++) s += x[m]! * y[m + k]!;
  return s;
}

/**
 * The offset of `angle` against `primary` (both envelopes at opts.rateHz), or null when either
 * has no sound in the part compared. The caller compares `confidence` with MIN_CONFIDENCE.
 * Long envelopes (over COARSE_ABOVE frames) are cross-correlated at 1/coarseFactor of the rate
 * (about COARSE_FRAMES frames: an FFT of 2^18 points whatever the length); the best coarse lag is
 * then refined at the full rate by direct sums over ±(factor + 1) frames around it.
 */
export function estimateOffset(primary: ArrayLike<number>, angle: ArrayLike<number>, opts: OffsetOptions): OffsetEstimate | null {
  const f = coarseFactor(Math.min(primary.length, angle.length));
  const long = f > 1;
  const win = opts.windowFrames && { start: Math.floor(opts.windowFrames.start / f), end: Math.ceil(opts.windowFrames.end / f) };
  const maxLag = Math.ceil((opts.maxLagFrames ?? Infinity) / f);
  const coarse = prepare(long ? decimate(primary, f) : primary, long ? decimate(angle, f) : angle, win, maxLag);
  if (!coarse) return null;
  const { kLo, kHi, ws, norm } = coarse;
  const r = crossCorrelate(coarse.x, coarse.y);
  const values = new Float64Array(kHi - kLo + 1);
  for (let k = kLo; k <= kHi; k++) values[k - kLo] = r(k) / norm;
  const peaks = peaksOf(values, Math.min(Math.round((GUARD_S * opts.rateHz) / f), Math.floor((kHi - kLo) / 4)));
  const frameMs = (1000 * f) / opts.rateHz;
  const best = peaks.best + kLo;
  // a best match on the edge of the range searched is where the curve is still rising: the true peak lies outside
  const edge = best === kLo || best === kHi;
  const lag = long ? refine(primary, angle, opts, (best - ws) * f, f) : best - ws + (edge ? 0 : parabolicShift(values[best - kLo - 1]!, values[best - kLo]!, values[best - kLo + 1]!));
  return {
    offsetMs: (lag * 1000) / opts.rateHz,
    peak: peaks.peak,
    secondPeak: peaks.second,
    confidence: edge ? 0 : confidenceOf(peaks.peak, peaks.second),
    curve: sampleCurve(values, (kLo - ws) * frameMs, frameMs),
  };
}

/** The best value's index, and the largest local peak more than `guard` away from it (0 when none). */
function peaksOf(values: Float64Array, guard: number): { best: number; peak: number; second: number } {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  let second = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Math.abs(i - best) > guard && v > second && (i === 0 || v >= values[i - 1]!) && (i === values.length - 1 || v >= values[i + 1]!)) second = v;
  }
  return { best, peak: values[best]!, second: Number.isFinite(second) ? second : 0 };
}

/** Frames of the primary the refinement compares (10 minutes at 100 Hz: plenty of onsets to place a peak). */
export const REFINE_FRAMES = 60_000;

/**
 * The full-rate lag (fractional frames) nearest `around`: direct correlation over ±(f + 1) lags
 * of at most REFINE_FRAMES frames of the primary's window where it overlaps the angle, and a parabola.
 */
function refine(primary: ArrayLike<number>, angle: ArrayLike<number>, opts: OffsetOptions, around: number, f: number): number {
  const ws = Math.max(0, opts.windowFrames?.start ?? 0);
  const we = Math.min(primary.length, opts.windowFrames?.end ?? primary.length);
  const lo = Math.max(ws, -around);
  const hi = Math.min(we, angle.length - around);
  const s = Math.max(lo, Math.floor((lo + hi - REFINE_FRAMES) / 2));
  const e = Math.min(hi, s + REFINE_FRAMES);
  const ys = Math.max(0, s + around - f - 1);
  const x = onsetCurve(part(primary, s, e));
  const y = onsetCurve(part(angle, ys, Math.min(angle.length, e + around + f + 1)));
  if (!x || !y) return around;
  const max = opts.maxLagFrames ?? Infinity;
  const lags: number[] = [];
  for (let l = Math.max(-max, around - f - 1); l <= Math.min(max, around + f + 1); l++) lags.push(l);
  const c = lags.map((l) => directAt(x, y, s + l - ys));
  let b = 0;
  for (let i = 1; i < c.length; i++) if (c[i]! > c[b]!) b = i;
  const shift = b > 0 && b < c.length - 1 ? parabolicShift(c[b - 1]!, c[b]!, c[b + 1]!) : 0;
  return lags[b]! + shift;
}

export function confidenceOf(peak: number, second: number): number {
  if (!(peak > 0)) return 0;
  return Math.max(0, Math.min(1, 1 - Math.max(0, second) / peak));
}

/** At most CURVE_POINTS points of the curve: each the value of largest magnitude in its bucket (so the peak stays visible). */
function sampleCurve(values: Float64Array, fromMs: number, frameMs: number): Curve {
  const step = Math.max(1, Math.ceil(values.length / CURVE_POINTS));
  const out: number[] = [];
  for (let i0 = 0; i0 < values.length; i0 += step) {
    let pick = 0;
    for (let i = i0; i < Math.min(i0 + step, values.length); i++) if (Math.abs(values[i]!) > Math.abs(pick)) pick = values[i]!;
    out.push(Math.round(pick * 1e4) / 1e4);
  }
  return { fromMs, stepMs: step * frameMs, values: out };
}
