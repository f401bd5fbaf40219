/**
 * Migration 40: the coding workstation.
 * - `undo_log` + `undo_rows`: the persisted undo/redo history. Each entry is one user edit; its
 *   rows hold the before/after images (JSON of every column, null = row absent) of each row the
 *   edit touched, so undo and redo apply them in one transaction and work the same after reload.
 * - `transcripts` + `transcript_cues`: WebVTT/SRT transcripts imported per media.
 */
import type { Migration } from '../migrations';

export const m040: Migration = {
  version: 40,
  description: 'workstation: undo history, transcripts',
  up: (db) => {
    db.exec(`
      CREATE TABLE undo_log (
        seq INTEGER PRIMARY KEY,
        label TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        undone INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1))) STRICT;
      CREATE INDEX undo_log_undone ON undo_log(undone, seq);
      CREATE TABLE undo_rows (
        seq INTEGER NOT NULL REFERENCES undo_log(seq) ON DELETE CASCADE,
        ord INTEGER NOT NULL,
        table_name TEXT NOT NULL,
        row_key TEXT NOT NULL,
        before TEXT,
        after TEXT,
        PRIMARY KEY (seq, ord)) STRICT, WITHOUT ROWID;
      CREATE TABLE transcripts (
        id TEXT PRIMARY KEY,
        media_id TEXT NOT NULL REFERENCES media(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        format TEXT NOT NULL CHECK (format IN ('vtt', 'srt')),
        created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL) STRICT;
      CREATE INDEX transcripts_media ON transcripts(media_id);
      CREATE TABLE transcript_cues (
        id TEXT PRIMARY KEY,
        transcript_id TEXT NOT NULL REFERENCES transcripts(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        start_ms INTEGER NOT NULL CHECK (start_ms >= 0),
        end_ms INTEGER NOT NULL CHECK (end_ms >= start_ms),
        speaker TEXT NOT NULL DEFAULT '',
        text TEXT NOT NULL) STRICT;
      CREATE INDEX transcript_cues_order ON transcript_cues(transcript_id, idx);
    `);
  },
};
