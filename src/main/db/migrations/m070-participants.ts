/**
 * Migration 70: participants, dyads and groups (issue 16).
 * - participants: the people in the recordings (name, role, activity system, participant-layer
 *   hotkey unique among participants);
 * - participant_attributes: the attribute definitions (text, number, date, boolean);
 *   participant_attribute_values: one value per participant × attribute, as text ('12.5',
 *   '2024-03-01', 'true'), stamped so a merge can apply the later edit;
 * - groups + group_members: named sets of participants (a participant in several);
 * - segment_participants / contradiction_participants: who a segment / contradiction is about.
 * Deletions travel through the tombstones table like every other record (link rows have no
 * tombstones: a segment's participant set follows the segment's version).
 */
import type { Migration } from '../migrations';

const STAMPS = 'created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL';

export const m070: Migration = {
  version: 70,
  description: 'participants, attributes, groups, segment and contradiction participants',
  up: (db) => {
    db.exec(`
      CREATE TABLE participants (
        id TEXT PRIMARY KEY, name TEXT NOT NULL CHECK (length(trim(name)) > 0),
        role TEXT NOT NULL DEFAULT '',
        system_id TEXT REFERENCES activity_systems(id) ON DELETE SET NULL,
        hotkey TEXT CHECK (hotkey IS NULL OR (length(hotkey) = 1 AND hotkey GLOB '[a-z0-9]')),
        sort_order INTEGER NOT NULL DEFAULT 0, ${STAMPS}) STRICT;
      CREATE UNIQUE INDEX participants_hotkey ON participants(hotkey) WHERE hotkey IS NOT NULL;
      CREATE TABLE participant_attributes (
        id TEXT PRIMARY KEY, name TEXT NOT NULL CHECK (length(trim(name)) > 0),
        type TEXT NOT NULL CHECK (type IN ('text','number','date','boolean')),
        sort_order INTEGER NOT NULL DEFAULT 0, ${STAMPS}) STRICT;
      CREATE TABLE participant_attribute_values (
        participant_id TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
        attribute_id TEXT NOT NULL REFERENCES participant_attributes(id) ON DELETE CASCADE,
        value TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (participant_id, attribute_id)) STRICT, WITHOUT ROWID;
      CREATE INDEX participant_attribute_values_attribute ON participant_attribute_values(attribute_id);
      CREATE TABLE groups (
        id TEXT PRIMARY KEY, name TEXT NOT NULL CHECK (length(trim(name)) > 0),
        sort_order INTEGER NOT NULL DEFAULT 0, ${STAMPS}) STRICT;
      CREATE TABLE group_members (
        group_id TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
        participant_id TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (group_id, participant_id)) STRICT, WITHOUT ROWID;
      CREATE INDEX group_members_participant ON group_members(participant_id);
      CREATE TABLE segment_participants (
        segment_id TEXT NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
        participant_id TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (segment_id, participant_id)) STRICT, WITHOUT ROWID;
      CREATE INDEX segment_participants_participant ON segment_participants(participant_id);
      CREATE TABLE contradiction_participants (
        contradiction_id TEXT NOT NULL REFERENCES contradictions(id) ON DELETE CASCADE,
        participant_id TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (contradiction_id, participant_id)) STRICT, WITHOUT ROWID;
      CREATE INDEX contradiction_participants_participant ON contradiction_participants(participant_id);
    `);
  },
};
