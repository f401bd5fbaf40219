import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli';
import { LATEST_VERSION } from '../../src/main/db/migrations';
import { ProjectStore } from '../../src/main/db/store';
import { createCoderFile } from '../../src/main/features/merge/coderFile';
import { mergeCoderFiles } from '../../src/main/features/merge/merge';
import { coderLabels } from '../../src/shared/merge/coderLabels';
import { codeId, fileHash, makeProject, tempDir, tickingClock } from '../unit/merge/helpers';

const open: ProjectStore[] = [];
const track = (s: ProjectStore) => (open.push(s), s);
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

function handedOut() {
  const dir = tempDir();
  const p = makeProject(dir, ['amina', 'ben'], { clock: tickingClock(1_000_000) });
  track(p.store);
  const a = path.join(dir, 'amina.triangulate');
  const b = path.join(dir, 'ben.triangulate');
  createCoderFile(p.store, 'amina', a);
  createCoderFile(p.store, 'ben', b);
  return { dir, ...p, a, b };
}

function edit<T>(file: string, fn: (s: ProjectStore) => T, start = 2_000_000): T {
  const s = ProjectStore.open(file, { clock: tickingClock(start) });
  try {
    return fn(s);
  } finally {
    s.close();
  }
}

describe('merge: media, codes and coders', () => {
  it('matches media by content fingerprint, not by path', () => {
    const p = handedOut();
    const tools = codeId(p.store, 'Researchers/Tools');
    // amina's laptop keeps the video elsewhere: she re-links it there
    const elsewhere = path.join(p.dir, 'laptop', 'renamed workshop.mp4');
    fs.mkdirSync(path.dirname(elsewhere));
    fs.copyFileSync(p.mediaPath, elsewhere);
    const seg = edit(p.a, (s) => {
      s.updateMedia(p.mediaId, { path: elsewhere, lastPositionMs: 5000 });
      return s.insertSegment({ mediaId: p.mediaId, coderId: p.coderIds.amina!, startMs: 1000, endMs: 2000, codeIds: [tools] });
    });
    // a colleague's project of the same lineage added the same recording under another id
    const other = path.join(p.dir, 'colleague.triangulate');
    p.store.db.prepare('VACUUM INTO ?').run(other);
    const theirs = edit(other, (s) => {
      s.db.prepare('DELETE FROM media').run();
      const m = s.insertMedia({ path: path.join(p.dir, 'copy.mp4'), name: 'copy.mp4', fingerprint: p.store.getMedia(p.mediaId).fingerprint, size: p.store.getMedia(p.mediaId).size, durationMs: 120_000 });
      return s.insertSegment({ mediaId: m.id, coderId: p.coderIds.ben!, startMs: 3000, endMs: 4000, codeIds: [tools] });
    });
    const before = p.store.getMedia(p.mediaId);
    const r = mergeCoderFiles(p.store, [p.a, other]);
    expect(p.store.listMedia()).toEqual([before]); // one media, path and position untouched
    expect(p.store.getSegment(seg.id).mediaId).toBe(p.mediaId);
    expect(p.store.getSegment(theirs.id).mediaId).toBe(p.mediaId);
    expect(r.counts.media).toEqual({ added: 0, updated: 0, unchanged: 2, deleted: 0 });
    expect(r.notes.filter((n) => n.kind === 'media_matched_by_fingerprint')).toHaveLength(1);
  });

  it('adds a code a coder added, reports it, and keeps its codings', () => {
    const p = handedOut();
    const markers = codeId(p.store, 'Markers');
    const { code, seg } = edit(p.a, (s) => {
      const code = s.createCode({ name: 'Laughter', parentId: markers, kind: 'marker', hotkey: 'l' });
      const seg = s.insertSegment({ mediaId: p.mediaId, coderId: p.coderIds.amina!, startMs: 7000, endMs: 7000, codeIds: [code.id] });
      return { code, seg };
    });
    const r = mergeCoderFiles(p.store, [p.a]);
    expect(p.store.getCode(code.id)).toEqual(code);
    expect(p.store.getSegment(seg.id).codeIds).toEqual([code.id]);
    expect(r.counts.codes).toMatchObject({ added: 1, updated: 0 });
    expect(r.notes).toContainEqual({ kind: 'code_added', file: p.a, message: 'Code "Markers/Laughter" was added by the coder', id: code.id });
    expect(r.conflicts).toEqual([]);
  });

  it('reports two different codes with the same name under the same parent and keeps both', () => {
    const p = handedOut();
    const markers = codeId(p.store, 'Markers');
    const lead = p.store.createCode({ name: 'Noise', parentId: markers, kind: 'marker' });
    const leadSeg = p.store.insertSegment({ mediaId: p.mediaId, coderId: p.coderIds.ben!, startMs: 100, endMs: 100, codeIds: [lead.id] });
    const theirs = edit(p.a, (s) => {
      const c = s.createCode({ name: 'noise', parentId: markers, kind: 'marker' });
      const seg = s.insertSegment({ mediaId: p.mediaId, coderId: p.coderIds.amina!, startMs: 200, endMs: 200, codeIds: [c.id] });
      return { c, seg };
    });
    const r = mergeCoderFiles(p.store, [p.a]);
    const noises = p.store.listCodes().filter((c) => c.parentId === markers && c.name.toLowerCase() === 'noise');
    expect(noises.map((c) => c.id).sort()).toEqual([lead.id, theirs.c.id].sort());
    expect(p.store.getSegment(leadSeg.id).codeIds).toEqual([lead.id]);
    expect(p.store.getSegment(theirs.seg.id).codeIds).toEqual([theirs.c.id]);
    expect(r.conflicts).toEqual([{
      kind: 'duplicate_code_name', file: p.a, ids: [lead.id, theirs.c.id],
      message: 'Code "Markers/noise" has the same name as another code under the same parent but is a different code (other id); both are kept, not fused',
    }]);
    expect(r.totals.conflicts).toBe(1);
    // merging again reports nothing new and duplicates nothing
    const again = mergeCoderFiles(p.store, [p.a]);
    expect(again.conflicts).toEqual([]);
    expect(p.store.listCodes().filter((c) => c.parentId === markers && c.name.toLowerCase() === 'noise')).toHaveLength(2);
  });

  it('keeps two coders with the same display name apart and labels them distinguishably', () => {
    const p = handedOut();
    const tools = codeId(p.store, 'Researchers/Tools');
    // a second lab coded the same recording from a copy of the project; their "ben" is someone else
    const lab2 = path.join(p.dir, 'lab2.triangulate');
    p.store.db.prepare('VACUUM INTO ?').run(lab2);
    const { ben2, seg2 } = edit(lab2, (s) => {
      const ben2 = s.insertCoder({ name: 'ben' });
      return { ben2, seg2: s.insertSegment({ mediaId: p.mediaId, coderId: ben2.id, startMs: 0, endMs: 1000, codeIds: [tools] }) };
    });
    const seg1 = p.store.insertSegment({ mediaId: p.mediaId, coderId: p.coderIds.ben!, startMs: 0, endMs: 1000, codeIds: [tools] });
    const r = mergeCoderFiles(p.store, [lab2]);
    const bens = p.store.listCoders().filter((c) => c.name === 'ben');
    expect(bens.map((c) => c.id).sort()).toEqual([p.coderIds.ben!, ben2.id].sort());
    expect(p.store.getSegment(seg1.id).coderId).toBe(p.coderIds.ben);
    expect(p.store.getSegment(seg2.id).coderId).toBe(ben2.id);
    expect(r.conflicts.map((c) => [c.kind, c.ids])).toEqual([['same_coder_name', [p.coderIds.ben, ben2.id]]]);
    const labels = coderLabels(p.store.listCoders());
    expect(labels.get(p.coderIds.ben!)).toBe('ben'); // created first
    expect(labels.get(ben2.id)).toBe('ben (2)');
  });

  it('restores a code the project deleted when the coder file still uses it', () => {
    const p = handedOut();
    const tools = codeId(p.store, 'Researchers/Tools');
    const seg = edit(p.a, (s) => s.insertSegment({ mediaId: p.mediaId, coderId: p.coderIds.amina!, startMs: 1, endMs: 2, codeIds: [tools] }));
    p.store.deleteCode(tools);
    const r = mergeCoderFiles(p.store, [p.a]);
    expect(p.store.getCode(tools).name).toBe('Tools');
    expect(p.store.getSegment(seg.id).codeIds).toEqual([tools]);
    expect(r.conflicts.map((c) => c.kind)).toEqual(['code_restored']);
  });

  it('does not apply a codebook deletion made in a coder file (other coders\' codings would go), and says so', () => {
    const p = handedOut();
    const rules = codeId(p.store, 'Practitioners/Rules');
    const benSeg = p.store.insertSegment({ mediaId: p.mediaId, coderId: p.coderIds.ben!, startMs: 1, endMs: 2, codeIds: [rules] });
    edit(p.a, (s) => s.deleteCode(rules));
    const r = mergeCoderFiles(p.store, [p.a]);
    expect(p.store.getSegment(benSeg.id).codeIds).toEqual([rules]);
    expect(r.conflicts.map((c) => c.kind)).toEqual(['code_deleted_in_file']);
  });
});

