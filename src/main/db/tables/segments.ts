/** segments and segment_codes: coded time ranges of a recording by one coder, with their codes. */
import { randomUUID } from 'node:crypto';
import type { Segment, SegmentMarks, Uuid } from '../../../shared/domain';
import { UserError } from '../../../shared/errors';
import { checkText, LIMITS } from '../../../shared/limits';
import type { SegmentRow } from '../../../shared/merge/rows';
import { insertRows } from '../batchInsert';
import { inTransaction, now, stmt, type Db } from '../connection';
import { codeExists } from './codes';
import { coderExists } from './coders';
import { mediaBounds } from './media';
import { addTombstone } from './tombstones';
import { attachSegmentParticipants, hasParticipantTables } from './participants';

export type { SegmentRow };
/** A segment row with its code ids (sorted, comma-joined; null: none). */
export type SegmentCodesRow = SegmentRow & { code_ids: string | null };

export interface NewSegment {
  id?: Uuid;
  mediaId: Uuid;
  coderId: Uuid;
  startMs: number;
  endMs: number;
  note?: string;
  codeIds: Uuid[];
}

export interface SegmentPatch {
  startMs?: number;
  endMs?: number;
  note?: string;
  codeIds?: Uuid[];
}

export const toSegment = (r: SegmentCodesRow): Segment => ({
  id: r.id, createdAt: r.created_at, updatedAt: r.updated_at, mediaId: r.media_id, coderId: r.coder_id, startMs: r.start_ms, endMs: r.end_ms, note: r.note,
  codeIds: r.code_ids ? r.code_ids.split(',') : [],
});

const SEGMENT_SELECT = `
  SELECT s.*, (SELECT group_concat(code_id ORDER BY code_id) FROM segment_codes sc WHERE sc.segment_id = s.id) AS code_ids
  FROM segments s`;
const SEG_COLS = 's.id, s.created_at, s.updated_at, s.media_id, s.coder_id, s.start_ms, s.end_ms, s.note, sc.code_id';
const SEG_JOIN = 'FROM segments s LEFT JOIN segment_codes sc ON sc.segment_id = s.id';
const SEG_ORDER = 'ORDER BY s.media_id, s.start_ms, s.end_ms, s.created_at, s.rowid, sc.code_id';
type SegmentLinkRow = [string, number, number, string, string, number, number, string, string | null];

/** One Segment per run of rows with the same id (its code links), in the rows' order. */
function groupSegmentRows(rows: SegmentLinkRow[]): Segment[] {
  const out: Segment[] = [];
  let last: Segment | undefined;
  for (const r of rows) {
    if (last && last.id === r[0]) {
      if (r[8] !== null) last.codeIds.push(r[8]);
      continue;
    }
    last = { id: r[0], createdAt: r[1], updatedAt: r[2], mediaId: r[3], coderId: r[4], startMs: r[5], endMs: r[6], note: r[7], codeIds: r[8] === null ? [] : [r[8]] };
    out.push(last);
  }
  return out;
}

/** Small dense indices for repeated ids, in first-seen order. */
class Indexer {
  readonly list: string[] = [];
  private readonly ix = new Map<string, number>();
  of(key: string): number {
    let i = this.ix.get(key);
    if (i === undefined) this.ix.set(key, (i = this.list.push(key) - 1));
    return i;
  }
}

export function listSegments(db: Db, mediaId?: Uuid): Segment[] {
  // one ordered join read as raw arrays: a segment's code links arrive on consecutive rows
  // (50,000 segments in ~0.1 s; objects per row or a group_concat per segment cost 3–20x more)
  const st = mediaId ? stmt(db, `SELECT ${SEG_COLS} ${SEG_JOIN} WHERE s.media_id = ? ${SEG_ORDER}`) : stmt(db, `SELECT ${SEG_COLS} ${SEG_JOIN} ${SEG_ORDER}`);
  return attachSegmentParticipants(db, groupSegmentRows((mediaId ? st.raw(true).all(mediaId) : st.raw(true).all()) as SegmentLinkRow[]));
}

