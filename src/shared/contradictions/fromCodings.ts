/**
 * Contradictions as one idea: a segment coded with a contradiction level code
 * (Contradictions › Primary…Quaternary) and a contradiction relation (level, two CHAT elements
 * with their systems, status, evidence) say the same thing. This module finds the codings that
 * no relation covers yet and proposes the relation for each (pure; the caller writes them).
 *
 * - A coding is covered when a relation of the same coder and level has the segment as evidence.
 * - Proposed ends: the element codes the same coder applied on the same media, ranked by how long
 *   they overlap the coding (ties: codebook order). A is the best; B is the best one the level
 *   allows: secondary, another element of A's system; tertiary, any other end; quaternary, an
 *   end in another system (primary: A only, inside one element). Defaults fill in when none is
 *   found: A = subject of the first system; B = object (subject when A is the object) of A's
 *   system, or for quaternary A's element in the next system (the shared object for none).
 * - status "unresolved", note = the segment's note, evidence = the segment.
 */
import type { ChatElement, Code, ContradictionLevel, Segment, Uuid } from '../domain';

export interface ProposedContradiction {
  segmentId: Uuid;
  coderId: Uuid;
  level: ContradictionLevel;
  elementA: ChatElement;
  systemA: Uuid | null;
  elementB: ChatElement;
  systemB: Uuid | null;
  note: string;
}

interface Relation {
  coderId: Uuid;
  level: ContradictionLevel;
  evidenceSegmentIds: Uuid[];
}

type End = { element: ChatElement; systemId: Uuid | null };

function overlap(a: Segment, b: Segment): number {
  return Math.max(0, Math.min(a.endMs, b.endMs) - Math.max(a.startMs, b.startMs));
}

/** The element ends a coder's element codings suggest for one contradiction coding, best first. */
function endsFor(seg: Segment, segments: readonly Segment[], codes: ReadonlyMap<Uuid, Code>, order: ReadonlyMap<Uuid, number>): End[] {
  const weight = new Map<Uuid, number>();
  for (const s of segments) {
    if (s.coderId !== seg.coderId || s.mediaId !== seg.mediaId || s.id === seg.id) continue;
    const w = overlap(seg, s);
    if (w <= 0) continue;
    for (const id of s.codeIds) if (codes.get(id)?.kind === 'element') weight.set(id, (weight.get(id) ?? 0) + w);
  }
  return [...weight.entries()]
    .sort((x, y) => y[1] - x[1] || (order.get(x[0]) ?? 0) - (order.get(y[0]) ?? 0))
    .map(([id]) => codes.get(id)!)
    .filter((c) => c.element !== null)
    .map((c) => ({ element: c.element!, systemId: c.systemId }));
}

function allowedB(level: ContradictionLevel, a: End, e: End): boolean {
  if (e.element === a.element && e.systemId === a.systemId) return false;
  if (level === 'secondary') return e.systemId === a.systemId;
  if (level === 'quaternary') return e.systemId !== a.systemId;
  return true;
}

function defaultB(level: ContradictionLevel, a: End, systemIds: readonly Uuid[]): End {
  if (level === 'quaternary') {
    const other = systemIds.find((id) => id !== a.systemId) ?? null;
    return other === null && a.systemId === null ? { element: a.element, systemId: systemIds[0] ?? null } : { element: other === null ? 'object' : a.element, systemId: other };
  }
  return { element: a.element === 'object' ? 'subject' : 'object', systemId: a.systemId };
}

/** Proposed relations for the contradiction codings no relation covers yet, in segment order. */
export function proposeContradictions(
  segments: readonly Segment[],
  codes: readonly Code[],
  relations: readonly Relation[],
  systemIds: readonly Uuid[],
): ProposedContradiction[] {
  const byId = new Map(codes.map((c) => [c.id, c]));
  const order = new Map(codes.map((c, i) => [c.id, i]));
  const covered = new Set(relations.flatMap((r) => r.evidenceSegmentIds.map((s) => `${r.coderId}|${r.level}|${s}`)));
  const out: ProposedContradiction[] = [];
  for (const seg of segments) {
    for (const codeId of seg.codeIds) {
      const level = byId.get(codeId)?.contradictionLevel;
      if (!level || covered.has(`${seg.coderId}|${level}|${seg.id}`)) continue;
      const ends = endsFor(seg, segments, byId, order);
      const a = ends[0] ?? { element: 'subject' as const, systemId: systemIds[0] ?? null };
      const b = ends.find((e) => allowedB(level, a, e)) ?? defaultB(level, a, systemIds);
      out.push({
        segmentId: seg.id, coderId: seg.coderId, level,
        elementA: a.element, systemA: a.systemId,
        elementB: level === 'primary' ? a.element : b.element,
        systemB: level === 'primary' ? a.systemId : b.systemId,
        note: seg.note,
      });
    }
  }
  return out;
}
