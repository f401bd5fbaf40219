/**
 * Pointer interaction on the timeline canvas:
 * - click: seek there (and select the segment under the pointer; Shift/Ctrl/Cmd adds to the selection);
 * - drag a segment's edge (your own segments): change its start or end, snapping to frames and to
 *   other segments' edges;
 * - drag on an element track of your own: create a segment coded with that element; on any other
 *   track the dragged range becomes the in/out marks (press a code's hotkey to code it);
 * - click a system's label: collapse or expand it.
 */
import { useRef, type PointerEvent as ReactPointerEvent } from 'react';
import { itemAt } from '../../../shared/timeline/items';
import { rowAt } from '../../../shared/timeline/lanes';
import type { View } from '../../../shared/timeline/scale';
import { dragEdge, snapTime, sortedEdges } from '../../../shared/timeline/snap';
import { useApp } from '../../store';
import { GUTTER, type TimelineModel } from './timelineModel';

export interface Preview {
  row: number;
  startMs: number;
  endMs: number;
}

type Drag =
  | { kind: 'edge'; id: string; edge: 'start' | 'end'; row: number; x0: number; moved: boolean }
  | { kind: 'range'; row: number; x0: number; startMs: number; moved: boolean; hitId: string | null; additive: boolean };

const EDGE_PX = 6;
const SNAP_PX = 6;

type Store = ReturnType<typeof useApp.getState>;

/** Screen x of a time in the view. */
const xOf = (v: View, ms: number) => GUTTER + (ms - v.startMs) * (v.widthPx / (v.endMs - v.startMs));

/**
 * The edge of one of the current coder's segments within EDGE_PX of x on `row` (the item looked
 * up within `hitPx` of the pointer), or null.
 */
function edgeAt(m: TimelineModel, v: View, row: number, x: number, hitPx: number): { id: string; edge: 'start' | 'end' } | null {
  const track = row >= 0 ? m.tracks[row] : undefined;
  if (!track || x < GUTTER || m.lanes.rows[row]?.kind === 'contradictions') return null;
  const pxPerMs = v.widthPx / (v.endMs - v.startMs);
  const hit = itemAt(track, v.startMs + (x - GUTTER) / pxPerMs, hitPx / pxPerMs);
  if (!hit || hit.endMs === hit.startMs || m.segmentsById.get(hit.id)?.coderId !== useApp.getState().coderId) return null;
  const ds = Math.abs(x - xOf(v, hit.startMs));
  const de = Math.abs(x - xOf(v, hit.endMs));
  return Math.min(ds, de) <= EDGE_PX ? { id: hit.id, edge: ds <= de ? 'start' : 'end' } : null;
}