/** The segments of one media that overlap [fromMs, toMs] (touching counts), in listSegments' order. */
export function listSegmentsInWindow(db: Db, mediaId: Uuid, fromMs: number, toMs: number): Segment[] {
  const where = 'WHERE s.media_id = ? AND s.start_ms <= ? AND s.end_ms >= ?';
  return attachSegmentParticipants(db, groupSegmentRows(stmt(db, `SELECT ${SEG_COLS} ${SEG_JOIN} ${where} ${SEG_ORDER}`).raw(true).all(mediaId, toMs, fromMs) as SegmentLinkRow[]));
}

/**
 * Every segment × code link of one media in a compact form (no ids, no notes), by start time:
 * flat quadruples [startMs, endMs, coderIndex, codeIndex] into the coderIds and codeIds lists
 * (codeIndex -1 for a segment without codes). What the seek bar and the zoomed-out timeline draw.
 */
export function segmentMarks(db: Db, mediaId: Uuid): SegmentMarks {
  const rows = stmt(db, `SELECT s.start_ms, s.end_ms, s.coder_id, sc.code_id ${SEG_JOIN} WHERE s.media_id = ? ORDER BY s.start_ms, s.end_ms`)
    .raw(true).iterate(mediaId) as IterableIterator<[number, number, string, string | null]>;
  const coders = new Indexer();
  const codes = new Indexer();
  const marks: number[] = [];
  for (const [a, b, coder, code] of rows) marks.push(a, b, coders.of(coder), code === null ? -1 : codes.of(code));
  return { coderIds: coders.list, codeIds: codes.list, marks };
}

export function getSegment(db: Db, id: Uuid): Segment {
  const row = stmt(db, `${SEGMENT_SELECT} WHERE s.id = ?`).get(id) as SegmentCodesRow | undefined;
  if (!row) throw new UserError('not_found', `No segment ${id}`);
  return attachSegmentParticipants(db, [toSegment(row)])[0]!;
}

/**
 * A segment identical to `s` (same media, coder, start, end and set of codes; the note does not
 * count), or null. Adding it again would only double the coding.
 */
export function findIdenticalSegment(db: Db, s: Pick<NewSegment, 'mediaId' | 'coderId' | 'startMs' | 'endMs' | 'codeIds'>): Segment | null {
  const rows = stmt(db, `${SEGMENT_SELECT} WHERE s.media_id = ? AND s.coder_id = ? AND s.start_ms = ? AND s.end_ms = ?`)
    .all(s.mediaId, s.coderId, s.startMs, s.endMs) as SegmentCodesRow[];
  const want = [...new Set(s.codeIds)].sort().join(',');
  const row = rows.find((r) => (r.code_ids ?? '') === want);
  return row ? toSegment(row) : null;
}

function checkTimes(db: Db, startMs: number, endMs: number, mediaId: Uuid): void {
  if (!Number.isInteger(startMs) || !Number.isInteger(endMs)) throw new UserError('invalid', 'Times must be whole milliseconds');
  if (startMs < 0) throw new UserError('invalid', `Start ${startMs} ms is negative`);
  if (endMs < startMs) throw new UserError('invalid', `End ${endMs} ms is before start ${startMs} ms`);
  const media = mediaBounds(db, mediaId);
  if (!media) throw new UserError('not_found', `No media ${mediaId} in this project`);
  if (media.duration_ms !== null && endMs > media.duration_ms + 1000) {
    throw new UserError('invalid', `End ${endMs} ms is after the end of ${media.name} (${media.duration_ms} ms)`);
  }
}

function checkCodes(db: Db, codeIds: Uuid[]): void {
  for (const c of codeIds) if (!codeExists(db, c)) throw new UserError('not_found', `No code ${c} in the codebook`);
}

