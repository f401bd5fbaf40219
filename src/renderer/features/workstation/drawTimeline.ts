/**
 * Draws the timeline on a canvas: row labels in the left gutter, segments as bars in their code's
 * colour (labels when they fit), point markers as ticks, the marked range, a drag preview and the
 * playhead. Only visible items are visited (binary search); bars narrower than a pixel that fall
 * in an already painted pixel column are skipped, so 50,000 segments draw in a few milliseconds.
 */
import { visibleRange, type Item } from '../../../shared/timeline/items';
import type { View } from '../../../shared/timeline/scale';
import { GUTTER, type TimelineModel } from './timelineModel';

export interface DrawState {
  view: View;
  /** Canvas size in CSS pixels. */
  width: number;
  height: number;
  playheadMs: number;
  inMs: number | null;
  outMs: number | null;
  loop: boolean;
  selected: ReadonlySet<string>;
  currentCoderId: string | null;
  coderColors: ReadonlyMap<string, string>;
  preview: { row: number; startMs: number; endMs: number } | null;
  /** The rows scrolled into view (others are not drawn). */
  yMin: number;
  yMax: number;
}

const widths = new Map<string, number>();
function textWidth(ctx: CanvasRenderingContext2D, s: string): number {
  let w = widths.get(s);
  if (w === undefined) {
    w = ctx.measureText(s).width;
    if (widths.size > 5000) widths.clear();
    widths.set(s, w);
  }
  return w;
}

/** What every drawing step shares: the context, the state and the time → x mapping. */
interface Painter {
  ctx: CanvasRenderingContext2D;
  d: DrawState;
  /** Pixels per ms. */
  k: number;
  X: (ms: number) => number;
}

type Row = TimelineModel['lanes']['rows'][number];
type Track = NonNullable<TimelineModel['tracks'][number]>;

const FONT = '11px system-ui, "DejaVu Sans", sans-serif';

export function drawTimeline(ctx: CanvasRenderingContext2D, m: TimelineModel, d: DrawState): void {
  const { view, width, height } = d;
  const k = view.widthPx / (view.endMs - view.startMs);
  const p: Painter = { ctx, d, k, X: (ms: number) => GUTTER + (ms - view.startMs) * k };
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, d.yMin, width, d.yMax - d.yMin);
  ctx.font = FONT;
  ctx.textBaseline = 'middle';
  drawRowLabels(p, m.lanes.rows);
  ctx.save();
  ctx.beginPath();
  ctx.rect(GUTTER, 0, width - GUTTER, height);
  ctx.clip();
  drawMarkedRange(p);
  drawTracks(p, m);
  drawPreview(p, m.lanes.rows);
  ctx.fillStyle = '#d62728';
  ctx.fillRect(Math.round(p.X(d.playheadMs)) - 1, 0, 2, height);
  ctx.restore();
}

/** Row backgrounds and labels in the gutter (coder rows with their colour), then the gutter's edge. */
function drawRowLabels({ ctx, d }: Painter, rows: readonly Row[]): void {
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (r.y > d.yMax) break;
    if (r.y + r.h < d.yMin) continue;
    if (r.kind === 'coder') {
      drawCoderRow(ctx, d, r);
      continue;
    }
    ctx.fillStyle = r.kind === 'contradictions' ? '#fbf7ff' : i % 2 ? '#ffffff' : '#f8f8f6';
    ctx.fillRect(0, r.y, d.width, r.h);
    ctx.fillStyle = r.kind === 'system' ? '#1d2430' : '#4b5563';
    const label = r.kind === 'system' ? `${r.collapsed ? '▸' : '▾'} ${r.label}` : r.kind === 'contradictions' ? '⚡ Contradictions' : r.label;
    ctx.fillText(label, r.kind === 'track' ? 30 : 12, r.y + r.h / 2, GUTTER - 36);
  }
  ctx.strokeStyle = '#e3e1dc';
  ctx.beginPath();
  ctx.moveTo(GUTTER - 0.5, 0);
  ctx.lineTo(GUTTER - 0.5, d.height);
  ctx.stroke();
}

