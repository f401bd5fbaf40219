/**
 * Converting contradiction codings (segments coded Contradictions › level) into contradiction
 * relations, all in one undo step (see src/shared/contradictions/fromCodings.ts for what is
 * proposed).
 */
import type { Uuid } from '../../../shared/domain';
import { proposeContradictions } from '../../../shared/contradictions/fromCodings';
import type { ProjectStore } from '../../db/store';

/** Writes a relation for every uncovered contradiction coding of the media (and coders, when given). */
export function convertContradictionCodings(store: ProjectStore, sel: { mediaId: Uuid; coderIds?: Uuid[] }): { created: number } {
  const proposals = () => {
    store.getMedia(sel.mediaId);
    const only = sel.coderIds ? new Set(sel.coderIds) : null;
    const segments = store.listSegments(sel.mediaId).filter((s) => !only || only.has(s.coderId));
    return proposeContradictions(segments, store.listCodes(), store.listContradictions(), store.listSystems().map((x) => x.id));
  };
  const todo = proposals();
  if (todo.length === 0) return { created: 0 };
  return store.recordEdit(`Convert ${todo.length} contradiction coding${todo.length > 1 ? 's' : ''} to relations`, () => {
    for (const p of proposals()) {
      store.insertContradiction({
        level: p.level, elementA: p.elementA, systemA: p.systemA, elementB: p.elementB, systemB: p.systemB,
        coderId: p.coderId, status: 'unresolved', note: p.note, evidenceSegmentIds: [p.segmentId],
      });
    }
    return { created: todo.length };
  });
}
