/**
 * Migration 30: reconciliation. A decision settles one item of the reconcile queue (a
 * disagreement or an agreed range found by the agreement engine) for one media and code; the
 * consensus segments it writes belong to the consensus coder and are linked back to it.
 *
 * - reconcile_decisions: the audit log (who, when, what, why); an undo keeps the row and sets
 *   undone_at/undone_by, so the log shows both the decision and its reversal.
 * - reconcile_decision_sources: the coders' segments the decision was made from. No foreign key
 *   to segments on purpose: the log must still name them after a coder deletes one.
 * - consensus_segments: which decision wrote which consensus segment (deleted with the segment).
 */
import type { Migration } from '../migrations';

export const m030: Migration = {
  version: 30,
  description: 'reconciliation: decisions and consensus links',
  up: (db) => {
    db.exec(`
      CREATE TABLE reconcile_decisions (
        id TEXT PRIMARY KEY,
        media_id TEXT NOT NULL REFERENCES media(id) ON DELETE CASCADE,
        code_id TEXT NOT NULL REFERENCES codes(id) ON DELETE CASCADE,
        item_key TEXT NOT NULL,
        item_kind TEXT NOT NULL CHECK (item_kind IN ('disagreement','agreed')),
        item_start_ms INTEGER NOT NULL CHECK (item_start_ms >= 0),
        item_end_ms INTEGER NOT NULL CHECK (item_end_ms >= item_start_ms),
        action TEXT NOT NULL CHECK (action IN ('accept','union','intersection','adjust','drop','bulk-agree')),
        start_ms INTEGER CHECK (start_ms IS NULL OR start_ms >= 0),
        end_ms INTEGER CHECK (end_ms IS NULL OR end_ms >= start_ms),
        chosen_coder_id TEXT REFERENCES coders(id) ON DELETE SET NULL,
        rationale TEXT NOT NULL DEFAULT '',
        decided_by_id TEXT REFERENCES coders(id) ON DELETE SET NULL,
        decided_by_name TEXT NOT NULL,
        decided_at INTEGER NOT NULL,
        undone_at INTEGER,
        undone_by_name TEXT,
        created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
        CHECK ((undone_at IS NULL) = (undone_by_name IS NULL))
      ) STRICT;
      CREATE INDEX reconcile_decisions_media ON reconcile_decisions(media_id, item_key);
      CREATE UNIQUE INDEX reconcile_decisions_active ON reconcile_decisions(media_id, item_key) WHERE undone_at IS NULL;
      CREATE TABLE reconcile_decision_sources (
        decision_id TEXT NOT NULL REFERENCES reconcile_decisions(id) ON DELETE CASCADE,
        segment_id TEXT NOT NULL,
        coder_id TEXT REFERENCES coders(id) ON DELETE SET NULL,
        start_ms INTEGER NOT NULL, end_ms INTEGER NOT NULL,
        PRIMARY KEY (decision_id, segment_id)) STRICT, WITHOUT ROWID;
      CREATE INDEX reconcile_decision_sources_segment ON reconcile_decision_sources(segment_id);
      CREATE TABLE consensus_segments (
        segment_id TEXT PRIMARY KEY REFERENCES segments(id) ON DELETE CASCADE,
        decision_id TEXT NOT NULL REFERENCES reconcile_decisions(id) ON DELETE CASCADE) STRICT, WITHOUT ROWID;
      CREATE INDEX consensus_segments_decision ON consensus_segments(decision_id);
    `);
  },
};
