/** Result types of coder files, merges and reconciliation (shared by main, renderer and CLI). */
import type { ReconcileDecision } from '../csv/agreementCsv';

export const MERGE_KINDS = ['systems', 'media', 'coders', 'codes', 'segments', 'memos', 'contradictions', 'themes', 'participants', 'attributes', 'groups'] as const;
export type MergeKind = (typeof MERGE_KINDS)[number];

export interface MergeCounts {
  added: number;
  updated: number;
  unchanged: number;
  deleted: number;
}

export type MergeConflictKind =
  /** Two codes with different ids and the same name under the same parent: both kept. */
  | 'duplicate_code_name'
  /** A coder with the same display name as another coder but a different id: both kept. */
  | 'same_coder_name'
  /** The same media id with a different content fingerprint: the project's media is kept. */
  | 'media_fingerprint'
  /** A hotkey already used by another code: the incoming code gets none. */
  | 'hotkey'
  /** A code deleted in the coder file: codebook deletions are not merged (the code is kept). */
  | 'code_deleted_in_file'
  /** A code deleted in the project but used in the coder file: restored. */
  | 'code_restored'
  /** A record that refers to something missing (e.g. a memo on a deleted segment): skipped. */
  | 'dangling'
  /**
   * A coder file added, changed or deleted a record that is not its coder's (another coder's
   * segment, memo or contradiction, another coder, a theme, an activity system): not applied.
   */
  | 'not_coders_record'
  /** An angle link that would chain recordings (an angle of an angle): skipped. */
  | 'media_link'
  /** A participant with the same name as another participant but a different id: both kept. */
  | 'same_participant_name';

export interface MergeConflict {
  kind: MergeConflictKind;
  file: string;
  message: string;
  ids: string[];
}

export interface MergeNote {
  /** participants_fused / groups_fused: records of the same name fused (id empty; the names are in the message). */
  kind: 'code_added' | 'media_added' | 'coder_added' | 'media_matched_by_fingerprint' | 'participants_fused' | 'groups_fused';
  file: string;
  message: string;
  id: string;
}

export interface MergeFileInfo {
  file: string;
  projectName: string;
  /** The coder the file was handed out to (null for a full project file). */
  coderId: string | null;
  coderName: string | null;
  segments: number;
  schemaVersion: number;
}

export interface MergeSummary {
  files: MergeFileInfo[];
  counts: Record<MergeKind, MergeCounts>;
  /** Sums over the kinds. */
  totals: MergeCounts & { conflicts: number };
  conflicts: MergeConflict[];
  notes: MergeNote[];
}

export interface CoderFileResult {
  file: string;
  coderId: string;
  coderName: string;
  /** The coder did not exist in the project and was created there first. */
  coderCreated: boolean;
  blind: boolean;
  segments: number;
}

export const RECONCILE_ACTIONS = ['accept', 'union', 'intersection', 'adjust', 'drop'] as const;
export type ReconcileAction = (typeof RECONCILE_ACTIONS)[number];
export type DecisionAction = ReconcileAction | 'bulk-agree';

export interface QueueSegment {
  id: string;
  coderId: string;
  startMs: number;
  endMs: number;
}

export interface DecisionInfo {
  id: string;
  action: DecisionAction;
  startMs: number | null;
  endMs: number | null;
  chosenCoderId: string | null;
  rationale: string;
  by: string;
  at: number;
  consensusSegmentIds: string[];
}

export interface QueueItem {
  /** The agreement engine's content-derived id (the same after reloading). */
  key: string;
  kind: 'disagreement' | 'agreed';
  codeId: string;
  codeName: string;
  startMs: number;
  endMs: number;
  pointEvent: boolean;
  codersApplied: string[];
  codersNotApplied: string[];
  segments: QueueSegment[];
  decision: DecisionInfo | null;
}

export interface ReconcileQueue {
  mediaId: string;
  coderIds: string[];
  consensusCoderId: string | null;
  /** Disagreements, ordered by time. */
  items: QueueItem[];
  /** Agreed ranges (all selected coders matched), ordered by time. */
  agreed: QueueItem[];
  decided: number;
  total: number;
  agreedUndecided: number;
}

/**
 * One decision of the log: the shape of the agreement CSV export's decision rows
 * (shared/csv/agreementCsv.ts ReconcileDecision): startMs/endMs = the reconciled item,
 * resultStartMs/resultEndMs = what the consensus layer got (null for a drop).
 */
export interface DecisionLogEntry extends ReconcileDecision {
  at: number;
  resultStartMs: number | null;
  resultEndMs: number | null;
  /** The chosen coder's label for `accept`, else ''. */
  chosenCoder: string;
  undoneAt: number | null;
  undoneBy: string;
  decisionId: string;
  sourceSegmentIds: string[];
}
