/** contract/segments.ts: the segments a panel links to wherever they lie, and whole-media answers for panels. */
import type { ServiceOf } from '../../../shared/contract';
import { UNCOVERED_LISTED, type segmentsContract } from '../../../shared/contract/segments';
import type { Segment } from '../../../shared/domain';
import { UserError } from '../../../shared/errors';
import type { ProjectStore } from '../../db/store';
import { proposedContradictions } from '../workstation/contradictions';

export function segmentsService(store: ProjectStore): ServiceOf<typeof segmentsContract> {
  return {
    async segmentsById({ ids }) {
      const out: Segment[] = [];
      for (const id of new Set(ids)) {
        try {
          out.push(store.getSegment(id));
        } catch (e) {
          if (!(e instanceof UserError && e.code === 'not_found')) throw e; // a deleted segment is left out
        }
      }
      return out;
    },
    async uncoveredContradictionCodings({ mediaId, coderIds }) {
      // as convertContradictionCodings: a coder file converts only its own coder's codings
      const only = store.getMeta('coder_file_for');
      const all = proposedContradictions(store, { mediaId, coderIds: only ? [only] : coderIds });
      const first = all.slice(0, UNCOVERED_LISTED).map((p) => ({ ...p, startMs: store.getSegment(p.segmentId).startMs }));
      return { total: all.length, first };
    },
  };
}
