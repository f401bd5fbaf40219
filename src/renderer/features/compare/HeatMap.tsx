/**
 * A rows × columns heat map drawn with d3: one cell per (row, column), its colour from a
 * sequential scale over the largest value, the value printed when the cell is wide enough, a
 * legend under it. Every cell is a button: click it, or reach it with the keyboard (Tab enters
 * the map on one cell, the arrow keys move, Home/End go to the row's ends, Enter or Space picks).
 */
import * as d3 from 'd3';
import { useEffect, useRef } from 'react';
import { useElementWidth } from '../../hooks/useElementWidth';
import { heatLayout, type HeatInput } from './heatLayout';

export interface HeatMapProps extends HeatInput {
  /** What the map shows, for screen readers and the legend ("Segments", "Coded seconds"…). */
  label: string;
  format: (v: number) => string;
  /** Whole numbers only (counts): the legend gets no fractional ticks. */
  integer?: boolean;
  selected: { row: string; col: string } | null;
  onPick: (row: string, col: string) => void;
  testId?: string;
}

export function HeatMap(props: HeatMapProps) {
  const wrap = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const width = useElementWidth(wrap, 800);
  /** The cell Tab enters the map on (roving tabindex); moved by the arrow keys without a redraw. */
  const focus = useRef<[number, number]>([0, 0]);
  const pick = useRef(props.onPick);
  pick.current = props.onPick;

  useEffect(() => {
    draw(svgRef.current!, props, width, focus.current, (r, c) => (focus.current = [r, c]), (r, c) => pick.current(r, c));
  }, [props.rows, props.cols, props.values, props.label, props.format, props.integer, props.selected, width]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <div className="cmp-heat" ref={wrap} data-own-keys>
      <svg ref={svgRef} role="group" aria-label={`${props.label} heat map: rows are ${props.rowsTitle}, columns ${props.colsTitle}`} data-testid={props.testId} />
    </div>
  );
}

type Cell = { r: number; c: number; v: number };

function draw(svgEl: SVGSVGElement, p: HeatMapProps, width: number, focus: [number, number], setFocus: (r: number, c: number) => void, pick: (row: string, col: string) => void): void {
  const L = heatLayout(p, width);
  const hadFocus = svgEl.contains(document.activeElement);
  const svg = d3.select(svgEl);
  svg.selectAll('*').remove();
  svg.attr('width', L.width).attr('height', L.height);
  const max = Math.max(...p.values.flat(), 0);
  const color = d3.scaleSequential(d3.interpolateYlGnBu).domain([0, max || 1]);
  const fill = (v: number) => (v > 0 ? color(max ? Math.max(v, max * 0.06) : v) : '#f3f3f1');
  const ink = (v: number) => (v > 0 && d3.hsl(fill(v)).l < 0.55 ? '#fff' : '#1d2430');
  const g = svg.append('g').attr('transform', `translate(${L.left},${L.top})`);

  const cols = g.append('g').attr('class', 'cmp-col-labels').attr('aria-hidden', 'true');
  p.cols.forEach((col, j) => {
    const t = cols.append('text').attr('transform', L.flat ? `translate(${j * L.cellW + L.cellW / 2},-7)` : `translate(${j * L.cellW + L.cellW / 2},-6) rotate(-40)`);
    t.attr('text-anchor', L.flat ? 'middle' : 'start').text(short(pretty(col.label), 22)).append('title').text(pretty(col.label));
  });
  const rows = g.append('g').attr('class', 'cmp-row-labels').attr('aria-hidden', 'true');
  p.rows.forEach((row, i) => {
    const t = rows.append('text').attr('x', -8).attr('y', i * L.cellH + L.cellH / 2 + 4).attr('text-anchor', 'end');
    if (row.color) t.append('tspan').attr('fill', row.color).text('● ');
    t.append('tspan').text(short(pretty(row.label), L.rowChars));
    t.append('title').text(row.label);
  });

  const cells: Cell[] = p.rows.flatMap((_, r) => p.cols.map((__, c) => ({ r, c, v: p.values[r]?.[c] ?? 0 })));
  const [fr, fc] = [Math.min(focus[0], p.rows.length - 1), Math.min(focus[1], p.cols.length - 1)];
  // the cells alone in their group, row by row: cell (r, c) is its child r × columns + c
  const cell = g.append('g').attr('class', 'cmp-grid').selectAll<SVGGElement, Cell>('g.cmp-cell').data(cells).join('g')
    .attr('class', (d) => `cmp-cell${p.selected?.row === p.rows[d.r]!.key && p.selected?.col === p.cols[d.c]!.key ? ' selected' : ''}`)
    .attr('transform', (d) => `translate(${d.c * L.cellW},${d.r * L.cellH})`)
    .attr('role', 'button')
    .attr('tabindex', (d) => (d.r === fr && d.c === fc ? 0 : -1))
    .attr('data-testid', (d) => `cell:${p.rows[d.r]!.label}:${p.cols[d.c]!.label}`)
    .attr('aria-label', (d) => `${pretty(p.rows[d.r]!.label)} × ${pretty(p.cols[d.c]!.label)}: ${p.format(d.v)} (${p.label.toLowerCase()})`);
  cell.append('rect').attr('width', L.cellW - 2).attr('height', L.cellH - 2).attr('rx', 3).attr('fill', (d) => fill(d.v));
  cell.filter((d) => d.v > 0).append('text').attr('x', (L.cellW - 2) / 2).attr('y', (L.cellH - 2) / 2 + 4).attr('text-anchor', 'middle')
    .attr('fill', (d) => ink(d.v)).attr('aria-hidden', 'true').text((d) => p.format(d.v));
  cell.on('click', (_, d) => { setFocus(d.r, d.c); pick(p.rows[d.r]!.key, p.cols[d.c]!.key); }) // the redraw for the selection moves the tab stop
    .on('keydown', (ev: KeyboardEvent, d) => onKey(ev, d, p.rows.length, p.cols.length, setFocus, () => pick(p.rows[d.r]!.key, p.cols[d.c]!.key)));
  if (hadFocus) (cell.filter((d) => d.r === fr && d.c === fc).node() as SVGGElement | null)?.focus();
  legend(svg, L, max, color, p);
}

