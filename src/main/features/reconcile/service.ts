/** Reconciliation: service calls (see shared/contract/reconcile.ts). */
import type { ServiceOf } from '../../../shared/contract';
import type { reconcileContract } from '../../../shared/contract/reconcile';
import type { ProjectStore } from '../../db/store';
import { bulkAgree, buildQueue, decide, decisionLog, undoDecision } from './reconcile';

export function reconcileService(store: ProjectStore): ServiceOf<typeof reconcileContract> {
  return {
    async reconcileQueue({ mediaId, coderIds }) {
      return buildQueue(store, mediaId, coderIds);
    },
    async reconcileDecide(input) {
      return decide(store, input);
    },
    async reconcileBulkAgree(input) {
      return bulkAgree(store, input);
    },
    async reconcileUndo({ decisionId, undoneBy }) {
      return undoDecision(store, decisionId, undoneBy);
    },
    async reconcileLog({ mediaId }) {
      return decisionLog(store, mediaId);
    },
  };
}
