/**
 * ProjectStore: every read and write of one project file. Synchronous (better-sqlite3); one
 * transaction per user action; parameters always bound. The service wraps it in async calls.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { defaultCodebook } from '../../shared/codebook';
import type { ActivitySystem, Code, Coder, Contradiction, Media, Memo, ProjectSnapshot, Segment, Theme, Uuid } from '../../shared/domain';
import { UserError } from '../../shared/errors';
import { openDatabase, schemaVersion, type OpenOptions } from './open';
import {
  toCode, toCoder, toContradiction, toMedia, toMemo, toSegment, toSystem, toTheme,
  type CodeRow, type CoderRow, type ContradictionRow, type MediaRow, type MemoRow, type SegmentRow, type SystemRow, type ThemeRow,
} from './rows';

export const CODER_COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#17becf'];
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

const SEGMENT_SELECT = `
  SELECT s.*, (SELECT group_concat(code_id ORDER BY code_id) FROM segment_codes sc WHERE sc.segment_id = s.id) AS code_ids
  FROM segments s`;

export class ProjectStore {
  readonly db: Database.Database;
  readonly file: string;
  private clock: () => number;

  private constructor(db: Database.Database, file: string, clock: () => number) {
    this.db = db;
    this.file = file;
    this.clock = clock;
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

  /** Creates a new project file seeded with the default CHAT codebook. Refuses to overwrite. */
  static create(file: string, opts: { name?: string; clock?: () => number; nativeBinding?: string } = {}): ProjectStore {
    const abs = path.resolve(file);
    if (fs.existsSync(abs) && fs.statSync(abs).size > 0) throw new UserError('exists', `${abs}: file already exists; choose another name`);
    const db = openDatabase(abs, { create: true, nativeBinding: opts.nativeBinding });
    const store = new ProjectStore(db, abs, opts.clock ?? Date.now);
    const now = store.clock();
    const { systems, codes } = defaultCodebook(randomUUID, now);
    db.transaction(() => {
      store.setMeta('project_id', randomUUID());
      store.setMeta('lineage_id', randomUUID());
      store.setMeta('name', opts.name ?? path.basename(abs).replace(/\.triangulate$/i, ''));
      store.setMeta('created_at', String(now));
      for (const s of systems) store.insertSystemRow(s);
      for (const c of codes) store.insertCodeRow(c);
    })();
    return store;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  now(): number {
    return this.clock();
  }

  tx<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  // ---------- meta ----------
  getMeta(key: string): string | undefined {
    const row = this.db.prepare('SELECT value FROM project_meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value;
  }
  setMeta(key: string, value: string): void {
    this.db.prepare('INSERT INTO project_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
  }
  get schemaVersion(): number {
    return schemaVersion(this.db);
  }

  // ---------- activity systems ----------
  listSystems(): ActivitySystem[] {
    return (this.db.prepare('SELECT * FROM activity_systems ORDER BY sort_order, name').all() as SystemRow[]).map(toSystem);
  }
  insertSystemRow(s: ActivitySystem): void {
    this.db.prepare('INSERT INTO activity_systems (id, name, sort_order, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
      .run(s.id, s.name, s.sortOrder, s.createdAt, s.updatedAt);
  }
  /** Renames an activity system and the codebook group that stands for it. */
  renameSystem(id: Uuid, name: string): ActivitySystem {
    const clean = name.trim();
    if (!clean) throw new UserError('invalid', 'An activity system needs a name');
    return this.tx(() => {
      const now = this.now();
      const old = this.db.prepare('SELECT name FROM activity_systems WHERE id = ?').get(id) as { name: string } | undefined;
      if (!old) throw new UserError('not_found', `No activity system ${id}`);
      this.db.prepare('UPDATE activity_systems SET name = ?, updated_at = ? WHERE id = ?').run(clean, now, id);
      this.db.prepare("UPDATE codes SET name = ?, updated_at = ? WHERE kind = 'group' AND system_id = ? AND name = ?").run(clean, now, id, old.name);
      return toSystem(this.db.prepare('SELECT * FROM activity_systems WHERE id = ?').get(id) as SystemRow);
    });
  }

  // ---------- media ----------
  listMedia(): Media[] {
    return (this.db.prepare('SELECT * FROM media ORDER BY created_at, name').all() as MediaRow[]).map(toMedia);
  }
  getMedia(id: Uuid): Media {
    const row = this.db.prepare('SELECT * FROM media WHERE id = ?').get(id) as MediaRow | undefined;
    if (!row) throw new UserError('not_found', `No media ${id} in this project`);
    return toMedia(row);
  }
  insertMedia(m: Omit<Media, 'id' | 'createdAt' | 'updatedAt' | 'lastPositionMs' | 'frameRate'> & { id?: Uuid; frameRate?: number | null }): Media {
    const now = this.now();
    const id = m.id ?? randomUUID();
    this.db.prepare(`INSERT INTO media (id, path, name, fingerprint, size, duration_ms, frame_rate, last_position_ms, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`).run(id, m.path, m.name, m.fingerprint, m.size, m.durationMs, m.frameRate ?? null, now, now);
    return this.getMedia(id);
  }
  updateMedia(id: Uuid, patch: Partial<Pick<Media, 'path' | 'durationMs' | 'lastPositionMs' | 'name' | 'frameRate' | 'fingerprint' | 'size'>>): Media {
    const cur = this.getMedia(id);
    const next = { ...cur, ...patch };
    this.db.prepare('UPDATE media SET path = ?, name = ?, duration_ms = ?, frame_rate = ?, last_position_ms = ?, fingerprint = ?, size = ?, updated_at = ? WHERE id = ?')
      .run(next.path, next.name, next.durationMs, next.frameRate, next.lastPositionMs, next.fingerprint, next.size, this.now(), id);
    return this.getMedia(id);
  }

  // ---------- coders ----------
  listCoders(): Coder[] {
    return (this.db.prepare('SELECT * FROM coders ORDER BY is_consensus, created_at, name').all() as CoderRow[]).map(toCoder);
  }
  getCoder(id: Uuid): Coder {
    const row = this.db.prepare('SELECT * FROM coders WHERE id = ?').get(id) as CoderRow | undefined;
    if (!row) throw new UserError('not_found', `No coder ${id} in this project`);
    return toCoder(row);
  }
  insertCoder(c: { id?: Uuid; name: string; color?: string; isConsensus?: boolean }): Coder {
    const name = c.name.trim();
    if (!name) throw new UserError('invalid', 'A coder needs a name');
    const now = this.now();
    const id = c.id ?? randomUUID();
    const count = (this.db.prepare('SELECT count(*) AS n FROM coders').get() as { n: number }).n;
    const color = c.color ?? (c.isConsensus ? CONSENSUS_COLOR : CODER_COLORS[count % CODER_COLORS.length]!);
    this.db.prepare('INSERT INTO coders (id, name, color, is_consensus, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(id, name, color, c.isConsensus ? 1 : 0, now, now);
    return this.getCoder(id);
  }

  // ---------- codebook ----------
  listCodes(): Code[] {
    return (this.db.prepare('SELECT * FROM codes ORDER BY sort_order, created_at').all() as CodeRow[]).map(toCode);
  }
  getCode(id: Uuid): Code {
    const row = this.db.prepare('SELECT * FROM codes WHERE id = ?').get(id) as CodeRow | undefined;
    if (!row) throw new UserError('not_found', `No code ${id} in the codebook`);
    return toCode(row);
  }
  insertCodeRow(c: Code): void {
    this.db.prepare(`INSERT INTO codes (id, name, kind, element, system_id, contradiction_level, parent_id, color, hotkey, definition, sort_order, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
      c.id, c.name, c.kind, c.element, c.systemId, c.contradictionLevel, c.parentId, c.color, c.hotkey, c.definition, c.sortOrder, c.createdAt, c.updatedAt);
  }
  createCode(input: NewCode): Code {
    const name = input.name.trim();
    if (!name) throw new UserError('invalid', 'A code needs a name');
    return this.tx(() => {
      if (input.parentId) this.getCode(input.parentId);
      this.checkHotkeyFree(input.hotkey ?? null, null);
      const now = this.now();
      const siblings = (this.db.prepare('SELECT count(*) AS n FROM codes WHERE parent_id IS ?').get(input.parentId ?? null) as { n: number }).n;
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
      if (patch.parentId) {
        // nesting a code under itself or one of its descendants would make a cycle
        for (let p: string | null = patch.parentId; p; p = this.getCode(p).parentId) {
          if (p === id) throw new UserError('invalid', `Cannot nest "${cur.name}" inside itself or one of its sub-codes`);
        }
      }
      if (patch.hotkey !== undefined) this.checkHotkeyFree(patch.hotkey, id);
      const next = { ...cur, ...patch, name: patch.name?.trim() ?? cur.name };
      this.db.prepare(`UPDATE codes SET name = ?, color = ?, parent_id = ?, hotkey = ?, definition = ?, element = ?, system_id = ?, sort_order = ?, updated_at = ? WHERE id = ?`)
        .run(next.name, next.color, next.parentId, next.hotkey, next.definition, next.element, next.systemId, next.sortOrder, this.now(), id);
      return this.getCode(id);
    });
  }
  private checkHotkeyFree(hotkey: string | null, selfId: Uuid | null): void {
    if (!hotkey) return;
    const other = this.db.prepare('SELECT name FROM codes WHERE hotkey = ? AND id IS NOT ?').get(hotkey, selfId) as { name: string } | undefined;
    if (other) throw new UserError('conflict', `Hotkey "${hotkey}" is already used by "${other.name}"`);
  }
  /** The code and all its descendants. */
  codeSubtree(id: Uuid): Uuid[] {
    return (this.db.prepare(`WITH RECURSIVE sub(id) AS (SELECT ? UNION ALL SELECT c.id FROM codes c JOIN sub ON c.parent_id = sub.id) SELECT id FROM sub`)
      .all(id) as { id: string }[]).map((r) => r.id);
  }
  /** How many segment links and sub-codes a delete would remove (asked before deleting). */
  codeUsage(id: Uuid): { links: number; segments: number; descendants: number; themes: number } {
    this.getCode(id);
    const ids = this.codeSubtree(id);
    const ph = ids.map(() => '?').join(',');
    const links = (this.db.prepare(`SELECT count(*) AS n FROM segment_codes WHERE code_id IN (${ph})`).get(...ids) as { n: number }).n;
    const segments = (this.db.prepare(`SELECT count(DISTINCT segment_id) AS n FROM segment_codes WHERE code_id IN (${ph})`).get(...ids) as { n: number }).n;
    const themes = (this.db.prepare(`SELECT count(*) AS n FROM theme_codes WHERE code_id IN (${ph})`).get(...ids) as { n: number }).n;
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
      this.db.prepare('DELETE FROM codes WHERE id = ?').run(id);
      return { deletedCodes: ids.length, deletedLinks: usage.links };
    });
  }

  // ---------- segments ----------
  listSegments(mediaId?: Uuid): Segment[] {
    const rows = mediaId
      ? this.db.prepare(`${SEGMENT_SELECT} WHERE s.media_id = ? ORDER BY s.start_ms, s.end_ms, s.created_at`).all(mediaId)
      : this.db.prepare(`${SEGMENT_SELECT} ORDER BY s.media_id, s.start_ms, s.end_ms, s.created_at`).all();
    return (rows as SegmentRow[]).map(toSegment);
  }
  getSegment(id: Uuid): Segment {
    const row = this.db.prepare(`${SEGMENT_SELECT} WHERE s.id = ?`).get(id) as SegmentRow | undefined;
    if (!row) throw new UserError('not_found', `No segment ${id}`);
    return toSegment(row);
  }
  private checkTimes(startMs: number, endMs: number, mediaId: Uuid): void {
    if (!Number.isInteger(startMs) || !Number.isInteger(endMs)) throw new UserError('invalid', 'Times must be whole milliseconds');
    if (startMs < 0) throw new UserError('invalid', `Start ${startMs} ms is negative`);
    if (endMs < startMs) throw new UserError('invalid', `End ${endMs} ms is before start ${startMs} ms`);
    const media = this.getMedia(mediaId);
    if (media.durationMs !== null && endMs > media.durationMs + 1000) {
      throw new UserError('invalid', `End ${endMs} ms is after the end of ${media.name} (${media.durationMs} ms)`);
    }
  }
  private checkCodes(codeIds: Uuid[]): void {
    for (const c of codeIds) this.getCode(c);
  }
  insertSegment(s: NewSegment): Segment {
    return this.tx(() => {
      this.checkTimes(s.startMs, s.endMs, s.mediaId);
      this.getCoder(s.coderId);
      this.checkCodes(s.codeIds);
      const now = this.now();
      const id = s.id ?? randomUUID();
      this.db.prepare('INSERT INTO segments (id, media_id, coder_id, start_ms, end_ms, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(id, s.mediaId, s.coderId, s.startMs, s.endMs, s.note ?? '', now, now);
      this.linkCodes(id, s.codeIds, now);
      return this.getSegment(id);
    });
  }
  private linkCodes(segmentId: Uuid, codeIds: Uuid[], now: number): void {
    const ins = this.db.prepare('INSERT OR IGNORE INTO segment_codes (segment_id, code_id, created_at) VALUES (?, ?, ?)');
    for (const c of new Set(codeIds)) ins.run(segmentId, c, now);
  }
  updateSegment(id: Uuid, patch: SegmentPatch): Segment {
    return this.tx(() => {
      const cur = this.getSegment(id);
      const startMs = patch.startMs ?? cur.startMs;
      const endMs = patch.endMs ?? cur.endMs;
      this.checkTimes(startMs, endMs, cur.mediaId);
      const now = this.now();
      this.db.prepare('UPDATE segments SET start_ms = ?, end_ms = ?, note = ?, updated_at = ? WHERE id = ?')
        .run(startMs, endMs, patch.note ?? cur.note, now, id);
      if (patch.codeIds) {
        this.checkCodes(patch.codeIds);
        this.db.prepare('DELETE FROM segment_codes WHERE segment_id = ?').run(id);
        this.linkCodes(id, patch.codeIds, now);
      }
      return this.getSegment(id);
    });
  }
  deleteSegment(id: Uuid): void {
    this.tx(() => {
      this.getSegment(id);
      this.tombstone(id, 'segments', this.now());
      this.db.prepare('DELETE FROM segments WHERE id = ?').run(id);
    });
  }
  countSegments(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM segments').get() as { n: number }).n;
  }

  private tombstone(id: Uuid, table: string, now: number): void {
    this.db.prepare('INSERT OR REPLACE INTO tombstones (id, table_name, deleted_at) VALUES (?, ?, ?)').run(id, table, now);
  }

  // ---------- memos ----------
  listMemos(): Memo[] {
    return (this.db.prepare('SELECT * FROM memos ORDER BY created_at').all() as MemoRow[]).map(toMemo);
  }

  // ---------- contradictions & themes (read side; edits live with their features) ----------
  listContradictions(): Contradiction[] {
    return (this.db.prepare(`SELECT c.*, (SELECT group_concat(segment_id ORDER BY segment_id) FROM contradiction_evidence e WHERE e.contradiction_id = c.id) AS evidence_ids
      FROM contradictions c ORDER BY created_at`).all() as ContradictionRow[]).map(toContradiction);
  }
  listThemes(): Theme[] {
    return (this.db.prepare(`SELECT t.*, (SELECT group_concat(code_id ORDER BY sort_order, code_id) FROM theme_codes tc WHERE tc.theme_id = t.id) AS code_ids
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
    }))();
  }
}
