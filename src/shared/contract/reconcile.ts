/** Reconciliation: the queue of disagreements, decisions and their log. */
import { z } from 'zod';
import { call } from './call';
import { LIMITS, zText } from '../limits';
import type { DecisionInfo, DecisionLogEntry, ReconcileQueue } from '../merge/types';
import { RECONCILE_ACTIONS } from '../merge/types';

const id = z.string().uuid();
const ms = z.number().int().min(0).max(1000 * 3600 * 1000);
const coderSet = z.array(id).min(2).max(20);
const rationale = zText(LIMITS.definition);

export const reconcileContract = {
  /** The reconcile queue for a media and a set of coders (two or more). */
  reconcileQueue: call<ReconcileQueue>()(z.object({ mediaId: id, coderIds: coderSet }).strict()),
  reconcileDecide: call<DecisionInfo>()(
    z.object({
      mediaId: id,
      coderIds: coderSet,
      itemKey: z.string().min(1).max(200),
      action: z.enum(RECONCILE_ACTIONS),
      chosenCoderId: id.optional(),
      startMs: ms.optional(),
      endMs: ms.optional(),
      rationale,
      decidedBy: id,
    }).strict(),
  ),
  /** Accepts every undecided agreed range of the queue, one decision each. */
  reconcileBulkAgree: call<{ decided: number }>()(
    z.object({ mediaId: id, coderIds: coderSet, rationale, decidedBy: id }).strict(),
  ),
  reconcileUndo: call<{ id: string; removedSegments: number }>()(z.object({ decisionId: id, undoneBy: id }).strict()),
  /** The decision log (decisions and undos, oldest first); mediaId narrows it to one media. */
  reconcileLog: call<DecisionLogEntry[]>()(z.object({ mediaId: id.optional() }).strict()),
} as const;
