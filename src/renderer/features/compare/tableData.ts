/**
 * A comparison table (contract/participants' CompareMatrix) as heat-map input: one value per
 * (row, column) for the measure shown, read from each cell's own figures (segments, coded time,
 * share), and how to print it. Pure.
 */
import type { CompareMatrix, MatrixCell, MatrixMeasure } from '../../../shared/participants/compare';
import type { HeatAxisItem, HeatInput } from './heatLayout';

export const MEASURE_LABELS: Record<MatrixMeasure, string> = { segments: 'Segments', seconds: 'Coded seconds', share: 'Share of time on screen' };

export function measureOf(cell: MatrixCell, m: MatrixMeasure): number {
  if (m === 'segments') return cell.segments;
  if (m === 'seconds') return cell.codedMs / 1000;
  return cell.share ?? 0;
}

export function formatMeasure(m: MatrixMeasure): (v: number) => string {
  if (m === 'segments') return (v) => String(Math.round(v));
  if (m === 'seconds') return (v) => (v === 0 ? '0' : v < 10 ? v.toFixed(1) : String(Math.round(v)));
  return (v) => (v === 0 ? '0%' : v < 0.01 ? '<1%' : `${Math.round(v * 100)}%`);
}

export function heatInput(t: CompareMatrix, m: MatrixMeasure, colorOf: (rowKey: string) => string | undefined, titles: { rows: string; cols: string }): HeatInput {
  const ri = new Map(t.rows.map((r, i) => [r.key, i]));
  const ci = new Map(t.cols.map((c, i) => [c.key, i]));
  const values = t.rows.map(() => t.cols.map(() => 0));
  for (const cell of t.cells) {
    const r = ri.get(cell.row);
    const c = ci.get(cell.col);
    if (r !== undefined && c !== undefined) values[r]![c] = measureOf(cell, m);
  }
  const rows: HeatAxisItem[] = t.rows.map((r) => ({ key: r.key, label: r.label, color: colorOf(r.key) }));
  return { rows, cols: t.cols.map((c) => ({ key: c.key, label: c.label })), values, rowsTitle: titles.rows, colsTitle: titles.cols };
}
