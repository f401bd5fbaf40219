/** Coders × coders heatmap of the pairwise Cohen's kappa or Krippendorff's alpha (pooled over the codes), drawn with d3. */
import * as d3 from 'd3';
import { useEffect, useRef } from 'react';
import type { SegmentsAgreementResult } from '../../../shared/agreement';
import { fmt3 } from '../../../shared/agreement/report';
import { useApp } from '../../store';

const CELL = 58;
const LABEL = 70;

export function PairHeatmap({ result }: { result: SegmentsAgreementResult }) {
  const svgRef = useRef<SVGSVGElement>(null);
  const metric = useApp((s) => s.agreementSelection.heatmap);
  const setSel = useApp((s) => s.setAgreementSelection);

  useEffect(() => {
    const svg = d3.select(svgRef.current!);
    svg.selectAll('*').remove();
    const coders = result.coders;
    const n = coders.length;
    const value = new Map<string, { v: number | null; note?: string }>();
    for (const p of result.pairs) {
      const v = { v: p[metric], note: p.notes[metric] };
      value.set(`${p.coders[0]}|${p.coders[1]}`, v);
      value.set(`${p.coders[1]}|${p.coders[0]}`, v);
    }
    // Diverging: red below 0 (worse than chance), white at 0, blue towards 1.
    const color = d3.scaleDiverging(d3.interpolateRdBu).domain([-1, 0, 1]).clamp(true);
    const g = svg.append('g').attr('transform', `translate(${LABEL},${LABEL - 40})`);
    const cells = coders.flatMap((a, i) => coders.map((b, j) => ({ a, b, i, j })));
    const cell = g
      .selectAll('g.cell')
      .data(cells)
      .join('g')
      .attr('class', 'cell')
      .attr('transform', (d) => `translate(${d.j * CELL},${d.i * CELL})`);
    cell
      .append('rect')
      .attr('width', CELL - 2)
      .attr('height', CELL - 2)
      .attr('rx', 4)
      .attr('fill', (d) => {
        if (d.i === d.j) return '#eceae5';
        const v = value.get(`${d.a}|${d.b}`)?.v;
        return v === null || v === undefined ? '#f4f4f4' : color(v);
      })
      .append('title')
      .text((d) => {
        if (d.i === d.j) return d.a;
        const x = value.get(`${d.a}|${d.b}`);
        return `${d.a} – ${d.b}: ${x?.v === null || x === undefined ? `undefined (${x?.note ?? ''})` : x.v.toFixed(3)}`;
      });
    cell
      .append('text')
      .attr('x', (CELL - 2) / 2)
      .attr('y', (CELL - 2) / 2 + 4)
      .attr('text-anchor', 'middle')
      .attr('class', 'ag-heat-value')
      .attr('data-testid', (d) => (d.i === d.j ? null : `ag-heat:${d.a}:${d.b}`))
      .attr('fill', (d) => {
        const v = value.get(`${d.a}|${d.b}`)?.v;
        return v !== null && v !== undefined && Math.abs(v) > 0.6 ? '#fff' : '#1d2430';
      })
      .text((d) => (d.i === d.j ? '' : fmt3(value.get(`${d.a}|${d.b}`)?.v ?? null)));
    g.selectAll('text.row')
      .data(coders)
      .join('text')
      .attr('class', 'row ag-heat-label')
      .attr('x', -6)
      .attr('y', (_, i) => i * CELL + CELL / 2 + 3)
      .attr('text-anchor', 'end')
      .text((d) => d);
    g.selectAll('text.col')
      .data(coders)
      .join('text')
      .attr('class', 'col ag-heat-label')
      .attr('x', (_, i) => i * CELL + CELL / 2 - 1)
      .attr('y', -6)
      .attr('text-anchor', 'middle')
      .text((d) => d);
    // Legend: the colour scale from −1 to 1.
    const lw = Math.max(120, n * CELL - 2);
    const legend = svg.append('g').attr('transform', `translate(${LABEL},${LABEL - 40 + n * CELL + 10})`);
    const grad = svg.append('defs').append('linearGradient').attr('id', 'ag-heat-grad');
    d3.range(0, 1.0001, 0.1).forEach((t) => grad.append('stop').attr('offset', `${t * 100}%`).attr('stop-color', color(-1 + 2 * t)));
    legend.append('rect').attr('width', lw).attr('height', 10).attr('rx', 2).attr('fill', 'url(#ag-heat-grad)');
    const axis = d3.axisBottom(d3.scaleLinear().domain([-1, 1]).range([0, lw])).ticks(5).tickSize(4);
    legend.append('g').attr('transform', 'translate(0,10)').attr('class', 'ag-heat-axis').call(axis);
    svg.attr('width', LABEL + Math.max(n * CELL, lw) + 10).attr('height', LABEL - 40 + n * CELL + 44);
  }, [result, metric]);

  return (
    <div className="ag-heatmap">
      <div className="ag-heat-head">
        <h3>Pairs</h3>
        <select aria-label="Heatmap measure" data-testid="ag-heat-metric" value={metric} onChange={(e) => setSel({ heatmap: e.target.value as 'cohensKappa' | 'krippendorffAlpha' })}>
          <option value="cohensKappa">Cohen's κ</option>
          <option value="krippendorffAlpha">Krippendorff's α</option>
        </select>
      </div>
      <svg ref={svgRef} role="img" aria-label={`Pairwise ${metric === 'cohensKappa' ? "Cohen's kappa" : "Krippendorff's alpha"} of the coders`} />
    </div>
  );
}
