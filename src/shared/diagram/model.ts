/**
 * What the activity-system diagram shows (pure): one node per activity system × CHAT element,
 * the shared object(s), and one link per pair of nodes joined by coded contradictions.
 *
 * - A node's codes are the element codes (kind `element`) with that element and system; the
 *   shared object node has the element codes with no system (normally "Shared object").
 * - codedMs: union of the node's coded segment ranges per media, summed over media (as the
 *   thematic export's coded time; coders overlapping each other count once); segments: the
 *   number of segment × code pairs.
 * - Links: in-scope contradictions (coder scope; media/time via their evidence, as in the
 *   contradictions export) grouped by their unordered pair of ends; a primary contradiction (both
 *   ends the same node) is a self-link. An end whose system is unknown or absent and whose
 *   element is not a shared one gets its own system-less node.
 */
import { CHAT_ELEMENTS, CHAT_ELEMENT_LABELS, CONTRADICTION_LEVELS, type ChatElement, type ContradictionLevel, type ProjectSnapshot, type Uuid } from '../domain';
import { scopedContradiction } from '../csv/contradictions';
import { clipToScope, cmpStr, indexProject, resolveScope, scopedCodings, type ExportFilters, type ScopedCoding } from '../csv/scope';
import { codedMsOf } from '../csv/thematic';
import { pushTo } from '../collections';

/** Elements drawn in each triangle (outcome included, beyond the object). */
export const DIAGRAM_ELEMENTS: readonly ChatElement[] = CHAT_ELEMENTS;

export interface DiagramNode {
  /** "<systemId>:<element>", or ":<element>" for system-less (shared) nodes. */
  key: string;
  systemId: Uuid | null;
  /** Index of the system in the diagram (sortOrder), -1 for shared nodes. */
  systemIndex: number;
  element: ChatElement;
  label: string;
  codeIds: Uuid[];
  codedMs: number;
  segments: number;
}

export interface DiagramLink {
  /** Keys of the two ends in diagram order (systems in order, then CHAT element order; equal for a primary contradiction). */
  a: string;
  b: string;
  count: number;
  contradictionIds: Uuid[];
  levels: Partial<Record<ContradictionLevel, number>>;
}

export interface DiagramSystem {
  id: Uuid;
  name: string;
}

export interface DiagramModel {
  systems: DiagramSystem[];
  nodes: DiagramNode[];
  links: DiagramLink[];
}

export const nodeKey = (systemId: Uuid | null, element: ChatElement): string => `${systemId ?? ''}:${element}`;

/** Builds the diagram's nodes and links for the export scope (code/theme filters are ignored). */
export function buildDiagramModel(snapshot: ProjectSnapshot, filters: ExportFilters = {}): DiagramModel {
  const ix = indexProject(snapshot);
  const scope = resolveScope(snapshot, { ...filters, codeIds: undefined, themeIds: undefined });
  const systems = [...snapshot.systems].sort((a, b) => a.sortOrder - b.sortOrder || cmpStr(a.name, b.name) || cmpStr(a.id, b.id));
  const sysIndex = new Map(systems.map((s, i) => [s.id, i]));
  const nodes = new Map<string, DiagramNode>();
  const node = (systemId: Uuid | null, element: ChatElement): DiagramNode => {
    const sid = systemId !== null && sysIndex.has(systemId) ? systemId : null;
    const key = nodeKey(sid, element);
    let n = nodes.get(key);
    if (!n) {
      n = {
        key,
        systemId: sid,
        systemIndex: sid ? sysIndex.get(sid)! : -1,
        element,
        label: sid ? CHAT_ELEMENT_LABELS[element] : element === 'object' ? 'Shared object' : `Shared ${CHAT_ELEMENT_LABELS[element].toLowerCase()}`,
        codeIds: [],
        codedMs: 0,
        segments: 0,
      };
      nodes.set(key, n);
    }
    return n;
  };
  for (const s of systems) for (const e of DIAGRAM_ELEMENTS) node(s.id, e);
  const codeNode = new Map<Uuid, DiagramNode>();
  for (const c of snapshot.codes) {
    if (c.kind !== 'element' || c.element === null) continue;
    const n = node(c.systemId, c.element);
    n.codeIds.push(c.id);
    codeNode.set(c.id, n);
  }
  if (![...nodes.values()].some((n) => n.systemId === null && n.element === 'object') && systems.length >= 2) node(null, 'object');

  const codingsOf = new Map<string, ScopedCoding[]>();
  for (const c of scopedCodings(snapshot, ix, scope)) {
    const n = codeNode.get(c.code.id);
    if (!n) continue;
    n.segments++;
    pushTo(codingsOf, n.key, c);
  }
  for (const [key, list] of codingsOf) nodes.get(key)!.codedMs = codedMsOf(list);

  // diagram order: systems in their order, then the elements in CHAT order, shared nodes last
  // (never the random ids, so a link reads the same way in every project and every run)
  const order = (n: DiagramNode) => (n.systemIndex < 0 ? systems.length : n.systemIndex) * 100 + CHAT_ELEMENTS.indexOf(n.element);
  const links = new Map<string, DiagramLink>();
  for (const k of snapshot.contradictions) {
    if (scopedContradiction(k, scope, ix, false) === null) continue;
    const na = node(k.systemA, k.elementA);
    const nb = node(k.systemB, k.elementB);
    const [a, b] = order(na) <= order(nb) ? [na.key, nb.key] : [nb.key, na.key];
    const id = `${a}|${b}`;
    let l = links.get(id);
    if (!l) links.set(id, (l = { a, b, count: 0, contradictionIds: [], levels: {} }));
    l.count++;
    l.contradictionIds.push(k.id);
    l.levels[k.level] = (l.levels[k.level] ?? 0) + 1;
  }
  const rank = (key: string) => order(nodes.get(key)!);
  return {
    systems: systems.map((s) => ({ id: s.id, name: s.name })),
    nodes: [...nodes.values()].sort((x, y) => order(x) - order(y)),
    links: [...links.values()].sort((x, y) => rank(x.a) - rank(y.a) || rank(x.b) - rank(y.b)),
  };
}

