/** The correlation against the offset (d3): the curve, the proposed peak and the offset now set. */
import * as d3 from 'd3';
import { useMemo } from 'react';
import type { OffsetCurve as Curve } from '../../../shared/contract/sync';

const W = 300;
const H = 90;
const M = { l: 4, r: 4, t: 6, b: 16 };

export function OffsetCurve({ curve, peakMs, currentMs }: { curve: Curve; peakMs: number | null; currentMs: number }) {
  const { path, x, y } = useMemo(() => {
    const n = curve.values.length;
    const x = d3.scaleLinear().domain([curve.fromMs, curve.fromMs + Math.max(1, n - 1) * curve.stepMs]).range([M.l, W - M.r]);
    const y = d3.scaleLinear().domain([Math.min(0, d3.min(curve.values) ?? 0), Math.max(1e-9, d3.max(curve.values) ?? 1)]).range([H - M.b, M.t]);
    const path = d3.line<number>().x((_, i) => x(curve.fromMs + i * curve.stepMs)).y((v) => y(v))(curve.values) ?? '';
    return { path, x, y };
  }, [curve]);
  const [lo, hi] = x.domain() as [number, number];
  const inRange = (ms: number) => ms >= lo && ms <= hi;
  return (
    <svg className="offset-curve" width={W} height={H} role="img" aria-label="Correlation of the two recordings against the offset" data-testid="offset-curve">
      <line x1={M.l} x2={W - M.r} y1={y(0)} y2={y(0)} stroke="#c9c6bf" />
      <path d={path} fill="none" stroke="#2f5d8a" strokeWidth={1.2} />
      {inRange(currentMs) && <line x1={x(currentMs)} x2={x(currentMs)} y1={M.t} y2={H - M.b} stroke="#6b7280" strokeDasharray="3 2" />}
      {peakMs !== null && inRange(peakMs) && <circle cx={x(peakMs)} cy={y(peakAt(curve, peakMs))} r={4} fill="#d62728" />}
      <text x={M.l} y={H - 3} fontSize={10} fill="#6b7280">{(lo / 1000).toFixed(1)} s</text>
      <text x={W - M.r} y={H - 3} fontSize={10} fill="#6b7280" textAnchor="end">{(hi / 1000).toFixed(1)} s</text>
    </svg>
  );
}

/** The curve's top next to the proposed offset (the curve is sampled, so the peak may fall between two points). */
function peakAt(c: Curve, ms: number): number {
  const i = Math.round((ms - c.fromMs) / c.stepMs);
  return Math.max(...c.values.slice(Math.max(0, i - 1), Math.max(0, i + 2)), -1);
}
