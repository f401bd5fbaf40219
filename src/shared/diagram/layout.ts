/**
 * Layout maths of the third-generation activity-system diagram (pure; the renderer draws it with d3).
 *
 * Each activity system is Engeström's triangle: the mediating tools at the apex, the subject and
 * the object at the middle corners (on the two upper edges), rules, community and division of
 * labour along the base. Systems come in pairs facing each other (the second one mirrored) so
 * that their objects point at the shared object drawn between them; the outcome sits just beyond
 * each system's object, towards the shared object. More than two systems: further pairs below.
 *
 * Node radius grows with the square root of the node's coded time (area ∝ time), between
 * R_MIN (no coded time) and R_MAX (the node with the most coded time).
 *
 * Contradictions are "lightning" links: a zigzag along a gently bent curve between the two node
 * rims (so a link never hides a triangle edge), with the count at its middle. A primary
 * contradiction (both ends one node) is a zigzag loop outside the node, away from its triangle.
 */
import type { ChatElement } from '../domain';
import type { DiagramLink, DiagramModel, DiagramNode } from './model';

export const R_MIN = 14;
export const R_MAX = 40;

/** Triangle geometry for one system drawn in a box of TRI_W × TRI_H. */
const TRI_W = 330;
const TRI_H = 330;
const GAP = 250; // between the two triangles of a pair (room for outcomes and the shared object)
const MARGIN_X = 56;
const TITLE_H = 112; // system name, and room above the apex for a primary contradiction's loop
const BELOW = 64; // under the base: node labels
const PAIR_H = TITLE_H + TRI_H + BELOW;
const SHARED_STEP = 110;

export interface Point {
  x: number;
  y: number;
}

export interface LaidNode extends DiagramNode {
  x: number;
  y: number;
  r: number;
}

export interface LaidLink extends DiagramLink {
  /** SVG path data of the zigzag. */
  d: string;
  /** Where the count badge goes. */
  labelX: number;
  labelY: number;
}