describe('merge: the coder file itself', () => {
  it('is only read: byte-identical after a merge; a file from an older version is migrated in a temporary copy', () => {
    const p = handedOut();
    const tools = codeId(p.store, 'Researchers/Tools');
    const seg = edit(p.b, (s) => s.insertSegment({ mediaId: p.mediaId, coderId: p.coderIds.ben!, startMs: 0, endMs: 900, codeIds: [tools] }));
    // an older Triangulate wrote it: schema 30, before the workstation tables (40), coders.active (50) and participants (70)
    const db = new Database(p.b);
    db.exec('DROP TABLE contradiction_participants; DROP TABLE segment_participants; DROP TABLE group_members; DROP TABLE groups; DROP TABLE participant_attribute_values; DROP TABLE participant_attributes; DROP TABLE participants;');
    db.exec('DROP TABLE undo_rows; DROP TABLE undo_log; DROP TABLE transcript_cues; DROP TABLE transcripts; ALTER TABLE coders DROP COLUMN active; ALTER TABLE media DROP COLUMN sort_order;');
    db.pragma('user_version = 30');
    db.pragma('journal_mode = DELETE');
    db.close();
    const hash = crypto.createHash('sha256').update(fs.readFileSync(p.b)).digest('hex');
    const r = mergeCoderFiles(p.store, [p.b]);
    expect(r.files[0]).toMatchObject({ coderName: 'ben', schemaVersion: LATEST_VERSION, segments: 1 });
    expect(p.store.getSegment(seg.id).endMs).toBe(900);
    expect(crypto.createHash('sha256').update(fs.readFileSync(p.b)).digest('hex')).toBe(hash);
    const again = new Database(p.b, { readonly: true });
    expect(again.pragma('user_version', { simple: true })).toBe(30);
    again.close();
  });
});

