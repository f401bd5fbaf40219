/** The timeline's handle for browser tests and benches (window.__timeline): its view, model and screen positions. */
import type { View } from '../../../shared/timeline/scale';
import type { TimelineModel } from './timelineModel';
import { GUTTER } from './timelineModel';

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