function drawCoderRow(ctx: CanvasRenderingContext2D, d: DrawState, r: Row): void {
  const mine = r.coderId !== null && r.coderId === d.currentCoderId;
  ctx.fillStyle = '#eef0f3';
  ctx.fillRect(0, r.y, d.width, r.h);
  ctx.fillStyle = d.coderColors.get(r.coderId!) ?? '#333';
  ctx.fillRect(4, r.y + 4, 10, r.h - 8);
  ctx.fillStyle = '#1d2430';
  ctx.font = '600 11px system-ui, "DejaVu Sans", sans-serif';
  ctx.fillText(mine ? `${r.label} (you)` : r.label, 20, r.y + r.h / 2);
  ctx.font = FONT;
}

/** The in–out range, darker while it loops. */
function drawMarkedRange({ ctx, d, X }: Painter): void {
  if (d.inMs === null) return;
  const a = X(d.inMs);
  const b = d.outMs !== null ? X(d.outMs) : a + 1;
  ctx.fillStyle = d.loop ? 'rgba(47, 93, 138, 0.16)' : 'rgba(47, 93, 138, 0.09)';
  ctx.fillRect(a, 0, Math.max(1, b - a), d.height);
}

/** Every visible track's bars and markers; then the thin separators and the labels over them. */
type Chips = { x1: number; y: number; h: number; chips: NonNullable<Item['chips']> }[];

function drawTracks(p: Painter, m: TimelineModel): void {
  const { ctx, d } = p;
  const rows = m.lanes.rows;
  const labels: (number | string)[] = [];
  const chips: Chips = [];
  const seps: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    const t = m.tracks[i];
    const r = rows[i]!;
    if (!t || t.items.length === 0 || r.y > d.yMax || r.y + r.h < d.yMin) continue;
    drawTrack(p, t, r, labels, seps, chips);
  }
  ctx.fillStyle = 'rgba(255, 255, 255, 0.75)';
  for (let i = 0; i < seps.length; i += 3) ctx.fillRect(Math.round(seps[i]!), seps[i + 1]!, 1, seps[i + 2]!);
  // labels last, over the bars
  ctx.fillStyle = '#fff';
  for (let i = 0; i < labels.length; i += 3) ctx.fillText(labels[i + 2] as string, labels[i] as number, labels[i + 1] as number);
  drawChips(ctx, chips);
}

/**
 * One track's visible items. A run of bars in one colour that touch on screen is painted as one
 * rectangle; separators (where a segment starts inside a run) and labels are queued for later.
 */
function drawTrack(p: Painter, t: Track, r: Row, labels: (number | string)[], seps: number[], chips: Chips): void {
  const { ctx, d, k, X } = p;
  const [from, to] = visibleRange(t, d.view.startMs, d.view.endMs);
  const top = r.y + 2;
  const h = r.h - 4;
  let runX0 = 0;
  let runX1 = -Infinity;
  let runColor = '';
  let labelEnd = -Infinity; // labels never overlap each other
  let lastSep = -Infinity;
  const flush = () => {
    if (runX1 > -Infinity) {
      ctx.fillStyle = runColor;
      ctx.fillRect(runX0, top, Math.max(1, runX1 - runX0), h);
    }
    runX1 = -Infinity;
  };
  for (let j = from; j < to; j++) {
    const it = t.items[j]!;
    if (it.endMs < d.view.startMs) continue;
    const x0 = X(it.startMs);
    const sel = d.selected.has(it.id);
    if (it.endMs === it.startMs) {
      flush();
      drawPointMarker(ctx, x0, r, it.color, sel);
      continue;
    }
    const w = Math.max(1, (it.endMs - it.startMs) * k);
    const x1 = x0 + w;
    if (it.color === runColor && x0 <= runX1 + 0.5) {
      // keep where one segment starts inside the run visible (a thin light line)
      if (x0 - lastSep > 3) {
        seps.push(x0, top, h);
        lastSep = x0;
      }
      runX1 = Math.max(runX1, x1);
    } else if (!(x1 <= runX1 && w < 2)) {
      // (a sliver under a wider run of another colour is invisible at this zoom)
      flush();
      runX0 = x0;
      runX1 = x1;
      runColor = it.color;
    }
    if (sel) {
      flush();
      drawSelectedBar(ctx, x0, top, w, h, it.color);
    }
    if (it.chips?.length && w >= 16) chips.push({ x1: Math.min(x1, d.width), y: top, h, chips: it.chips });
    if (w > 40 && x0 >= labelEnd) labelEnd = queueLabel(ctx, labels, it.label, x0, x1, r, labelEnd);
  }
  flush();
}

