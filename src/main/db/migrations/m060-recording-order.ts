/**
 * Migration 60: recordings in the user's order. `media.sort_order` (0, 1, 2, …), set from the
 * order the lists used until now (created_at, then name); Study › Recordings… moves them up and
 * down, and every media list follows it.
 */
import type { Migration } from '../migrations';

export const m060: Migration = {
  version: 60,
  description: 'recording order: media.sort_order',
  up: (db) => {
    db.exec(`ALTER TABLE media ADD COLUMN sort_order INTEGER NOT NULL DEFAULT 0;
      UPDATE media SET sort_order = (SELECT r.n FROM (SELECT id, ROW_NUMBER() OVER (ORDER BY created_at, name) - 1 AS n FROM media) r WHERE r.id = media.id);`);
  },
};