/** One segment listed when a node or link is clicked. */
export interface DiagramSegment {
  segmentId: Uuid;
  mediaId: Uuid;
  mediaName: string;
  coderName: string;
  /** Clipped to the scope's time window. */
  startMs: number;
  endMs: number;
  note: string;
  /** Code paths of the segment's codes. */
  codes: string[];
  /** For a link: the contradiction(s) this segment is evidence of, as "level: note". */
  contradictions?: string[];
}

const LEVEL_ORDER = (l: ContradictionLevel) => CONTRADICTION_LEVELS.indexOf(l);

/**
 * Segments behind a node (segments coded with its element codes) or a link (evidence segments of
 * its contradictions), in the export order (media name, start, end, coder).
 */
export function diagramSegments(
  snapshot: ProjectSnapshot,
  filters: ExportFilters,
  target: { node: string } | { link: { a: string; b: string } },
): DiagramSegment[] {
  const ix = indexProject(snapshot);
  const scope = resolveScope(snapshot, { ...filters, codeIds: undefined, themeIds: undefined });
  const model = buildDiagramModel(snapshot, filters);
  const out = new Map<Uuid, DiagramSegment>();
  const add = (segId: Uuid, t: [number, number]) => {
    let d = out.get(segId);
    if (d) return d;
    const s = ix.segmentById.get(segId)!;
    d = {
      segmentId: s.id,
      mediaId: s.mediaId,
      mediaName: ix.mediaById.get(s.mediaId)?.name ?? '',
      coderName: ix.coderById.get(s.coderId)?.name ?? '',
      startMs: t[0],
      endMs: t[1],
      note: s.note,
      codes: s.codeIds.map((c) => ix.pathById.get(c)).filter((p): p is string => p !== undefined).sort(cmpStr),
    };
    out.set(segId, d);
    return d;
  };
  if ('node' in target) {
    const n = model.nodes.find((x) => x.key === target.node);
    if (n) {
      const codes = new Set(n.codeIds);
      for (const c of scopedCodings(snapshot, ix, scope)) if (codes.has(c.code.id)) add(c.segment.id, [c.startMs, c.endMs]);
    }
  } else {
    const { a, b } = target.link;
    const l = model.links.find((x) => (x.a === a && x.b === b) || (x.a === b && x.b === a));
    const byId = new Map(snapshot.contradictions.map((k) => [k.id, k]));
    const ks = (l?.contradictionIds ?? []).map((id) => byId.get(id)!).sort((x, y) => LEVEL_ORDER(x.level) - LEVEL_ORDER(y.level) || cmpStr(x.id, y.id));
    for (const k of ks) {
      for (const id of k.evidenceSegmentIds) {
        const s = ix.segmentById.get(id);
        if (!s || !ix.mediaById.has(s.mediaId)) continue;
        if (scope.media && !scope.media.has(s.mediaId)) continue;
        const t = clipToScope(scope, s.startMs, s.endMs);
        if (!t) continue;
        const d = add(id, t);
        (d.contradictions ??= []).push(k.note ? `${k.level}: ${k.note}` : k.level);
      }
    }
  }
  return [...out.values()].sort(
    (x, y) => cmpStr(x.mediaName, y.mediaName) || x.startMs - y.startMs || x.endMs - y.endMs || cmpStr(x.coderName, y.coderName) || cmpStr(x.segmentId, y.segmentId),
  );
}
