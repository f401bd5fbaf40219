/**
 * The timeline's zoom and pan: a d3 zoom whose transform maps the whole recording (k = 1) onto
 * the time area (Ctrl/Cmd+wheel, or drag the axis), horizontal wheel panning, paging along with
 * the playhead during playback, and revealing a position jumped to outside the view.
 */
import * as d3 from 'd3';
import { useCallback, useEffect, type MutableRefObject, type RefObject } from 'react';
import { follow, minSpanMs, panBy, reveal, wheelPanPx, type View } from '../../../shared/timeline/scale';
import { useApp } from '../../store';
import { GUTTER } from './timelineModel';

type Zoom = d3.ZoomBehavior<HTMLDivElement, unknown>;

/** The visible window a zoom transform shows, for a recording of `duration` over `W` pixels. */
export function viewOfTransform(t: d3.ZoomTransform, duration: number, W: number): View {
  const s = ((GUTTER - t.x) / t.k - GUTTER) * (duration / W);
  const e = ((GUTTER + W - t.x) / t.k - GUTTER) * (duration / W);
  return { startMs: s, endMs: e, widthPx: W };
}

/** The zoom transform that shows window `v` (inverse of viewOfTransform). */
export function transformOfView(v: View, duration: number, W: number): d3.ZoomTransform {
  const k = duration / (v.endMs - v.startMs);
  return d3.zoomIdentity.translate(GUTTER - k * (GUTTER + (v.startMs / duration) * W), 0).scale(k);
}

interface ZoomOptions {
  root: RefObject<HTMLDivElement | null>;
  zoom: MutableRefObject<Zoom | null>;
  viewRef: MutableRefObject<View>;
  lastDuration: MutableRefObject<number>;
  duration: number;
  W: number;
  frameMs: number;
  redraw: () => void;
}

/** Installs the zoom on `root`; returns setView, which moves the window through the zoom (so d3 stays in step). */
export function useTimelineZoom(o: ZoomOptions): (v: View) => void {
  const { root, zoom, viewRef, lastDuration, duration, W, frameMs, redraw } = o;
  const toTransform = useCallback((v: View) => transformOfView(v, duration, W), [duration, W]);
  const setView = useCallback((v: View) => {
    if (root.current && zoom.current) d3.select(root.current).call(zoom.current.transform, toTransform(v));
  }, [root, zoom, toTransform]);

  useEffect(() => {
    const el = root.current;
    if (!el) return;
    const minSpan = minSpanMs(frameMs);
    const z = makeZoom(duration, W, minSpan, (t) => {
      viewRef.current = viewOfTransform(t, duration, W);
      void useApp.getState().followWindow({ fromMs: Math.floor(viewRef.current.startMs), toMs: Math.ceil(viewRef.current.endMs) });
      redraw();
    });
    zoom.current = z;
    const sel = d3.select(el).call(z).on('dblclick.zoom', null);
    // keep the current window across resizes and duration changes
    const v = viewRef.current;
    const wasWhole = v.startMs <= 0 && v.endMs >= lastDuration.current - 1;
    lastDuration.current = duration;
    const keep = !wasWhole && v.endMs > v.startMs && v.endMs <= duration + 1 ? v : { startMs: 0, endMs: duration, widthPx: W };
    sel.call(z.transform, toTransform({ ...keep, widthPx: W }));
    // horizontal wheel (trackpads, Shift+wheel) pans a tenth of the visible range per notch
    const onWheel = (ev: WheelEvent) => {
      if (ev.ctrlKey || ev.metaKey) return;
      const dx = ev.deltaX || (ev.shiftKey ? ev.deltaY : 0);
      if (!dx) return;
      ev.preventDefault();
      const cur = viewRef.current;
      sel.call(z.transform, toTransform(panBy(cur, wheelPanPx(dx, ev.deltaMode, cur.widthPx), duration, minSpan)));
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => {
      el.removeEventListener('wheel', onWheel);
      sel.on('.zoom', null);
    };
  }, [root, zoom, viewRef, lastDuration, duration, W, frameMs, toTransform, redraw]);

  return setView;
}

/** Ctrl/Cmd+wheel anywhere, or a drag on the axis, zooms and pans between the whole recording and `minSpan`. */
function makeZoom(duration: number, W: number, minSpan: number, onZoom: (t: d3.ZoomTransform) => void): Zoom {
  return d3.zoom<HTMLDivElement, unknown>()
    .scaleExtent([1, Math.max(1, duration / minSpan)])
    .extent([[GUTTER, 0], [GUTTER + W, 1]])
    .translateExtent([[GUTTER, 0], [GUTTER + W, 1]])
    .filter((ev: Event) => (ev.type === 'wheel' ? (ev as WheelEvent).ctrlKey || (ev as WheelEvent).metaKey : !!(ev.target as Element).closest?.('.tl-axis')) && !(ev as MouseEvent).button)
    .wheelDelta((ev: WheelEvent) => -ev.deltaY * (ev.deltaMode === 1 ? 0.05 : ev.deltaMode ? 1 : 0.002))
    .on('zoom', (ev: d3.D3ZoomEvent<HTMLDivElement, unknown>) => onZoom(ev.transform));
}

/** Redraws on the store changes the canvas shows; pages the window along with the playhead while playing, and brings it to a jump outside it. */
export function useRedrawOnPlayback(redraw: () => void, setView: (v: View) => void, viewRef: MutableRefObject<View>, duration: number, frameMs: number): void {
  useEffect(() => {
    redraw();
    return useApp.subscribe((s, prev) => {
      if (s.currentMs !== prev.currentMs) {
        // playback pages along; a jump outside the view (a link, the seek bar) brings the view there
        const v = viewRef.current;
        const next = (s.playing ? follow : reveal)(v, s.currentMs, duration, minSpanMs(frameMs));
        if (next !== v) return setView(next);
      }
      if (s.currentMs !== prev.currentMs || s.inMs !== prev.inMs || s.outMs !== prev.outMs || s.selectedIds !== prev.selectedIds || s.loop !== prev.loop) redraw();
    });
  }, [redraw, setView, viewRef, duration, frameMs]);
}
