/**
 * The timeline under the video: a d3 time axis with zoom (Ctrl/Cmd+wheel, the buttons, or drag
 * the axis to pan; horizontal wheel pans) from the whole recording down to single frames, and a
 * canvas with one track per coder × CHAT element (systems collapsible) or one per participant,
 * the contradictions track and the playhead, which pages along during playback.
 */
import * as d3 from 'd3';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { minSpanMs, panBy, wheelPanPx, type View } from '../../../shared/timeline/scale';
import { follow, reveal } from '../../../shared/timeline/scale';
import { useApp } from '../../store';
import { useVisible, useVisibleMarks, useVisibleProject } from '../../hooks/useBlindCoding';
import { drawTimeline } from './drawTimeline';
import { buildModel, defaultCollapsed, GUTTER, type TimelineModel } from './timelineModel';
import { TimelineToolbar } from './TimelineToolbar';
import { exposeTimeline, tickFormat } from './timelineHooks';
import { useTimelinePointer, type Preview } from './useTimelinePointer';
import { drawWaveform, WaveformStrip } from '../sync/WaveformStrip';
import { useElementWidth } from '../../hooks/useElementWidth';
import { useParticipantLooks } from '../participants/chips';
import { buildParticipantModel, withChips } from '../participants/laneModel';

