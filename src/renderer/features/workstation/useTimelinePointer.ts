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
  const pxPerMs = () => {
    const v = opts.view();
    return v.widthPx / (v.endMs - v.startMs);
  };
  const snapOpts = (excludeId: string | null) => {
    const s = useApp.getState();
    return { frameMs: s.frameMs(), edges: sortedEdges(s.segments, excludeId), thresholdMs: SNAP_PX / pxPerMs(), durationMs: s.durationMs || undefined };
  };

  const onPointerDown = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    if (e.button !== 0) return;
    const x = e.nativeEvent.offsetX;
    const y = e.nativeEvent.offsetY;
    const m = opts.model();
    const row = rowAt(m.lanes.rows, y);
    if (row < 0) return;
    const r = m.lanes.rows[row]!;
    if (x < GUTTER) {
      if (r.kind === 'system') opts.toggleCollapse(row);
      return;
    }
    e.currentTarget.setPointerCapture(e.pointerId);
    const ms = msAt(x);
    const track = m.tracks[row];
    const hit = track && r.kind !== 'contradictions' ? itemAt(track, ms, 4 / pxPerMs()) : null;
    const s = useApp.getState();
    if (hit && hit.endMs > hit.startMs && m.segmentsById.get(hit.id)?.coderId === s.coderId) {
      const k = pxPerMs();
      const ds = Math.abs(x - (GUTTER + (hit.startMs - opts.view().startMs) * k));
      const de = Math.abs(x - (GUTTER + (hit.endMs - opts.view().startMs) * k));
      if (Math.min(ds, de) <= EDGE_PX) {
        drag.current = { kind: 'edge', id: hit.id, edge: ds <= de ? 'start' : 'end', row, x0: x, moved: false };
        return;
      }
    }
    drag.current = { kind: 'range', row, x0: x, startMs: ms, moved: false, hitId: hit?.id ?? null, additive: e.shiftKey || e.ctrlKey || e.metaKey };
  };

  const onPointerMove = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    const x = e.nativeEvent.offsetX;
    const d = drag.current;
    const canvas = e.currentTarget;
    if (!d) {
      canvas.style.cursor = edgeUnder(x, e.nativeEvent.offsetY) ? 'ew-resize' : 'default';
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

  const edgeUnder = (x: number, y: number): boolean => {
    const m = opts.model();
    const row = rowAt(m.lanes.rows, y);
    const track = row >= 0 ? m.tracks[row] : undefined;
    if (!track || x < GUTTER) return false;
    const hit = itemAt(track, msAt(x), EDGE_PX / pxPerMs());
    if (!hit || hit.endMs === hit.startMs || m.segmentsById.get(hit.id)?.coderId !== useApp.getState().coderId) return false;
    const k = pxPerMs();
    const v = opts.view();
    return Math.min(Math.abs(x - (GUTTER + (hit.startMs - v.startMs) * k)), Math.abs(x - (GUTTER + (hit.endMs - v.startMs) * k))) <= EDGE_PX;
  };

  const onPointerUp = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    const d = drag.current;
    drag.current = null;
    if (!d) return;
    const s = useApp.getState();
    const p = opts.preview.current;
    const clear = () => {
      opts.preview.current = null;
      opts.redraw();
    };
    if (!d.moved) {
      // a click: seek, and select what is under the pointer
      clear();
      s.seek(Math.round(msAt(e.nativeEvent.offsetX)));
      const id = d.kind === 'edge' ? d.id : d.hitId;
      const isSegment = id !== null && opts.model().segmentsById.has(id) && opts.model().lanes.rows[d.row]!.kind !== 'contradictions';
      if (d.kind === 'range' && d.additive) {
        if (isSegment) s.toggleSelected(id!);
      } else s.setSelection(isSegment ? [id!] : []);
      return;
    }
    if (!p) return clear();
    if (d.kind === 'edge') {
      const seg = opts.model().segmentsById.get(d.id)!;
      if (p.startMs === seg.startMs && p.endMs === seg.endMs) return clear();
      void s.setSegmentTimes(d.id, p.startMs, p.endMs).catch(() => undefined).finally(clear);
      return;
    }
    const r = opts.model().lanes.rows[d.row]!;
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
  };

  return { onPointerDown, onPointerMove, onPointerUp };
}
