/**
 * What the timeline draws on each track: items sorted by start with the longest duration per
 * track, so the visible ones are found by binary search (50,000 segments stay cheap). Pure.
 */
import { lowerBound } from './snap';

export interface Item {
  /** Segment id (or contradiction id on the contradictions track). */
  id: string;
  startMs: number;
  endMs: number;
  color: string;
  label: string;
  /** Small chips drawn at the bar's end (the participants the segment is about). */
  chips?: { text: string; color: string }[];
}

export interface TrackItems {
  items: Item[];
  starts: number[];
  maxDurMs: number;
}

export function trackItems(items: Item[]): TrackItems {
  items.sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs);
  let maxDurMs = 0;
  for (const it of items) maxDurMs = Math.max(maxDurMs, it.endMs - it.startMs);
  return { items, starts: items.map((i) => i.startMs), maxDurMs };
}

/** Index range [from, to) of the items that may overlap [startMs, endMs]. */
export function visibleRange(t: TrackItems, startMs: number, endMs: number): [number, number] {
  return [lowerBound(t.starts, startMs - t.maxDurMs), lowerBound(t.starts, endMs + 1e-9)];
}

/** The item under a time on a track (point items within `tolMs`), the shortest when several overlap. */
export function itemAt(t: TrackItems, ms: number, tolMs: number): Item | null {
  const [from, to] = visibleRange(t, ms - tolMs, ms + tolMs);
  let best: Item | null = null;
  for (let i = from; i < to; i++) {
    const it = t.items[i]!;
    if (ms >= it.startMs - tolMs && ms <= it.endMs + tolMs && (!best || it.endMs - it.startMs < best.endMs - best.startMs)) best = it;
  }
  return best;
}
