/**
 * A project's coded contradictions as input of the contradiction agreement
 * (`agreement --contradictions`, the Agreement screen, the reliability report). All media:
 * a contradiction's evidence may span several; coders as in the segment agreement (default:
 * every coder but the consensus layer).
 */
import { computeContradictionAgreement, type ContradictionAgreement, type ContradictionItem } from '../../../shared/agreement';
import { UserError } from '../../../shared/errors';
import type { ProjectStore } from '../../db/store';

export function projectContradictionItems(store: ProjectStore): ContradictionItem[] {
  const systems = new Map(store.listSystems().map((s) => [s.id, s.name]));
  const coders = new Map(store.listCoders().map((c) => [c.id, c.name]));
  const media = new Map(store.listMedia().map((m) => [m.id, m.name]));
  const segments = new Map(store.listSegments().map((s) => [s.id, s]));
  const end = (element: string, system: string | null) => (system && systems.has(system) ? `${systems.get(system)}: ${element}` : element);
  return store.listContradictions().map((c) => ({
    id: c.id,
    coder: coders.get(c.coderId) ?? c.coderId,
    level: c.level,
    endA: end(c.elementA, c.systemA),
    endB: end(c.elementB, c.systemB),
    evidence: c.evidenceSegmentIds.flatMap((id) => {
      const s = segments.get(id);
      return s ? [{ media: media.get(s.mediaId) ?? s.mediaId, startMs: s.startMs, endMs: s.endMs }] : [];
    }),
    note: c.note,
  }));
}

/** Contradiction agreement of the given coders (names; default every non-consensus coder). */
export function projectContradictionAgreement(store: ProjectStore, coderNames: string[] | undefined, minOverlap = 0.5): ContradictionAgreement {
  const all = store.listCoders();
  const coders = coderNames ?? all.filter((c) => !c.isConsensus).map((c) => c.name);
  for (const n of coders) if (!all.some((c) => c.name === n)) throw new UserError('invalid', `${store.file}: --coders: unknown coder "${n}"`);
  return computeContradictionAgreement(projectContradictionItems(store), coders, minOverlap);
}
