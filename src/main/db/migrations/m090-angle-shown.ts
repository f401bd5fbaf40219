/**
 * Migration 90: which angles are shown. `media_links.shown` (0/1) keeps the Angles tab's "Show"
 * choice per angle in the study, so it survives a reopen and travels with merges like the other
 * link fields. At most MAX_SHOWN_ANGLES (3: four videos with the primary) are shown per primary;
 * existing links keep what the players showed before: the first three in order.
 */
import type { Migration } from '../migrations';

export const m090: Migration = {
  version: 90,
  description: 'shown angles',
  up: (db) => {
    db.exec(`
      ALTER TABLE media_links ADD COLUMN shown INTEGER NOT NULL DEFAULT 1 CHECK (shown IN (0, 1));
      UPDATE media_links SET shown = 0 WHERE (
        SELECT count(*) FROM media_links o WHERE o.primary_media_id = media_links.primary_media_id
          AND (o.sort_order < media_links.sort_order OR (o.sort_order = media_links.sort_order AND (o.created_at, o.id) < (media_links.created_at, media_links.id)))
      ) >= 3;
    `);
  },
};