describe('merge: hostile inputs change nothing', () => {
  /** The target with some work in it, and a good coder file with new segments. */
  function target() {
    const p = handedOut();
    const tools = codeId(p.store, 'Researchers/Tools');
    p.store.insertSegment({ mediaId: p.mediaId, coderId: p.coderIds.ben!, startMs: 0, endMs: 500, codeIds: [tools] });
    edit(p.a, (s) => s.insertSegment({ mediaId: p.mediaId, coderId: p.coderIds.amina!, startMs: 10, endMs: 20, codeIds: [tools] }));
    return { ...p, tools };
  }

  async function expectRefused(p: ReturnType<typeof target>, bad: string, message: RegExp) {
    const hash = fileHash(p.store);
    const segments = p.store.countSegments();
    // the good file first: nothing of it may land either (one transaction, checked first)
    expect(() => mergeCoderFiles(p.store, [p.a, bad])).toThrow(message);
    expect(p.store.countSegments()).toBe(segments);
    expect(fileHash(p.store)).toBe(hash);
    const r = await cli('merge', p.file, p.a, bad);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')).toHaveLength(2); // one line and its newline
    expect(r.stderr).toMatch(message);
    expect(fileHash(p.store)).toBe(hash);
    expect(fs.statSync(`${p.file}-wal`).size).toBe(0);
  }

  it('random bytes', async () => {
    const p = target();
    const bad = path.join(p.dir, 'noise.triangulate');
    fs.writeFileSync(bad, crypto.randomBytes(8192));
    await expectRefused(p, bad, /noise\.triangulate: not a Triangulate project \(not a SQLite database\)/);
  });

  it('a truncated coder file', async () => {
    const p = target();
    const bad = path.join(p.dir, 'truncated.triangulate');
    const bytes = fs.readFileSync(p.b);
    fs.writeFileSync(bad, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expectRefused(p, bad, /truncated\.triangulate: project file is damaged or truncated/);
  });

  it('a project from a newer schema', async () => {
    const p = target();
    const bad = path.join(p.dir, 'future.triangulate');
    fs.copyFileSync(p.b, bad);
    const db = new Database(bad);
    db.pragma(`user_version = ${LATEST_VERSION + 10}`);
    db.close();
    await expectRefused(p, bad, new RegExp(`future\\.triangulate: written by a newer Triangulate \\(schema ${LATEST_VERSION + 10}`));
  });

  it('a file whose tables have the wrong types', async () => {
    const p = target();
    const bad = path.join(p.dir, 'types.triangulate');
    // the same tables without STRICT (a hand-made file), then a time that is not a number
    const src = new Database(p.b, { readonly: true });
    const schema = src.prepare("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY CASE type WHEN 'table' THEN 0 ELSE 1 END, rowid").all() as { sql: string }[];
    const tables = (src.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map((t) => t.name);
    const pragmas = { user_version: src.pragma('user_version', { simple: true }), application_id: src.pragma('application_id', { simple: true }) };
    src.close();
    const db = new Database(bad);
    for (const { sql } of schema) db.exec(sql.replace(/\)\s*STRICT\s*(,\s*WITHOUT ROWID)?\s*$/i, (_m, w) => `)${w ?? ''}`));
    db.exec(`ATTACH DATABASE '${p.b.replace(/'/g, "''")}' AS src`);
    for (const t of tables) db.exec(`INSERT INTO main."${t}" SELECT * FROM src."${t}"`);
    db.exec('DETACH DATABASE src');
    const tools = p.tools;
    db.prepare("INSERT INTO segments (id, media_id, coder_id, start_ms, end_ms, note, created_at, updated_at) VALUES ('seg-x', ?, ?, 1000, 'soon', '', 1, 1)").run(p.mediaId, p.coderIds.ben);
    db.prepare('INSERT INTO segment_codes (segment_id, code_id, created_at) VALUES (?, ?, 1)').run('seg-x', tools);
    db.pragma(`user_version = ${pragmas.user_version}`);
    db.pragma(`application_id = ${pragmas.application_id}`);
    db.close();
    // refused by the schema check (tables without STRICT are not the app's), before any row is read
    await expectRefused(p, bad, /types\.triangulate: its table '\w+' differs from the one Triangulate creates: refusing to open/);
  });

  it('a project of a different codebook lineage', async () => {
    const p = target();
    const bad = path.join(p.dir, 'other.triangulate');
    ProjectStore.create(bad).close();
    await expectRefused(p, bad, /other\.triangulate: comes from a different codebook lineage/);
  });

  it('a SQLite database of another application', async () => {
    const p = target();
    const bad = path.join(p.dir, 'other-app.sqlite');
    const db = new Database(bad);
    db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)');
    db.close();
    await expectRefused(p, bad, /other-app\.sqlite: not a Triangulate project \(a SQLite database of another application\)/);
  });

  it('the CLI prints the summary of a good merge', async () => {
    const p = target();
    p.store.db.pragma('wal_checkpoint(TRUNCATE)');
    const r = await cli('merge', p.file, p.a);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(`Merged ${p.a} (coder file of amina, 1 segment)`);
    // 2 systems + 1 media + 2 coders + 26 codes unchanged; amina's one new segment added
    expect(lines[1]).toBe('added 1, updated 0, unchanged 31, deleted 0, conflicts 0');
    expect(lines).toContain(`${'segments'.padEnd(15)}${'1'.padStart(8)}${'0'.padStart(9)}${'0'.padStart(11)}${'0'.padStart(9)}`);
  });
});
