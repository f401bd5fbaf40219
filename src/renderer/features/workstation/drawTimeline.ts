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

export function drawTimeline(ctx: CanvasRenderingContext2D, m: TimelineModel, d: DrawState): void {
  const { view, width, height } = d;
  const span = view.endMs - view.startMs;
  const k = view.widthPx / span;
  const X = (ms: number) => GUTTER + (ms - view.startMs) * k;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, d.yMin, width, d.yMax - d.yMin);
  ctx.font = '11px system-ui, "DejaVu Sans", sans-serif';
  ctx.textBaseline = 'middle';
  const rows = m.lanes.rows;

  // row backgrounds and labels
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (r.y > d.yMax) break;
    if (r.y + r.h < d.yMin) continue;
    const mine = r.coderId !== null && r.coderId === d.currentCoderId;
    if (r.kind === 'coder') {
      ctx.fillStyle = '#eef0f3';
      ctx.fillRect(0, r.y, width, r.h);
      ctx.fillStyle = d.coderColors.get(r.coderId!) ?? '#333';
      ctx.fillRect(4, r.y + 4, 10, r.h - 8);
      ctx.fillStyle = '#1d2430';
      ctx.font = '600 11px system-ui, "DejaVu Sans", sans-serif';
      ctx.fillText(mine ? `${r.label} (you)` : r.label, 20, r.y + r.h / 2);
      ctx.font = '11px system-ui, "DejaVu Sans", sans-serif';
      continue;
    }
    ctx.fillStyle = r.kind === 'contradictions' ? '#fbf7ff' : i % 2 ? '#ffffff' : '#f8f8f6';
    ctx.fillRect(0, r.y, width, r.h);
    ctx.fillStyle = r.kind === 'system' ? '#1d2430' : '#4b5563';
    const label = r.kind === 'system' ? `${r.collapsed ? '▸' : '▾'} ${r.label}` : r.kind === 'contradictions' ? '⚡ Contradictions' : r.label;
    ctx.fillText(label, r.kind === 'track' ? 30 : 12, r.y + r.h / 2, GUTTER - 36);
  }
  ctx.strokeStyle = '#e3e1dc';
  ctx.beginPath();
  ctx.moveTo(GUTTER - 0.5, 0);
  ctx.lineTo(GUTTER - 0.5, height);
  ctx.stroke();

  ctx.save();
  ctx.beginPath();
  ctx.rect(GUTTER, 0, width - GUTTER, height);
  ctx.clip();

  // marked range
  if (d.inMs !== null) {
    const a = X(d.inMs);
    const b = d.outMs !== null ? X(d.outMs) : a + 1;
    ctx.fillStyle = d.loop ? 'rgba(47, 93, 138, 0.16)' : 'rgba(47, 93, 138, 0.09)';
    ctx.fillRect(a, 0, Math.max(1, b - a), height);
  }

  // segments
  const labels: (number | string)[] = [];
  const chips: { x1: number; y: number; h: number; chips: NonNullable<Item['chips']> }[] = [];
  const seps: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    const t = m.tracks[i];
    const r = rows[i]!;
    if (!t || t.items.length === 0 || r.y > d.yMax || r.y + r.h < d.yMin) continue;
    const [from, to] = visibleRange(t, view.startMs, view.endMs);
    const top = r.y + 2;
    const h = r.h - 4;
    // a run of bars in one colour that touch on screen is painted as one rectangle
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
      if (it.endMs < view.startMs) continue;
      const x0 = X(it.startMs);
      const sel = d.selected.has(it.id);
      if (it.endMs === it.startMs) {
        // point marker: a tick with a small head
        flush();
        ctx.fillStyle = it.color;
        ctx.fillRect(Math.round(x0) - 1, r.y + 1, 2, r.h - 2);
        ctx.beginPath();
        ctx.moveTo(x0 - 4, r.y + 1);
        ctx.lineTo(x0 + 4, r.y + 1);
        ctx.lineTo(x0, r.y + 6);
        ctx.fill();
        if (sel) {
          ctx.strokeStyle = '#111';
          ctx.strokeRect(x0 - 3, r.y + 0.5, 6, r.h - 1);
        }
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
      }
      else if (x1 <= runX1 && w < 2) {
        // a sliver under a wider run of another colour: invisible at this zoom
      } else {
        flush();
        runX0 = x0;
        runX1 = x1;
        runColor = it.color;
      }
      if (sel) {
        flush();
        ctx.fillStyle = it.color;
        ctx.fillRect(x0, top, w, h);
        ctx.strokeStyle = '#111';
        ctx.lineWidth = 2;
        ctx.strokeRect(x0 + 1, top + 1, Math.max(1, w - 2), h - 2);
        ctx.lineWidth = 1;
      }
      if (it.chips?.length && w >= 16) chips.push({ x1: Math.min(x1, width), y: top, h, chips: it.chips });
      if (w > 40 && x0 >= labelEnd) {
        const left = Math.max(x0, GUTTER) + 4;
        const room = x1 - left - 4;
        const tw = textWidth(ctx, it.label);
        if (tw <= room) {
          labels.push(left, r.y + r.h / 2, it.label);
          labelEnd = left + tw + 4;
        }
      }
    }
    flush();
  }
  ctx.fillStyle = 'rgba(255, 255, 255, 0.75)';
  for (let i = 0; i < seps.length; i += 3) ctx.fillRect(Math.round(seps[i]!), seps[i + 1]!, 1, seps[i + 2]!);
  // labels last, over the bars
  ctx.fillStyle = '#fff';
  for (let i = 0; i < labels.length; i += 3) ctx.fillText(labels[i + 2] as string, labels[i] as number, labels[i + 1] as number);
  drawChips(ctx, chips);

  // drag preview
  if (d.preview) {
    const r = rows[d.preview.row];
    if (r) {
      const a = X(d.preview.startMs);
      const b = X(d.preview.endMs);
      ctx.fillStyle = 'rgba(47, 93, 138, 0.35)';
      ctx.strokeStyle = '#2f5d8a';
      ctx.fillRect(Math.min(a, b), r.y + 1, Math.max(1, Math.abs(b - a)), r.h - 2);
      ctx.strokeRect(Math.min(a, b) + 0.5, r.y + 1.5, Math.max(1, Math.abs(b - a)) - 1, r.h - 3);
    }
  }

  // playhead
  const p = X(d.playheadMs);
  ctx.fillStyle = '#d62728';
  ctx.fillRect(Math.round(p) - 1, 0, 2, height);
  ctx.restore();
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
