/**
 * Migration 20: contradictions as relations between elements (with their evidence segments),
 * and themes grouping codes.
 */
import type { Migration } from '../migrations';
import { ELEMENTS, LEVELS, STAMPS } from './columns';

export const m020: Migration = {
  version: 20,
  description: 'contradictions as relations with evidence segments; themes',
  up: (db) => {
    db.exec(`
      CREATE TABLE contradictions (
        id TEXT PRIMARY KEY,
        level TEXT NOT NULL CHECK (level IN (${LEVELS})),
        element_a TEXT NOT NULL CHECK (element_a IN (${ELEMENTS})),
        system_a TEXT REFERENCES activity_systems(id) ON DELETE SET NULL,
        element_b TEXT NOT NULL CHECK (element_b IN (${ELEMENTS})),
        system_b TEXT REFERENCES activity_systems(id) ON DELETE SET NULL,
        coder_id TEXT NOT NULL REFERENCES coders(id) ON DELETE CASCADE,
        status TEXT NOT NULL DEFAULT 'unresolved'
          CHECK (status IN ('unresolved','emerging','aggravated','being_worked_on','resolved')),
        note TEXT NOT NULL DEFAULT '', ${STAMPS}) STRICT;
      CREATE TABLE contradiction_evidence (
        contradiction_id TEXT NOT NULL REFERENCES contradictions(id) ON DELETE CASCADE,
        segment_id TEXT NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
        PRIMARY KEY (contradiction_id, segment_id)) STRICT, WITHOUT ROWID;
      CREATE INDEX contradiction_evidence_segment ON contradiction_evidence(segment_id);
      CREATE TABLE themes (
        id TEXT PRIMARY KEY, name TEXT NOT NULL CHECK (length(trim(name)) > 0),
        description TEXT NOT NULL DEFAULT '', sort_order INTEGER NOT NULL DEFAULT 0, ${STAMPS}) STRICT;
      CREATE TABLE theme_codes (
        theme_id TEXT NOT NULL REFERENCES themes(id) ON DELETE CASCADE,
        code_id TEXT NOT NULL REFERENCES codes(id) ON DELETE CASCADE,
        sort_order INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (theme_id, code_id)) STRICT, WITHOUT ROWID;
    `);
  },
};
