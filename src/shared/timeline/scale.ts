/**
 * Timeline maths: the visible window of a recording (a linear time ↔ pixel map), zoom about a
 * point, pan, and their limits (the whole recording at most, a few frames at least). Pure.
 */

export interface View {
  /** Left edge of the canvas, in ms (may be fractional). */
  startMs: number;
  /** Right edge, in ms. */
  endMs: number;
  /** Canvas width in CSS pixels. */
  widthPx: number;
}

export const msToPx = (ms: number, v: View): number => ((ms - v.startMs) * v.widthPx) / (v.endMs - v.startMs);
export const pxToMs = (px: number, v: View): number => v.startMs + (px * (v.endMs - v.startMs)) / v.widthPx;
/** Milliseconds per pixel. */
export const msPerPx = (v: View): number => (v.endMs - v.startMs) / v.widthPx;

/** The narrowest window: `minFrames` frames across the whole width (single frames are then wide). */
export function minSpanMs(frameMs: number, minFrames = 8): number {
  return frameMs * minFrames;
}

/** Keeps a window inside [0, duration] and between the minimum span and the whole recording. */
export function clampView(v: View, durationMs: number, minSpan: number): View {
  const full = Math.max(durationMs, minSpan);
  let span = Math.min(Math.max(v.endMs - v.startMs, minSpan), full);
  let start = v.startMs;
  if (!Number.isFinite(span) || span <= 0) span = full;
  start = Math.min(Math.max(start, 0), full - span);
  return { startMs: start, endMs: start + span, widthPx: v.widthPx };
}

/** Zooms by `factor` (> 1 zooms in) keeping the time under `anchorPx` where it is. */
export function zoomAt(v: View, factor: number, anchorPx: number, durationMs: number, minSpan: number): View {
  const anchorMs = pxToMs(anchorPx, v);
  const span = (v.endMs - v.startMs) / factor;
  const clampedSpan = Math.min(Math.max(span, minSpan), Math.max(durationMs, minSpan));
  const start = anchorMs - (anchorPx / v.widthPx) * clampedSpan;
  return clampView({ startMs: start, endMs: start + clampedSpan, widthPx: v.widthPx }, durationMs, minSpan);
}

/** Pans by a pixel distance (positive = content moves left = later times come into view). */
export function panBy(v: View, deltaPx: number, durationMs: number, minSpan: number): View {
  const d = deltaPx * msPerPx(v);
  return clampView({ startMs: v.startMs + d, endMs: v.endMs + d, widthPx: v.widthPx }, durationMs, minSpan);
}

/** One wheel notch: 100 px (deltaMode 0) or 3 lines (deltaMode 1) in Chromium and Firefox. */
const NOTCH_PX = 100;
/** Share of the visible range one notch pans. */
const NOTCH_SHARE = 0.1;

/**
 * A horizontal (or Shift+) wheel delta as a pan distance in screen pixels: a tenth of the visible
 * width per notch, so a notch moves a tenth of what is in view at every zoom (use with panBy).
 */
export function wheelPanPx(delta: number, deltaMode: number, widthPx: number): number {
  const px = deltaMode === 1 ? (delta * NOTCH_PX) / 3 : deltaMode === 2 ? delta * NOTCH_PX * 10 : delta;
  return (px / NOTCH_PX) * NOTCH_SHARE * widthPx;
}

/**
 * A jump (a seek that is not playback) to `ms`: the view itself when `ms` is in it, else the same
 * span centred on `ms` (so a link to a segment hours away shows it on the timeline).
 */
export function reveal(v: View, ms: number, durationMs: number, minSpan: number): View {
  if (ms >= v.startMs && ms <= v.endMs) return v;
  const span = v.endMs - v.startMs;
  return clampView({ startMs: ms - span / 2, endMs: ms + span / 2, widthPx: v.widthPx }, durationMs, minSpan);
}

/** Scrolls the window (keeping its zoom) so `ms` is visible, with a margin; used to follow the playhead. */
export function follow(v: View, ms: number, durationMs: number, minSpan: number, marginFraction = 0.1): View {
  const span = v.endMs - v.startMs;
  const margin = span * marginFraction;
  if (ms >= v.startMs + margin && ms <= v.endMs - margin) return v;
  // page so the playhead sits at the margin (like ELAN's page scrolling)
  const start = ms > v.endMs - margin ? ms - margin : ms - (span - margin);
  return clampView({ startMs: start, endMs: start + span, widthPx: v.widthPx }, durationMs, minSpan);
}
