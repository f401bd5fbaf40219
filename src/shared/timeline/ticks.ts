/** Time labels of the timelines' axes. Pure. */
import { formatTimecode } from '../time';

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

/** Compact timecode for an agreement chart's axis: no leading hour while under one, no ".000" on whole seconds. */
export function axisTimecode(ms: number): string {
  return formatTimecode(ms).replace(/^0:/, '').replace(/\.000$/, '');
}
