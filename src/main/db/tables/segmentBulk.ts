/**
 * The bulk segment writer of a streamed import (import-segments): many new segments inside the
 * caller's transaction, in multi-row INSERTs, grouping the rows of one segment across the file.
 */
import { v7 as uuidv7 } from 'uuid';
import type { Uuid } from '../../../shared/domain';
import { BatchInsert, HashFilter, hashString } from '../batchInsert';
import { now, stmt, type Db } from '../connection';
import type { NewSegment } from './segments';

/**
 * Page cache while bulk-writing segments (negative = KiB): the index pages that rows in time
 * order land on stay in memory instead of being re-read from the WAL.
 */
const BULK_CACHE_KIB = -65536;

/** See segmentBulkWriter. */
export interface SegmentBulkWriter {
  /**
   * Links codeId to the segment this writer wrote for the same source id (or, without one, the
   * same media, coder, times and note), writing that segment first (new id, the fields of s)
   * when there is none; returns whether it wrote a new segment.
   */
  add(s: Omit<NewSegment, 'codeIds' | 'id'>, codeId: Uuid, source?: string): boolean;
  /**
   * Deletes the segments this writer wrote that are identical (media, coder, times, set of codes)
   * to one that was in the project before it; returns how many.
   */
  dropIdenticalToEarlier(): number;
  /** Writes the rows still held in batches (before the transaction commits). */
  flush(): void;
  dispose(): void;
}

/**
 * Writes many new segments inside the caller's transaction (import-segments): prepared
 * statements, no per-row checks or read-back (the caller has checked the rows). A row joins the
 * segment this writer already wrote for it, so a streamed import groups rows across the whole
 * file without holding them: by the file's own segment id when given (kept in a TEMP table),
 * else the segment with the same media, coder, times and note (found by the media/start index).
 * Call dispose() when done.
 * Ids are UUID v7 (time-ordered, still unique): each new segment appends to the id indexes of
 * segments and segment_codes instead of landing on a random page (random v4 ids made a
 * 100,000-row import spend 40 µs a row in SQLite).
 */
export function segmentBulkWriter(db: Db): SegmentBulkWriter {
  const cache = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = ${BULK_CACHE_KIB}`);
  db.exec('CREATE TEMP TABLE IF NOT EXISTS import_ids (source TEXT PRIMARY KEY, id TEXT NOT NULL) WITHOUT ROWID; DELETE FROM temp.import_ids');
  // new rows go out in multi-row INSERTs; SQLite is asked whether a row joins a segment already
  // written only when the hash filter has seen its key (then the batches are written first)
  const segs = new BatchInsert(db, 'INSERT INTO segments (rowid, id, media_id, coder_id, start_ms, end_ms, note, created_at, updated_at)', 9);
  const links = new BatchInsert(db, 'INSERT OR IGNORE INTO segment_codes (segment_id, code_id, created_at)', 3);
  const sources = new BatchInsert(db, 'INSERT INTO temp.import_ids (source, id)', 2);
  const flush = () => {
    segs.flush();
    sources.flush();
    links.flush();
  };
  const seen = new HashFilter();
  const bySource = db.prepare('SELECT id FROM temp.import_ids WHERE source = ?').pluck(); // (a TEMP table made here: prepared after it)
  const first = Number((stmt(db, 'SELECT coalesce(max(rowid), 0) + 1 AS n FROM segments').get() as { n: number }).n);
  const same = stmt(db, 'SELECT id FROM segments INDEXED BY segments_media_start WHERE media_id = ? AND start_ms = ? AND end_ms = ? AND coder_id = ? AND note = ? AND rowid >= ? LIMIT 1').pluck();
  let next = first;
  let last: (Omit<NewSegment, 'codeIds' | 'id'> & { id: Uuid; source?: string }) | undefined;
  const at = now(db);
  const isLast = (s: Omit<NewSegment, 'codeIds' | 'id'>, source?: string) =>
    last !== undefined && (source !== undefined ? last.source === source : last.source === undefined && last.mediaId === s.mediaId && last.coderId === s.coderId && last.startMs === s.startMs && last.endMs === s.endMs && last.note === (s.note ?? ''));
  const ids = new Map<string, number>(); // media and coder ids as small numbers (a few of each)
  const small = (id: string) => ids.get(id) ?? (ids.set(id, ids.size + 1), ids.size);
  const hashOf = (s: Omit<NewSegment, 'codeIds' | 'id'>, source?: string) =>
    source !== undefined
      ? hashString(source)
      : hashString(s.note ?? '', Math.imul(s.startMs, 0x9e3779b1) ^ Math.imul(s.endMs, 0x85ebca6b) ^ Math.imul(small(s.mediaId), 0xc2b2ae35) ^ Math.imul(small(s.coderId), 0x27d4eb2f));
  const existing = (s: Omit<NewSegment, 'codeIds' | 'id'>, source?: string): Uuid | undefined => {
    if (!seen.addMaybeSeen(hashOf(s, source))) return undefined;
    flush();
    return (source !== undefined ? bySource.get(source) : same.get(s.mediaId, s.startMs, s.endMs, s.coderId, s.note ?? '', first)) as Uuid | undefined;
  };
  const link = (segmentId: Uuid, codeId: Uuid) => {
    links.values.push(segmentId, codeId, at);
    if (links.added()) flush();
  };
  return {
    add: (s, codeId, source) => {
      const found = isLast(s, source) ? last!.id : existing(s, source);
      if (found !== undefined) {
        link(found, codeId);
        return false;
      }
      last = { ...s, note: s.note ?? '', id: uuidv7(), source };
      segs.values.push(next++, last.id, s.mediaId, s.coderId, s.startMs, s.endMs, last.note, at, at);
      const full = segs.added();
      if (source !== undefined && sources.values.push(source, last.id) && sources.added()) flush();
      link(last.id, codeId);
      if (full) flush();
      return true;
    },
    dropIdenticalToEarlier: () => dropIdenticalSince(db, first),
    flush,
    dispose: () => {
      db.exec('DROP TABLE IF EXISTS temp.import_ids');
      db.pragma(`cache_size = ${cache}`);
    },
  };
}
/** Deletes segments from rowid `first` on that are identical to one before it (see SegmentBulkWriter). */
function dropIdenticalSince(db: Db, first: number): number {
  const codes = (alias: string) => `(SELECT group_concat(code_id ORDER BY code_id) FROM segment_codes WHERE segment_id = ${alias}.id)`;
  return stmt(db, `DELETE FROM segments WHERE rowid >= ? AND id IN (
    SELECT n.id FROM segments n WHERE n.rowid >= ? AND EXISTS (
      SELECT 1 FROM segments o INDEXED BY segments_media_start
      WHERE o.media_id = n.media_id AND o.start_ms = n.start_ms AND o.end_ms = n.end_ms AND o.coder_id = n.coder_id AND o.rowid < ?
        AND ${codes('o')} IS ${codes('n')}))`).run(first, first, first).changes;
}
