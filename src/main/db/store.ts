/**
 * ProjectStore: one open project file. It opens and creates the file, runs each user edit as one
 * transaction recorded in the undo history (recordEdit, db/undo.ts) and checkpoints the WAL in
 * idle time. Reads and writes are the table modules' (db/tables/<table>.ts), which hold every
 * statement; the methods below are the facade the services and tests call. Synchronous
 * (better-sqlite3); parameters always bound.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { defaultCodebook } from '../../shared/codebook';
import type { ActivitySystem, Code, Coder, Contradiction, Media, Memo, ProjectSnapshot, Segment, SegmentMarks, Theme, Uuid } from '../../shared/domain';
import { UserError } from '../../shared/errors';
import { cleanName, LIMITS } from '../../shared/limits';
import type { Transcript } from '../../shared/transcript/types';
import { inTransaction, setClock } from './connection';
import { rememberOwnWrites } from './checkedFiles';
import { openDatabase, openedClean, schemaVersion, type OpenOptions } from './open';
import * as codes from './tables/codes';
import { insertCode, type CodePatch, type NewCode } from './tables/codes';
import * as coders from './tables/coders';
import * as contradictions from './tables/contradictions';
import type { ContradictionPatch, NewContradiction } from './tables/contradictions';
import * as media from './tables/media';
import type { MediaPatch, NewMedia } from './tables/media';
import * as memos from './tables/memos';
import type { NewMemo } from './tables/memos';
import * as meta from './tables/meta';
import { segmentBulkWriter, type SegmentBulkOptions, type SegmentBulkWriter } from './tables/segmentBulk';
import * as segments from './tables/segments';
import type { NewSegment, SegmentPatch } from './tables/segments';
import { readSnapshot } from './tables/snapshot';
import * as systems from './tables/systems';
import * as themes from './tables/themes';
import * as transcripts from './tables/transcripts';
import type { NewCue } from './tables/transcripts';
import { UndoLog } from './undo';

export { CODER_COLORS, CONSENSUS_COLOR } from './tables/coders';
export type { CodePatch, NewCode } from './tables/codes';
export type { ContradictionPatch, NewContradiction } from './tables/contradictions';
export type { NewMemo } from './tables/memos';
export type { SegmentBulkWriter } from './tables/segmentBulk';
export type { NewSegment, SegmentPatch } from './tables/segments';
export { UNDO_TABLES, UndoLog, type UndoResult, type UndoStep } from './undo';

/** project_meta key of the blind coding setting ('1' on, '0' off). */
export const BLIND_CODING_KEY = 'blind_coding';

export class ProjectStore {
  readonly db: Database.Database;
  readonly file: string;
  private clock: () => number;

  private constructor(db: Database.Database, file: string, clock: () => number) {
    this.db = db;
    this.file = file;
    this.clock = clock;
    setClock(db, clock);
    if (!db.readonly) this.undoLog = new UndoLog(db, clock);
    this.startIdleCheckpoints();
  }

  /** The persisted undo/redo history (absent on a read-only store). */
  readonly undoLog?: UndoLog;

  /**
   * Runs one user edit in a transaction and records the before/after images of every row it
   * touched in the undo log (one undo step). Nested calls join the outer step.
   */
  recordEdit<T>(label: string | ((result: T) => string), fn: () => T): T {
    if (!this.undoLog) return this.tx(fn);
    return this.undoLog.record(label, fn);
  }

  /**
   * Runs a bulk write that cannot be undone (a merge) and enters it in the history as a step
   * Ctrl+Z stops at: undo never skips over it to an earlier edit. The caller asks first.
   */
  notUndoable<T>(label: string | ((result: T) => string), fn: () => T): T {
    return this.tx(() => {
      const result = this.undoLog ? this.undoLog.withoutCapture(fn) : fn();
      this.undoLog?.markNotUndoable(typeof label === 'string' ? label : label(result));
      return result;
    });
  }

  /** Opens an existing project file (migrating it if it is older). */
  static open(file: string, opts: OpenOptions & { clock?: () => number } = {}): ProjectStore {
    const abs = path.resolve(file);
    const db = openDatabase(abs, opts);
    const store = new ProjectStore(db, abs, opts.clock ?? Date.now);
    if (!store.getMeta('project_id')) {
      db.close();
      throw new UserError('not_a_project', `${abs}: not a Triangulate project (no project record)`);
    }
    return store;
  }

  /**
   * Opens a project for the app (web mode, Electron): read-write, or read-only when the file or
   * its file system cannot be written, saying so through `onReadonly` (edits are then refused
   * with "the project file is read-only").
   */
  static openForApp(file: string, opts: OpenOptions, onReadonly: (message: string) => void): ProjectStore {
    try {
      return ProjectStore.open(file, opts);
    } catch (e) {
      if (!(e instanceof UserError && e.code === 'read_only')) throw e;
      const store = ProjectStore.open(file, { ...opts, readonly: true });
      onReadonly(`${store.file} is read-only: opened read-only; to edit it, make it writable (or copy it to a writable folder) and open it again`);
      return store;
    }
  }

