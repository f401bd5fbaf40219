/**
 * Snapping a dragged time: to another segment's edge when one is within the threshold (closest
 * wins), otherwise to the nearest frame boundary. Results are whole milliseconds. Pure.
 */

export interface SnapOptions {
  /** Duration of one frame in ms (1000 / fps). */
  frameMs: number;
  /** Other segments' edges, sorted ascending (see sortedEdges). */
  edges: readonly number[];
  /** Snap to an edge within this distance in ms (e.g. 6 px worth at the current zoom). */
  thresholdMs: number;
  durationMs?: number;
}

export interface Snapped {
  ms: number;
  /** What it snapped to. */
  to: 'edge' | 'frame';
}

/** Nearest frame boundary, in whole ms (frame n starts at round(n × frameMs)). */
export function snapToFrame(ms: number, frameMs: number): number {
  return Math.round(Math.round(ms / frameMs) * frameMs);
}

/** Index of the first element ≥ x in a sorted array. */
export function lowerBound(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function snapTime(ms: number, o: SnapOptions): Snapped {
  const i = lowerBound(o.edges, ms);
  let best: number | null = null;
  for (const j of [i - 1, i]) {
    const e = o.edges[j];
    if (e === undefined) continue;
    const d = Math.abs(e - ms);
    if (d <= o.thresholdMs && (best === null || d < Math.abs(best - ms))) best = e;
  }
  const out = best !== null ? { ms: best, to: 'edge' as const } : { ms: snapToFrame(ms, o.frameMs), to: 'frame' as const };
  out.ms = Math.max(0, o.durationMs !== undefined ? Math.min(out.ms, o.durationMs) : out.ms);
  return out;
}

/** Starts and ends of the given segments except `excludeId`, sorted and de-duplicated. */
export function sortedEdges(segments: readonly { id: string; startMs: number; endMs: number }[], excludeId?: string | null): number[] {
  const out: number[] = [];
  for (const s of segments) {
    if (s.id === excludeId) continue;
    out.push(s.startMs, s.endMs);
  }
  out.sort((a, b) => a - b);
  return out.filter((x, i) => i === 0 || x !== out[i - 1]);
}

/**
 * New times of a segment whose edge is dragged to `ms`: the dragged edge snaps; if it crosses the
 * other edge the two swap (dragging a start past the end makes it the end).
 */
export function dragEdge(seg: { startMs: number; endMs: number }, edge: 'start' | 'end', ms: number, o: SnapOptions): { startMs: number; endMs: number } {
  const t = snapTime(ms, o).ms;
  const other = edge === 'start' ? seg.endMs : seg.startMs;
  return { startMs: Math.min(t, other), endMs: Math.max(t, other) };
}
