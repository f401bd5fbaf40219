/**
 * What a reconcile decision writes to the consensus layer: the time ranges of the consensus
 * segments for one queue item (one code), from the coders' segments in it.
 * - accept X: X's segments, overlapping/touching ones merged into one range;
 * - union: every coder's segments merged (the time any coder applied the code);
 * - intersection: the time every coder who applied the code shares (an error when none);
 * - adjust: the range the user dragged to;
 * - drop: nothing (the code is not in the consensus here);
 * - bulk-agree (agreed ranges): the intersection, or the union when the coders share no time.
 * Point events (start = end, marker codes) never become ranges: their actions are keep one time
 * (accept X: X's points; or adjust to one chosen time, start = end), keep both (union: each
 * distinct point) and drop; intersection is refused (points share no time); bulk-agree (all
 * coders matched) puts one point at the (rounded) mean time.
 */
import type { DecisionAction, QueueSegment } from './types';

export interface Range {
  startMs: number;
  endMs: number;
}

export class ReconcileInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

/** Overlapping or touching intervals merged; point events kept (distinct) when `points`. */
export function mergeRanges(ranges: readonly Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs);
  const out: Range[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    const isPoint = r.startMs === r.endMs;
    if (last && !isPoint && last.endMs > last.startMs && r.startMs <= last.endMs) last.endMs = Math.max(last.endMs, r.endMs);
    else if (last && isPoint && last.startMs === r.startMs && last.endMs === r.endMs) continue;
    else out.push({ startMs: r.startMs, endMs: r.endMs });
  }
  return out;
}

function intersectTwo(a: readonly Range[], b: readonly Range[]): Range[] {
  const out: Range[] = [];
  for (const x of a) for (const y of b) {
    const s = Math.max(x.startMs, y.startMs);
    const e = Math.min(x.endMs, y.endMs);
    if (e > s) out.push({ startMs: s, endMs: e });
  }
  return mergeRanges(out);
}

/** Time shared by every coder in `coders` (each coder's segments merged first). */
export function intersectCoders(segments: readonly QueueSegment[], coders: readonly string[]): Range[] {
  let acc: Range[] | null = null;
  for (const c of coders) {
    const mine = mergeRanges(segments.filter((s) => s.coderId === c));
    acc = acc === null ? mine : intersectTwo(acc, mine);
  }
  return acc ?? [];
}

export interface ConsensusInput {
  action: DecisionAction;
  segments: readonly QueueSegment[];
  codersApplied: readonly string[];
  pointEvent: boolean;
  chosenCoderId?: string | null;
  startMs?: number;
  endMs?: number;
}

const meanPoint = (segments: readonly QueueSegment[]): Range[] => {
  if (segments.length === 0) return [];
  const t = Math.round(segments.reduce((s, x) => s + x.startMs, 0) / segments.length);
  return [{ startMs: t, endMs: t }];
};

export function consensusRanges(input: ConsensusInput): Range[] {
  const { action, segments, pointEvent } = input;
  switch (action) {
    case 'drop':
      return [];
    case 'accept': {
      const c = input.chosenCoderId;
      if (!c) throw new ReconcileInputError('Accepting a reading needs the coder whose reading is accepted');
      const mine = segments.filter((s) => s.coderId === c);
      if (mine.length === 0) throw new ReconcileInputError('That coder did not apply this code here; accept another coder or drop it');
      return mergeRanges(mine);
    }
    case 'union':
      return mergeRanges(segments);
    case 'intersection': {
      if (pointEvent) throw new ReconcileInputError('Point events share no time: keep one coder\'s time, keep both or drop');
      const r = intersectCoders(segments, input.codersApplied);
      if (r.length === 0) throw new ReconcileInputError('The coders who applied this code share no time here; choose union, one reading or adjusted boundaries');
      return r;
    }
    case 'adjust': {
      const { startMs, endMs } = input;
      if (startMs === undefined || endMs === undefined) throw new ReconcileInputError('Adjusted boundaries need a start and an end');
      if (!Number.isInteger(startMs) || !Number.isInteger(endMs) || startMs < 0 || endMs < startMs) {
        throw new ReconcileInputError(`Adjusted range ${startMs}–${endMs} ms is not a valid range`);
      }
      if (pointEvent && startMs !== endMs) throw new ReconcileInputError('A point event stays a point: choose one time (start = end), keep both or drop');
      return [{ startMs, endMs }];
    }
    case 'bulk-agree': {
      if (pointEvent) return meanPoint(segments);
      const r = intersectCoders(segments, input.codersApplied);
      return r.length ? r : mergeRanges(segments);
    }
  }
}