  /** Creates a new project file seeded with the default CHAT codebook. Refuses to overwrite. */
  static create(file: string, opts: { name?: string; clock?: () => number; nativeBinding?: string } = {}): ProjectStore {
    const abs = path.resolve(file);
    if (fs.existsSync(abs) && fs.statSync(abs).size > 0) throw new UserError('exists', `${abs}: file already exists; choose another name`);
    const name = cleanName(opts.name ?? path.basename(abs).replace(/\.triangulate$/i, ''), 'project name', LIMITS.fileName);
    const db = openDatabase(abs, { create: true, nativeBinding: opts.nativeBinding });
    const store = new ProjectStore(db, abs, opts.clock ?? Date.now);
    const now = store.clock();
    const { systems, codes } = defaultCodebook(randomUUID, now);
    db.transaction(() => {
      store.setMeta('project_id', randomUUID());
      store.setMeta('lineage_id', randomUUID());
      store.setMeta('name', name);
      store.setMeta('created_at', String(now));
      store.setMeta(BLIND_CODING_KEY, '1');
      for (const s of systems) store.insertSystemRow(s);
      for (const c of codes) insertCode(db, c);
    })();
    return store;
  }

  close(): void {
    if (this.checkpointTimer) clearInterval(this.checkpointTimer);
    if (!this.db.open) return;
    const clean = openedClean(this.db);
    this.db.close(); // the last connection's close checkpoints the WAL
    if (clean) rememberOwnWrites(this.file);
  }

  private checkpointTimer: ReturnType<typeof setInterval> | undefined;
  /**
   * Copies the WAL back into the project file in idle time, so edits never wait for a checkpoint
   * (the only fsync in WAL mode with synchronous=NORMAL). SQLite's own autocheckpoint (open.ts)
   * stays as an upper bound on the WAL's size.
   */
  private startIdleCheckpoints(): void {
    if (this.db.readonly) return;
    this.checkpointTimer = setInterval(() => {
      if (this.db.open && !this.db.inTransaction) this.db.pragma('wal_checkpoint(PASSIVE)');
    }, 3000);
    this.checkpointTimer.unref?.();
  }

  now(): number {
    return this.clock();
  }

  /** One write transaction (BEGIN IMMEDIATE; see db/connection.ts). */
  tx<T>(fn: () => T): T {
    return inTransaction(this.db, fn);
  }

  // ---------- meta ----------
  getMeta(key: string): string | undefined {
    return meta.getMeta(this.db, key);
  }
  setMeta(key: string, value: string): void {
    meta.setMeta(this.db, key, value);
  }
  /** Blind coding: on when the study says so (new studies); studies from before the setting are not blind. */
  get blindCoding(): boolean {
    return this.getMeta(BLIND_CODING_KEY) === '1';
  }
  /** Coders who turned blind coding off for themselves (one project_meta key per coder). */
  blindRevealedFor(): string[] {
    return meta.metaKeysWith(this.db, 'blind_reveal:', '1');
  }
  get schemaVersion(): number {
    return schemaVersion(this.db);
  }

  // ---------- activity systems (tables/systems.ts) ----------
  listSystems = (): ActivitySystem[] => systems.listSystems(this.db);
  insertSystemRow = (s: ActivitySystem): void => systems.insertSystemRow(this.db, systems.fromSystem(s));
  renameSystem = (id: Uuid, name: string): ActivitySystem => systems.renameSystem(this.db, id, name);
  addSystem = (name: string): ActivitySystem => systems.addSystem(this.db, name);
  reorderSystems = (ids: Uuid[]): ActivitySystem[] => systems.reorderSystems(this.db, ids);
  systemUsage = (id: Uuid) => systems.systemUsage(this.db, id);
  deleteSystem = (id: Uuid): void => systems.deleteSystem(this.db, id);

  // ---------- media (tables/media.ts) ----------
  listMedia = (): Media[] => media.listMedia(this.db);
  getMedia = (id: Uuid): Media => media.getMedia(this.db, id);
  insertMedia = (m: NewMedia): Media => media.insertMedia(this.db, m);
  updateMedia = (id: Uuid, patch: MediaPatch): Media => media.updateMedia(this.db, id, patch);
  moveMedia = (id: Uuid, delta: -1 | 1): boolean => media.moveMedia(this.db, id, delta);

