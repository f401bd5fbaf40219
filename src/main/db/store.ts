/**
 * ProjectStore: every read and write of one project file. Synchronous (better-sqlite3); one
 * transaction per user action; parameters always bound. The service wraps it in async calls.
 * User edits go through recordEdit, which records them in the persisted undo log (UndoLog below).
 */
import { v7 as uuidv7 } from 'uuid';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { defaultCodebook, freeHotkeys, systemCodes } from '../../shared/codebook';
import type { ActivitySystem, Code, Coder, Contradiction, Media, Memo, ProjectSnapshot, Segment, SegmentMarks, Theme, Uuid } from '../../shared/domain';
import { UserError } from '../../shared/errors';
import { checkText, cleanName, LIMITS } from '../../shared/limits';
import type { Transcript } from '../../shared/transcript/types';
import { BatchInsert, HashFilter, hashString } from './batchInsert';
import { inTransaction, stmt } from './connection';
import { openDatabase, schemaVersion, type OpenOptions } from './open';
import { attachContradictionParticipants, attachSegmentParticipants, participantLists } from './tables/participants';
import {
  toCode, toCoder, toContradiction, toMedia, toMemo, toSegment, toSystem, toTheme,
  type CodeRow, type CoderRow, type ContradictionRow, type MediaRow, type MemoRow, type SegmentRow, type SystemRow, type ThemeRow,
} from './rows';

export const CODER_COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#17becf'];
/** project_meta key of the blind coding setting ('1' on, '0' off). */
export const BLIND_CODING_KEY = 'blind_coding';
export const CONSENSUS_COLOR = '#222222';

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

export interface NewCode {
  id?: Uuid;
  name: string;
  kind?: Code['kind'];
  element?: Code['element'];
  systemId?: Uuid | null;
  contradictionLevel?: Code['contradictionLevel'];
  parentId?: Uuid | null;
  color?: string;
  hotkey?: string | null;
  definition?: string;
}

export type CodePatch = Partial<Pick<Code, 'name' | 'color' | 'parentId' | 'hotkey' | 'definition' | 'element' | 'systemId' | 'sortOrder'>>;

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

export interface NewContradiction {
  id?: Uuid;
  level: Contradiction['level'];
  elementA: Contradiction['elementA'];
  systemA?: Uuid | null;
  elementB?: Contradiction['elementB'];
  systemB?: Uuid | null;
  coderId: Uuid;
  status?: Contradiction['status'];
  note?: string;
  evidenceSegmentIds: Uuid[];
}

export type ContradictionPatch = Partial<Pick<Contradiction, 'level' | 'elementA' | 'systemA' | 'elementB' | 'systemB' | 'status' | 'note' | 'evidenceSegmentIds'>>;

interface TranscriptRow { id: string; media_id: string; name: string; format: 'vtt' | 'srt'; created_at: number; updated_at: number }

const CONTRADICTION_SELECT = `
  SELECT c.*, (SELECT group_concat(segment_id ORDER BY segment_id) FROM contradiction_evidence e WHERE e.contradiction_id = c.id) AS evidence_ids
  FROM contradictions c`;

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

const SEGMENT_SELECT = `
  SELECT s.*, (SELECT group_concat(code_id ORDER BY code_id) FROM segment_codes sc WHERE sc.segment_id = s.id) AS code_ids
  FROM segments s`;

/**
 * Page cache while bulk-writing segments (negative = KiB): the index pages that rows in time
 * order land on stay in memory instead of being re-read from the WAL.
 */
const BULK_CACHE_KIB = -65536;

/** See ProjectStore.segmentBulkWriter. */
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

export class ProjectStore {
  readonly db: Database.Database;
  readonly file: string;
  private clock: () => number;

