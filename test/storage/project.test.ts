import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { LATEST_VERSION, MIGRATIONS } from '../../src/main/db/migrations';
import { APPLICATION_ID } from '../../src/main/db/open';
import { ProjectStore } from '../../src/main/db/store';
import { fileHash, tmpDir } from '../helpers/tmp';

function newProject(name = 'p.triangulate') {
  const file = path.join(tmpDir(), name);
  return { file, store: ProjectStore.create(file) };
}

function withMedia(store: ProjectStore) {
  return store.insertMedia({ path: '/videos/w.mp4', name: 'w.mp4', fingerprint: 'f'.repeat(64), size: 10, durationMs: 60_000 });
}

describe('project file', () => {
  it('migrates an empty file to the latest schema, in WAL mode with foreign keys on', () => {
    const { file, store } = newProject();
    expect(store.schemaVersion).toBe(LATEST_VERSION);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    const tables = (store.db.prepare("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
    for (const t of ['media', 'coders', 'codes', 'segments', 'segment_codes', 'memos', 'activity_systems', 'project_meta', 'contradictions', 'themes']) {
      expect(tables).toContain(t);
    }
    store.close();
    expect(fs.existsSync(file)).toBe(true);
  });

  it('numbers migrations in multiples of 10, increasing (a number may be skipped while a parallel branch holds it)', () => {
    MIGRATIONS.forEach((m, i) => {
      expect(m.version % 10).toBe(0);
      if (i > 0) expect(m.version).toBeGreaterThan(MIGRATIONS[i - 1]!.version);
    });
  });

  it('keeps data written under schema 10 when migrating to the latest', () => {
    const file = path.join(tmpDir(), 'old.triangulate');
    const db = new Database(file);
    MIGRATIONS[0]!.up(db);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma('user_version = 10');
    db.prepare("INSERT INTO project_meta VALUES ('project_id', 'p1'), ('name', 'Old')").run();
    db.prepare("INSERT INTO media VALUES ('m1', '/v.mp4', 'v.mp4', 'fp', 5, 1000, NULL, 0, 1, 1)").run();
    db.prepare("INSERT INTO coders VALUES ('c1', 'Ann', '#000000', 0, 1, 1)").run();
    db.prepare("INSERT INTO segments VALUES ('s1', 'm1', 'c1', 100, 900, 'kept', 1, 1)").run();
    db.close();
    const store = ProjectStore.open(file);
    expect(store.schemaVersion).toBe(LATEST_VERSION);
    expect(store.listSegments()).toMatchObject([{ id: 's1', startMs: 100, endMs: 900, note: 'kept' }]);
    store.close();
  });

  it('refuses a file written by a newer Triangulate, and leaves it untouched', () => {
    const { file, store } = newProject();
    store.db.pragma(`user_version = ${LATEST_VERSION + 10}`);
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    store.close();
    const before = fileHash(file);
    expect(() => ProjectStore.open(file)).toThrowError(`${file}: written by a newer Triangulate (schema ${LATEST_VERSION + 10}, this version reads up to ${LATEST_VERSION}); update Triangulate to open it`);
    expect(fileHash(file)).toBe(before);
  });

  it('keeps a write after the file is closed and reopened', () => {
    const { file, store } = newProject();
    const media = withMedia(store);
    const coder = store.insertCoder({ name: 'Amina' });
    const tools = store.listCodes().find((c) => c.element === 'tools')!;
    const seg = store.insertSegment({ mediaId: media.id, coderId: coder.id, startMs: 1500, endMs: 4200, codeIds: [tools.id], note: 'template, "again"' });
    store.close();
    const again = ProjectStore.open(file);
    expect(again.listSegments(media.id)).toEqual([seg]);
    expect(again.getSegment(seg.id)).toMatchObject({ startMs: 1500, endMs: 4200, codeIds: [tools.id], note: 'template, "again"' });
    expect(seg.createdAt).toBeGreaterThan(0);
    expect(seg.id).toMatch(/^[0-9a-f-]{36}$/);
    again.close();
  });

  it('stores a point marker as start = end', () => {
    const { store } = newProject();
    const media = withMedia(store);
    const coder = store.insertCoder({ name: 'Ben' });
    const challenge = store.listCodes().find((c) => c.name === 'Challenge')!;
    const s = store.insertSegment({ mediaId: media.id, coderId: coder.id, startMs: 9200, endMs: 9200, codeIds: [challenge.id] });
    expect([s.startMs, s.endMs]).toEqual([9200, 9200]);
    store.close();
  });

  it('rejects end < start, negative times and times past the media end, writing nothing', () => {
    const { store } = newProject();
    const media = withMedia(store);
    const coder = store.insertCoder({ name: 'Ben' });
    expect(() => store.insertSegment({ mediaId: media.id, coderId: coder.id, startMs: 5000, endMs: 4000, codeIds: [] })).toThrow('End 4000 ms is before start 5000 ms');
    expect(() => store.insertSegment({ mediaId: media.id, coderId: coder.id, startMs: -1, endMs: 4000, codeIds: [] })).toThrow('Start -1 ms is negative');
    expect(() => store.insertSegment({ mediaId: media.id, coderId: coder.id, startMs: 0, endMs: 90_000, codeIds: [] })).toThrow(/after the end of w\.mp4/);
    expect(() => store.insertSegment({ mediaId: media.id, coderId: coder.id, startMs: 0, endMs: 10, codeIds: ['00000000-0000-4000-8000-000000000000'] })).toThrow(/No code/);
    expect(store.countSegments()).toBe(0);
    store.close();
  });
});

describe('codebook edits', () => {
  it('deleting a code in use removes its links and sub-codes, leaving no orphan links', () => {
    const { store } = newProject();
    const media = withMedia(store);
    const coder = store.insertCoder({ name: 'Chen' });
    const tools = store.listCodes().find((c) => c.element === 'tools')!;
    const sub = store.createCode({ name: 'Template', parentId: tools.id });
    const rules = store.listCodes().find((c) => c.element === 'rules')!;
    const s1 = store.insertSegment({ mediaId: media.id, coderId: coder.id, startMs: 0, endMs: 1000, codeIds: [tools.id, rules.id] });
    store.insertSegment({ mediaId: media.id, coderId: coder.id, startMs: 2000, endMs: 3000, codeIds: [sub.id] });
    expect(store.codeUsage(tools.id)).toEqual({ links: 2, segments: 2, descendants: 1, themes: 0 });
    expect(store.deleteCode(tools.id)).toEqual({ deletedCodes: 2, deletedLinks: 2 });
    const orphans = store.db.prepare('SELECT count(*) AS n FROM segment_codes WHERE code_id NOT IN (SELECT id FROM codes)').get() as { n: number };
    expect(orphans.n).toBe(0);
    expect(store.getSegment(s1.id).codeIds).toEqual([rules.id]);
    expect(store.countSegments()).toBe(2);
    expect(store.db.pragma('foreign_key_check')).toEqual([]);
    store.close();
  });

  it('renames, recolours and nests codes; refuses a cycle and a taken hotkey', () => {
    const { store } = newProject();
    const custom = store.createCode({ name: 'Brief drafts', color: '#123456' });
    const child = store.createCode({ name: 'First draft', parentId: custom.id });
    expect(store.updateCode(custom.id, { name: 'Drafts', color: '#654321' })).toMatchObject({ name: 'Drafts', color: '#654321' });
    expect(() => store.updateCode(custom.id, { parentId: child.id })).toThrow('Cannot nest "Drafts" inside itself or one of its sub-codes');
    expect(() => store.updateCode(custom.id, { hotkey: '1' })).toThrow('Hotkey "1" is already used by "Subject"');
    const tools = store.listCodes().find((c) => c.element === 'tools')!;
    expect(store.updateCode(custom.id, { parentId: tools.id }).parentId).toBe(tools.id);
    store.close();
  });

  it('renaming an activity system renames its codebook group', () => {
    const { store } = newProject();
    const [researchers] = store.listSystems();
    store.renameSystem(researchers!.id, 'University team');
    const group = store.listCodes().find((c) => c.kind === 'group' && c.systemId === researchers!.id)!;
    expect(group.name).toBe('University team');
    expect(store.listSystems()[0]!.name).toBe('University team');
    store.close();
  });
});

describe('bad project files', () => {
  it('refuses a non-SQLite file renamed .triangulate, unchanged', () => {
    const file = path.join(tmpDir(), 'notes.triangulate');
    fs.writeFileSync(file, 'These are my interview notes, not a database.\n'.repeat(10));
    const before = fileHash(file);
    expect(() => ProjectStore.open(file)).toThrowError(`${file}: not a Triangulate project (not a SQLite database)`);
    expect(fileHash(file)).toBe(before);
  });

  it('refuses a truncated project file, unchanged', () => {
    const { file, store } = newProject();
    const media = withMedia(store);
    const coder = store.insertCoder({ name: 'A' });
    for (let i = 0; i < 300; i++) store.insertSegment({ mediaId: media.id, coderId: coder.id, startMs: i, endMs: i + 10, codeIds: [], note: 'x'.repeat(200) });
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    store.close();
    const size = fs.statSync(file).size;
    fs.truncateSync(file, Math.floor(size / 2));
    const before = fileHash(file);
    expect(() => ProjectStore.open(file)).toThrowError(/project file is damaged or truncated/);
    expect(fileHash(file)).toBe(before);
  });

  it('refuses a SQLite database of another application', () => {
    const file = path.join(tmpDir(), 'other.triangulate');
    const db = new Database(file);
    db.exec('CREATE TABLE shopping (item TEXT)');
    db.close();
    expect(() => ProjectStore.open(file)).toThrowError(`${file}: not a Triangulate project (a SQLite database of another application)`);
  });

  it('names a missing file', () => {
    const file = path.join(tmpDir(), 'gone.triangulate');
    expect(() => ProjectStore.open(file)).toThrowError(`${file}: no such project file`);
  });

  it('refuses to overwrite an existing project when creating one', () => {
    const { file, store } = newProject();
    store.close();
    expect(() => ProjectStore.create(file)).toThrowError(`${file}: file already exists; choose another name`);
  });
});