/** A point marker: a tick with a small head; boxed when selected. */
function drawPointMarker(ctx: CanvasRenderingContext2D, x0: number, r: Row, color: string, selected: boolean): void {
  ctx.fillStyle = color;
  ctx.fillRect(Math.round(x0) - 1, r.y + 1, 2, r.h - 2);
  ctx.beginPath();
  ctx.moveTo(x0 - 4, r.y + 1);
  ctx.lineTo(x0 + 4, r.y + 1);
  ctx.lineTo(x0, r.y + 6);
  ctx.fill();
  if (selected) {
    ctx.strokeStyle = '#111';
    ctx.strokeRect(x0 - 3, r.y + 0.5, 6, r.h - 1);
  }
}

function drawSelectedBar(ctx: CanvasRenderingContext2D, x0: number, top: number, w: number, h: number, color: string): void {
  ctx.fillStyle = color;
  ctx.fillRect(x0, top, w, h);
  ctx.strokeStyle = '#111';
  ctx.lineWidth = 2;
  ctx.strokeRect(x0 + 1, top + 1, Math.max(1, w - 2), h - 2);
  ctx.lineWidth = 1;
}

/** Queues a bar's label when it fits inside the bar; returns where the next label may start. */
function queueLabel(ctx: CanvasRenderingContext2D, labels: (number | string)[], label: string, x0: number, x1: number, r: Row, labelEnd: number): number {
  const left = Math.max(x0, GUTTER) + 4;
  const tw = textWidth(ctx, label);
  if (tw > x1 - left - 4) return labelEnd;
  labels.push(left, r.y + r.h / 2, label);
  return left + tw + 4;
}

/** The range being dragged out on a track. */
function drawPreview({ ctx, d, X }: Painter, rows: readonly Row[]): void {
  const r = d.preview ? rows[d.preview.row] : undefined;
  if (!d.preview || !r) return;
  const a = X(d.preview.startMs);
  const b = X(d.preview.endMs);
  ctx.fillStyle = 'rgba(47, 93, 138, 0.35)';
  ctx.strokeStyle = '#2f5d8a';
  ctx.fillRect(Math.min(a, b), r.y + 1, Math.max(1, Math.abs(b - a)), r.h - 2);
  ctx.strokeRect(Math.min(a, b) + 0.5, r.y + 1.5, Math.max(1, Math.abs(b - a)) - 1, r.h - 3);
}

/** Participant chips: small pills with initials at a bar's right end, as many as fit. */
function drawChips(ctx: CanvasRenderingContext2D, list: { x1: number; y: number; h: number; chips: NonNullable<Item['chips']> }[]): void {
  if (list.length === 0) return;
  ctx.font = '600 9px system-ui, "DejaVu Sans", sans-serif';
  ctx.textAlign = 'center';
  for (const { x1, y, h, chips } of list) {
    let x = x1 - 2;
    for (const c of chips) {
      const w = textWidth(ctx, c.text) + 6;
      if (x - w < GUTTER) break;
      ctx.fillStyle = '#fff';
      ctx.fillRect(x - w, y + 1, w, h - 2);
      ctx.strokeStyle = c.color;
      ctx.lineWidth = 1.5;
      ctx.strokeRect(x - w + 0.75, y + 1.75, w - 1.5, h - 3.5);
      ctx.fillStyle = '#1d2430';
      ctx.fillText(c.text, x - w / 2, y + h / 2 + 0.5);
      x -= w + 2;
    }
  }
  ctx.textAlign = 'start';
  ctx.lineWidth = 1;
  ctx.font = '11px system-ui, "DejaVu Sans", sans-serif';
}
