/**
 * Migration 10: the core tables: project meta, activity systems, media, coders, the codebook,
 * segments and their code links, memos, tombstones.
 */
import type { Migration } from '../migrations';
import { ELEMENTS, LEVELS, STAMPS } from './columns';

export const m010: Migration = {
  version: 10,
  description: 'core: project meta, activity systems, media, coders, codebook, segments, links, memos, tombstones',
  up: (db) => {
    db.exec(`
      CREATE TABLE project_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
      CREATE TABLE activity_systems (
        id TEXT PRIMARY KEY, name TEXT NOT NULL CHECK (length(trim(name)) > 0),
        sort_order INTEGER NOT NULL DEFAULT 0, ${STAMPS}) STRICT;
      CREATE TABLE media (
        id TEXT PRIMARY KEY, path TEXT NOT NULL, name TEXT NOT NULL,
        fingerprint TEXT NOT NULL, size INTEGER NOT NULL CHECK (size >= 0),
        duration_ms INTEGER CHECK (duration_ms IS NULL OR duration_ms >= 0),
        frame_rate REAL CHECK (frame_rate IS NULL OR (frame_rate > 0 AND frame_rate <= 1000)),
        last_position_ms INTEGER NOT NULL DEFAULT 0, ${STAMPS}) STRICT;
      CREATE INDEX media_fingerprint ON media(fingerprint);
      CREATE TABLE coders (
        id TEXT PRIMARY KEY, name TEXT NOT NULL CHECK (length(trim(name)) > 0), color TEXT NOT NULL,
        is_consensus INTEGER NOT NULL DEFAULT 0 CHECK (is_consensus IN (0, 1)), ${STAMPS}) STRICT;
      CREATE TABLE codes (
        id TEXT PRIMARY KEY, name TEXT NOT NULL CHECK (length(trim(name)) > 0),
        kind TEXT NOT NULL CHECK (kind IN ('group','element','contradiction','marker','custom')),
        element TEXT CHECK (element IS NULL OR element IN (${ELEMENTS})),
        system_id TEXT REFERENCES activity_systems(id) ON DELETE SET NULL,
        contradiction_level TEXT CHECK (contradiction_level IS NULL OR contradiction_level IN (${LEVELS})),
        parent_id TEXT REFERENCES codes(id) ON DELETE CASCADE,
        color TEXT NOT NULL, hotkey TEXT, definition TEXT NOT NULL DEFAULT '',
        sort_order INTEGER NOT NULL DEFAULT 0, ${STAMPS}) STRICT;
      CREATE UNIQUE INDEX codes_hotkey ON codes(hotkey) WHERE hotkey IS NOT NULL;
      CREATE INDEX codes_parent ON codes(parent_id);
      CREATE TABLE segments (
        id TEXT PRIMARY KEY,
        media_id TEXT NOT NULL REFERENCES media(id) ON DELETE CASCADE,
        coder_id TEXT NOT NULL REFERENCES coders(id) ON DELETE CASCADE,
        start_ms INTEGER NOT NULL CHECK (start_ms >= 0),
        end_ms INTEGER NOT NULL CHECK (end_ms >= start_ms),
        note TEXT NOT NULL DEFAULT '', ${STAMPS}) STRICT;
      CREATE INDEX segments_media_start ON segments(media_id, start_ms);
      CREATE INDEX segments_coder ON segments(coder_id);
      CREATE TABLE segment_codes (
        segment_id TEXT NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
        code_id TEXT NOT NULL REFERENCES codes(id) ON DELETE CASCADE,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (segment_id, code_id)) STRICT, WITHOUT ROWID;
      CREATE INDEX segment_codes_code ON segment_codes(code_id);
      CREATE TABLE memos (
        id TEXT PRIMARY KEY,
        scope TEXT NOT NULL CHECK (scope IN ('project','media','segment')),
        media_id TEXT REFERENCES media(id) ON DELETE CASCADE,
        segment_id TEXT REFERENCES segments(id) ON DELETE CASCADE,
        coder_id TEXT REFERENCES coders(id) ON DELETE SET NULL,
        time_ms INTEGER, title TEXT NOT NULL DEFAULT '', body TEXT NOT NULL DEFAULT '', ${STAMPS},
        CHECK ((scope = 'project') OR (scope = 'media' AND media_id IS NOT NULL) OR (scope = 'segment' AND segment_id IS NOT NULL))
      ) STRICT;
      CREATE TABLE tombstones (
        id TEXT PRIMARY KEY, table_name TEXT NOT NULL, deleted_at INTEGER NOT NULL) STRICT;
    `);
  },
};
