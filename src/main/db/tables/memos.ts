/** memos: notes on the study, a recording (at a time) or a segment. */
import { randomUUID } from 'node:crypto';
import type { Memo, Uuid } from '../../../shared/domain';
import { UserError } from '../../../shared/errors';
import type { MemoRow } from '../../../shared/merge/rows';
import { inTransaction, now, stmt, type Db } from '../connection';
import { getCoder } from './coders';
import { getMedia } from './media';
import { getSegment } from './segments';
import { addTombstone } from './tombstones';

export type { MemoRow };

export interface NewMemo {
  id?: Uuid;
  scope: Memo['scope'];
  mediaId?: Uuid | null;
  segmentId?: Uuid | null;
  coderId?: Uuid | null;
  timeMs?: number | null;
  title: string;
  body: string;
}

export const toMemo = (r: MemoRow): Memo => ({
  id: r.id, createdAt: r.created_at, updatedAt: r.updated_at, scope: r.scope, mediaId: r.media_id, segmentId: r.segment_id, coderId: r.coder_id,
  timeMs: r.time_ms, title: r.title, body: r.body,
});

export function listMemoRows(db: Db): MemoRow[] {
  return stmt(db, 'SELECT * FROM memos ORDER BY created_at').all() as MemoRow[];
}

export function listMemos(db: Db): Memo[] {
  return listMemoRows(db).map(toMemo);
}

export function getMemo(db: Db, id: Uuid): Memo {
  const row = stmt(db, 'SELECT * FROM memos WHERE id = ?').get(id) as MemoRow | undefined;
  if (!row) throw new UserError('not_found', `No memo ${id}`);
  return toMemo(row);
}

export function memoExists(db: Db, id: Uuid): boolean {
  return stmt(db, 'SELECT 1 FROM memos WHERE id = ?').get(id) !== undefined;
}

/** Memos whose title or body contains `query` (case-insensitive), newest first. */
export function searchMemos(db: Db, query: string): Memo[] {
  const q = query.trim().toLowerCase();
  const all = (stmt(db, 'SELECT * FROM memos ORDER BY updated_at DESC, created_at DESC, id').all() as MemoRow[]).map(toMemo);
  return q ? all.filter((m) => m.title.toLowerCase().includes(q) || m.body.toLowerCase().includes(q)) : all;
}

/** The one INSERT of a memo (every column given). */
export function insertMemoRow(db: Db, r: MemoRow): void {
  stmt(db, `INSERT INTO memos (id, scope, media_id, segment_id, coder_id, time_ms, title, body, created_at, updated_at)
    VALUES (@id, @scope, @media_id, @segment_id, @coder_id, @time_ms, @title, @body, @created_at, @updated_at)`).run(r);
}

/** Writes every column of an existing memo. */
export function updateMemoRow(db: Db, r: MemoRow): void {
  stmt(db, `UPDATE memos SET scope = @scope, media_id = @media_id, segment_id = @segment_id, coder_id = @coder_id, time_ms = @time_ms,
    title = @title, body = @body, created_at = @created_at, updated_at = @updated_at WHERE id = @id`).run(r);
}

export function insertMemo(db: Db, m: NewMemo): Memo {
  return inTransaction(db, () => {
    const mediaId = m.scope === 'segment' ? getSegment(db, m.segmentId ?? '').mediaId : m.scope === 'media' ? getMedia(db, m.mediaId ?? '').id : null;
    if (m.coderId) getCoder(db, m.coderId);
    if (m.scope === 'segment' && !m.segmentId) throw new UserError('invalid', 'A segment memo needs a segment');
    if (m.scope === 'media' && !m.mediaId) throw new UserError('invalid', 'A media memo needs a media');
    if (!m.title.trim() && !m.body.trim()) throw new UserError('invalid', 'A memo needs a title or some text');
    const at = now(db);
    const id = m.id ?? randomUUID();
    insertMemoRow(db, {
      id, scope: m.scope, media_id: mediaId, segment_id: m.scope === 'segment' ? m.segmentId ?? null : null, coder_id: m.coderId ?? null,
      time_ms: m.scope === 'project' ? null : (m.timeMs ?? null), title: m.title.trim(), body: m.body, created_at: at, updated_at: at,
    });
    return getMemo(db, id);
  });
}

export function updateMemo(db: Db, id: Uuid, patch: { title?: string; body?: string; timeMs?: number | null }): Memo {
  return inTransaction(db, () => {
    const cur = getMemo(db, id);
    const next = { ...cur, ...patch, title: patch.title?.trim() ?? cur.title };
    if (!next.title && !next.body.trim()) throw new UserError('invalid', 'A memo needs a title or some text');
    stmt(db, 'UPDATE memos SET title = ?, body = ?, time_ms = ?, updated_at = ? WHERE id = ?')
      .run(next.title, next.body, cur.scope === 'project' ? null : next.timeMs, now(db), id);
    return getMemo(db, id);
  });
}

export function deleteMemo(db: Db, id: Uuid): void {
  inTransaction(db, () => {
    getMemo(db, id);
    addTombstone(db, id, 'memos', now(db));
    deleteMemoRow(db, id);
  });
}

export function deleteMemoRow(db: Db, id: Uuid): void {
  stmt(db, 'DELETE FROM memos WHERE id = ?').run(id);
}
