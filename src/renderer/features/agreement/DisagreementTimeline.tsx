/**
 * Where coders disagree: one lane per code with disagreements, one bar per disagreement range
 * (matched stretches that not every coder coded; point events as ticks). Click a bar: the video
 * seeks to its start. Drawn with d3; the red line is the playhead.
 */
import * as d3 from 'd3';
import { useEffect, useRef, useState } from 'react';
import type { Disagreement } from '../../../shared/agreement';
import { formatTimecode } from '../../../shared/time';
import { axisTimecode } from '../../../shared/timeline/ticks';
import { useApp } from '../../store';
import { player } from '../../store/playerSlice';

const LANE = 22;
const LEFT = 210;
const TOP = 22;

export function DisagreementTimeline({ disagreements, codes, durationMs, colorOf }: { disagreements: Disagreement[]; codes: string[]; durationMs: number; colorOf: Map<string, string> }) {
  const holder = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const [width, setWidth] = useState(800);
  const currentMs = useApp((s) => s.currentMs);

  useEffect(() => {
    const el = holder.current!;
    const ro = new ResizeObserver(() => setWidth(Math.max(300, el.clientWidth)));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const lanes = codes.filter((c) => disagreements.some((d) => d.code === c));
  const x = d3.scaleLinear().domain([0, Math.max(1, durationMs)]).range([LEFT, width - 10]);

  useEffect(() => {
    const svg = d3.select(svgRef.current!);
    svg.selectAll('*').remove();
    const height = TOP + lanes.length * LANE + 4;
    svg.attr('width', width).attr('height', height);
    const laneIndex = new Map(lanes.map((c, i) => [c, i]));
    svg
      .append('g')
      .attr('class', 'ag-tl-axis')
      .attr('transform', `translate(0,${TOP - 4})`)
      .call(
        d3
          .axisTop(x)
          .ticks(Math.max(2, Math.floor((width - LEFT) / 90)))
          .tickFormat((v) => axisTimecode(Number(v))),
      );
    svg
      .selectAll('rect.lane')
      .data(lanes)
      .join('rect')
      .attr('class', 'lane')
      .attr('x', LEFT)
      .attr('y', (_, i) => TOP + i * LANE)
      .attr('width', Math.max(0, width - 10 - LEFT))
      .attr('height', LANE - 2)
      .attr('fill', (_, i) => (i % 2 ? '#f7f6f3' : '#fbfaf8'));
    svg
      .selectAll('text.lane-label')
      .data(lanes)
      .join('text')
      .attr('class', 'lane-label')
      .attr('x', LEFT - 8)
      .attr('y', (_, i) => TOP + i * LANE + LANE / 2 + 3)
      .attr('text-anchor', 'end')
      .text((c) => (c.length > 30 ? `…${c.slice(-29)}` : c))
      .append('title')
      .text((c) => c);
    svg
      .selectAll('rect.range')
      .data(disagreements)
      .join('rect')
      .attr('class', (d) => `range${d.pointEvent ? ' point' : ''}`)
      .attr('data-testid', (d) => `ag-range-${d.id}`)
      .attr('data-start-ms', (d) => d.startMs)
      .attr('data-code', (d) => d.code)
      .attr('x', (d) => (d.pointEvent ? x(d.startMs) - 2 : x(d.startMs)))
      .attr('y', (d) => TOP + laneIndex.get(d.code)! * LANE + 3)
      .attr('width', (d) => (d.pointEvent ? 4 : Math.max(3, x(d.endMs) - x(d.startMs))))
      .attr('height', LANE - 8)
      .attr('rx', 2)
      .attr('fill', (d) => colorOf.get(d.code) ?? '#888')
      .on('click', (_, d) => {
        // as its tooltip says: play from here
        useApp.getState().seek(d.startMs);
        player()?.play();
      })
      .append('title')
      .text(
        (d) =>
          `${d.code}\n${formatTimecode(d.startMs)} – ${formatTimecode(d.endMs)}${d.pointEvent ? ' (point event)' : ''}\napplied: ${d.codersApplied.join(', ')}\nnot applied: ${d.codersNotApplied.join(', ')}\nclick to play from here`,
      );
    svg.append('line').attr('class', 'ag-tl-head').attr('y1', TOP - 4).attr('y2', height);
  }, [disagreements, lanes.join('\n'), width, durationMs]);

  useEffect(() => {
    d3.select(svgRef.current!).select('line.ag-tl-head').attr('x1', x(currentMs)).attr('x2', x(currentMs));
  });

  return (
    <div className="ag-timeline" ref={holder} data-testid="ag-timeline">
      {disagreements.length === 0 && <p className="muted">No disagreement: every matched stretch was coded by every chosen coder.</p>}
      <svg ref={svgRef} role="img" aria-label="Timeline of disagreements" />
    </div>
  );
}