export function useTimelinePointer(opts: {
  model: () => TimelineModel;
  view: () => View;
  preview: { current: Preview | null };
  redraw: () => void;
  toggleCollapse: (rowIndex: number) => void;
}) {
  const drag = useRef<Drag | null>(null);
  const msAt = (x: number) => {
    const v = opts.view();
    return v.startMs + ((x - GUTTER) * (v.endMs - v.startMs)) / v.widthPx;
  };
  const snapOpts = (excludeId: string | null) => {
    const s = useApp.getState();
    const v = opts.view();
    return { frameMs: s.frameMs(), edges: sortedEdges(s.segments, excludeId), thresholdMs: SNAP_PX / (v.widthPx / (v.endMs - v.startMs)), durationMs: s.durationMs || undefined };
  };
  const clear = () => {
    opts.preview.current = null;
    opts.redraw();
  };

  const onPointerDown = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    if (e.button !== 0) return;
    const x = e.nativeEvent.offsetX;
    const m = opts.model();
    const row = rowAt(m.lanes.rows, e.nativeEvent.offsetY);
    if (row < 0) return;
    const r = m.lanes.rows[row]!;
    if (x < GUTTER) {
      if (r.kind === 'system') opts.toggleCollapse(row);
      return;
    }
    e.currentTarget.setPointerCapture(e.pointerId);
    const v = opts.view();
    const edge = edgeAt(m, v, row, x, 4);
    if (edge) return void (drag.current = { kind: 'edge', ...edge, row, x0: x, moved: false });
    const ms = msAt(x);
    const track = m.tracks[row];
    const hit = track && r.kind !== 'contradictions' ? itemAt(track, ms, 4 / (v.widthPx / (v.endMs - v.startMs))) : null;
    drag.current = { kind: 'range', row, x0: x, startMs: ms, moved: false, hitId: hit?.id ?? null, additive: e.shiftKey || e.ctrlKey || e.metaKey };
  };

  const onPointerMove = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    const x = e.nativeEvent.offsetX;
    const d = drag.current;
    if (!d) {
      const edge = edgeAt(opts.model(), opts.view(), rowAt(opts.model().lanes.rows, e.nativeEvent.offsetY), x, EDGE_PX);
      e.currentTarget.style.cursor = edge ? 'ew-resize' : 'default';
      return;
    }
    if (Math.abs(x - d.x0) > 3) d.moved = true;
    if (!d.moved) return;
    const ms = msAt(x);
    if (d.kind === 'edge') {
      const seg = opts.model().segmentsById.get(d.id)!;
      opts.preview.current = { row: d.row, ...dragEdge(seg, d.edge, ms, snapOpts(d.id)) };
    } else {
      const o = snapOpts(null);
      const a = snapTime(d.startMs, o).ms;
      const b = snapTime(ms, o).ms;
      opts.preview.current = { row: d.row, startMs: Math.min(a, b), endMs: Math.max(a, b) };
    }
    opts.redraw();
  };

  const onPointerUp = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    const d = drag.current;
    drag.current = null;
    if (!d) return;
    const s = useApp.getState();
    const p = opts.preview.current;
    if (!d.moved) {
      clear();
      return clickAt(s, opts.model(), d, Math.round(msAt(e.nativeEvent.offsetX)));
    }
    if (!p) return clear();
    if (d.kind === 'edge') return finishEdge(s, opts.model(), d.id, p, clear);
    finishRange(s, opts.model().lanes.rows[d.row]!, p, clear);
  };

  return { onPointerDown, onPointerMove, onPointerUp };
}

/** A click: seek there, and select what is under the pointer (Shift/Ctrl/Cmd: add to the selection). */
function clickAt(s: Store, m: TimelineModel, d: Drag, ms: number): void {
  s.seek(ms);
  const id = d.kind === 'edge' ? d.id : d.hitId;
  const isSegment = id !== null && m.segmentsById.has(id) && m.lanes.rows[d.row]!.kind !== 'contradictions';
  if (d.kind === 'range' && d.additive) {
    if (isSegment) s.toggleSelected(id!);
  } else s.setSelection(isSegment ? [id!] : []);
}

/** An edge dragged: the segment takes the previewed times (one undo step), unless nothing changed. */
function finishEdge(s: Store, m: TimelineModel, id: string, p: Preview, clear: () => void): void {
  const seg = m.segmentsById.get(id)!;
  if (p.startMs === seg.startMs && p.endMs === seg.endMs) return clear();
  void s.setSegmentTimes(id, p.startMs, p.endMs).catch(() => undefined).finally(clear);
}

/** A range dragged: on an element track of the coder at work, a new segment; elsewhere the in/out marks. */
function finishRange(s: Store, r: TimelineModel['lanes']['rows'][number], p: Preview, clear: () => void): void {
  if (p.endMs <= p.startMs) return clear();
  if (r.kind === 'track' && r.codeId && r.coderId && r.coderId === s.coderId) {
    void s.createSegmentAt({ coderId: r.coderId, startMs: p.startMs, endMs: p.endMs, codeIds: [r.codeId] }).catch(() => undefined).finally(clear);
    return;
  }
  // not an element track of the coder at work: the range becomes the marks, to code with a hotkey
  useApp.setState({ inMs: p.startMs, outMs: p.endMs });
  s.showBanner({
    kind: 'info',
    message: r.coderId && r.coderId !== s.coderId
      ? 'That is another coder\'s track: the range is marked (I/O). Press a code\'s hotkey to code it as yourself.'
      : 'Range marked (I/O). Press a code\'s hotkey, or click a code, to code it.',
  });
  clear();
}