export interface Segment2 {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface DiagramLayout {
  width: number;
  height: number;
  nodes: LaidNode[];
  links: LaidLink[];
  /** The triangles' edges (rim to rim). */
  edges: Segment2[];
  /** Arrows object → outcome and object → shared object (rim to rim, the arrow head at the end). */
  arrows: Segment2[];
  /** System names above their triangles, at the outer corner (the apex keeps room for loops). */
  titles: { x: number; y: number; text: string; anchor: 'start' | 'end' }[];
}

/** Engeström's triangle: position of each element in a triangle whose object faces +x (f = 1) or −x (f = −1). */
function elementPoint(e: ChatElement, cx: number, top: number, f: number): Point {
  const half = TRI_W / 2;
  const bottom = top + TRI_H;
  const mid = top + TRI_H / 2;
  switch (e) {
    case 'tools':
      return { x: cx, y: top };
    case 'subject':
      return { x: cx - (f * half) / 2, y: mid };
    case 'object':
      return { x: cx + (f * half) / 2, y: mid };
    case 'rules':
      return { x: cx - f * half, y: bottom };
    case 'community':
      return { x: cx, y: bottom };
    case 'division_of_labor':
      return { x: cx + f * half, y: bottom };
    case 'outcome':
      return { x: cx + f * (half / 2 + 100), y: mid - 92 };
  }
}

/** The triangle's lines (Engeström 1987): outer triangle tools–rules–DoL through subject/object, subject–object, and the inner V to community. */
const TRIANGLE_EDGES: [ChatElement, ChatElement][] = [
  ['tools', 'subject'],
  ['subject', 'rules'],
  ['tools', 'object'],
  ['object', 'division_of_labor'],
  ['rules', 'community'],
  ['community', 'division_of_labor'],
  ['subject', 'object'],
  ['subject', 'community'],
  ['object', 'community'],
];

/** Radius for a coded time: sqrt scale from R_MIN (0) to R_MAX (maxMs). */
export function nodeRadius(codedMs: number, maxMs: number): number {
  if (!(maxMs > 0) || !(codedMs > 0)) return R_MIN;
  return R_MIN + (R_MAX - R_MIN) * Math.sqrt(Math.min(1, codedMs / maxMs));
}

/** `p` moved `dist` towards `q`. */
function toward(p: Point, q: Point, dist: number): Point {
  const dx = q.x - p.x;
  const dy = q.y - p.y;
  const len = Math.hypot(dx, dy) || 1;
  return { x: p.x + (dx / len) * dist, y: p.y + (dy / len) * dist };
}

const round = (v: number) => Math.round(v * 10) / 10;
const pathOf = (pts: Point[]) => pts.map((p, i) => `${i === 0 ? 'M' : 'L'}${round(p.x)},${round(p.y)}`).join('');

/**
 * A lightning-style zigzag from p to q along a quadratic curve bent by `bend` (signed distance of
 * the curve's middle from the chord; positive = to the left when walking from p to q).
 * `teeth` zigzag corners alternate ±amp perpendicular to the chord; the ends are exact.
 * Returns the path's points (first = p, last = q) and the curve's middle.
 */
export function lightning(p: Point, q: Point, opts: { bend?: number; teeth?: number; amp?: number } = {}): { points: Point[]; mid: Point } {
  const bend = opts.bend ?? 0;
  const amp = opts.amp ?? 6;
  const dx = q.x - p.x;
  const dy = q.y - p.y;
  const len = Math.hypot(dx, dy) || 1;
  const teeth = opts.teeth ?? Math.max(4, Math.min(14, Math.round(len / 22)));
  const nx = -dy / len; // left normal (SVG y points down: "left" of the walking direction on screen)
  const ny = dx / len;
  // quadratic Bézier control point so that the curve's middle is `bend` from the chord's middle
  const c = { x: (p.x + q.x) / 2 + nx * 2 * bend, y: (p.y + q.y) / 2 + ny * 2 * bend };
  const at = (t: number): Point => ({
    x: (1 - t) * (1 - t) * p.x + 2 * (1 - t) * t * c.x + t * t * q.x,
    y: (1 - t) * (1 - t) * p.y + 2 * (1 - t) * t * c.y + t * t * q.y,
  });
  const points: Point[] = [p];
  for (let i = 1; i <= teeth; i++) {
    const t = i / (teeth + 1);
    const b = at(t);
    const s = i % 2 === 1 ? amp : -amp;
    points.push({ x: b.x + nx * s, y: b.y + ny * s });
  }
  points.push(q);
  return { points, mid: at(0.5) };
}

/** Lays out the model; the link shapes depend on the node radii, hence one function. */
export function layoutDiagram(model: DiagramModel): DiagramLayout {
  const nSys = model.systems.length;
  const pairs = Math.max(1, Math.ceil(nSys / 2));
  const width = MARGIN_X * 2 + TRI_W * 2 + GAP;
  const centerX = width / 2;
  const maxMs = Math.max(0, ...model.nodes.map((n) => n.codedMs));
  const pos = new Map<string, LaidNode>();
  const titles: DiagramLayout['titles'] = [];

  const topOf = (pair: number) => pair * PAIR_H + TITLE_H;
  const cxOf = (side: number) => (side === 0 ? MARGIN_X + TRI_W / 2 : width - MARGIN_X - TRI_W / 2);
  model.systems.forEach((s, i) => {
    const pair = Math.floor(i / 2);
    const side = i % 2;
    titles.push(side === 0 ? { x: MARGIN_X - 40, y: pair * PAIR_H + 30, text: s.name, anchor: 'start' } : { x: width - MARGIN_X + 40, y: pair * PAIR_H + 30, text: s.name, anchor: 'end' });
  });

  // Shared nodes: the shared object between the first pair's objects, any other below it.
  const sharedMid = topOf(0) + TRI_H / 2;
  let sharedK = 0;
  for (const n of model.nodes) {
    let p: Point;
    if (n.systemIndex >= 0) {
      const pair = Math.floor(n.systemIndex / 2);
      const side = n.systemIndex % 2;
      p = elementPoint(n.element, cxOf(side), topOf(pair), side === 0 ? 1 : -1);
    } else {
      p = n.element === 'object' ? { x: centerX, y: sharedMid } : { x: centerX, y: sharedMid + SHARED_STEP * ++sharedK };
    }
    pos.set(n.key, { ...n, x: p.x, y: p.y, r: nodeRadius(n.codedMs, maxMs) });
  }
  const height = Math.max(pairs * PAIR_H, sharedMid + SHARED_STEP * sharedK + R_MAX + BELOW);

  const rimToRim = (a: LaidNode, b: LaidNode): Segment2 => {
    const p = toward(a, b, a.r);
    const q = toward(b, a, b.r);
    return { x1: round(p.x), y1: round(p.y), x2: round(q.x), y2: round(q.y) };
  };
  const edges: Segment2[] = [];
  const arrows: Segment2[] = [];
  const sharedObject = [...pos.values()].find((n) => n.systemIndex < 0 && n.element === 'object');
  model.systems.forEach((s) => {
    const get = (e: ChatElement) => pos.get(`${s.id}:${e}`)!;
    for (const [a, b] of TRIANGLE_EDGES) edges.push(rimToRim(get(a), get(b)));
    arrows.push(rimToRim(get('object'), get('outcome')));
    if (sharedObject) arrows.push(rimToRim(get('object'), sharedObject));
  });

  // The centre links bend away from when both sides are free: the middle of the first pair.
  const centre: Point = { x: centerX, y: topOf(0) + TRI_H / 2 };
  const links: LaidLink[] = model.links.map((l) => {
    const a = pos.get(l.a)!;
    const b = pos.get(l.b)!;
    if (l.a === l.b) return { ...l, ...selfLoop(a) };
    const p = toward(a, b, a.r + 2);
    const q = toward(b, a, b.r + 2);
    const len = Math.hypot(q.x - p.x, q.y - p.y);
    // bend to the side where the curve's middle keeps the most room from the other nodes (so
    // that its count badge is never hidden by a node or its label); ties: away from the centre
    const m = { x: (p.x + q.x) / 2, y: (p.y + q.y) / 2 };
    const nx = -(q.y - p.y) / (len || 1);
    const ny = (q.x - p.x) / (len || 1);
    const size = Math.min(70, Math.max(24, len * 0.18));
    const room = (sign: number) => {
      const cx = m.x + nx * size * sign;
      const cy = m.y + ny * size * sign;
      let best = Infinity;
      for (const o of pos.values()) {
        if (o.key === a.key || o.key === b.key) continue;
        // a node's label hangs below it: measure to the node and to its label
        best = Math.min(best, Math.hypot(cx - o.x, cy - o.y) - o.r, Math.hypot(cx - o.x, cy - (o.y + o.r + 20)) - 30);
      }
      return Math.min(best, 60);
    };
    const away = (m.x - centre.x) * nx + (m.y - centre.y) * ny >= 0 ? 1 : -1;
    const ra = room(away);
    const rb = room(-away);
    const bend = (rb > ra + 1 ? -away : away) * size;
    const { points, mid } = lightning(p, q, { bend });
    return { ...l, d: pathOf(points), labelX: round(mid.x), labelY: round(mid.y) };
  });

  return { width, height, nodes: [...pos.values()], links, edges, arrows, titles };
}

/** A zigzag loop leaving and re-entering the node's rim on the side away from its triangle. */
function selfLoop(n: LaidNode): { d: string; labelX: number; labelY: number } {
  let ux = 0;
  let uy = -1;
  if (n.systemIndex >= 0) {
    // away from the triangle's centroid (roughly: outward)
    const pair = Math.floor(n.systemIndex / 2);
    const cx = n.systemIndex % 2 === 0 ? MARGIN_X + TRI_W / 2 : MARGIN_X + TRI_W * 1.5 + GAP;
    const cy = pair * PAIR_H + TITLE_H + (TRI_H * 2) / 3;
    const dx = n.x - cx;
    const dy = n.y - cy;
    const len = Math.hypot(dx, dy);
    if (len > 1) {
      ux = dx / len;
      uy = dy / len;
    }
  }
  const ang = Math.atan2(uy, ux);
  const spread = 0.55;
  const p = { x: n.x + n.r * Math.cos(ang - spread), y: n.y + n.r * Math.sin(ang - spread) };
  const q = { x: n.x + n.r * Math.cos(ang + spread), y: n.y + n.r * Math.sin(ang + spread) };
  const tip = { x: n.x + (n.r + 46) * ux, y: n.y + (n.r + 46) * uy };
  const first = lightning(p, tip, { teeth: 3, amp: 4 }).points;
  const second = lightning(tip, q, { teeth: 3, amp: 4 }).points;
  return { d: pathOf([...first, ...second.slice(1)]), labelX: round(tip.x + ux * 12), labelY: round(tip.y + uy * 12) };
}
