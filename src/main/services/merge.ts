/** Coder files, merging and reconciliation: service calls (see shared/contract/reconcile.ts). */
import type { ServiceOf } from '../../shared/contract';
import type { reconcileContract } from '../../shared/contract/reconcile';
import type { ProjectStore } from '../db/store';
import { createCoderFile } from '../ops/coderFile';
import { inspectCoderFile, mergeCoderFiles } from '../ops/merge';
import { bulkAgree, buildQueue, decide, decisionLog, undoDecision } from '../ops/reconcile';

export function mergeService(store: ProjectStore): ServiceOf<typeof reconcileContract> {
  return {
    async createCoderFile({ coderName, out, blind }) {
      return createCoderFile(store, coderName, out, { blind });
    },
    async inspectCoderFile({ path }) {
      return inspectCoderFile(store, path);
    },
    async mergeCoderFiles({ paths }) {
      return mergeCoderFiles(store, paths);
    },
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
