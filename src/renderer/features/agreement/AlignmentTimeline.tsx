/**
 * γ's best alignment: one lane per coder, each unit a bar in its code's colour, and a line
 * joining the units of each unitary alignment (lane to lane). Click a unit: the video seeks to
 * its start. Same time axis as the disagreement timeline.
 */
import * as d3 from 'd3';
import { useEffect, useRef, useState } from 'react';
import type { AgreementGammaResult } from '../../../shared/contract/agreement';
import { formatTimecode } from '../../../shared/time';
import { axisTimecode } from '../../../shared/timeline/ticks';
import { useApp } from '../../store';

const LANE = 30;
const LEFT = 210;
const TOP = 22;
const BAR = 12;

type Unit = AgreementGammaResult['units'][number][number];

export function AlignmentTimeline({ gamma, durationMs, colorOf }: { gamma: AgreementGammaResult; durationMs: number; colorOf: Map<string, string> }) {
  const holder = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const [width, setWidth] = useState(800);

  useEffect(() => {
    const el = holder.current!;
    const ro = new ResizeObserver(() => setWidth(Math.max(300, el.clientWidth)));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  useEffect(() => {
    const x = d3.scaleLinear().domain([0, Math.max(1, durationMs)]).range([LEFT, width - 10]);
    const svg = d3.select(svgRef.current!);
    svg.selectAll('*').remove();
    const height = TOP + gamma.coders.length * LANE + 4;
    svg.attr('width', width).attr('height', height);
    const barY = (lane: number) => TOP + lane * LANE + (LANE - BAR) / 2;
    const mid = (u: Unit) => x((u.startMs + u.endMs) / 2);
    svg.append('g').attr('class', 'ag-tl-axis').attr('transform', `translate(0,${TOP - 4})`)
      .call(d3.axisTop(x).ticks(Math.max(2, Math.floor((width - LEFT) / 90))).tickFormat((v) => axisTimecode(Number(v))));
    gamma.coders.forEach((name, lane) => {
      svg.append('rect').attr('x', LEFT).attr('y', TOP + lane * LANE).attr('width', Math.max(0, width - 10 - LEFT)).attr('height', LANE - 2).attr('fill', lane % 2 ? '#f7f6f3' : '#fbfaf8');
      svg.append('text').attr('class', 'lane-label').attr('x', LEFT - 8).attr('y', TOP + lane * LANE + LANE / 2 + 3).attr('text-anchor', 'end').text(name);
    });
    // Links first, so bars sit on top: consecutive non-empty lanes of each unitary alignment.
    const links: { a: [number, Unit]; b: [number, Unit]; disorder: number }[] = [];
    for (const ua of gamma.alignment) {
      const present = ua.units.flatMap((i, lane) => (i === null ? [] : [[lane, gamma.units[lane]![i]!] as [number, Unit]]));
      for (let k = 1; k < present.length; k++) links.push({ a: present[k - 1]!, b: present[k]!, disorder: ua.disorder });
    }
    svg.selectAll('line.ag-link').data(links).join('line').attr('class', 'ag-link').attr('data-testid', 'ag-align-link')
      .attr('x1', (l) => mid(l.a[1])).attr('y1', (l) => barY(l.a[0]) + BAR).attr('x2', (l) => mid(l.b[1])).attr('y2', (l) => barY(l.b[0]))
      .append('title').text((l) => `paired: ${l.a[1].code} and ${l.b[1].code}\nunitary disorder ${l.disorder.toFixed(3)}`);
    const bars = gamma.units.flatMap((us, lane) => us.map((u) => ({ u, lane })));
    svg.selectAll('rect.ag-unit').data(bars).join('rect').attr('class', 'ag-unit').attr('data-testid', 'ag-align-unit')
      .attr('x', (d) => x(d.u.startMs)).attr('y', (d) => barY(d.lane)).attr('width', (d) => Math.max(2, x(d.u.endMs) - x(d.u.startMs))).attr('height', BAR).attr('rx', 2)
      .attr('fill', (d) => colorOf.get(d.u.code) ?? '#888')
      .on('click', (_, d) => useApp.getState().seek(d.u.startMs))
      .append('title').text((d) => `${gamma.coders[d.lane]}: ${d.u.code}\n${formatTimecode(d.u.startMs)} – ${formatTimecode(d.u.endMs)}\nclick to play from here`);
  }, [gamma, width, durationMs, colorOf]);

  return (
    <div className="ag-timeline" ref={holder} data-testid="ag-alignment">
      <svg ref={svgRef} role="img" aria-label="Best alignment of the coders' units (gamma)" />
    </div>
  );
}
