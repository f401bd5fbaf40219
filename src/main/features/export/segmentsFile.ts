/**
 * The `segments` export streamed to a file (the `export` command): the same rows, order and text
 * as writeSegmentsCsv on a snapshot, but read one media at a time in start order (SQLite's sorter
 * over a scan of the table: see db/tables/segments.ts) and written in blocks of rows, so a
 * million-row export holds only the rows that share one start time. Written to a temporary file beside the target and renamed over
 * it at the end (a failed export leaves no partial file); one read transaction, so consistent.
 *
 * Order: media name, start, end, coder name, code path, note, segment id (scopedCodings' order).
 * Within one start time the rows are sorted here; notes compare as JavaScript strings.
 */
import fs from 'node:fs';
import { csvBlockWriter, type CsvCell, type CsvWriteOptions } from '../../../shared/csv/safe';
import { cmpStr, clipToScope, indexProject, nameRanks, resolveScope, type ExportFilters, type ProjectIndex, type Scope } from '../../../shared/csv/scope';
import { SEGMENT_COLUMNS, segmentCells } from '../../../shared/csv/segmentsCsv';
import type { Media, ProjectSnapshot, Uuid } from '../../../shared/domain';
import { UserError } from '../../../shared/errors';
import { sqliteUserError } from '../../db/errors';
import { isSqliteError } from '../../db/sqlite';
import type { ProjectStore } from '../../db/store';
import { iterateSegmentCodes, rowidIds } from '../../db/tables/segments';
import { whoDecoder } from '../../db/tables/participants';
import { peopleIndex, type PeopleIndex } from '../../../shared/participants/who';

interface Row {
  segmentId: Uuid;
  participantIds: Uuid[] | undefined;
  coderId: Uuid;
  startMs: number;
  endMs: number;
  note: string;
  codeId: Uuid;
}

/** Writes the segments export of store to file; returns the number of data rows. */
export function writeSegmentsExportFile(store: ProjectStore, snapshot: ProjectSnapshot, filters: ExportFilters, file: string, opts: CsvWriteOptions = {}): number {
  const tmp = `${file}.${process.pid}.tmp`;
  let rows = 0;
  try {
    const fd = fs.openSync(tmp, 'w');
    try {
      const out = csvBlockWriter(SEGMENT_COLUMNS, (text) => fs.writeSync(fd, text), opts);
      store.tx(() => writeSegmentRows(store, snapshot, filters, out.row));
      out.end();
      rows = out.rows;
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    if (e instanceof UserError) throw e;
    // a damaged project page read mid-export is the project's fault, not the output file's
    const fromSqlite = isSqliteError(e) ? sqliteUserError(e) : null;
    throw fromSqlite ?? new UserError('write_failed', `${file}: cannot write (${(e as Error).message})`);
  }
  return rows;
}

type Emit = (cells: CsvCell[]) => void;

/** The export rows, media by media in name order, to `emit`. `snapshot` needs no segments (only the small tables). */
function writeSegmentRows(store: ProjectStore, snapshot: ProjectSnapshot, filters: ExportFilters, emit: Emit): void {
  const ix = indexProject(snapshot);
  const scope = resolveScope(snapshot, filters);
  const ranks = nameRanks(snapshot, ix);
  const media = snapshot.media.filter((m) => !scope.media || scope.media.has(m.id)).sort((a, b) => ranks.mediaRank.get(a.name)! - ranks.mediaRank.get(b.name)!);
  const people = { index: peopleIndex(snapshot), of: whoDecoder(store.db) };
  for (const m of media) writeMediaRows(store, m, ix, scope, ranks, people, emit);
}

/** One media's rows: read in start order, each run of equal (clipped) start sorted and written. */
function writeMediaRows(store: ProjectStore, media: Media, ix: ProjectIndex, scope: Scope, ranks: ReturnType<typeof nameRanks>, people: { index: PeopleIndex; of: ReturnType<typeof whoDecoder> }, emit: Emit): void {
  const order = (a: Row, b: Row) =>
    a.endMs - b.endMs ||
    ranks.coderRank.get(ix.coderById.get(a.coderId)!.name)! - ranks.coderRank.get(ix.coderById.get(b.coderId)!.name)! ||
    ranks.codeRank.get(ix.pathById.get(a.codeId)!)! - ranks.codeRank.get(ix.pathById.get(b.codeId)!)! ||
    cmpStr(a.note, b.note) ||
    cmpStr(a.segmentId, b.segmentId) ||
    cmpStr(a.codeId, b.codeId);
  const cells = (r: Row): CsvCell[] =>
    segmentCells({ code: ix.codeById.get(r.codeId)!, coder: ix.coderById.get(r.coderId)!, media, startMs: r.startMs, endMs: r.endMs, segment: { id: r.segmentId, note: r.note, participantIds: r.participantIds } }, ix, people.index);
  let run: Row[] = [];
  const flush = () => {
    if (run.length > 1) run.sort(order);
    for (const r of run) emit(cells(r));
    run = [];
  };
  const before = Number.isFinite(scope.toMs) ? scope.toMs : Number.MAX_SAFE_INTEGER;
  const coderIds = rowidIds(store.db, 'coders');
  const codeIds = rowidIds(store.db, 'codes');
  for (const [segmentId, coderRowid, start, end, note, codeRowid, who] of iterateSegmentCodes(store.db, media.id, before)) {
    const coderId = coderIds.get(coderRowid)!;
    const codeId = codeIds.get(codeRowid)!;
    if ((scope.coders && !scope.coders.has(coderId)) || (scope.codes && !scope.codes.has(codeId))) continue;
    if (!ix.coderById.has(coderId) || !ix.codeById.has(codeId)) continue;
    const t = clipToScope(scope, start, end);
    if (!t) continue;
    if (run.length > 0 && run[0]!.startMs !== t[0]) flush();
    run.push({ segmentId, participantIds: people.of(who), coderId, startMs: t[0], endMs: t[1], note, codeId });
  }
  flush();
}
