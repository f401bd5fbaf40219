/** media: the recordings a study codes, by path and content fingerprint, in the user's order. */
import { randomUUID } from 'node:crypto';
import type { Media, Uuid } from '../../../shared/domain';
import { UserError } from '../../../shared/errors';
import type { MediaRow } from '../../../shared/merge/rows';
import { now, stmt, type Db } from '../connection';
import { addTombstone } from './tombstones';

export type { MediaRow };

export const toMedia = (r: MediaRow): Media => ({
  id: r.id, createdAt: r.created_at, updatedAt: r.updated_at, path: r.path, name: r.name, fingerprint: r.fingerprint, size: r.size,
  durationMs: r.duration_ms, frameRate: r.frame_rate, lastPositionMs: r.last_position_ms,
});

export type NewMedia = Omit<Media, 'id' | 'createdAt' | 'updatedAt' | 'lastPositionMs' | 'frameRate'> & { id?: Uuid; frameRate?: number | null };
export type MediaPatch = Partial<Pick<Media, 'path' | 'durationMs' | 'lastPositionMs' | 'name' | 'frameRate' | 'fingerprint' | 'size'>>;

export function listMediaRows(db: Db): MediaRow[] {
  return stmt(db, 'SELECT * FROM media ORDER BY sort_order, created_at, name').all() as MediaRow[];
}

export function listMedia(db: Db): Media[] {
  return listMediaRows(db).map(toMedia);
}

export function getMedia(db: Db, id: Uuid): Media {
  const row = stmt(db, 'SELECT * FROM media WHERE id = ?').get(id) as MediaRow | undefined;
  if (!row) throw new UserError('not_found', `No media ${id} in this project`);
  return toMedia(row);
}

/** The one INSERT of a recording: it goes after the others. */
export function insertMediaRow(db: Db, r: MediaRow): void {
  stmt(db, `INSERT INTO media (id, path, name, fingerprint, size, duration_ms, frame_rate, last_position_ms, created_at, updated_at, sort_order)
    VALUES (@id, @path, @name, @fingerprint, @size, @duration_ms, @frame_rate, @last_position_ms, @created_at, @updated_at, (SELECT COALESCE(MAX(sort_order), -1) + 1 FROM media))`).run(r);
}

export function insertMedia(db: Db, m: NewMedia): Media {
  const at = now(db);
  const id = m.id ?? randomUUID();
  insertMediaRow(db, {
    id, path: m.path, name: m.name, fingerprint: m.fingerprint, size: m.size, duration_ms: m.durationMs, frame_rate: m.frameRate ?? null,
    last_position_ms: 0, created_at: at, updated_at: at,
  });
  return getMedia(db, id);
}

/** Writes what a merge may change of a recording (never its name or playback position). */
export function updateMediaFromMerge(db: Db, r: Pick<MediaRow, 'id' | 'path' | 'fingerprint' | 'size' | 'duration_ms' | 'frame_rate' | 'updated_at'>): void {
  stmt(db, 'UPDATE media SET path = @path, fingerprint = @fingerprint, size = @size, duration_ms = @duration_ms, frame_rate = @frame_rate, updated_at = @updated_at WHERE id = @id')
    .run({ id: r.id, path: r.path, fingerprint: r.fingerprint, size: r.size, duration_ms: r.duration_ms, frame_rate: r.frame_rate, updated_at: r.updated_at });
}

export function updateMedia(db: Db, id: Uuid, patch: MediaPatch): Media {
  const cur = getMedia(db, id);
  const next = { ...cur, ...patch };
  stmt(db, 'UPDATE media SET path = ?, name = ?, duration_ms = ?, frame_rate = ?, last_position_ms = ?, fingerprint = ?, size = ?, updated_at = ? WHERE id = ?')
    .run(next.path, next.name, next.durationMs, next.frameRate, next.lastPositionMs, next.fingerprint, next.size, now(db), id);
  return getMedia(db, id);
}

/** Moves a recording one place up (-1) or down (+1) in the media order; false at either end. */
export function moveMedia(db: Db, id: Uuid, delta: -1 | 1): boolean {
  const ids = listMedia(db).map((m) => m.id);
  const from = ids.indexOf(getMedia(db, id).id);
  const to = from + delta;
  if (to < 0 || to >= ids.length) return false;
  [ids[from], ids[to]] = [ids[to]!, ids[from]!];
  const set = stmt(db, 'UPDATE media SET sort_order = ?, updated_at = ? WHERE id = ? AND sort_order IS NOT ?');
  const at = now(db);
  ids.forEach((m, i) => set.run(i, at, m, i));
  return true;
}

/** The name and duration of a recording (null when there is none with this id). */
export function mediaBounds(db: Db, id: Uuid): { name: string; duration_ms: number | null } | undefined {
  return stmt(db, 'SELECT name, duration_ms FROM media WHERE id = ?').get(id) as { name: string; duration_ms: number | null } | undefined;
}

/** How many segments, memos, transcripts and contradictions go with a recording when it is removed. */
export function mediaUsage(db: Db, id: Uuid): { segments: number; memos: number; transcripts: number; contradictions: number } {
  const n = (sql: string) => (stmt(db, sql).get(id) as { n: number }).n;
  return {
    segments: n('SELECT count(*) AS n FROM segments WHERE media_id = ?'),
    memos: n('SELECT count(*) AS n FROM memos WHERE media_id = ?'),
    transcripts: n('SELECT count(*) AS n FROM transcripts WHERE media_id = ?'),
    contradictions: n('SELECT count(DISTINCT e.contradiction_id) AS n FROM contradiction_evidence e JOIN segments s ON s.id = e.segment_id WHERE s.media_id = ?'),
  };
}

/** Deletes a recording with everything on it (foreign keys cascade), its segments tombstoned (the recording is not: a merge never brings it back). */
export function deleteMedia(db: Db, id: Uuid, at: number): void {
  for (const sid of stmt(db, 'SELECT id FROM segments WHERE media_id = ?').pluck().all(id) as string[]) addTombstone(db, sid, 'segments', at);
  stmt(db, 'DELETE FROM media WHERE id = ?').run(id);
}
