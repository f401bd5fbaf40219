/**
 * Which time window of a media's segments the renderer holds (the web API pages segments by
 * window, SEGMENT_WINDOW_MAX_MS at most). Wanted is the timeline's view when it is narrow enough
 * to load with a margin, else a minute either side of the playhead; a new window is asked for
 * only when the held one does not cover what is wanted, and it is wider than wanted (three times,
 * ten minutes at least) so scrolling and playback refetch seldom. Pure.
 */
export interface Span {
  fromMs: number;
  toMs: number;
}

export const WINDOW_MIN_MS = 10 * 60_000;
const AROUND_PLAYHEAD_MS = 60_000;

export function wantedSpan(playheadMs: number, view: Span | null, maxMs: number): Span {
  if (view && view.toMs - view.fromMs <= maxMs / 3) return view;
  return { fromMs: Math.max(0, playheadMs - AROUND_PLAYHEAD_MS), toMs: playheadMs + AROUND_PLAYHEAD_MS };
}

/** The window to fetch for `wanted`, or null when `held` already covers it. */
export function nextWindow(held: Span | null, wanted: Span, maxMs: number): Span | null {
  if (held && held.fromMs <= wanted.fromMs && held.toMs >= wanted.toMs) return null;
  const span = Math.min(maxMs, Math.max(WINDOW_MIN_MS, 3 * (wanted.toMs - wanted.fromMs)));
  const fromMs = Math.max(0, Math.round((wanted.fromMs + wanted.toMs) / 2 - span / 2));
  return { fromMs, toMs: fromMs + span };
}

/** Whether a segment (or mark) [startMs, endMs] overlaps the window: the server's own test. */
export const inSpan = (w: Span, startMs: number, endMs: number): boolean => startMs <= w.toMs && endMs >= w.fromMs;
