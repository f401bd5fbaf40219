/**
 * The third-generation activity-system diagram (d3): one Engeström triangle per activity system,
 * the shared object between them, nodes sized by coded time and labelled with it, contradictions
 * as zigzag "lightning" links with their count. Clicking a node or a link lists its segments.
 * Every style is an SVG attribute so the exported SVG/PNG looks the same as the screen.
 */
import * as d3 from 'd3';
import { useEffect, useMemo, useRef, useState } from 'react';
import { ELEMENT_COLORS } from '../../../shared/codebook';
import { CONTRADICTION_LEVEL_LABELS, CONTRADICTION_LEVELS } from '../../../shared/domain';
import { layoutDiagram, type LaidLink, type LaidNode } from '../../../shared/diagram/layout';
import type { DiagramModel } from '../../../shared/diagram/model';
import { formatHms } from '../../../shared/time';
import { useApp } from '../../store';
import { downloadBlob, fileBase, svgText, svgToPng } from './download';
import type { DiagramTarget } from './slice';

const FONT = "system-ui, 'Segoe UI', 'DejaVu Sans', sans-serif";
const LINK = '#c0392b';
const SHARED = '#ff9d3a';

function nodeColor(n: LaidNode): string {
  return n.systemIndex < 0 ? SHARED : ELEMENT_COLORS[n.element][n.systemIndex % 2];
}

function linkTitle(l: LaidLink, label: (k: string) => string): string {
  const levels = CONTRADICTION_LEVELS.filter((x) => l.levels[x]).map((x) => `${l.levels[x]} ${CONTRADICTION_LEVEL_LABELS[x].toLowerCase()}`);
  return `${l.count} contradiction${l.count > 1 ? 's' : ''}: ${label(l.a)}${l.a === l.b ? '' : ` ↔ ${label(l.b)}`} (${levels.join(', ')})`;
}

