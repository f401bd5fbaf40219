/** Merge & reconcile: coder files, merging and reconciliation. */
import { z } from 'zod';
import { call } from './call';
import { LIMITS, zName, zPath, zText } from '../limits';
import type { CoderFileResult, DecisionInfo, DecisionLogEntry, MergeFileInfo, MergeSummary, ReconcileQueue } from '../merge/types';
import { RECONCILE_ACTIONS } from '../merge/types';

export type * from '../merge/types';

const id = z.string().uuid();
const ms = z.number().int().min(0).max(1000 * 3600 * 1000);
const filePath = z.string().trim().pipe(zPath());
const coderSet = z.array(id).min(2).max(20);
const rationale = zText(LIMITS.definition);

export const reconcileContract = {
  /** Writes a coder file for one coder (created in the project first when new). */
  createCoderFile: call<CoderFileResult>()(
    z.object({ coderName: zName(), out: filePath, blind: z.boolean().optional() }).strict(),
  ),
  /** Checks one coder file without changing anything (the merge form's first steps). */
  inspectCoderFile: call<MergeFileInfo>()(z.object({ path: filePath }).strict()),
  /** Merges coder files into the open project in one transaction. */
  mergeCoderFiles: call<MergeSummary>()(z.object({ paths: z.array(filePath).min(1).max(50) }).strict()),
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
