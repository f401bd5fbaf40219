/**
 * Whole-media reads of segments for the million-row paths (agreement, the segments and agreement
 * exports). They read the segments table in its own (rowid) order, a sequential scan of the
 * file, and look each segment's codes up by its key: walking the media/start index instead
 * fetches every row at random, five times the CPU at a million segments (the rows are stored in
 * the order they were coded or imported, not by time). Where an order is needed, SQLite sorts.
 */
import type { Uuid } from '../../../shared/domain';
import { stmt, type Db } from '../connection';

/** [coder id, code id, start, end] of every segment × code link of a media, in table order. */
export function scanCodeLinks(db: Db, mediaId: Uuid): IterableIterator<[Uuid, Uuid, number, number]> {
  return stmt(db, `SELECT s.coder_id, sc.code_id, s.start_ms, s.end_ms
    FROM segments s NOT INDEXED CROSS JOIN segment_codes sc ON sc.segment_id = s.id
    WHERE s.media_id = ?`).raw(true).iterate(mediaId) as IterableIterator<[Uuid, Uuid, number, number]>;
}

/**
 * [segment id, coder rowid, start, end, note, code rowid] of every segment × code link of a
 * media that starts before beforeMs, in start order: SQLite's sorter over the scan costs less
 * than walking the media/start index. The sorter keeps its runs in memory (temp_store = MEMORY,
 * for the undo log), so the records are kept small: coder and code as rowids (see rowidIds), not
 * 36-character ids (~100 MB at a million rows instead of ~250 MB).
 */
export function scanSegmentCodes(db: Db, mediaId: Uuid, beforeMs: number): IterableIterator<[Uuid, number, number, number, string, number]> {
  return stmt(db, `SELECT s.id, c.rowid, s.start_ms, s.end_ms, s.note, k.rowid
    FROM segments s NOT INDEXED CROSS JOIN segment_codes sc ON sc.segment_id = s.id
    CROSS JOIN coders c ON c.id = s.coder_id CROSS JOIN codes k ON k.id = sc.code_id
    WHERE s.media_id = ? AND s.start_ms < ? ORDER BY s.start_ms`).raw(true).iterate(mediaId, beforeMs) as IterableIterator<[Uuid, number, number, number, string, number]>;
}

/** rowid → id of every coder or code (scanSegmentCodes' rowids). */
export function rowidIds(db: Db, table: 'coders' | 'codes'): Map<number, Uuid> {
  const sql = table === 'coders' ? 'SELECT rowid, id FROM coders' : 'SELECT rowid, id FROM codes';
  return new Map(stmt(db, sql).raw(true).all() as [number, Uuid][]);
}

/** [segment id, coder id, start, end, code id or null for a segment without codes] of a media, in table order. */
export function scanSegmentLinks(db: Db, mediaId: Uuid): IterableIterator<[Uuid, Uuid, number, number, Uuid | null]> {
  return stmt(db, `SELECT s.id, s.coder_id, s.start_ms, s.end_ms, sc.code_id
    FROM segments s NOT INDEXED LEFT JOIN segment_codes sc ON sc.segment_id = s.id
    WHERE s.media_id = ?`).raw(true).iterate(mediaId) as IterableIterator<[Uuid, Uuid, number, number, Uuid | null]>;
}

/**
 * [segment id, media id, coder id, start, end, note, code id] of every segment × code link of the
 * consensus coders (by the coder index: the consensus layer is a part of the study) or of the
 * other coders (a scan), in no particular order: the streamed thematic export's two passes.
 */
export function scanThematicRows(db: Db, consensus: boolean): IterableIterator<[Uuid, Uuid, Uuid, number, number, string, Uuid]> {
  const sql = consensus
    ? `SELECT s.id, s.media_id, s.coder_id, s.start_ms, s.end_ms, s.note, sc.code_id
       FROM segments s INDEXED BY segments_coder CROSS JOIN segment_codes sc ON sc.segment_id = s.id
       WHERE s.coder_id IN (SELECT id FROM coders WHERE is_consensus = 1)`
    : `SELECT s.id, s.media_id, s.coder_id, s.start_ms, s.end_ms, s.note, sc.code_id
       FROM segments s NOT INDEXED CROSS JOIN segment_codes sc ON sc.segment_id = s.id
       WHERE s.coder_id IN (SELECT id FROM coders WHERE is_consensus = 0)`;
  return stmt(db, sql).raw(true).iterate() as IterableIterator<[Uuid, Uuid, Uuid, number, number, string, Uuid]>;
}