/** The one single-row INSERT of a segment (its code links apart: linkCodes). */
export function insertSegmentRow(db: Db, r: SegmentRow): void {
  stmt(db, 'INSERT INTO segments (id, media_id, coder_id, start_ms, end_ms, note, created_at, updated_at) VALUES (@id, @media_id, @coder_id, @start_ms, @end_ms, @note, @created_at, @updated_at)').run(r);
}

/** Writes every column of an existing segment (its code links apart: replaceCodes). */
export function updateSegmentRow(db: Db, r: SegmentRow): void {
  stmt(db, 'UPDATE segments SET media_id = @media_id, coder_id = @coder_id, start_ms = @start_ms, end_ms = @end_ms, note = @note, created_at = @created_at, updated_at = @updated_at WHERE id = @id').run(r);
}

/** Links codes to a segment (a code linked already is left as it is). */
export function linkCodes(db: Db, segmentId: Uuid, codeIds: Iterable<Uuid>, at: number): void {
  const ins = stmt(db, 'INSERT OR IGNORE INTO segment_codes (segment_id, code_id, created_at) VALUES (?, ?, ?)');
  for (const c of new Set(codeIds)) ins.run(segmentId, c, at);
}

/** Replaces the codes of a segment. */
export function replaceCodes(db: Db, segmentId: Uuid, codeIds: Iterable<Uuid>, at: number): void {
  stmt(db, 'DELETE FROM segment_codes WHERE segment_id = ?').run(segmentId);
  linkCodes(db, segmentId, codeIds, at);
}

/**
 * Writes many new segments and links given as flat value lists (segments: id, media_id,
 * coder_id, start_ms, end_ms, note, created_at, updated_at; links: segment_id, code_id,
 * created_at), many rows per statement. The caller has checked them.
 */
export function insertSegmentsMany(db: Db, segments: unknown[], links: unknown[]): void {
  insertRows(db, 'INSERT INTO main.segments (id, media_id, coder_id, start_ms, end_ms, note, created_at, updated_at)', 8, segments);
  insertRows(db, 'INSERT INTO main.segment_codes (segment_id, code_id, created_at)', 3, links);
}

