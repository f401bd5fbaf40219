/**
 * reconcile_decisions, reconcile_decision_sources and consensus_segments (migration 30): the
 * decisions that settle coders' disagreements, the coders' segments each one looked at, and the
 * consensus segments it wrote.
 */
import type { DecisionAction } from '../../../shared/merge/types';
import { stmt, type Db } from '../connection';
import { hasTable, tableColumns } from './meta';

export interface DecisionRow {
  id: string; media_id: string; code_id: string; item_key: string; item_kind: 'disagreement' | 'agreed';
  item_start_ms: number; item_end_ms: number; action: DecisionAction; start_ms: number | null; end_ms: number | null;
  chosen_coder_id: string | null; rationale: string; decided_by_id: string | null; decided_by_name: string;
  decided_at: number; undone_at: number | null; undone_by_name: string | null; created_at: number; updated_at: number;
}

export function insertDecision(db: Db, r: Omit<DecisionRow, 'undone_at' | 'undone_by_name'>): void {
  stmt(db, `INSERT INTO reconcile_decisions (id, media_id, code_id, item_key, item_kind, item_start_ms, item_end_ms, action, start_ms, end_ms,
      chosen_coder_id, rationale, decided_by_id, decided_by_name, decided_at, undone_at, undone_by_name, created_at, updated_at)
    VALUES (@id, @media_id, @code_id, @item_key, @item_kind, @item_start_ms, @item_end_ms, @action, @start_ms, @end_ms,
      @chosen_coder_id, @rationale, @decided_by_id, @decided_by_name, @decided_at, NULL, NULL, @created_at, @updated_at)`).run(r);
}

/** Records a coder's segment a decision looked at. */
export function insertDecisionSource(db: Db, decisionId: string, s: { id: string; coderId: string; startMs: number; endMs: number }): void {
  stmt(db, 'INSERT INTO reconcile_decision_sources (decision_id, segment_id, coder_id, start_ms, end_ms) VALUES (?, ?, ?, ?, ?)').run(decisionId, s.id, s.coderId, s.startMs, s.endMs);
}

/** Marks a segment as written by a decision. */
export function linkConsensusSegment(db: Db, segmentId: string, decisionId: string): void {
  stmt(db, 'INSERT INTO consensus_segments (segment_id, decision_id) VALUES (?, ?)').run(segmentId, decisionId);
}

export function getDecision(db: Db, id: string): DecisionRow | undefined {
  return stmt(db, 'SELECT * FROM reconcile_decisions WHERE id = ?').get(id) as DecisionRow | undefined;
}

/** The decisions of one media still in force. */
export function activeDecisions(db: Db, mediaId: string): DecisionRow[] {
  return stmt(db, 'SELECT * FROM reconcile_decisions WHERE media_id = ? AND undone_at IS NULL').all(mediaId) as DecisionRow[];
}

/** Every decision (of one media when given), oldest first. */
export function listDecisions(db: Db, mediaId?: string): DecisionRow[] {
  return (mediaId
    ? stmt(db, 'SELECT * FROM reconcile_decisions WHERE media_id = ? ORDER BY decided_at, id').all(mediaId)
    : stmt(db, 'SELECT * FROM reconcile_decisions ORDER BY decided_at, id').all()) as DecisionRow[];
}

/** The consensus segments a decision wrote, by id. */
export function consensusSegmentsOf(db: Db, decisionId: string): string[] {
  return (stmt(db, 'SELECT segment_id FROM consensus_segments WHERE decision_id = ? ORDER BY segment_id').all(decisionId) as { segment_id: string }[]).map((r) => r.segment_id);
}

/** The coders' segments a decision looked at, by start time. */
export function decisionSourceIds(db: Db, decisionId: string): string[] {
  return (stmt(db, 'SELECT segment_id FROM reconcile_decision_sources WHERE decision_id = ? ORDER BY start_ms, segment_id').all(decisionId) as { segment_id: string }[]).map((r) => r.segment_id);
}

export function markDecisionUndone(db: Db, id: string, undoneBy: string, at: number): void {
  stmt(db, 'UPDATE reconcile_decisions SET undone_at = ?, undone_by_name = ?, updated_at = ? WHERE id = ?').run(at, undoneBy, at, id);
}

export function deleteAllDecisions(db: Db): void {
  stmt(db, 'DELETE FROM reconcile_decisions').run();
}

/**
 * Every decision with these columns, oldest first, for an export of any file: none when the file
 * has no decision table, and a column the file lacks (an older or newer shape) reads as NULL.
 */
export function readDecisionColumns<T>(db: Db, columns: readonly string[]): T[] {
  if (!hasTable(db, 'reconcile_decisions')) return [];
  const have = new Set(tableColumns(db, 'reconcile_decisions'));
  const select = columns.map((c) => (have.has(c) ? c : `NULL AS ${c}`)).join(', ');
  return stmt(db, `SELECT ${select} FROM reconcile_decisions ORDER BY decided_at, id`).all() as T[];
}
