/** segmentsById (contract/segments.ts): the segments a panel links to, wherever they lie. */
import type { ServiceOf } from '../../../shared/contract';
import type { segmentsContract } from '../../../shared/contract/segments';
import type { Segment } from '../../../shared/domain';
import { UserError } from '../../../shared/errors';
import type { ProjectStore } from '../../db/store';

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
  };
}
