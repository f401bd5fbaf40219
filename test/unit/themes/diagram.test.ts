/**
 * The activity-system diagram: model (node times, links with counts, segments behind a click) on
 * the hand-countable fixture, and the layout's geometry (Engeström's triangle, mirrored second
 * system facing the shared object, radius scale, lightning links ending on the node rims).
 */
import { describe, expect, it } from 'vitest';
import { layoutDiagram, lightning, nodeRadius, R_MAX, R_MIN } from '../../../src/shared/diagram/layout';
import { buildDiagramModel, diagramSegments } from '../../../src/shared/diagram/model';
import { fixtureProject } from '../csv/fixture';

describe('buildDiagramModel', () => {
  it('one node per system × element plus the shared object; coded time as union per media', () => {
    const m = buildDiagramModel(fixtureProject());
    expect(m.systems.map((s) => s.name)).toEqual(['Researchers', 'Practitioners']);
    expect(m.nodes.length).toBe(15);
    const n = (key: string) => m.nodes.find((x) => x.key === key)!;
    // Researchers/Tools: workshop1 [10,26) union = 16 s, workshop2 [12,25) = 13 s
    expect([n('sys-r:tools').codedMs, n('sys-r:tools').segments]).toEqual([29_000, 4]);
    expect([n('sys-r:object').codedMs, n('sys-r:object').segments]).toEqual([15_250, 1]);
    // Practitioners/Rules: s2 13 s + s7 30 s
    expect([n('sys-p:rules').codedMs, n('sys-p:rules').segments]).toEqual([43_000, 2]);
    expect([n(':object').label, n(':object').codedMs, n(':object').codeIds]).toEqual(['Shared object', 12_123, ['c-shared']]);
    expect(n('sys-p:tools').codedMs).toBe(0);
    expect(n('sys-r:subject').label).toBe('Subject');
  });

  it('contradictions become links between the elements they join, with counts and levels', () => {
    const p = fixtureProject();
    p.contradictions.push({ ...p.contradictions[0], id: 'k3', coderId: 'ben', level: 'secondary', elementA: 'object', elementB: 'tools' });
    p.contradictions.push({ ...p.contradictions[0], id: 'k4', level: 'primary', elementA: 'tools', elementB: 'tools', systemB: 'sys-r', evidenceSegmentIds: ['s2'] });
    const m = buildDiagramModel(p);
    // ends and links in diagram order (systems in order, then CHAT element order), never by id
    expect(m.links).toEqual([
      // k1 (tools→object) and k3 (object→tools) join the same two nodes
      { a: 'sys-r:object', b: 'sys-r:tools', count: 2, contradictionIds: ['k1', 'k3'], levels: { secondary: 2 } },
      { a: 'sys-r:object', b: 'sys-p:rules', count: 1, contradictionIds: ['k2'], levels: { quaternary: 1 } },
      { a: 'sys-r:tools', b: 'sys-r:tools', count: 1, contradictionIds: ['k4'], levels: { primary: 1 } },
    ]);
    // coder scope: Ana coded k1 and k4 only
    expect(buildDiagramModel(p, { coderIds: ['ana'] }).links.map((l) => [l.a, l.b, l.count])).toEqual([
      ['sys-r:object', 'sys-r:tools', 1],
      ['sys-r:tools', 'sys-r:tools', 1],
    ]);
  });

  it('lists the segments behind a node and behind a link, in media/time order', () => {
    const p = fixtureProject();
    const node = diagramSegments(p, {}, { node: 'sys-r:tools' });
    expect(node.map((s) => [s.segmentId, s.mediaName, s.startMs, s.endMs, s.coderName])).toEqual([
      ['s1', 'workshop1.mp4', 10_000, 25_500, 'Ana'],
      ['s3', 'workshop1.mp4', 11_000, 26_000, 'Chloé'],
      ['s2', 'workshop1.mp4', 12_000, 25_000, 'Ben'],
      ['s6', 'workshop2.mp4', 12_000, 25_000, 'Consensus'],
    ]);
    expect(node[2].codes).toEqual(['Practitioners/Rules', 'Researchers/Tools']);
    const link = diagramSegments(p, {}, { link: { a: 'sys-r:tools', b: 'sys-r:object' } });
    expect(link.map((s) => [s.segmentId, s.contradictions])).toEqual([
      ['s1', ['secondary: template vs. brief']],
      ['s3', ['secondary: template vs. brief']],
    ]);
    // clipped to the time window
    expect(diagramSegments(p, { toMs: 11_500 }, { link: { a: 'sys-r:object', b: 'sys-r:tools' } }).map((s) => [s.segmentId, s.startMs, s.endMs])).toEqual([
      ['s1', 10_000, 11_500],
      ['s3', 11_000, 11_500],
    ]);
  });
});

