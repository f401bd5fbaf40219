/**
 * `import-segments`: adds coded segments from a segments CSV (contract format) to a project.
 * Rows sharing a `segment_id` (as the segments export writes them), or else with the same media,
 * coder, times and note, become one segment carrying all their codes (wherever they are in the
 * file); a `consensus` column marks the consensus coder. New segments get new ids; one identical
 * to a segment already in the project (same media, coder, times and codes) is dropped and counted.
 * In-memory text is one undo step; a streamed file is entered in the undo history as a step that
 * cannot be undone (recording every row of a large file would double its cost).
 *
 * Streaming and all-or-none: a file is read in blocks and each row is checked and written as it
 * arrives (no array of the file's rows is held), all inside ONE transaction over the whole file.
 * The first bad row (malformed CSV, unknown code, bad time, …) rolls that transaction back and is
 * named by file and line: the project is left exactly as it was. The transaction holds the
 * project's write lock for the length of the import (other writers wait or get "busy").
 * Input limits (shared/limits.ts): the bytes are strict UTF-8 (csvFileBlocks), each row is
 * checked by segmentRowProblem in the row reader, --media by cleanName.
 */
import fs from 'node:fs';
import path from 'node:path';
import { readCsv, type CsvRecord } from '../../../shared/csv/safe';
import { segmentRowReader, type ParsedSegmentRow, type SegmentRowReader } from '../../../shared/csv/segmentsCsv';
import type { Media, Uuid } from '../../../shared/domain';
import { isUserError, UserError } from '../../../shared/errors';
import { cleanName, LIMITS } from '../../../shared/limits';
import { plural } from '../../../shared/plural';
import { csvFileBlocks } from '../../csvStream';
import { inTransactionAsync } from '../../db/connection';
import type { ProjectStore, SegmentBulkWriter } from '../../db/store';

export interface ImportSegmentsResult {
  segments: number;
  rows: number;
  codersCreated: string[];
  media: string;
  /** Segments not added: identical (media, coder, times, codes) to one already in the project. */
  skippedIdentical: number;
}

interface ImportOptions {
  file: string;
  media?: string;
}

/** Imports CSV text already in memory (the demo's small files), in one transaction. */
export function importSegmentsCsv(store: ProjectStore, text: string, opts: ImportOptions): ImportSegmentsResult {
  const records = inFile(opts.file, () => readCsv(text));
  return store.recordEdit(importLabel(opts.file), () => {
    const importer = new SegmentImporter(store, opts);
    try {
      for (const rec of records) importer.record(rec);
      return importer.finish();
    } finally {
      importer.dispose();
    }
  });
}

/** Imports a CSV file, streamed (see the module comment). */
export async function importSegmentsFile(store: ProjectStore, file: string, opts: Omit<ImportOptions, 'file'> = {}): Promise<ImportSegmentsResult> {
  if (!fs.existsSync(file)) throw new UserError('not_found', `${file}: no such file`);
  const bytes = fs.statSync(file).size;
  if (bytes === 0) throw new UserError('empty', `${file}: file is empty`);
  return inTransactionAsync(store.db, async () => {
    // the import is not an undo step: the undo recorder's triggers are dropped while it runs, and it
    // enters the history as a step undo stops at (markNotUndoable below)
    const resume = store.undoLog?.pauseCapture() ?? (() => undefined);
    // a segments row takes some 60 bytes or more: the writer defers an index for a large import
    const importer = new SegmentImporter(store, { ...opts, file }, bytes / 64);
    for await (const block of inFileAsync(file, csvFileBlocks(file))) for (const rec of block) importer.record(rec);
    const result = importer.finish();
    importer.dispose();
    resume();
    store.undoLog?.markNotUndoable(importLabel(file)(result));
    return result;
  });
}

const importLabel = (file: string) => (r: ImportSegmentsResult) => `Import ${plural(r.segments, 'segment')} from ${path.basename(file)}`;

/** Runs f; a CsvInputError becomes a UserError whose message starts with the file name. */
function inFile<T>(file: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw asFileError(file, e);
  }
}

async function* inFileAsync<T>(file: string, it: AsyncIterable<T>): AsyncGenerator<T> {
  try {
    yield* it;
  } catch (e) {
    throw asFileError(file, e);
  }
}

function asFileError(file: string, e: unknown): unknown {
  return isUserError(e) && !(e instanceof UserError) ? new UserError('invalid_csv', `${file}: ${(e as Error).message}`) : e;
}

/**
 * Checks and writes one record at a time inside the caller's transaction: the header first,
 * then data rows. Row checks are segmentRowReader's (the place for further per-row limits).
 */
class SegmentImporter {
  private read: SegmentRowReader | undefined;
  private rows = 0;
  private readonly writer: SegmentBulkWriter;
  private readonly media: MediaResolver;
  private readonly coders: CoderResolver;
  private readonly usedMedia = new Set<Uuid>();
  private segments = 0;