export function Timeline() {
  const project = useVisibleProject()!;
  const segments = useVisible(useApp((s) => s.segments));
  const marks = useVisibleMarks(useApp((s) => s.marks));
  const segWindow = useApp((s) => s.segWindow);
  const contradictions = useVisible(useApp((s) => s.contradictions));
  const coderId = useApp((s) => s.coderId);
  const durationMs = useApp((s) => s.durationMs);
  const frameMs = useApp((s) => s.frameMs());
  const [collapsed, setCollapsed] = useState<Set<string> | null>(null);
  const shownCollapsed = useMemo(() => collapsed ?? defaultCollapsed(project, coderId), [collapsed, project, coderId]);
  const laneMode = useApp((s) => s.laneMode);
  const looks = useParticipantLooks();
  const model = useMemo(
    () => withChips(laneMode === 'participants'
      ? buildParticipantModel(looks, project.codes, segments, contradictions)
      : buildModel(project, segments, contradictions, shownCollapsed, coderId, { marks, window: segWindow }), looks),
    [project, segments, contradictions, shownCollapsed, coderId, marks, segWindow, laneMode, looks],
  );

  const root = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const axis = useRef<SVGSVGElement>(null);
  const wave = useRef<HTMLCanvasElement>(null);
  const width = useElementWidth(root, 900);
  const duration = Math.max(durationMs, 1000);
  const W = Math.max(50, width - GUTTER);
  const viewRef = useRef<View>({ startMs: 0, endMs: duration, widthPx: W });
  const modelRef = useRef<TimelineModel>(model);
  modelRef.current = model;
  const preview = useRef<Preview | null>(null);
  const frame = useRef(0);
  const lastDrawMs = useRef(0);
  const zoom = useRef<d3.ZoomBehavior<HTMLDivElement, unknown> | null>(null);
  const lastDuration = useRef(duration);

  const drawNow = useCallback(() => {
    frame.current = 0;
    const c = canvas.current;
    if (!c) return;
    const t0 = performance.now();
    const s = useApp.getState();
    const dpr = window.devicePixelRatio || 1;
    const h = modelRef.current.lanes.height;
    if (c.width !== Math.round(width * dpr) || c.height !== Math.round(h * dpr)) {
      c.width = Math.round(width * dpr);
      c.height = Math.round(h * dpr);
    }
    const ctx = c.getContext('2d', { alpha: false })!;
    const scroller = c.parentElement!;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    drawTimeline(ctx, modelRef.current, {
      view: viewRef.current, width, height: h, playheadMs: s.currentMs, inMs: s.inMs, outMs: s.outMs, loop: s.loop,
      selected: new Set(s.selectedIds), currentCoderId: s.coderId, coderColors: new Map(s.project?.coders.map((x) => [x.id, x.color])), preview: preview.current,
      yMin: scroller.scrollTop, yMax: scroller.scrollTop + scroller.clientHeight,
    });
    if (axis.current) {
      const v = viewRef.current;
      const x = d3.scaleLinear().domain([v.startMs, v.endMs]).range([GUTTER, width]);
      d3.select(axis.current).select<SVGGElement>('g').call(d3.axisBottom(x).ticks(Math.max(2, Math.floor(W / 110))).tickFormat((d) => tickFormat(Number(d), v.endMs - v.startMs)));
    }
    drawWaveform(wave.current, viewRef.current, width, GUTTER, s.currentMs);
    lastDrawMs.current = performance.now() - t0;
  }, [width, W]);
  const redraw = useCallback(() => {
    if (!frame.current) frame.current = requestAnimationFrame(drawNow);
  }, [drawNow]);

  // d3 zoom: the transform maps the whole recording (k = 1) onto the time area
  const toView = useCallback((t: d3.ZoomTransform): View => {
    const s = ((GUTTER - t.x) / t.k - GUTTER) * (duration / W);
    const e = ((GUTTER + W - t.x) / t.k - GUTTER) * (duration / W);
    return { startMs: s, endMs: e, widthPx: W };
  }, [duration, W]);
  const toTransform = useCallback((v: View) => {
    const k = duration / (v.endMs - v.startMs);
    return d3.zoomIdentity.translate(GUTTER - k * (GUTTER + (v.startMs / duration) * W), 0).scale(k);
  }, [duration, W]);
  const setView = useCallback((v: View) => {
    if (root.current && zoom.current) d3.select(root.current).call(zoom.current.transform, toTransform(v));
  }, [toTransform]);

  useEffect(() => {
    const el = root.current;
    if (!el) return;
    const minSpan = minSpanMs(frameMs);
    const z = d3.zoom<HTMLDivElement, unknown>()
      .scaleExtent([1, Math.max(1, duration / minSpan)])
      .extent([[GUTTER, 0], [GUTTER + W, 1]])
      .translateExtent([[GUTTER, 0], [GUTTER + W, 1]])
      .filter((ev: Event) => (ev.type === 'wheel' ? (ev as WheelEvent).ctrlKey || (ev as WheelEvent).metaKey : !!(ev.target as Element).closest?.('.tl-axis')) && !(ev as MouseEvent).button)
      .wheelDelta((ev: WheelEvent) => -ev.deltaY * (ev.deltaMode === 1 ? 0.05 : ev.deltaMode ? 1 : 0.002))
      .on('zoom', (ev: d3.D3ZoomEvent<HTMLDivElement, unknown>) => {
        viewRef.current = toView(ev.transform);
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
      const v = viewRef.current;
      sel.call(z.transform, toTransform(panBy(v, wheelPanPx(dx, ev.deltaMode, v.widthPx), duration, minSpan)));
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => {
      el.removeEventListener('wheel', onWheel);
      sel.on('.zoom', null);
    };
  }, [duration, W, frameMs, toView, toTransform, redraw]);

  // redraw on store changes; page along with the playhead while playing
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
  }, [redraw, setView, duration, frameMs]);
  useEffect(redraw, [model, redraw]);

  useEffect(() => exposeTimeline({ view: () => viewRef.current, setView, model: () => modelRef.current, canvas: () => canvas.current, lastDrawMs: () => lastDrawMs.current, drawNow }), [setView, drawNow]);

  const pointer = useTimelinePointer({
    model: () => modelRef.current,
    view: () => viewRef.current,
    preview,
    redraw,
    toggleCollapse: (i) => {
      const r = modelRef.current.lanes.rows[i]!;
      const next = new Set(shownCollapsed);
      const key = `${r.coderId}:${r.systemId}`;
      if (next.has(key)) next.delete(key);
      else next.add(key);
      setCollapsed(next);
    },
  });

  return (
    <div className="timeline" data-testid="timeline">
      <TimelineToolbar view={() => viewRef.current} setView={setView} duration={duration} />
      <div className="tl-zoomable" ref={root}>
        <svg className="tl-axis" ref={axis} width={width} height={22} data-testid="timeline-axis"><g transform="translate(0,1)" /></svg>
        <WaveformStrip canvasRef={wave} width={width} gutter={GUTTER} onReady={redraw} />
        <div className="tl-scroll" onScroll={redraw} tabIndex={0} role="group" aria-label="Timeline tracks (scroll with the arrow keys)">
          <canvas
            ref={canvas}
            data-testid="timeline-canvas"
            style={{ width, height: model.lanes.height }}
            onPointerDown={pointer.onPointerDown}
            onPointerMove={pointer.onPointerMove}
            onPointerUp={pointer.onPointerUp}
          />
        </div>
      </div>
    </div>
  );
}