describe('layoutDiagram', () => {
  const p = fixtureProject();
  p.contradictions.push({ ...p.contradictions[0], id: 'k4', level: 'primary', elementA: 'tools', elementB: 'tools', systemB: 'sys-r' });
  const L = layoutDiagram(buildDiagramModel(p));
  const at = (key: string) => L.nodes.find((n) => n.key === key)!;

  it("draws Engeström's triangle: tools at the apex, subject and object in the middle, the base below", () => {
    for (const s of ['sys-r', 'sys-p']) {
      const [tools, subject, object, rules, community, dol] = ['tools', 'subject', 'object', 'rules', 'community', 'division_of_labor'].map((e) => at(`${s}:${e}`));
      expect(tools.y).toBeLessThan(subject.y);
      expect(subject.y).toBe(object.y);
      expect(rules.y).toBe(community.y);
      expect(community.y).toBe(dol.y);
      expect(subject.y).toBeLessThan(rules.y);
      // subject and object lie on the outer edges tools–rules and tools–division of labour
      const onLine = (a: typeof tools, b: typeof tools, c: typeof tools) => Math.abs((b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x));
      expect(onLine(tools, rules, subject)).toBeLessThan(1e-6);
      expect(onLine(tools, dol, object)).toBeLessThan(1e-6);
      expect(community.x).toBeCloseTo((rules.x + dol.x) / 2, 6);
      expect(tools.x).toBeCloseTo(community.x, 6);
    }
    // the two systems face each other across the shared object
    const shared = at(':object');
    expect(at('sys-r:subject').x).toBeLessThan(at('sys-r:object').x);
    expect(at('sys-r:object').x).toBeLessThan(shared.x);
    expect(shared.x).toBeLessThan(at('sys-p:object').x);
    expect(at('sys-p:object').x).toBeLessThan(at('sys-p:subject').x);
    expect(shared.x).toBe(L.width / 2);
    expect(shared.y).toBe(at('sys-r:object').y);
    for (const n of L.nodes) {
      expect(n.x - n.r).toBeGreaterThanOrEqual(0);
      expect(n.x + n.r).toBeLessThanOrEqual(L.width);
      expect(n.y - n.r).toBeGreaterThanOrEqual(0);
      expect(n.y + n.r).toBeLessThanOrEqual(L.height);
    }
    expect(L.edges.length).toBe(18);
    expect(L.titles.map((t) => t.text)).toEqual(['Researchers', 'Practitioners']);
  });

  it('sizes nodes by coded time (area ∝ time)', () => {
    expect(nodeRadius(0, 1000)).toBe(R_MIN);
    expect(nodeRadius(1000, 1000)).toBe(R_MAX);
    expect(nodeRadius(250, 1000)).toBe(R_MIN + (R_MAX - R_MIN) / 2);
    expect(at('sys-p:rules').r).toBe(R_MAX); // 43 s, the most coded node
    expect(at('sys-p:tools').r).toBe(R_MIN);
  });

  it('draws each contradiction as a zigzag from rim to rim, a primary one as a loop on its node', () => {
    const pts = lightning({ x: 0, y: 0 }, { x: 100, y: 0 }, { teeth: 4, amp: 5 }).points;
    const expected = [
      { x: 0, y: 0 },
      { x: 20, y: 5 },
      { x: 40, y: -5 },
      { x: 60, y: 5 },
      { x: 80, y: -5 },
      { x: 100, y: 0 },
    ];
    expect(pts.length).toBe(expected.length);
    pts.forEach((p, i) => {
      expect(p.x).toBeCloseTo(expected[i].x, 9);
      expect(p.y).toBeCloseTo(expected[i].y, 9);
    });
    const ends = (d: string) => {
      const nums = [...d.matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]) }));
      return [nums[0], nums[nums.length - 1]];
    };
    const dist = (p: { x: number; y: number }, n: { x: number; y: number }) => Math.hypot(p.x - n.x, p.y - n.y);
    const q = L.links.find((l) => l.b === 'sys-p:rules')!;
    const [s, e] = ends(q.d);
    expect(dist(s, at('sys-r:object'))).toBeCloseTo(at('sys-r:object').r + 2, 0);
    expect(dist(e, at('sys-p:rules'))).toBeCloseTo(at('sys-p:rules').r + 2, 0);
    expect(q.d.split('L').length).toBeGreaterThan(5); // zigzag, not a straight line
    const self = L.links.find((l) => l.a === l.b)!;
    const [s2, e2] = ends(self.d);
    expect(dist(s2, at('sys-r:tools'))).toBeCloseTo(at('sys-r:tools').r, 0);
    expect(dist(e2, at('sys-r:tools'))).toBeCloseTo(at('sys-r:tools').r, 0);
    // the loop goes out of the triangle: above the apex
    expect(self.labelY).toBeLessThan(at('sys-r:tools').y - at('sys-r:tools').r);
  });
});