function onKey(ev: KeyboardEvent, d: Cell, nr: number, nc: number, setFocus: (r: number, c: number) => void, pick: () => void): void {
  const moves: Record<string, [number, number]> = { ArrowUp: [d.r - 1, d.c], ArrowDown: [d.r + 1, d.c], ArrowLeft: [d.r, d.c - 1], ArrowRight: [d.r, d.c + 1], Home: [d.r, 0], End: [d.r, nc - 1] };
  if (ev.key === 'Enter' || ev.key === ' ') {
    ev.preventDefault();
    pick();
    return;
  }
  const to = moves[ev.key];
  if (!to) return;
  ev.preventDefault();
  const [r, c] = [Math.max(0, Math.min(nr - 1, to[0])), Math.max(0, Math.min(nc - 1, to[1]))];
  const from = ev.currentTarget as SVGGElement;
  const target = from.parentNode?.children[r * nc + c] as SVGGElement | undefined;
  if (!target) return;
  from.setAttribute('tabindex', '-1');
  target.setAttribute('tabindex', '0');
  target.focus();
  setFocus(r, c);
}

function legend(svg: d3.Selection<SVGSVGElement, unknown, null, undefined>, L: ReturnType<typeof heatLayout>, max: number, color: d3.ScaleSequential<string>, p: HeatMapProps): void {
  const lw = Math.min(260, Math.max(140, L.gridW));
  const lg = svg.append('g').attr('class', 'cmp-legend').attr('aria-hidden', 'true').attr('transform', `translate(${L.left},${L.legendTop})`);
  const id = `cmp-grad-${p.testId ?? 'map'}`;
  const grad = svg.append('defs').append('linearGradient').attr('id', id);
  d3.range(0, 1.0001, 0.1).forEach((t) => grad.append('stop').attr('offset', `${t * 100}%`).attr('stop-color', color(t * (max || 1))));
  lg.append('rect').attr('width', 14).attr('height', 10).attr('rx', 2).attr('fill', '#f3f3f1').attr('stroke', '#d8d6d0');
  lg.append('text').attr('x', 18).attr('y', 9).text('none');
  const bar = lg.append('g').attr('transform', 'translate(58,0)');
  bar.append('rect').attr('width', lw).attr('height', 10).attr('rx', 2).attr('fill', `url(#${id})`);
  const x = d3.scaleLinear().domain([0, max || 1]).range([0, lw]);
  const ticks = x.ticks(4).filter((t) => !p.integer || Number.isInteger(t));
  const axis = d3.axisBottom(x).tickValues(ticks).tickSize(3).tickFormat((v) => p.format(Number(v)));
  bar.append('g').attr('transform', 'translate(0,10)').attr('class', 'cmp-legend-axis').call(axis);
  bar.append('text').attr('x', lw + 10).attr('y', 9).attr('class', 'cmp-legend-label').text(p.label);
}

/** "Researchers/Tools" → "Researchers › Tools", as the rest of the app shows code paths. */
function pretty(s: string): string {
  return s.replace(/\//g, ' › ');
}

function short(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
