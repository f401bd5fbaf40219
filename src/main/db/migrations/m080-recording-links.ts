/**
 * Migration 80: linked recordings (angles) and the waveform cache.
 *
 * - `media_links`: an angle recording linked to a primary recording with an offset
 *   (angle time = primary time + offset_ms; see src/shared/sync/model.ts). One link per angle
 *   (an angle has one primary), one audio angle per primary, no self-link. Deleting either
 *   recording deletes the link (the service writes its tombstone so a merge does not bring it
 *   back). Its rows are undoable (UNDO_TABLES) and merged by id and by (primary, angle).
 * - `waveforms`: the cached low-rate RMS envelope of a recording (little-endian float32, one value
 *   per 1/rate_hz s), valid while `fingerprint` equals the recording's; a cache, so not undoable.
 */
import type { Migration } from '../migrations';

export const m080: Migration = {
  version: 80,
  description: 'linked recordings (angles) and the waveform cache',
  up: (db) => {
    db.exec(`
      CREATE TABLE media_links (
        id TEXT PRIMARY KEY,
        primary_media_id TEXT NOT NULL REFERENCES media(id) ON DELETE CASCADE,
        angle_media_id TEXT NOT NULL REFERENCES media(id) ON DELETE CASCADE,
        offset_ms INTEGER NOT NULL CHECK (offset_ms BETWEEN -86400000 AND 86400000),
        sort_order INTEGER NOT NULL DEFAULT 0,
        label TEXT NOT NULL DEFAULT '',
        audio INTEGER NOT NULL DEFAULT 0 CHECK (audio IN (0, 1)),
        created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
        CHECK (primary_media_id <> angle_media_id)) STRICT;
      CREATE UNIQUE INDEX media_links_angle ON media_links(angle_media_id);
      CREATE INDEX media_links_primary ON media_links(primary_media_id, sort_order);
      CREATE UNIQUE INDEX media_links_audio ON media_links(primary_media_id) WHERE audio = 1;
      CREATE TABLE waveforms (
        media_id TEXT PRIMARY KEY REFERENCES media(id) ON DELETE CASCADE,
        fingerprint TEXT NOT NULL,
        rate_hz INTEGER NOT NULL CHECK (rate_hz BETWEEN 1 AND 8000),
        sample_count INTEGER NOT NULL CHECK (sample_count >= 0),
        envelope BLOB NOT NULL CHECK (length(envelope) = 4 * sample_count),
        created_at INTEGER NOT NULL) STRICT;
    `);
  },
};