  constructor(
    private readonly store: ProjectStore,
    private readonly opts: ImportOptions,
    expectedRows?: number,
  ) {
    if (opts.media !== undefined) cleanName(opts.media, '--media: media name', LIMITS.fileName);
    this.writer = store.segmentBulkWriter({ expectedRows });
    this.media = new MediaResolver(store, opts);
    this.coders = new CoderResolver(store, opts.file);
  }

  record(rec: CsvRecord): void {
    if (!this.read) {
      const ctx = { codes: this.store.listCodes(), mediaNames: this.store.listMedia().map((m) => m.name) };
      this.read = inFile(this.opts.file, () => segmentRowReader(rec.cells, ctx));
      return;
    }
    const read = this.read;
    const row = inFile(this.opts.file, () => read(rec.cells, rec.line));
    if (row) this.add(row);
  }

  private add(r: ParsedSegmentRow): void {
    this.rows++;
    const media = this.media.resolve(r.media, r.line);
    const coderId = this.coders.resolve(r.coder, r.line, r.consensus === true);
    this.usedMedia.add(media.id);
    // rows of one exported segment share its segment_id; without it, rows with the same
    // media, coder, times and note are one segment with several codes
    const segment = { mediaId: media.id, coderId, startMs: r.startMs, endMs: r.endMs, note: r.note };
    if (this.writer.add(segment, r.codeId, r.segmentId)) {
      this.segments++;
      this.media.checkEnd(media, r.endMs, r.line); // a later row of a segment keeps the first row's times
    }
  }

  finish(): ImportSegmentsResult {
    if (!this.read) inFile(this.opts.file, () => segmentRowReader([], { codes: [], mediaNames: [] }));
    if (this.rows === 0) throw new UserError('empty', `${this.opts.file}: no segments (only a header row)`);
    this.writer.flush();
    const skippedIdentical = this.writer.dropIdenticalToEarlier();
    const media = [...this.usedMedia].map((id) => this.store.getMedia(id).name).join(', ');
    return { segments: this.segments - skippedIdentical, rows: this.rows, codersCreated: this.coders.created, media, skippedIdentical };
  }

  dispose(): void {
    this.writer.dispose();
  }
}

/** Media by name for the rows: the only media, --media, or a placeholder in a project without media. */
class MediaResolver {
  private readonly byName: Map<string, Media>;

  constructor(
    private readonly store: ProjectStore,
    private readonly opts: ImportOptions,
  ) {
    this.byName = new Map(store.listMedia().map((m) => [m.name, m]));
  }

  resolve(name: string | undefined, line: number): Media {
    const { file, media: option } = this.opts;
    const wanted = name || option;
    if (wanted) {
      const m = this.byName.get(wanted);
      if (m) return m;
      if (this.byName.size === 0 || (option && wanted === option)) {
        // a project with no media (or a named placeholder): segments wait for the real file
        const placeholder = this.store.insertMedia({ path: '', name: wanted, fingerprint: '', size: 0, durationMs: null });
        this.byName.set(wanted, placeholder);
        return placeholder;
      }
      throw new UserError('invalid', `${file}: line ${line}: field "media": no media named "${wanted}" in the project`);
    }
    if (this.byName.size === 1) return [...this.byName.values()][0]!;
    if (this.byName.size === 0) throw new UserError('invalid', `${file}: the project has no media; name one with --media NAME`);
    throw new UserError('invalid', `${file}: line ${line}: field "media" is empty and the project has ${this.byName.size} media; add a media column or --media NAME`);
  }

  /** The store's time check for a new segment (times themselves are checked by the row reader). */
  checkEnd(m: Media, endMs: number, line: number): void {
    if (m.durationMs !== null && endMs > m.durationMs + 1000) {
      throw new UserError('invalid', `${this.opts.file}: line ${line}: End ${endMs} ms is after the end of ${m.name} (${m.durationMs} ms)`);
    }
  }
}

/** Coders by name, created when missing; a coder file accepts only its own coder. */
class CoderResolver {
  private readonly byName: Map<string, Uuid>;
  private readonly onlyCoder: string | undefined;
  readonly created: string[] = [];

  constructor(
    private readonly store: ProjectStore,
    private readonly file: string,
  ) {
    this.byName = new Map(store.listCoders().map((c) => [c.name, c.id]));
    this.onlyCoder = store.getMeta('coder_file_for');
  }

  resolve(name: string, line: number, consensus: boolean): Uuid {
    const existing = this.byName.get(name);
    if (this.onlyCoder && existing !== this.onlyCoder) {
      throw new UserError('forbidden', `${this.file}: line ${line}: field "coder": this coder file belongs to "${this.store.getCoder(this.onlyCoder).name}", not "${name}"`);
    }
    if (existing) return existing;
    const c = this.store.insertCoder({ name, isConsensus: consensus }).id;
    this.byName.set(name, c);
    this.created.push(name);
    return c;
  }
}
