/**
 * The `media_links` table (migration 80): angle recordings linked to a primary recording with an
 * offset (angle time = primary time + offset_ms). Plain functions on the connection; the caller
 * runs writes inside its transaction (an undo step) and checks the rules (no chains, limits).
 */
import { randomUUID } from 'node:crypto';
import type { Uuid } from '../../../shared/domain';
import { UserError } from '../../../shared/errors';
import { MAX_SHOWN_ANGLES, type MediaLink } from '../../../shared/sync/model';
import { type Db, stmt } from '../connection';
import { addTombstone } from './tombstones';

export interface MediaLinkRow {
  id: string; primary_media_id: string; angle_media_id: string; offset_ms: number;
  sort_order: number; label: string; audio: number; shown: number; created_at: number; updated_at: number;
}

export const toMediaLink = (r: MediaLinkRow): MediaLink => ({
  id: r.id, primaryMediaId: r.primary_media_id, angleMediaId: r.angle_media_id, offsetMs: r.offset_ms,
  sortOrder: r.sort_order, label: r.label, audio: r.audio === 1, shown: r.shown === 1, createdAt: r.created_at, updatedAt: r.updated_at,
});

/** True when the file has the table (a read-only file older than migration 80 has not). */
export function hasMediaLinks(db: Db): boolean {
  return stmt(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'media_links'").get() !== undefined;
}

export function listMediaLinks(db: Db): MediaLink[] {
  return listMediaLinkRows(db).map(toMediaLink);
}

export function listMediaLinkRows(db: Db): MediaLinkRow[] {
  if (!hasMediaLinks(db)) return [];
  return stmt(db, 'SELECT * FROM media_links ORDER BY primary_media_id, sort_order, created_at').all() as MediaLinkRow[];
}

export function linksOfPrimary(db: Db, primaryId: Uuid): MediaLink[] {
  return (stmt(db, 'SELECT * FROM media_links WHERE primary_media_id = ? ORDER BY sort_order, created_at').all(primaryId) as MediaLinkRow[]).map(toMediaLink);
}

export function getMediaLink(db: Db, id: Uuid): MediaLink {
  const row = stmt(db, 'SELECT * FROM media_links WHERE id = ?').get(id) as MediaLinkRow | undefined;
  if (!row) throw new UserError('not_found', `No linked angle ${id} in this study`);
  return toMediaLink(row);
}

/** The link that makes `mediaId` an angle, if any. */
export function linkOfAngle(db: Db, mediaId: Uuid): MediaLink | null {
  const row = stmt(db, 'SELECT * FROM media_links WHERE angle_media_id = ?').get(mediaId) as MediaLinkRow | undefined;
  return row ? toMediaLink(row) : null;
}

/** Links (as primary or as angle) of one recording. */
export function linksOfMedia(db: Db, mediaId: Uuid): MediaLink[] {
  return (stmt(db, 'SELECT * FROM media_links WHERE primary_media_id = @m OR angle_media_id = @m ORDER BY sort_order').all({ m: mediaId }) as MediaLinkRow[]).map(toMediaLink);
}

export interface NewLink { id?: Uuid; primaryMediaId: Uuid; angleMediaId: Uuid; offsetMs: number; label: string; sortOrder?: number; audio?: boolean; shown?: boolean; createdAt?: number; updatedAt?: number }

/** Inserts a link (last in its primary's order unless sortOrder is given; shown while fewer than three of its primary's are, unless `shown` says). */
export function insertMediaLink(db: Db, l: NewLink, now: number): MediaLink {
  const id = l.id ?? randomUUID();
  stmt(db, `INSERT INTO media_links (id, primary_media_id, angle_media_id, offset_ms, sort_order, label, audio, shown, created_at, updated_at)
    VALUES (@id, @p, @a, @offset, coalesce(@sort, (SELECT coalesce(max(sort_order), -1) + 1 FROM media_links WHERE primary_media_id = @p)), @label, @audio,
      coalesce(@shown, (SELECT count(*) < @maxShown FROM media_links WHERE primary_media_id = @p AND shown = 1)), @created, @updated)`)
    .run({ id, p: l.primaryMediaId, a: l.angleMediaId, offset: l.offsetMs, sort: l.sortOrder ?? null, label: l.label, audio: l.audio ? 1 : 0, shown: l.shown === undefined ? null : l.shown ? 1 : 0, maxShown: MAX_SHOWN_ANGLES, created: l.createdAt ?? now, updated: l.updatedAt ?? now });
  return getMediaLink(db, id);
}

export function updateMediaLink(db: Db, id: Uuid, patch: Partial<Pick<MediaLink, 'offsetMs' | 'label' | 'sortOrder' | 'audio' | 'shown'>>, now: number): MediaLink {
  const cur = getMediaLink(db, id);
  const next = { ...cur, ...patch };
  stmt(db, 'UPDATE media_links SET offset_ms = ?, label = ?, sort_order = ?, audio = ?, shown = ?, updated_at = ? WHERE id = ?')
    .run(next.offsetMs, next.label, next.sortOrder, next.audio ? 1 : 0, next.shown ? 1 : 0, now, id);
  return getMediaLink(db, id);
}

/** Renumbers a primary's angles 0, 1, 2, … in the given order (only rows whose place changes are written). */
export function reorderMediaLinks(db: Db, ids: readonly Uuid[], now: number): void {
  const set = stmt(db, 'UPDATE media_links SET sort_order = ?, updated_at = ? WHERE id = ? AND sort_order IS NOT ?');
  ids.forEach((id, i) => set.run(i, now, id, i));
}

/** Clears the audio flag of a primary's angles (before setting another one); a merge keeps the stamps (`now` null) and the row `except`. */
export function clearAudioAngle(db: Db, primaryId: Uuid, now: number | null, except: string | null = null): void {
  stmt(db, 'UPDATE media_links SET audio = 0, updated_at = coalesce(@now, updated_at) WHERE primary_media_id = @p AND audio = 1 AND id IS NOT @x').run({ now, p: primaryId, x: except });
}

/** Deletes a link and writes its tombstone (so a merge does not bring it back). */
export function deleteMediaLink(db: Db, id: Uuid, now: number): void {
  deleteMediaLinkRow(db, id);
  addTombstone(db, id, 'media_links', now);
}

// ---------- for a merge (rows as stored) ----------

export function mediaLinkRow(db: Db, id: string): MediaLinkRow | undefined {
  return stmt(db, 'SELECT * FROM media_links WHERE id = ?').get(id) as MediaLinkRow | undefined;
}

export function mediaLinkRowOfAngle(db: Db, angleId: string): MediaLinkRow | undefined {
  return stmt(db, 'SELECT * FROM media_links WHERE angle_media_id = ?').get(angleId) as MediaLinkRow | undefined;
}

/** Writes a whole row (insert, or update of the row with that id). */
export function putMediaLinkRow(db: Db, row: MediaLinkRow): void {
  stmt(db, `INSERT INTO media_links (id, primary_media_id, angle_media_id, offset_ms, sort_order, label, audio, shown, created_at, updated_at)
    VALUES (@id, @primary_media_id, @angle_media_id, @offset_ms, @sort_order, @label, @audio, @shown, @created_at, @updated_at)
    ON CONFLICT(id) DO UPDATE SET primary_media_id = excluded.primary_media_id, angle_media_id = excluded.angle_media_id, offset_ms = excluded.offset_ms,
      sort_order = excluded.sort_order, label = excluded.label, audio = excluded.audio, shown = excluded.shown, created_at = excluded.created_at, updated_at = excluded.updated_at`).run(row);
}

/** Links (other than `except`) in which `mediaId` is the primary, or the angle. */
export function otherLinksOf(db: Db, mediaId: string, except: string | null): { asPrimary: number; asAngle: number } {
  return stmt(db, `SELECT (SELECT count(*) FROM media_links WHERE primary_media_id = @m AND id IS NOT @x) AS asPrimary,
    (SELECT count(*) FROM media_links WHERE angle_media_id = @m AND id IS NOT @x) AS asAngle`).get({ m: mediaId, x: except }) as { asPrimary: number; asAngle: number };
}

/** How many of the primary's angles other than `except` are shown. */
export function shownCount(db: Db, primaryId: string, except: string | null): number {
  return (stmt(db, 'SELECT count(*) AS n FROM media_links WHERE primary_media_id = ? AND shown = 1 AND id IS NOT ?').get(primaryId, except) as { n: number }).n;
}

/** The primary's audio angle other than `except`, if any. */
export function audioLinkRow(db: Db, primaryId: string, except: string | null): MediaLinkRow | undefined {
  return stmt(db, 'SELECT * FROM media_links WHERE primary_media_id = ? AND audio = 1 AND id IS NOT ?').get(primaryId, except) as MediaLinkRow | undefined;
}

export function deleteMediaLinkRow(db: Db, id: string): void {
  stmt(db, 'DELETE FROM media_links WHERE id = ?').run(id);
}
