/**
 * The timeline under the video: a d3 time axis with zoom (Ctrl/Cmd+wheel, the buttons, or drag
 * the axis to pan; horizontal wheel pans) from the whole recording down to single frames, and a
 * canvas with one track per coder × CHAT element (systems collapsible) or one per participant,
 * the contradictions track and the playhead, which pages along during playback.
 */
import * as d3 from 'd3';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { View } from '../../../shared/timeline/scale';
import { useApp } from '../../store';
import { useVisible, useVisibleMarks, useVisibleProject } from '../../hooks/useBlindCoding';
import { drawTimeline } from './drawTimeline';
import { buildModel, defaultCollapsed, GUTTER, type TimelineModel } from './timelineModel';
import { TimelineToolbar } from './TimelineToolbar';
import { tickFormat } from '../../../shared/timeline/ticks';
import { exposeTimeline } from './timelineHandle';
import { useTimelinePointer, type Preview } from './useTimelinePointer';
import { useRedrawOnPlayback, useTimelineZoom } from './useTimelineZoom';
import { drawWaveform, WaveformStrip } from '../sync/WaveformStrip';
import { useElementWidth } from '../../hooks/useElementWidth';
import { useParticipantLooks } from '../participants/chips';
import { buildParticipantModel, withChips } from './participantLaneModel';

export function Timeline() {
  const { model, shownCollapsed, setCollapsed } = useTimelineModel();
  const durationMs = useApp((s) => s.durationMs);
  const frameMs = useApp((s) => s.frameMs());

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
    paintCanvas(c, modelRef.current, viewRef.current, width, preview.current);
    if (axis.current) paintAxis(axis.current, viewRef.current, width, W);
    drawWaveform(wave.current, viewRef.current, width, GUTTER, useApp.getState().currentMs);
    lastDrawMs.current = performance.now() - t0;
  }, [width, W]);
  const redraw = useCallback(() => {
    if (!frame.current) frame.current = requestAnimationFrame(drawNow);
  }, [drawNow]);

  const setView = useTimelineZoom({ root, zoom, viewRef, lastDuration, duration, W, frameMs, redraw });
  useRedrawOnPlayback(redraw, setView, viewRef, duration, frameMs);
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

/** The rows and items the canvas shows: what blind coding lets this coder see, systems collapsed as chosen. */
function useTimelineModel() {
  const project = useVisibleProject()!;
  const segments = useVisible(useApp((s) => s.segments));
  const marks = useVisibleMarks(useApp((s) => s.marks));
  const segWindow = useApp((s) => s.segWindow);
  const contradictions = useVisible(useApp((s) => s.contradictions));
  const coderId = useApp((s) => s.coderId);
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
  return { model, shownCollapsed, setCollapsed };
}

/** Paints the tracks at the device's pixel ratio, only the rows scrolled into view, with the store's playhead, marks and selection. */
function paintCanvas(c: HTMLCanvasElement, model: TimelineModel, view: View, width: number, preview: Preview | null): void {
  const s = useApp.getState();
  const dpr = window.devicePixelRatio || 1;
  const h = model.lanes.height;
  if (c.width !== Math.round(width * dpr) || c.height !== Math.round(h * dpr)) {
    c.width = Math.round(width * dpr);
    c.height = Math.round(h * dpr);
  }
  const ctx = c.getContext('2d', { alpha: false })!;
  const scroller = c.parentElement!;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  drawTimeline(ctx, model, {
    view, width, height: h, playheadMs: s.currentMs, inMs: s.inMs, outMs: s.outMs, loop: s.loop,
    selected: new Set(s.selectedIds), currentCoderId: s.coderId, coderColors: new Map(s.project?.coders.map((x) => [x.id, x.color])), preview,
    yMin: scroller.scrollTop, yMax: scroller.scrollTop + scroller.clientHeight,
  });
}

/** The time axis over the visible window, about one tick per 110 px. */
function paintAxis(svg: SVGSVGElement, v: View, width: number, W: number): void {
  const x = d3.scaleLinear().domain([v.startMs, v.endMs]).range([GUTTER, width]);
  d3.select(svg).select<SVGGElement>('g').call(d3.axisBottom(x).ticks(Math.max(2, Math.floor(W / 110))).tickFormat((d) => tickFormat(Number(d), v.endMs - v.startMs)));
}