function draw(svg: SVGSVGElement, model: DiagramModel, target: DiagramTarget | null, select: (t: DiagramTarget) => void): void {
  const L = layoutDiagram(model);
  const byKey = new Map(L.nodes.map((n) => [n.key, n]));
  const fullLabel = (k: string) => {
    const n = byKey.get(k)!;
    const sys = n.systemIndex >= 0 ? model.systems[n.systemIndex]!.name : '';
    return sys ? `${sys} · ${n.label}` : n.label;
  };
  const root = d3.select(svg);
  root.selectAll('*').remove();
  root.attr('width', L.width).attr('height', L.height).attr('viewBox', `0 0 ${L.width} ${L.height}`).attr('font-family', FONT);
  root.append('rect').attr('width', L.width).attr('height', L.height).attr('fill', '#ffffff');
  const defs = root.append('defs');
  defs.append('marker').attr('id', 'th-arrow').attr('viewBox', '0 0 10 10').attr('refX', 9).attr('refY', 5).attr('markerWidth', 7).attr('markerHeight', 7).attr('orient', 'auto-start-reverse')
    .append('path').attr('d', 'M0,0L10,5L0,10z').attr('fill', '#6b7280');

  root.append('g').selectAll('text').data(L.titles).join('text')
    .attr('x', (t) => t.x).attr('y', (t) => t.y).attr('text-anchor', (t) => t.anchor).attr('font-size', 17).attr('font-weight', 700).attr('fill', '#1d2430').text((t) => t.text);
  root.append('g').selectAll('line').data(L.edges).join('line')
    .attr('x1', (e) => e.x1).attr('y1', (e) => e.y1).attr('x2', (e) => e.x2).attr('y2', (e) => e.y2).attr('stroke', '#9aa3af').attr('stroke-width', 1.5);
  root.append('g').selectAll('line').data(L.arrows).join('line')
    .attr('x1', (e) => e.x1).attr('y1', (e) => e.y1).attr('x2', (e) => e.x2).attr('y2', (e) => e.y2)
    .attr('stroke', '#6b7280').attr('stroke-width', 1.5).attr('stroke-dasharray', '5 4').attr('marker-end', 'url(#th-arrow)');

  const isSel = (l: LaidLink) => target?.kind === 'link' && target.a === l.a && target.b === l.b;
  const linkTarget = (l: LaidLink): DiagramTarget => ({ kind: 'link', a: l.a, b: l.b, label: linkTitle(l, fullLabel) });
  const links = root.append('g').selectAll('g').data(L.links).join('g')
    .attr('cursor', 'pointer').attr('role', 'button').attr('tabindex', 0).attr('data-testid', 'diagram-link')
    .attr('aria-label', (l) => linkTitle(l, fullLabel))
    .on('click', (_e, l) => select(linkTarget(l)))
    .on('keydown', (e: KeyboardEvent, l) => { if (e.key === 'Enter' || e.key === ' ') select(linkTarget(l)); });
  links.append('title').text((l) => linkTitle(l, fullLabel));
  links.append('path').attr('d', (l) => l.d).attr('fill', 'none').attr('stroke', '#ffffff').attr('stroke-width', (l) => 6 + Math.min(l.count, 6)).attr('stroke-linejoin', 'round');
  links.append('path').attr('d', (l) => l.d).attr('fill', 'none').attr('stroke', (l) => (isSel(l) ? '#1d2430' : LINK))
    .attr('stroke-width', (l) => 1.6 + Math.min(l.count, 6) * 0.45).attr('stroke-linejoin', 'miter');

  const nodeTarget = (n: LaidNode): DiagramTarget => ({ kind: 'node', key: n.key, label: fullLabel(n.key) });
  const nodes = root.append('g').selectAll('g').data(L.nodes).join('g')
    .attr('transform', (n) => `translate(${n.x},${n.y})`)
    .attr('cursor', 'pointer').attr('role', 'button').attr('tabindex', 0).attr('data-testid', 'diagram-node').attr('data-key', (n) => n.key)
    .attr('aria-label', (n) => `${n.label} ${n.codedMs > 0 ? formatHms(n.codedMs) : '—'}: ${fullLabel(n.key)}, coded in ${n.segments} segment${n.segments === 1 ? '' : 's'}`)
    .on('click', (_e, n) => select(nodeTarget(n)))
    .on('keydown', (e: KeyboardEvent, n) => { if (e.key === 'Enter' || e.key === ' ') select(nodeTarget(n)); });
  // the tooltip sits on the circle, so the node's visible text is its label and time (its accessible name starts with them)
  nodes.append('circle').attr('r', (n) => n.r)
    .attr('fill', (n) => nodeColor(n)).attr('fill-opacity', (n) => (n.codedMs > 0 ? 0.28 : 0.08))
    .attr('stroke', (n) => (target?.kind === 'node' && target.key === n.key ? '#1d2430' : nodeColor(n)))
    .attr('stroke-width', (n) => (target?.kind === 'node' && target.key === n.key ? 3.5 : 2))
    .attr('stroke-dasharray', (n) => (n.codedMs > 0 ? null : '3 3'));
  nodes.select('circle').append('title').text((n) => `${fullLabel(n.key)}\n${formatHms(n.codedMs)} coded · ${n.segments} segment${n.segments === 1 ? '' : 's'}`);
  const label = nodes.append('text').attr('text-anchor', 'middle').attr('paint-order', 'stroke').attr('stroke', '#ffffff').attr('stroke-width', 4).attr('stroke-linejoin', 'round');
  label.append('tspan').attr('x', 0).attr('y', (n) => n.r + 15).attr('font-size', 13).attr('font-weight', 600).attr('fill', '#1d2430').text((n) => `${n.label} `); // the space separates label and time for assistive technology
  label.append('tspan').attr('x', 0).attr('y', (n) => n.r + 29).attr('font-size', 11.5).attr('fill', '#4b5563').text((n) => (n.codedMs > 0 ? formatHms(n.codedMs) : '—'));

  // count badges last, above nodes and labels; clicking one selects its link
  const badges = root.append('g').selectAll('g').data(L.links).join('g')
    .attr('cursor', 'pointer').attr('data-testid', 'diagram-badge').attr('aria-hidden', 'true')
    .on('click', (_e, l) => select(linkTarget(l)));
  badges.append('title').text((l) => linkTitle(l, fullLabel));
  badges.append('circle').attr('cx', (l) => l.labelX).attr('cy', (l) => l.labelY).attr('r', 10).attr('fill', '#ffffff').attr('stroke', (l) => (isSel(l) ? '#1d2430' : LINK)).attr('stroke-width', 1.5);
  badges.append('text').attr('x', (l) => l.labelX).attr('y', (l) => l.labelY + 4).attr('text-anchor', 'middle').attr('font-size', 12).attr('font-weight', 700).attr('fill', LINK).text((l) => l.count);
}

export function ChatDiagram() {
  const model = useApp((s) => s.board?.diagram);
  const target = useApp((s) => s.diagramTarget);
  const select = useApp((s) => s.selectDiagram);
  const projectName = useApp((s) => s.project?.name ?? 'project');
  const ref = useRef<SVGSVGElement>(null);
  const [error, setError] = useState<string | null>(null);
  const hasSystems = useMemo(() => (model?.systems.length ?? 0) > 0, [model]);

  useEffect(() => {
    if (ref.current && model) draw(ref.current, model, target, (t) => void select(t));
  }, [model, target, select]);

  if (!model) return null;
  const base = `${fileBase(projectName)}-activity-systems`;
  return (
    <figure className="th-diagram" aria-label="Activity-system diagram">
      <figcaption className="row">
        <strong>Activity systems</strong>
        <span className="muted">Node size and label: coded time · red zigzags: coded contradictions (count) · click a node or a contradiction to list its segments</span>
        <span className="spacer" />
        <button onClick={() => ref.current && downloadBlob(`${base}.svg`, new Blob([svgText(ref.current)], { type: 'image/svg+xml;charset=utf-8' }))}>Download SVG</button>
        <button
          onClick={() => {
            if (!ref.current) return;
            svgToPng(ref.current).then((b) => downloadBlob(`${base}.png`, b), (e: Error) => setError(e.message));
          }}
        >
          Download PNG
        </button>
      </figcaption>
      {error && <p className="error">{error}</p>}
      {hasSystems ? <svg ref={ref} data-testid="chat-diagram" role="group" aria-label="Third-generation activity-system diagram" /> : <p className="empty-hint">The codebook has no activity system.</p>}
    </figure>
  );
}