  private constructor(db: Database.Database, file: string, clock: () => number) {
    this.db = db;
    this.file = file;
    this.clock = clock;
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
      for (const c of codes) store.insertCodeRow(c);
    })();
    return store;
  }

  close(): void {
    if (this.checkpointTimer) clearInterval(this.checkpointTimer);
    if (this.db.open) this.db.close(); // the last connection's close checkpoints the WAL
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

  /** Prepared statements are compiled once per connection and reused (db/connection.ts). */
  private sql(source: string): Database.Statement {
    return stmt(this.db, source);
  }

  /** One write transaction (BEGIN IMMEDIATE; see db/connection.ts). */
  tx<T>(fn: () => T): T {
    return inTransaction(this.db, fn);
  }

  // ---------- meta ----------
  getMeta(key: string): string | undefined {
    const row = this.sql('SELECT value FROM project_meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value;
  }
  setMeta(key: string, value: string): void {
    this.sql('INSERT INTO project_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
  }
  /** Blind coding: on when the study says so (new studies); studies from before the setting are not blind. */
  get blindCoding(): boolean {
    return this.getMeta(BLIND_CODING_KEY) === '1';
  }
  /** Coders who turned blind coding off for themselves (one project_meta key per coder). */
  blindRevealedFor(): string[] {
    const rows = this.sql("SELECT key FROM project_meta WHERE key LIKE 'blind_reveal:%' AND value = '1' ORDER BY key").all() as { key: string }[];
    return rows.map((r) => r.key.slice('blind_reveal:'.length));
  }
  get schemaVersion(): number {
    return schemaVersion(this.db);
  }

  // ---------- activity systems ----------
  listSystems(): ActivitySystem[] {
    return (this.sql('SELECT * FROM activity_systems ORDER BY sort_order, name').all() as SystemRow[]).map(toSystem);
  }
  insertSystemRow(s: ActivitySystem): void {
    this.sql('INSERT INTO activity_systems (id, name, sort_order, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
      .run(s.id, s.name, s.sortOrder, s.createdAt, s.updatedAt);
  }
  /** Renames an activity system and the codebook group that stands for it. */
  renameSystem(id: Uuid, name: string): ActivitySystem {
    const clean = name.trim();
    if (!clean) throw new UserError('invalid', 'An activity system needs a name');
    cleanName(clean, 'activity system name');
    return this.tx(() => {
      const now = this.now();
      const old = this.sql('SELECT name FROM activity_systems WHERE id = ?').get(id) as { name: string } | undefined;
      if (!old) throw new UserError('not_found', `No activity system ${id}`);
      this.sql('UPDATE activity_systems SET name = ?, updated_at = ? WHERE id = ?').run(clean, now, id);
      this.sql("UPDATE codes SET name = ?, updated_at = ? WHERE kind = 'group' AND system_id = ? AND name = ?").run(clean, now, id, old.name);
      return toSystem(this.sql('SELECT * FROM activity_systems WHERE id = ?').get(id) as SystemRow);
    });
  }

  /**
   * Adds an activity system after the others, with its group and the seven CHAT element codes,
   * each on a hotkey nobody uses yet (none when the free keys run out).
   */
  addSystem(name: string): ActivitySystem {
    const clean = cleanName(name.trim(), 'activity system name');
    if (!clean) throw new UserError('invalid', 'An activity system needs a name');
    return this.tx(() => {
      if (this.sql('SELECT 1 FROM activity_systems WHERE lower(name) = lower(?)').get(clean)) {
        throw new UserError('exists', `There is already an activity system called "${clean}"; choose another name`);
      }
      const now = this.now();
      const count = (this.sql('SELECT count(*) AS n, coalesce(max(sort_order) + 1, 0) AS next FROM activity_systems').get() as { n: number; next: number });
      const system: ActivitySystem = { id: randomUUID(), name: clean, sortOrder: count.next, createdAt: now, updatedAt: now };
      this.insertSystemRow(system);
      const used = new Set((this.sql('SELECT hotkey FROM codes WHERE hotkey IS NOT NULL').all() as { hotkey: string }[]).map((r) => r.hotkey));
      const lastGroup = this.sql("SELECT coalesce(max(sort_order), -1) AS m FROM codes WHERE parent_id IS NULL AND kind = 'group' AND system_id IS NOT NULL").get() as { m: number };
      // the new group goes right after the other systems' groups in the codebook
      this.sql('UPDATE codes SET sort_order = sort_order + 1, updated_at = ? WHERE parent_id IS NULL AND sort_order > ?').run(now, lastGroup.m);
      for (const c of systemCodes(system, count.n, freeHotkeys(used, 7), { newId: randomUUID, now, groupSort: lastGroup.m + 1 })) this.insertCodeRow(c);
      return system;
    });
  }
  /** Puts the activity systems in the given order (every system once). */
  reorderSystems(ids: Uuid[]): ActivitySystem[] {
    return this.tx(() => {
      const current = this.listSystems();
      const same = ids.length === current.length && new Set(ids).size === ids.length && current.every((s) => ids.includes(s.id));
      if (!same) throw new UserError('invalid', 'Reorder needs every activity system exactly once');
      const now = this.now();
      const upd = this.sql('UPDATE activity_systems SET sort_order = ?, updated_at = ? WHERE id = ? AND sort_order IS NOT ?');
      ids.forEach((id, i) => upd.run(i, now, id, i));
      return this.listSystems();
    });
  }
  /** What keeps an activity system from being deleted: coded segments and contradictions naming it. */
  systemUsage(id: Uuid): { segments: number; contradictions: number; themes: number } {
    const codes = "SELECT id FROM codes WHERE system_id = ?";
    const segments = (this.sql(`SELECT count(DISTINCT segment_id) AS n FROM segment_codes WHERE code_id IN (${codes})`).get(id) as { n: number }).n;
    const contradictions = (this.sql('SELECT count(*) AS n FROM contradictions WHERE system_a = ? OR system_b = ?').get(id, id) as { n: number }).n;
    const themes = (this.sql(`SELECT count(DISTINCT theme_id) AS n FROM theme_codes WHERE code_id IN (${codes})`).get(id) as { n: number }).n;
    return { segments, contradictions, themes };
  }
  /** Deletes an unused activity system with its codes (refused while anything is coded with them). */
  deleteSystem(id: Uuid): void {
    this.tx(() => {
      const sys = this.sql('SELECT name FROM activity_systems WHERE id = ?').get(id) as { name: string } | undefined;
      if (!sys) throw new UserError('not_found', `No activity system ${id}`);
      const u = this.systemUsage(id);
      if (u.segments || u.contradictions) {
        throw new UserError('in_use', `"${sys.name}" is in use (${u.segments} coded segment(s), ${u.contradictions} contradiction(s)); delete or re-code them first`);
      }
      if ((this.sql('SELECT count(*) AS n FROM activity_systems').get() as { n: number }).n <= 1) {
        throw new UserError('invalid', `"${sys.name}" is the only activity system; add another before deleting it`);
      }
      const now = this.now();
      const codes = this.sql('SELECT id FROM codes WHERE system_id = ?').all(id) as { id: string }[];
      for (const c of codes) this.tombstone(c.id, 'codes', now);
      this.sql('DELETE FROM codes WHERE system_id = ?').run(id);
      this.tombstone(id, 'activity_systems', now);
      this.sql('DELETE FROM activity_systems WHERE id = ?').run(id);
    });
  }

  // ---------- media ----------
  listMedia(): Media[] {
    return (this.sql('SELECT * FROM media ORDER BY sort_order, created_at, name').all() as MediaRow[]).map(toMedia);
  }
  getMedia(id: Uuid): Media {
    const row = this.sql('SELECT * FROM media WHERE id = ?').get(id) as MediaRow | undefined;
    if (!row) throw new UserError('not_found', `No media ${id} in this project`);
    return toMedia(row);
  }
  insertMedia(m: Omit<Media, 'id' | 'createdAt' | 'updatedAt' | 'lastPositionMs' | 'frameRate'> & { id?: Uuid; frameRate?: number | null }): Media {
    const now = this.now();
    const id = m.id ?? randomUUID();
    this.sql(`INSERT INTO media (id, path, name, fingerprint, size, duration_ms, frame_rate, last_position_ms, created_at, updated_at, sort_order)
      VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, (SELECT COALESCE(MAX(sort_order), -1) + 1 FROM media))`).run(id, m.path, m.name, m.fingerprint, m.size, m.durationMs, m.frameRate ?? null, now, now);
    return this.getMedia(id);
  }
  updateMedia(id: Uuid, patch: Partial<Pick<Media, 'path' | 'durationMs' | 'lastPositionMs' | 'name' | 'frameRate' | 'fingerprint' | 'size'>>): Media {
    const cur = this.getMedia(id);
    const next = { ...cur, ...patch };
    this.sql('UPDATE media SET path = ?, name = ?, duration_ms = ?, frame_rate = ?, last_position_ms = ?, fingerprint = ?, size = ?, updated_at = ? WHERE id = ?')
      .run(next.path, next.name, next.durationMs, next.frameRate, next.lastPositionMs, next.fingerprint, next.size, this.now(), id);
    return this.getMedia(id);
  }

  /** Moves a recording one place up (-1) or down (+1) in the media order; false at either end. */
  moveMedia(id: Uuid, delta: -1 | 1): boolean {
    const ids = this.listMedia().map((m) => m.id);
    const from = ids.indexOf(this.getMedia(id).id);
    const to = from + delta;
    if (to < 0 || to >= ids.length) return false;
    [ids[from], ids[to]] = [ids[to]!, ids[from]!];
    const set = this.sql('UPDATE media SET sort_order = ?, updated_at = ? WHERE id = ? AND sort_order IS NOT ?');
    const now = this.now();
    ids.forEach((m, i) => set.run(i, now, m, i));
    return true;
  }

  // ---------- coders ----------
  listCoders(): Coder[] {
    return (this.sql('SELECT * FROM coders ORDER BY is_consensus, created_at, name').all() as CoderRow[]).map(toCoder);
  }
  getCoder(id: Uuid): Coder {
    const row = this.sql('SELECT * FROM coders WHERE id = ?').get(id) as CoderRow | undefined;
    if (!row) throw new UserError('not_found', `No coder ${id} in this project`);
    return toCoder(row);
  }
  insertCoder(c: { id?: Uuid; name: string; color?: string; isConsensus?: boolean }): Coder {
    const name = c.name.trim();
    if (!name) throw new UserError('invalid', 'A coder needs a name');
    cleanName(name, 'coder name');
    const now = this.now();
    const id = c.id ?? randomUUID();
    const count = (this.sql('SELECT count(*) AS n FROM coders').get() as { n: number }).n;
    const color = c.color ?? (c.isConsensus ? CONSENSUS_COLOR : CODER_COLORS[count % CODER_COLORS.length]!);
    this.sql('INSERT INTO coders (id, name, color, is_consensus, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(id, name, color, c.isConsensus ? 1 : 0, now, now);
    return this.getCoder(id);
  }

  /** Renames, recolours or (de)activates a coder. The consensus layer is never deactivated. */
  updateCoder(id: Uuid, patch: { name?: string; color?: string; active?: boolean }): Coder {
    const name = patch.name?.trim();
    if (patch.name !== undefined && !name) throw new UserError('invalid', 'A coder needs a name');
    if (name) cleanName(name, 'coder name');
    return this.tx(() => {
      const cur = this.getCoder(id);
      if (patch.active === false && cur.isConsensus) throw new UserError('invalid', 'The consensus layer cannot be marked as not coding');
      const active = patch.active ?? cur.active !== false;
      this.sql('UPDATE coders SET name = ?, color = ?, active = ?, updated_at = ? WHERE id = ?')
        .run(name ?? cur.name, patch.color ?? cur.color, active ? 1 : 0, this.now(), id);
      return this.getCoder(id);
    });
  }
  /** Deletes a coder who has no segments and no contradictions (their memos stay, without a coder). */
  deleteCoder(id: Uuid): void {
    this.tx(() => {
      const cur = this.getCoder(id);
      if (cur.isConsensus) throw new UserError('invalid', 'The consensus layer cannot be deleted');
      const segs = (this.sql('SELECT count(*) AS n FROM segments WHERE coder_id = ?').get(id) as { n: number }).n;
      const contra = (this.sql('SELECT count(*) AS n FROM contradictions WHERE coder_id = ?').get(id) as { n: number }).n;
      if (segs || contra) {
        throw new UserError('in_use', `"${cur.name}" has ${segs} segment(s) and ${contra} contradiction(s); mark them as not coding instead, or delete their work first`);
      }
      this.tombstone(id, 'coders', this.now());
      this.sql('DELETE FROM coders WHERE id = ?').run(id);
    });
  }

  // ---------- codebook ----------
  listCodes(): Code[] {
    return (this.sql('SELECT * FROM codes ORDER BY sort_order, created_at').all() as CodeRow[]).map(toCode);
  }
  getCode(id: Uuid): Code {
    const row = this.sql('SELECT * FROM codes WHERE id = ?').get(id) as CodeRow | undefined;
    if (!row) throw new UserError('not_found', `No code ${id} in the codebook`);
    return toCode(row);
  }
  insertCodeRow(c: Code): void {
    this.sql(`INSERT INTO codes (id, name, kind, element, system_id, contradiction_level, parent_id, color, hotkey, definition, sort_order, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
      c.id, c.name, c.kind, c.element, c.systemId, c.contradictionLevel, c.parentId, c.color, c.hotkey, c.definition, c.sortOrder, c.createdAt, c.updatedAt);
  }
  createCode(input: NewCode): Code {
    const name = input.name.trim();
    if (!name) throw new UserError('invalid', 'A code needs a name');
    cleanName(name, 'code name');
    checkText(input.definition ?? '', 'code definition', LIMITS.definition);
    return this.tx(() => {
      if (input.parentId) this.getCode(input.parentId);
      this.checkHotkeyFree(input.hotkey ?? null, null);
      const now = this.now();
      const siblings = (this.sql('SELECT count(*) AS n FROM codes WHERE parent_id IS ?').get(input.parentId ?? null) as { n: number }).n;
      const code: Code = {
        id: input.id ?? randomUUID(), createdAt: now, updatedAt: now, name, kind: input.kind ?? 'custom',
        element: input.element ?? null, systemId: input.systemId ?? null, contradictionLevel: input.contradictionLevel ?? null,
        parentId: input.parentId ?? null, color: input.color ?? '#888888', hotkey: input.hotkey ?? null,
        definition: input.definition ?? '', sortOrder: siblings,
      };
      this.insertCodeRow(code);
      return code;
    });
  }
  updateCode(id: Uuid, patch: CodePatch): Code {
    return this.tx(() => {
      const cur = this.getCode(id);
      if (patch.name !== undefined && !patch.name.trim()) throw new UserError('invalid', 'A code needs a name');
      if (patch.name !== undefined) cleanName(patch.name, 'code name');
      if (patch.definition !== undefined) checkText(patch.definition, 'code definition', LIMITS.definition);
      if (patch.parentId) {
        // nesting a code under itself or one of its descendants would make a cycle
        for (let p: string | null = patch.parentId; p; p = this.getCode(p).parentId) {
          if (p === id) throw new UserError('invalid', `Cannot nest "${cur.name}" inside itself or one of its sub-codes`);
        }
      }
      if (patch.hotkey !== undefined) this.checkHotkeyFree(patch.hotkey, id);
      const next = { ...cur, ...patch, name: patch.name?.trim() ?? cur.name };
      this.sql(`UPDATE codes SET name = ?, color = ?, parent_id = ?, hotkey = ?, definition = ?, element = ?, system_id = ?, sort_order = ?, updated_at = ? WHERE id = ?`)
        .run(next.name, next.color, next.parentId, next.hotkey, next.definition, next.element, next.systemId, next.sortOrder, this.now(), id);
      return this.getCode(id);
    });
  }
  private checkHotkeyFree(hotkey: string | null, selfId: Uuid | null): void {
    if (!hotkey) return;
    const other = this.sql('SELECT name FROM codes WHERE hotkey = ? AND id IS NOT ?').get(hotkey, selfId) as { name: string } | undefined;
    if (other) throw new UserError('conflict', `Hotkey "${hotkey}" is already used by "${other.name}"`);
  }
  /** The code and all its descendants. */
  codeSubtree(id: Uuid): Uuid[] {
    return (this.sql(`WITH RECURSIVE sub(id) AS (SELECT ? UNION ALL SELECT c.id FROM codes c JOIN sub ON c.parent_id = sub.id) SELECT id FROM sub`)
      .all(id) as { id: string }[]).map((r) => r.id);
  }
  /** How many segment links and sub-codes a delete would remove (asked before deleting). */
  codeUsage(id: Uuid): { links: number; segments: number; descendants: number; themes: number } {
    this.getCode(id);
    const ids = this.codeSubtree(id);
    const ph = ids.map(() => '?').join(',');
    const links = (this.sql(`SELECT count(*) AS n FROM segment_codes WHERE code_id IN (${ph})`).get(...ids) as { n: number }).n;
    const segments = (this.sql(`SELECT count(DISTINCT segment_id) AS n FROM segment_codes WHERE code_id IN (${ph})`).get(...ids) as { n: number }).n;
    const themes = (this.sql(`SELECT count(*) AS n FROM theme_codes WHERE code_id IN (${ph})`).get(...ids) as { n: number }).n;
    return { links, segments, descendants: ids.length - 1, themes };
  }
  /**
   * Deletes a code, its sub-codes and every link to them (foreign keys cascade), in one transaction.
   * Segments left with no code keep existing (their times and notes are work too).
   */
  deleteCode(id: Uuid): { deletedCodes: number; deletedLinks: number } {
    return this.tx(() => {
      const usage = this.codeUsage(id);
      const ids = this.codeSubtree(id);
      const now = this.now();
      for (const cid of ids) this.tombstone(cid, 'codes', now);
      this.sql('DELETE FROM codes WHERE id = ?').run(id);
      return { deletedCodes: ids.length, deletedLinks: usage.links };
    });
  }

  // ---------- segments ----------
  /**
   * A segment identical to `s` (same media, coder, start, end and set of codes; the note does not
   * count), or null. Adding it again would only double the coding.
   */
  findIdenticalSegment(s: Pick<NewSegment, 'mediaId' | 'coderId' | 'startMs' | 'endMs' | 'codeIds'>): Segment | null {
    const rows = this.sql(`${SEGMENT_SELECT} WHERE s.media_id = ? AND s.coder_id = ? AND s.start_ms = ? AND s.end_ms = ?`)
      .all(s.mediaId, s.coderId, s.startMs, s.endMs) as SegmentRow[];
    const want = [...new Set(s.codeIds)].sort().join(',');
    const row = rows.find((r) => (r.code_ids ?? '') === want);
    return row ? toSegment(row) : null;
  }
  listSegments(mediaId?: Uuid): Segment[] {
    // one ordered join read as raw arrays: a segment's code links arrive on consecutive rows
    // (50,000 segments in ~0.1 s; objects per row or a group_concat per segment cost 3–20x more)
    const st = mediaId ? this.sql(`SELECT ${SEG_COLS} ${SEG_JOIN} WHERE s.media_id = ? ${SEG_ORDER}`) : this.sql(`SELECT ${SEG_COLS} ${SEG_JOIN} ${SEG_ORDER}`);
    return attachSegmentParticipants(this.db, groupSegmentRows((mediaId ? st.raw(true).all(mediaId) : st.raw(true).all()) as SegmentLinkRow[]));
  }
  /** The segments of one media that overlap [fromMs, toMs] (touching counts), in listSegments' order. */
  listSegmentsInWindow(mediaId: Uuid, fromMs: number, toMs: number): Segment[] {
    const where = 'WHERE s.media_id = ? AND s.start_ms <= ? AND s.end_ms >= ?';
    return attachSegmentParticipants(this.db, groupSegmentRows(this.sql(`SELECT ${SEG_COLS} ${SEG_JOIN} ${where} ${SEG_ORDER}`).raw(true).all(mediaId, toMs, fromMs) as SegmentLinkRow[]));
  }
  /**
   * Every segment × code link of one media in a compact form (no ids, no notes), by start time:
   * flat quadruples [startMs, endMs, coderIndex, codeIndex] into the coderIds and codeIds lists
   * (codeIndex -1 for a segment without codes). What the seek bar and the zoomed-out timeline draw.
   */
  segmentMarks(mediaId: Uuid): SegmentMarks {
    const rows = this.sql(`SELECT s.start_ms, s.end_ms, s.coder_id, sc.code_id ${SEG_JOIN} WHERE s.media_id = ? ORDER BY s.start_ms, s.end_ms`)
      .raw(true).iterate(mediaId) as IterableIterator<[number, number, string, string | null]>;
    const coders = new Indexer();
    const codes = new Indexer();
    const marks: number[] = [];
    for (const [a, b, coder, code] of rows) marks.push(a, b, coders.of(coder), code === null ? -1 : codes.of(code));
    return { coderIds: coders.list, codeIds: codes.list, marks };
  }


  getSegment(id: Uuid): Segment {
    const row = this.sql(`${SEGMENT_SELECT} WHERE s.id = ?`).get(id) as SegmentRow | undefined;
    if (!row) throw new UserError('not_found', `No segment ${id}`);
    return attachSegmentParticipants(this.db, [toSegment(row)])[0]!;
  }
  private checkTimes(startMs: number, endMs: number, mediaId: Uuid): void {
    if (!Number.isInteger(startMs) || !Number.isInteger(endMs)) throw new UserError('invalid', 'Times must be whole milliseconds');
    if (startMs < 0) throw new UserError('invalid', `Start ${startMs} ms is negative`);
    if (endMs < startMs) throw new UserError('invalid', `End ${endMs} ms is before start ${startMs} ms`);
    const media = this.sql('SELECT name, duration_ms FROM media WHERE id = ?').get(mediaId) as { name: string; duration_ms: number | null } | undefined;
    if (!media) throw new UserError('not_found', `No media ${mediaId} in this project`);
    if (media.duration_ms !== null && endMs > media.duration_ms + 1000) {
      throw new UserError('invalid', `End ${endMs} ms is after the end of ${media.name} (${media.duration_ms} ms)`);
    }
  }
  private checkCodes(codeIds: Uuid[]): void {
    const exists = this.sql('SELECT 1 FROM codes WHERE id = ?');
    for (const c of codeIds) if (!exists.get(c)) throw new UserError('not_found', `No code ${c} in the codebook`);
  }
  private checkCoder(coderId: Uuid): void {
    if (!this.sql('SELECT 1 FROM coders WHERE id = ?').get(coderId)) throw new UserError('not_found', `No coder ${coderId} in this project`);
  }
  insertSegment(s: NewSegment): Segment {
    return this.tx(() => {
      this.checkTimes(s.startMs, s.endMs, s.mediaId);
      this.checkCoder(s.coderId);
      this.checkCodes(s.codeIds);
      const now = this.now();
      const id = s.id ?? randomUUID();
      const note = checkText(s.note ?? '', 'note', LIMITS.note);
      this.sql('INSERT INTO segments (id, media_id, coder_id, start_ms, end_ms, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(id, s.mediaId, s.coderId, s.startMs, s.endMs, note, now, now);
      this.linkCodes(id, s.codeIds, now);
      // what was just written, without reading it back (codes in the order listSegments gives)
      const codeIds = [...new Set(s.codeIds)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      return { id, createdAt: now, updatedAt: now, mediaId: s.mediaId, coderId: s.coderId, startMs: s.startMs, endMs: s.endMs, note, codeIds, participantIds: [] };
    });
  }
  private linkCodes(segmentId: Uuid, codeIds: Uuid[], now: number): void {
    const ins = this.sql('INSERT OR IGNORE INTO segment_codes (segment_id, code_id, created_at) VALUES (?, ?, ?)');
    for (const c of new Set(codeIds)) ins.run(segmentId, c, now);
  }
  updateSegment(id: Uuid, patch: SegmentPatch): Segment {
    return this.tx(() => {
      const cur = this.getSegment(id);
      const startMs = patch.startMs ?? cur.startMs;
      const endMs = patch.endMs ?? cur.endMs;
      this.checkTimes(startMs, endMs, cur.mediaId);
      if (patch.note !== undefined) checkText(patch.note, 'note', LIMITS.note);
      const now = this.now();
      this.sql('UPDATE segments SET start_ms = ?, end_ms = ?, note = ?, updated_at = ? WHERE id = ?')
        .run(startMs, endMs, patch.note ?? cur.note, now, id);
      if (patch.codeIds) {
        this.checkCodes(patch.codeIds);
        this.sql('DELETE FROM segment_codes WHERE segment_id = ?').run(id);
        this.linkCodes(id, patch.codeIds, now);
      }
      return this.getSegment(id);
    });
  }
  deleteSegment(id: Uuid): void {
    this.tx(() => {
      this.getSegment(id);
      this.tombstone(id, 'segments', this.now());
      this.sql('DELETE FROM segments WHERE id = ?').run(id);
    });
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
  segmentBulkWriter(): SegmentBulkWriter {
    const cache = this.db.pragma('cache_size', { simple: true }) as number;
    this.db.pragma(`cache_size = ${BULK_CACHE_KIB}`);
    this.db.exec('CREATE TEMP TABLE IF NOT EXISTS import_ids (source TEXT PRIMARY KEY, id TEXT NOT NULL) WITHOUT ROWID; DELETE FROM temp.import_ids');
    // new rows go out in multi-row INSERTs; SQLite is asked whether a row joins a segment already
    // written only when the hash filter has seen its key (then the batches are written first)
    const segs = new BatchInsert(this.db, 'INSERT INTO segments (rowid, id, media_id, coder_id, start_ms, end_ms, note, created_at, updated_at)', 9);
    const links = new BatchInsert(this.db, 'INSERT OR IGNORE INTO segment_codes (segment_id, code_id, created_at)', 3);
    const sources = new BatchInsert(this.db, 'INSERT INTO temp.import_ids (source, id)', 2);
    const flush = () => {
      segs.flush();
      sources.flush();
      links.flush();
    };
    const seen = new HashFilter();
    const bySource = this.db.prepare('SELECT id FROM temp.import_ids WHERE source = ?').pluck();
    const first = Number(this.db.prepare('SELECT coalesce(max(rowid), 0) + 1 FROM segments').pluck().get());
    const same = this.db.prepare('SELECT id FROM segments INDEXED BY segments_media_start WHERE media_id = ? AND start_ms = ? AND end_ms = ? AND coder_id = ? AND note = ? AND rowid >= ? LIMIT 1').pluck();
    let next = first;
    let last: (Omit<NewSegment, 'codeIds' | 'id'> & { id: Uuid; source?: string }) | undefined;
    const now = this.now();
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
      links.values.push(segmentId, codeId, now);
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
        segs.values.push(next++, last.id, s.mediaId, s.coderId, s.startMs, s.endMs, last.note, now, now);
        const full = segs.added();
        if (source !== undefined && sources.values.push(source, last.id) && sources.added()) flush();
        link(last.id, codeId);
        if (full) flush();
        return true;
      },
      dropIdenticalToEarlier: () => this.dropIdenticalSince(first),
      flush,
      dispose: () => {
        this.db.exec('DROP TABLE IF EXISTS temp.import_ids');
        this.db.pragma(`cache_size = ${cache}`);
      },
    };
  }
  /** Deletes segments from rowid `first` on that are identical to one before it (see SegmentBulkWriter). */
  private dropIdenticalSince(first: number): number {
    const codes = (alias: string) => `(SELECT group_concat(code_id ORDER BY code_id) FROM segment_codes WHERE segment_id = ${alias}.id)`;
    return this.db.prepare(`DELETE FROM segments WHERE rowid >= ? AND id IN (
      SELECT n.id FROM segments n WHERE n.rowid >= ? AND EXISTS (
        SELECT 1 FROM segments o INDEXED BY segments_media_start
        WHERE o.media_id = n.media_id AND o.start_ms = n.start_ms AND o.end_ms = n.end_ms AND o.coder_id = n.coder_id AND o.rowid < ?
          AND ${codes('o')} IS ${codes('n')}))`).run(first, first, first).changes;
  }
  /**
   * The segment × code rows of one media that start before beforeMs, in start order (the
   * media/start index, no sort), as raw tuples [segment id, coder id, start, end, note, code id]:
   * what a streamed export reads without holding the media's segments.
   */
  iterateSegmentCodes(mediaId: Uuid, beforeMs: number): IterableIterator<[Uuid, Uuid, number, number, string, Uuid]> {
    return this.sql(`SELECT s.id, s.coder_id, s.start_ms, s.end_ms, s.note, sc.code_id
      FROM segments s INDEXED BY segments_media_start CROSS JOIN segment_codes sc ON sc.segment_id = s.id
      WHERE s.media_id = ? AND s.start_ms < ? ORDER BY s.start_ms`).raw(true).iterate(mediaId, beforeMs) as IterableIterator<[Uuid, Uuid, number, number, string, Uuid]>;
  }
  /**
   * Every segment × code row of one media, [segment id, coder id, start, end, code id or null for
   * a segment without codes], read lazily from the media/start index (no notes): the agreement
   * export's input without holding the media's segments.
   */
  iterateSegmentLinks(mediaId: Uuid): IterableIterator<[Uuid, Uuid, number, number, Uuid | null]> {
    return this.sql(`SELECT s.id, s.coder_id, s.start_ms, s.end_ms, sc.code_id
      FROM segments s INDEXED BY segments_media_start LEFT JOIN segment_codes sc ON sc.segment_id = s.id
      WHERE s.media_id = ? ORDER BY s.start_ms`).raw(true).iterate(mediaId) as IterableIterator<[Uuid, Uuid, number, number, Uuid | null]>;
  }
  countSegments(): number {
    return (this.sql('SELECT count(*) AS n FROM segments').get() as { n: number }).n;
  }

  private tombstone(id: Uuid, table: string, now: number): void {
    this.sql('INSERT OR REPLACE INTO tombstones (id, table_name, deleted_at) VALUES (?, ?, ?)').run(id, table, now);
  }

  // ---------- memos ----------
  listMemos(): Memo[] {
    return (this.sql('SELECT * FROM memos ORDER BY created_at').all() as MemoRow[]).map(toMemo);
  }
  getMemo(id: Uuid): Memo {
    const row = this.sql('SELECT * FROM memos WHERE id = ?').get(id) as MemoRow | undefined;
    if (!row) throw new UserError('not_found', `No memo ${id}`);
    return toMemo(row);
  }
  /** Memos whose title or body contains `query` (case-insensitive), newest first. */
  searchMemos(query: string): Memo[] {
    const q = query.trim().toLowerCase();
    const all = (this.sql('SELECT * FROM memos ORDER BY updated_at DESC, created_at DESC, id').all() as MemoRow[]).map(toMemo);
    return q ? all.filter((m) => m.title.toLowerCase().includes(q) || m.body.toLowerCase().includes(q)) : all;
  }
  insertMemo(m: NewMemo): Memo {
    return this.tx(() => {
      const mediaId = m.scope === 'segment' ? this.getSegment(m.segmentId ?? '').mediaId : m.scope === 'media' ? this.getMedia(m.mediaId ?? '').id : null;
      if (m.coderId) this.getCoder(m.coderId);
      if (m.scope === 'segment' && !m.segmentId) throw new UserError('invalid', 'A segment memo needs a segment');
      if (m.scope === 'media' && !m.mediaId) throw new UserError('invalid', 'A media memo needs a media');
      if (!m.title.trim() && !m.body.trim()) throw new UserError('invalid', 'A memo needs a title or some text');
      const now = this.now();
      const id = m.id ?? randomUUID();
      this.sql('INSERT INTO memos (id, scope, media_id, segment_id, coder_id, time_ms, title, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(id, m.scope, mediaId, m.scope === 'segment' ? m.segmentId : null, m.coderId ?? null, m.scope === 'project' ? null : (m.timeMs ?? null), m.title.trim(), m.body, now, now);
      return this.getMemo(id);
    });
  }
  updateMemo(id: Uuid, patch: { title?: string; body?: string; timeMs?: number | null }): Memo {
    return this.tx(() => {
      const cur = this.getMemo(id);
      const next = { ...cur, ...patch, title: patch.title?.trim() ?? cur.title };
      if (!next.title && !next.body.trim()) throw new UserError('invalid', 'A memo needs a title or some text');
      this.sql('UPDATE memos SET title = ?, body = ?, time_ms = ?, updated_at = ? WHERE id = ?')
        .run(next.title, next.body, cur.scope === 'project' ? null : next.timeMs, this.now(), id);
      return this.getMemo(id);
    });
  }
  deleteMemo(id: Uuid): void {
    this.tx(() => {
      this.getMemo(id);
      this.tombstone(id, 'memos', this.now());
      this.sql('DELETE FROM memos WHERE id = ?').run(id);
    });
  }

  // ---------- contradictions ----------
  listContradictions(): Contradiction[] {
    return attachContradictionParticipants(this.db, (this.sql(`${CONTRADICTION_SELECT} ORDER BY created_at`).all() as ContradictionRow[]).map(toContradiction));
  }
  getContradiction(id: Uuid): Contradiction {
    const row = this.sql(`${CONTRADICTION_SELECT} WHERE c.id = ?`).get(id) as ContradictionRow | undefined;
    if (!row) throw new UserError('not_found', `No contradiction ${id}`);
    return attachContradictionParticipants(this.db, [toContradiction(row)])[0]!;
  }
  /**
   * Checks a contradiction's shape against its level (chat-primer): primary = one element of one
   * system (B is A); secondary = two different elements of the same system; quaternary = two
   * different activity systems. Returns the normalised relation.
   */
  private checkRelation(c: Pick<Contradiction, 'level' | 'elementA' | 'systemA' | 'elementB' | 'systemB'>) {
    for (const sys of [c.systemA, c.systemB]) {
      if (sys && !this.sql('SELECT 1 FROM activity_systems WHERE id = ?').get(sys)) throw new UserError('not_found', `No activity system ${sys}`);
    }
    if (c.level === 'primary') return { ...c, elementB: c.elementA, systemB: c.systemA };
    if (c.level === 'secondary') {
      if (c.elementA === c.elementB) throw new UserError('invalid', 'A secondary contradiction is between two different elements (for a tension inside one element choose primary)');
      if (c.systemA !== c.systemB) throw new UserError('invalid', 'A secondary contradiction is between two elements of the same activity system (between systems choose quaternary)');
    }
    if (c.level === 'quaternary' && c.systemA === c.systemB) throw new UserError('invalid', 'A quaternary contradiction is between two different activity systems');
    return c;
  }
  private setEvidence(id: Uuid, segmentIds: Uuid[]): void {
    if (segmentIds.length === 0) throw new UserError('invalid', 'A contradiction needs at least one evidence segment');
    for (const s of segmentIds) this.getSegment(s);
    const current = new Set((this.sql('SELECT segment_id FROM contradiction_evidence WHERE contradiction_id = ?').all(id) as { segment_id: string }[]).map((r) => r.segment_id));
    const want = new Set(segmentIds);
    for (const s of current) if (!want.has(s)) this.sql('DELETE FROM contradiction_evidence WHERE contradiction_id = ? AND segment_id = ?').run(id, s);
    for (const s of want) if (!current.has(s)) this.sql('INSERT INTO contradiction_evidence (contradiction_id, segment_id) VALUES (?, ?)').run(id, s);
  }
  insertContradiction(c: NewContradiction): Contradiction {
    return this.tx(() => {
      this.getCoder(c.coderId);
      const rel = this.checkRelation({ level: c.level, elementA: c.elementA, systemA: c.systemA ?? null, elementB: c.elementB ?? c.elementA, systemB: c.systemB ?? null });
      const now = this.now();
      const id = c.id ?? randomUUID();
      this.sql(`INSERT INTO contradictions (id, level, element_a, system_a, element_b, system_b, coder_id, status, note, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(id, rel.level, rel.elementA, rel.systemA, rel.elementB, rel.systemB, c.coderId, c.status ?? 'unresolved', c.note ?? '', now, now);
      this.setEvidence(id, c.evidenceSegmentIds);
      return this.getContradiction(id);
    });
  }
  updateContradiction(id: Uuid, patch: ContradictionPatch): Contradiction {
    return this.tx(() => {
      const cur = this.getContradiction(id);
      const rel = this.checkRelation({
        level: patch.level ?? cur.level, elementA: patch.elementA ?? cur.elementA, systemA: patch.systemA !== undefined ? patch.systemA : cur.systemA,
        elementB: patch.elementB ?? cur.elementB, systemB: patch.systemB !== undefined ? patch.systemB : cur.systemB,
      });
      this.sql('UPDATE contradictions SET level = ?, element_a = ?, system_a = ?, element_b = ?, system_b = ?, status = ?, note = ?, updated_at = ? WHERE id = ?')
        .run(rel.level, rel.elementA, rel.systemA, rel.elementB, rel.systemB, patch.status ?? cur.status, patch.note ?? cur.note, this.now(), id);
      if (patch.evidenceSegmentIds) this.setEvidence(id, patch.evidenceSegmentIds);
      return this.getContradiction(id);
    });
  }
  deleteContradiction(id: Uuid): void {
    this.tx(() => {
      this.getContradiction(id);
      this.tombstone(id, 'contradictions', this.now());
      this.sql('DELETE FROM contradictions WHERE id = ?').run(id);
    });
  }

  // ---------- transcripts ----------
  listTranscripts(mediaId: Uuid): Transcript[] {
    const ts = this.sql('SELECT * FROM transcripts WHERE media_id = ? ORDER BY created_at, name').all(mediaId) as TranscriptRow[];
    const cues = this.sql('SELECT id, start_ms, end_ms, speaker, text FROM transcript_cues WHERE transcript_id = ? ORDER BY idx');
    return ts.map((t) => ({
      id: t.id, mediaId: t.media_id, name: t.name, format: t.format, createdAt: t.created_at, updatedAt: t.updated_at,
      cues: (cues.all(t.id) as { id: string; start_ms: number; end_ms: number; speaker: string; text: string }[])
        .map((c) => ({ id: c.id, startMs: c.start_ms, endMs: c.end_ms, speaker: c.speaker, text: c.text })),
    }));
  }
  insertTranscript(t: { mediaId: Uuid; name: string; format: 'vtt' | 'srt'; cues: { startMs: number; endMs: number; speaker: string; text: string }[] }): Transcript {
    return this.tx(() => {
      this.getMedia(t.mediaId);
      const now = this.now();
      const id = randomUUID();
      this.sql('INSERT INTO transcripts (id, media_id, name, format, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(id, t.mediaId, t.name, t.format, now, now);
      const ins = this.sql('INSERT INTO transcript_cues (id, transcript_id, idx, start_ms, end_ms, speaker, text) VALUES (?, ?, ?, ?, ?, ?, ?)');
      t.cues.forEach((c, i) => ins.run(randomUUID(), id, i, c.startMs, c.endMs, c.speaker, c.text));
      return this.listTranscripts(t.mediaId).find((x) => x.id === id)!;
    });
  }
  deleteTranscript(id: Uuid): void {
    this.tx(() => {
      const r = this.sql('DELETE FROM transcripts WHERE id = ?').run(id);
      if (r.changes === 0) throw new UserError('not_found', `No transcript ${id}`);
    });
  }

  // ---------- themes (read side; edits live with their feature) ----------
  listThemes(): Theme[] {
    return (this.sql(`SELECT t.*, (SELECT group_concat(code_id ORDER BY sort_order, code_id) FROM theme_codes tc WHERE tc.theme_id = t.id) AS code_ids
      FROM themes t ORDER BY sort_order, created_at`).all() as ThemeRow[]).map(toTheme);
  }

  snapshot(): ProjectSnapshot {
    return this.db.transaction(() => ({
      projectId: this.getMeta('project_id')!,
      name: this.getMeta('name') ?? '',
      systems: this.listSystems(),
      media: this.listMedia(),
      coders: this.listCoders(),
      codes: this.listCodes(),
      segments: this.listSegments(),
      memos: this.listMemos(),
      contradictions: this.listContradictions(),
      themes: this.listThemes(),
      ...participantLists(this.db),
    }))();
  }
}

// ---------- undo/redo ----------

/**
 * Tables whose rows an undoable edit may touch (media only by rename/remove of a recording;
 * project_meta only for the study name). Coders and the reconcile tables are here because a
 * reconcile decision (which may create the consensus coder) and an import are undo steps like a
 * coding edit.
 */
export const UNDO_TABLES = [
  'project_meta', 'media', 'activity_systems', 'coders', 'codes', 'segments', 'segment_codes', 'memos', 'contradictions', 'contradiction_evidence',
  'themes', 'theme_codes', 'tombstones', 'transcripts', 'transcript_cues',
  'reconcile_decisions', 'reconcile_decision_sources', 'consensus_segments',
  'participants', 'participant_attributes', 'participant_attribute_values', 'groups', 'group_members', 'segment_participants', 'contradiction_participants',
] as const;

export interface UndoStep {
  seq: number;
  label: string;
  createdAt: number;
  /** False for a step entered by notUndoable (a merge): undo stops there. */
  undoable: boolean;
}

export interface UndoResult {
  /** What was undone or redone. */
  label: string;
  /** Tables whose rows changed, so the renderer knows what to reload. */
  tables: string[];
  /** Segment ids whose rows changed. */
  segmentIds: string[];
}

interface TableInfo {
  cols: string[];
  pk: string[];
  /** SQL expression building the row image from a row alias (NEW, OLD or a table alias). */
  image: (alias: string) => string;
  key: (alias: string) => string;
}

interface CapturedRow { tbl: string; key: string; before: string | null; after: string | null }

/**
 * The persisted undo history. While an edit runs, TEMP triggers on the edited tables copy each
 * changed row's old and new image (JSON of all columns) into a temp table; when the edit's
 * transaction ends, the first "before" and last "after" of each row become one undo step in
 * `undo_log`/`undo_rows`. Undo writes the before images back (redo the after images) in one
 * transaction with foreign keys deferred, after checking that the rows still hold what the step
 * left (an import or merge that changed them since makes undo refuse rather than clobber).
 */
export class UndoLog {
  private tables = new Map<string, TableInfo>();
  private depth = 0;
  static readonly MAX_STEPS = 1000;
  private statements = new Map<string, Database.Statement>();
  /** The recorder runs on every edit: its statements are compiled once. */
  private sql(source: string): Database.Statement {
    let st = this.statements.get(source);
    if (!st) {
      st = this.db.prepare(source);
      this.statements.set(source, st);
    }
    return st;
  }

  constructor(private db: Database.Database, private clock: () => number) {
    const hasLog = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'undo_log'").get();
    if (!hasLog) return;
    db.exec(`CREATE TEMP TABLE IF NOT EXISTS undo_capture (seq INTEGER PRIMARY KEY, tbl TEXT NOT NULL, key TEXT NOT NULL, before TEXT, after TEXT);
      CREATE TEMP TABLE IF NOT EXISTS undo_capture_on (v INTEGER NOT NULL);
      DELETE FROM undo_capture_on; INSERT INTO undo_capture_on (v) VALUES (0);`);
    for (const t of UNDO_TABLES) {
      const info = db.prepare(`PRAGMA main.table_info(${t})`).all() as { name: string; pk: number }[];
      if (info.length === 0) continue;
      const sql = (db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").get(t) as { sql: string }).sql;
      // the rowid is part of the image so a re-inserted row lists where it did (ties in ORDER BY)
      const cols = [...(/WITHOUT\s+ROWID/i.test(sql) ? [] : ['rowid']), ...info.map((c) => c.name)];
      const pk = info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
      const image = (a: string) => `json_object(${cols.map((c) => `'${c}', ${a}.${c}`).join(', ')})`;
      const key = (a: string) => `json_array(${pk.map((c) => `${a}.${c}`).join(', ')})`;
      this.tables.set(t, { cols, pk, image, key });
      const when = 'WHEN (SELECT v FROM temp.undo_capture_on) = 1';
      const triggers = {
        [`undo_${t}_ins`]: `AFTER INSERT ON main.${t} ${when}
          BEGIN INSERT INTO temp.undo_capture (tbl, key, before, after) VALUES ('${t}', ${key('NEW')}, NULL, ${image('NEW')}); END`,
        [`undo_${t}_upd`]: `AFTER UPDATE ON main.${t} ${when}
          BEGIN INSERT INTO temp.undo_capture (tbl, key, before, after) VALUES ('${t}', ${key('OLD')}, ${image('OLD')}, ${image('NEW')}); END`,
        [`undo_${t}_del`]: `AFTER DELETE ON main.${t} ${when}
          BEGIN INSERT INTO temp.undo_capture (tbl, key, before, after) VALUES ('${t}', ${key('OLD')}, ${image('OLD')}, NULL); END`,
      };
      for (const [name, body] of Object.entries(triggers)) {
        const sql = `CREATE TEMP TRIGGER IF NOT EXISTS ${name} ${body}`;
        this.triggers.push({ name, sql });
        db.exec(sql);
      }
    }
  }

  get enabled(): boolean {
    return this.tables.size > 0;
  }

  private triggers: { name: string; sql: string }[] = [];
  /**
   * Runs a bulk write that is not an undo step (a merge) inside the caller's transaction with the
   * capture triggers dropped: even switched off, each evaluates its WHEN subquery on every row
   * written. They are put back before fn's transaction ends (and a rollback restores them too).
   */
  withoutCapture<T>(fn: () => T): T {
    const resume = this.pauseCapture();
    try {
      return fn();
    } finally {
      resume();
    }
  }
  /**
   * withoutCapture for a bulk write that awaits (the streamed import): drops the capture triggers
   * inside the caller's transaction and returns the function that puts them back (call it before
   * the transaction ends; a rollback restores them anyway).
   */
  pauseCapture(): () => void {
    if (!this.enabled || this.depth > 0 || !this.db.inTransaction) return () => undefined;
    for (const t of this.triggers) this.db.exec(`DROP TRIGGER IF EXISTS temp.${t.name}`);
    return () => {
      for (const t of this.triggers) this.db.exec(t.sql);
    };
  }

  record<T>(label: string | ((result: T) => string), fn: () => T): T {
    if (!this.enabled) return this.db.transaction(fn).immediate();
    if (this.depth > 0) return fn();
    return this.db.transaction(() => {
      this.sql('DELETE FROM temp.undo_capture').run();
      this.sql('UPDATE temp.undo_capture_on SET v = 1').run();
      this.depth++;
      let result: T;
      try {
        result = fn();
      } finally {
        this.depth--;
        this.sql('UPDATE temp.undo_capture_on SET v = 0').run();
      }
      const captured = this.sql('SELECT tbl, key, before, after FROM temp.undo_capture ORDER BY seq').all() as CapturedRow[];
      this.sql('DELETE FROM temp.undo_capture').run();
      const rows = collapse(captured);
      if (rows.length > 0) this.push(typeof label === 'string' ? label : label(result), rows);
      return result;
    }).immediate();
  }

  /** Forgets the whole history (e.g. after setting up the demo project, which is not an edit). */
  clear(): void {
    if (!this.enabled) return;
    this.sql('DELETE FROM undo_rows').run();
    this.sql('DELETE FROM undo_log').run();
  }

  /** Enters a step with no rows: a write that cannot be undone (see ProjectStore.notUndoable). */
  markNotUndoable(label: string): void {
    if (this.enabled) this.push(label, []);
  }

  private push(label: string, rows: CapturedRow[]): void {
    // a new edit ends the redo branch
    this.sql('DELETE FROM undo_log WHERE undone = 1').run();
    const seq = Number(this.sql('INSERT INTO undo_log (label, created_at, undone) VALUES (?, ?, 0)').run(label, this.clock()).lastInsertRowid);
    const ins = this.sql('INSERT INTO undo_rows (seq, ord, table_name, row_key, before, after) VALUES (?, ?, ?, ?, ?, ?)');
    rows.forEach((r, i) => ins.run(seq, i, r.tbl, r.key, r.before, r.after));
    // keep the newest MAX_STEPS steps (seq grows by one per step; O(log n) on the primary key)
    this.sql('DELETE FROM undo_log WHERE seq <= ?').run(seq - UndoLog.MAX_STEPS);
  }

  /** The step undo would revert and the step redo would re-apply. */
  state(): { undo: UndoStep | null; redo: UndoStep | null } {
    if (!this.enabled) return { undo: null, redo: null };
    // a step without rows is one notUndoable entered
    const cols = 'seq, label, created_at, EXISTS (SELECT 1 FROM undo_rows r WHERE r.seq = l.seq) AS undoable';
    const pick = (sql: string) => {
      const r = this.db.prepare(sql).get() as { seq: number; label: string; created_at: number; undoable: number } | undefined;
      return r ? { seq: r.seq, label: r.label, createdAt: r.created_at, undoable: r.undoable === 1 } : null;
    };
    return {
      undo: pick(`SELECT ${cols} FROM undo_log l WHERE undone = 0 ORDER BY seq DESC LIMIT 1`),
      redo: pick(`SELECT ${cols} FROM undo_log l WHERE undone = 1 ORDER BY seq ASC LIMIT 1`),
    };
  }

  undo(): UndoResult {
    return this.apply('undo');
  }

  redo(): UndoResult {
    return this.apply('redo');
  }

  private apply(dir: 'undo' | 'redo'): UndoResult {
    if (!this.enabled) throw new UserError('unsupported', 'This project file has no undo history');
    return this.db.transaction(() => {
      const step = dir === 'undo' ? this.state().undo : this.state().redo;
      if (!step) throw new UserError('nothing', dir === 'undo' ? 'Nothing to undo' : 'Nothing to redo');
      if (!step.undoable) throw new UserError('not_undoable', `"${step.label}" cannot be undone, so nothing before it can be undone either`);
      const rows = this.db.prepare('SELECT table_name AS tbl, row_key AS key, before, after FROM undo_rows WHERE seq = ? ORDER BY ord').all(step.seq) as CapturedRow[];
      const ordered = dir === 'undo' ? [...rows].reverse() : rows;
      // refuse when something outside the undo history changed these rows since
      for (const r of ordered) {
        const expected = dir === 'undo' ? r.after : r.before;
        if (this.current(r.tbl, r.key) !== expected) {
          throw new UserError('conflict', `Cannot ${dir} "${step.label}": a row of ${r.tbl} was changed since by an edit outside the undo history (an import or merge)`);
        }
      }
      this.db.pragma('defer_foreign_keys = ON');
      // deletions first (children before parents), then writes in order
      for (const r of ordered) if ((dir === 'undo' ? r.before : r.after) === null) this.write(r.tbl, r.key, null);
      for (const r of ordered) {
        const target = dir === 'undo' ? r.before : r.after;
        if (target !== null) this.write(r.tbl, r.key, target);
      }
      this.db.prepare('UPDATE undo_log SET undone = ? WHERE seq = ?').run(dir === 'undo' ? 1 : 0, step.seq);
      const segmentIds = new Set<string>();
      for (const r of rows) {
        if (r.tbl === 'segments') segmentIds.add((JSON.parse(r.key) as string[])[0]!);
        if (r.tbl === 'segment_codes') segmentIds.add((JSON.parse(r.key) as string[])[0]!);
      }
      return { label: step.label, tables: [...new Set(rows.map((r) => r.tbl))], segmentIds: [...segmentIds] };
    })();
  }

  private info(tbl: string): TableInfo {
    const t = this.tables.get(tbl);
    if (!t) throw new Error(`undo: unknown table ${tbl}`);
    return t;
  }

  private where(t: TableInfo): string {
    return t.pk.map((c) => `${c} = ?`).join(' AND ');
  }

  private current(tbl: string, key: string): string | null {
    const t = this.info(tbl);
    const row = this.db.prepare(`SELECT ${t.image('r')} AS img FROM main.${tbl} AS r WHERE ${this.where(t)}`).get(...(JSON.parse(key) as unknown[])) as { img: string } | undefined;
    return row?.img ?? null;
  }

  private write(tbl: string, key: string, image: string | null): void {
    const t = this.info(tbl);
    const keyVals = JSON.parse(key) as unknown[];
    if (image === null) {
      this.db.prepare(`DELETE FROM main.${tbl} WHERE ${this.where(t)}`).run(...keyVals);
      return;
    }
    const row = JSON.parse(image) as Record<string, unknown>;
    const vals = t.cols.map((c) => row[c] ?? null);
    const exists = this.db.prepare(`SELECT 1 FROM main.${tbl} WHERE ${this.where(t)}`).get(...keyVals);
    if (exists) {
      const setCols = t.cols.filter((c) => !t.pk.includes(c) && c !== 'rowid');
      if (setCols.length === 0) return;
      this.db.prepare(`UPDATE main.${tbl} SET ${setCols.map((c) => `${c} = ?`).join(', ')} WHERE ${this.where(t)}`)
        .run(...setCols.map((c) => row[c] ?? null), ...keyVals);
    } else {
      this.db.prepare(`INSERT INTO main.${tbl} (${t.cols.join(', ')}) VALUES (${t.cols.map(() => '?').join(', ')})`).run(...vals);
    }
  }
}

/** First "before" and last "after" per row, in order of first touch; rows left as they were drop out. */
function collapse(captured: CapturedRow[]): CapturedRow[] {
  const byRow = new Map<string, CapturedRow>();
  for (const c of captured) {
    const id = `${c.tbl}\u0000${c.key}`;
    const seen = byRow.get(id);
    if (seen) seen.after = c.after;
    else byRow.set(id, { ...c });
  }
  return [...byRow.values()].filter((r) => r.before !== r.after);
}
