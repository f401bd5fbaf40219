/** Timeline helpers: axis tick labels and a small handle for tests and benches (window.__timeline). */
import type { View } from '../../../shared/timeline/scale';
import type { TimelineModel } from './timelineModel';
import { GUTTER } from './timelineModel';

/** Axis labels: h:mm:ss for long spans, m:ss.s when zoomed in, m:ss.mmm near frame level. */
export function tickFormat(ms: number, spanMs: number): string {
  const neg = ms < 0;
  const t = Math.abs(Math.round(ms));
  const h = Math.floor(t / 3_600_000);
  const m = Math.floor(t / 60_000) % 60;
  const s = Math.floor(t / 1000) % 60;
  const frac = t % 1000;
  const mm = h ? `${h}:${String(m).padStart(2, '0')}` : String(m);
  const base = `${neg ? '-' : ''}${mm}:${String(s).padStart(2, '0')}`;
  if (spanMs <= 4000) return `${base}.${String(frac).padStart(3, '0')}`;
  if (spanMs <= 40_000) return `${base}.${Math.floor(frac / 100)}`;
  return base;
}

export interface TimelineHandle {
  view(): View;
  setView(v: View): void;
  model(): TimelineModel;
  canvas(): HTMLCanvasElement | null;
  lastDrawMs(): number;
  drawNow(): void;
}

/** For browser tests and benches: where a time and a track are on screen. */
export function exposeTimeline(h: TimelineHandle): () => void {
  const api = {
    ...h,
    clientX(ms: number): number {
      const v = h.view();
      const r = h.canvas()!.getBoundingClientRect();
      return r.left + GUTTER + ((ms - v.startMs) * v.widthPx) / (v.endMs - v.startMs);
    },
    rowClientY(key: string): number {
      const row = h.model().lanes.rows.find((x) => x.key === key);
      if (!row) throw new Error(`no timeline row ${key}`);
      return h.canvas()!.getBoundingClientRect().top + row.y + row.h / 2;
    },
    rows: () => h.model().lanes.rows.map((r) => ({ key: r.key, label: r.label, kind: r.kind, codeId: r.codeId, coderId: r.coderId })),
  };
  (window as unknown as { __timeline?: typeof api }).__timeline = api;
  return () => {
    delete (window as unknown as { __timeline?: typeof api }).__timeline;
  };
}