export function insertSegment(db: Db, s: NewSegment): Segment {
  return inTransaction(db, () => {
    checkTimes(db, s.startMs, s.endMs, s.mediaId);
    if (!coderExists(db, s.coderId)) throw new UserError('not_found', `No coder ${s.coderId} in this project`);
    checkCodes(db, s.codeIds);
    const at = now(db);
    const id = s.id ?? randomUUID();
    const note = checkText(s.note ?? '', 'note', LIMITS.note);
    insertSegmentRow(db, { id, media_id: s.mediaId, coder_id: s.coderId, start_ms: s.startMs, end_ms: s.endMs, note, created_at: at, updated_at: at });
    linkCodes(db, id, s.codeIds, at);
    // what was just written, without reading it back (codes in the order listSegments gives)
    const codeIds = [...new Set(s.codeIds)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return { id, createdAt: at, updatedAt: at, mediaId: s.mediaId, coderId: s.coderId, startMs: s.startMs, endMs: s.endMs, note, codeIds, participantIds: [] };
  });
}

export function updateSegment(db: Db, id: Uuid, patch: SegmentPatch): Segment {
  return inTransaction(db, () => {
    const cur = getSegment(db, id);
    const startMs = patch.startMs ?? cur.startMs;
    const endMs = patch.endMs ?? cur.endMs;
    checkTimes(db, startMs, endMs, cur.mediaId);
    if (patch.note !== undefined) checkText(patch.note, 'note', LIMITS.note);
    const at = now(db);
    stmt(db, 'UPDATE segments SET start_ms = ?, end_ms = ?, note = ?, updated_at = ? WHERE id = ?').run(startMs, endMs, patch.note ?? cur.note, at, id);
    if (patch.codeIds) {
      checkCodes(db, patch.codeIds);
      replaceCodes(db, id, patch.codeIds, at);
    }
    return getSegment(db, id);
  });
}

export function deleteSegment(db: Db, id: Uuid): void {
  inTransaction(db, () => {
    getSegment(db, id);
    addTombstone(db, id, 'segments', now(db));
    deleteSegmentRow(db, id);
  });
}

/** Deletes a segment row (its links, memos and evidence go with it: foreign keys cascade). */
export function deleteSegmentRow(db: Db, id: Uuid): void {
  stmt(db, 'DELETE FROM segments WHERE id = ?').run(id);
}

// Whole-media reads (agreement, the segments, thematic and agreement exports) scan the segments
// table in its own (rowid) order, a sequential read of the file, and look each segment's codes up
// by its key: walking the media/start index instead fetches every row at random, five times the
// CPU at a million segments (rows are stored in the order they were coded or imported, not by
// time). Where an order is needed, SQLite sorts.

/**
 * [segment id, coder rowid, start, end, note, code rowid] of every segment × code link of a
 * media that starts before beforeMs, in start order (SQLite's sorter over the scan): what the
 * streamed segments export reads. The sorter keeps its runs in memory (temp_store = MEMORY, for
 * the undo log), so its records are kept small: coder and code as rowids (see rowidIds), not
 * 36-character ids (~100 MB at a million rows instead of ~250 MB).
 */
export function iterateSegmentCodes(db: Db, mediaId: Uuid, beforeMs: number): IterableIterator<SegmentCodeRow> {
  return stmt(db, `SELECT s.id, c.rowid, s.start_ms, s.end_ms, s.note, k.rowid, ${whoColumn(db)}
    FROM segments s NOT INDEXED CROSS JOIN segment_codes sc ON sc.segment_id = s.id
    CROSS JOIN coders c ON c.id = s.coder_id CROSS JOIN codes k ON k.id = sc.code_id
    WHERE s.media_id = ? AND s.start_ms < ? ORDER BY s.start_ms`).raw(true).iterate(mediaId, beforeMs) as IterableIterator<SegmentCodeRow>;
}

/** [segment id, coder rowid, start, end, note, code rowid, who (see whoColumn)]. */
export type SegmentCodeRow = [Uuid, number, number, number, string, number, string | null];

/**
 * Who segment `s` is about, as a column: the rowids of its participants joined by commas (in no
 * particular order; decoded by participants.ts whoDecoder), NULL when none or in a file without
 * the participants tables. One index look-up a row, instead of a map of the whole study.
 */
function whoColumn(db: Db): string {
  return hasParticipantTables(db)
    ? '(SELECT group_concat(p.rowid) FROM segment_participants sp CROSS JOIN participants p ON p.id = sp.participant_id WHERE sp.segment_id = s.id)'
    : 'NULL';
}

/** rowid → id of every coder or code (iterateSegmentCodes' rowids). */
export function rowidIds(db: Db, table: 'coders' | 'codes'): Map<number, Uuid> {
  const sql = table === 'coders' ? 'SELECT rowid, id FROM coders' : 'SELECT rowid, id FROM codes';
  return new Map(stmt(db, sql).raw(true).all() as [number, Uuid][]);
}

/**
 * Every segment × code row of one media, [coder rowid, start, end, code rowid or null for a
 * segment without codes], in table order (no ids, no notes; rowids as in rowidIds): the agreement
 * export's input without holding the media's segments, nor making two 36-character strings a row.
 */
export function iterateSegmentLinks(db: Db, mediaId: Uuid): IterableIterator<[number, number, number, number | null]> {
  return stmt(db, `SELECT c.rowid, s.start_ms, s.end_ms, k.rowid
    FROM segments s NOT INDEXED LEFT JOIN segment_codes sc ON sc.segment_id = s.id
    CROSS JOIN coders c ON c.id = s.coder_id LEFT JOIN codes k ON k.id = sc.code_id
    WHERE s.media_id = ?`).raw(true).iterate(mediaId) as IterableIterator<[number, number, number, number | null]>;
}

/**
 * [segment id, media id, coder id, start, end, note, code id] of every segment × code link of the
 * consensus coders (by the coder index: the consensus layer is a part of the study) or of the
 * other coders (a scan), in no particular order: the streamed thematic export's two passes. The
 * other coders' rows end with who the segment is about (whoColumn; NULL in the consensus pass,
 * which the group columns do not count).
 */
export function iterateThematicRows(db: Db, consensus: boolean): IterableIterator<[Uuid, Uuid, Uuid, number, number, string, Uuid, string | null]> {
  const sql = consensus
    ? `SELECT s.id, s.media_id, s.coder_id, s.start_ms, s.end_ms, s.note, sc.code_id, NULL
       FROM segments s INDEXED BY segments_coder CROSS JOIN segment_codes sc ON sc.segment_id = s.id
       WHERE s.coder_id IN (SELECT id FROM coders WHERE is_consensus = 1)`
    : `SELECT s.id, s.media_id, s.coder_id, s.start_ms, s.end_ms, s.note, sc.code_id, ${whoColumn(db)}
       FROM segments s NOT INDEXED CROSS JOIN segment_codes sc ON sc.segment_id = s.id
       WHERE s.coder_id IN (SELECT id FROM coders WHERE is_consensus = 0)`;
  return stmt(db, sql).raw(true).iterate() as IterableIterator<[Uuid, Uuid, Uuid, number, number, string, Uuid, string | null]>;
}

export function countSegments(db: Db): number {
  return (stmt(db, 'SELECT count(*) AS n FROM segments').get() as { n: number }).n;
}

/** Every segment row (no code links), unordered: what a merge indexes. */
export function listSegmentRows(db: Db): SegmentRow[] {
  return stmt(db, 'SELECT id, media_id, coder_id, start_ms, end_ms, note, created_at, updated_at FROM segments').all() as SegmentRow[];
}

/** Every segment × code link as [segment id, code id], by segment id then code id. */
export function iterateCodeLinks(db: Db): IterableIterator<[Uuid, Uuid]> {
  return stmt(db, 'SELECT segment_id, code_id FROM segment_codes ORDER BY segment_id, code_id').raw(true).iterate() as IterableIterator<[Uuid, Uuid]>;
}

/**
 * The segment × code rows of one media for the agreement statistics, [coder id, code id, start,
 * end, segment id unless ids is 'none']. The statistics do not depend on the order: without ids,
 * or with ids only to filter by ('unordered'), the rows come in table order (a scan, no sort); with
 * ids for disagreement lists ('ordered') in a full deterministic order.
 */
export function iterateCodings(db: Db, mediaId: Uuid, ids: 'none' | 'unordered' | 'ordered'): IterableIterator<[Uuid, Uuid, number, number, Uuid | undefined]> {
  const scan = `FROM segments s NOT INDEXED CROSS JOIN segment_codes sc ON sc.segment_id = s.id WHERE s.media_id = ?`;
  const st = stmt(db, ids === 'ordered'
    ? `SELECT s.coder_id, sc.code_id, s.start_ms, s.end_ms, s.id
       FROM segments s JOIN segment_codes sc ON sc.segment_id = s.id
       WHERE s.media_id = ? ORDER BY s.start_ms, s.end_ms, s.created_at, s.id, sc.code_id`
    : `SELECT s.coder_id, sc.code_id, s.start_ms, s.end_ms${ids === 'unordered' ? ', s.id' : ''} ${scan}`);
  return st.raw(true).iterate(mediaId) as IterableIterator<[Uuid, Uuid, number, number, Uuid | undefined]>;
}