  // ---------- coders (tables/coders.ts) ----------
  listCoders = (): Coder[] => coders.listCoders(this.db);
  getCoder = (id: Uuid): Coder => coders.getCoder(this.db, id);
  insertCoder = (c: { id?: Uuid; name: string; color?: string; isConsensus?: boolean }): Coder => coders.insertCoder(this.db, c);
  updateCoder = (id: Uuid, patch: { name?: string; color?: string; active?: boolean }): Coder => coders.updateCoder(this.db, id, patch);
  deleteCoder = (id: Uuid): void => coders.deleteCoder(this.db, id);

  // ---------- codebook (tables/codes.ts) ----------
  listCodes = (): Code[] => codes.listCodes(this.db);
  getCode = (id: Uuid): Code => codes.getCode(this.db, id);
  insertCodeRow = (c: Code): void => insertCode(this.db, c);
  createCode = (input: NewCode): Code => codes.createCode(this.db, input);
  updateCode = (id: Uuid, patch: CodePatch): Code => codes.updateCode(this.db, id, patch);
  codeSubtree = (id: Uuid): Uuid[] => codes.codeSubtree(this.db, id);
  codeUsage = (id: Uuid) => codes.codeUsage(this.db, id);
  deleteCode = (id: Uuid) => codes.deleteCode(this.db, id);

  // ---------- segments (tables/segments.ts, tables/segmentBulk.ts) ----------
  findIdenticalSegment = (s: Pick<NewSegment, 'mediaId' | 'coderId' | 'startMs' | 'endMs' | 'codeIds'>): Segment | null => segments.findIdenticalSegment(this.db, s);
  listSegments = (mediaId?: Uuid): Segment[] => segments.listSegments(this.db, mediaId);
  listSegmentsInWindow = (mediaId: Uuid, fromMs: number, toMs: number): Segment[] => segments.listSegmentsInWindow(this.db, mediaId, fromMs, toMs);
  segmentMarks = (mediaId: Uuid): SegmentMarks => segments.segmentMarks(this.db, mediaId);
  getSegment = (id: Uuid): Segment => segments.getSegment(this.db, id);
  insertSegment = (s: NewSegment): Segment => segments.insertSegment(this.db, s);
  updateSegment = (id: Uuid, patch: SegmentPatch): Segment => segments.updateSegment(this.db, id, patch);
  deleteSegment = (id: Uuid): void => segments.deleteSegment(this.db, id);
  segmentBulkWriter = (opts?: SegmentBulkOptions): SegmentBulkWriter => segmentBulkWriter(this.db, opts);
  iterateSegmentCodes = (mediaId: Uuid, beforeMs: number) => segments.iterateSegmentCodes(this.db, mediaId, beforeMs);
  iterateSegmentLinks = (mediaId: Uuid) => segments.iterateSegmentLinks(this.db, mediaId);
  countSegments = (): number => segments.countSegments(this.db);

  // ---------- memos (tables/memos.ts) ----------
  listMemos = (): Memo[] => memos.listMemos(this.db);
  getMemo = (id: Uuid): Memo => memos.getMemo(this.db, id);
  searchMemos = (query: string): Memo[] => memos.searchMemos(this.db, query);
  insertMemo = (m: NewMemo): Memo => memos.insertMemo(this.db, m);
  updateMemo = (id: Uuid, patch: { title?: string; body?: string; timeMs?: number | null }): Memo => memos.updateMemo(this.db, id, patch);
  deleteMemo = (id: Uuid): void => memos.deleteMemo(this.db, id);

  // ---------- contradictions (tables/contradictions.ts) ----------
  listContradictions = (): Contradiction[] => contradictions.listContradictions(this.db);
  getContradiction = (id: Uuid): Contradiction => contradictions.getContradiction(this.db, id);
  insertContradiction = (c: NewContradiction): Contradiction => contradictions.insertContradiction(this.db, c);
  updateContradiction = (id: Uuid, patch: ContradictionPatch): Contradiction => contradictions.updateContradiction(this.db, id, patch);
  deleteContradiction = (id: Uuid): void => contradictions.deleteContradiction(this.db, id);

  // ---------- transcripts (tables/transcripts.ts) ----------
  listTranscripts = (mediaId: Uuid): Transcript[] => transcripts.listTranscripts(this.db, mediaId);
  insertTranscript = (t: { mediaId: Uuid; name: string; format: 'vtt' | 'srt'; cues: NewCue[] }): Transcript => transcripts.insertTranscript(this.db, t);
  deleteTranscript = (id: Uuid): void => transcripts.deleteTranscript(this.db, id);

  // ---------- themes (tables/themes.ts; edits live with their feature) ----------
  listThemes = (): Theme[] => themes.listThemes(this.db);

  /** The whole project in one read transaction (tables/snapshot.ts). */
  snapshot = (): ProjectSnapshot => readSnapshot(this.db);
}
