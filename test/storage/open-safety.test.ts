/**
 * Issue 10, items 5 and 6: a file is judged before it is used or written. Hostile SQL objects
 * (triggers, views, virtual tables) are refused by comparing sqlite_master with the schema the
 * app creates for that version; a file that is not a Triangulate project of a known version is
 * refused without a single byte changing (it is opened read-only first).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { APPLICATION_ID } from '../../src/main/db/open';
import { MIGRATIONS } from '../../src/main/db/migrations';
import { ProjectStore } from '../../src/main/db/store';
import { cli } from '../helpers/cli';
import { studyWithSegments } from '../helpers/study';
import { fileHash, tmpDir } from '../helpers/tmp';

const SEGMENTS_CSV = 'coder,code,start,end\namina,Researchers/Tools,1,2\namina,Researchers/Rules,3,4\n';

/** A project with one media, amina's two segments, and a coder file for ben; WAL checkpointed. */
async function study() {
  const { dir, file, csv } = await studyWithSegments(SEGMENTS_CSV);
  const coderFile = path.join(dir, 'ben.triangulate');
  expect((await cli('coder-file', file, 'ben', '--out', coderFile)).code).toBe(0);
  return { dir, file, csv, coderFile };
}

/** Edits a file with plain SQLite, as an attacker with the sqlite3 shell would. */
function tamper(file: string, sql: string): void {
  const db = new Database(file);
  db.exec(sql);
  db.close(); // the last connection checkpoints and removes the WAL
}

const HOSTILE: { what: string; sql: string; message: RegExp }[] = [
  {
    what: 'a DELETE trigger',
    sql: 'CREATE TRIGGER eat AFTER INSERT ON segments BEGIN DELETE FROM segments WHERE id = NEW.id; END;',
    message: /contains a trigger 'eat' that Triangulate does not create: refusing to open/,
  },
  {
    what: 'a segments view',
    sql: `ALTER TABLE segments RENAME TO segments_real;
      CREATE VIEW segments AS SELECT * FROM segments_real
        UNION ALL SELECT 'injected', media_id, coder_id, 0, 10, 'injected', 1, 1 FROM segments_real LIMIT 5;`,
    message: /contains a view 'segments' where Triangulate has a table: refusing to open/,
  },
  {
    what: 'an fts5 virtual table',
    sql: 'CREATE VIRTUAL TABLE notes_fts USING fts5(body);',
    message: /contains a virtual table 'notes_fts' that Triangulate does not create: refusing to open/,
  },
];

describe('hostile SQL objects are refused before use (item 5)', () => {
  for (const h of HOSTILE) {
    it(`${h.what}: open, import-segments, export, merge (as project and as coder file) refuse it, byte-identical`, async () => {
      const s = await study();
      tamper(s.file, h.sql);
      tamper(s.coderFile, h.sql);
      const before = fileHash(s.file);
      const beforeCoder = fileHash(s.coderFile);
      expect(() => ProjectStore.open(s.file)).toThrowError(h.message);
      expect(() => ProjectStore.open(s.file, { readonly: true })).toThrowError(h.message);
      const runs = [
        await cli('import-segments', s.file, s.csv),
        await cli('export', s.file, '--kind', 'segments', '--out', path.join(s.dir, 'out.csv')),
        await cli('agreement', s.file),
        await cli('merge', s.file, s.coderFile),
      ];
      for (const r of runs) {
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(h.message);
        expect(r.stderr.split('\n')).toHaveLength(2);
      }
      expect(fs.existsSync(path.join(s.dir, 'out.csv'))).toBe(false);
      expect(fileHash(s.file)).toBe(before);

      // the clean project merging the hostile coder file
      const clean = path.join(s.dir, 'clean.triangulate');
      ProjectStore.create(clean).close();
      const r = await cli('merge', clean, s.coderFile);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(h.message);
      expect(fileHash(s.coderFile)).toBe(beforeCoder);
    });
  }

  it('an extra index and a changed table definition are refused too, naming them', () => {
    const dir = tmpDir();
    const a = path.join(dir, 'a.triangulate');
    ProjectStore.create(a).close();
    const b = path.join(dir, 'b.triangulate');
    fs.copyFileSync(a, b);
    tamper(a, 'CREATE INDEX sneaky ON segments(note);');
    expect(() => ProjectStore.open(a)).toThrowError(/contains an index 'sneaky' that Triangulate does not create/);
    tamper(b, 'ALTER TABLE coders ADD COLUMN extra TEXT;');
    expect(() => ProjectStore.open(b)).toThrowError(/table 'coders' differs from the one Triangulate creates/);
  });

  it('an older project is compared with that older version\'s schema, then migrated', () => {
    const file = path.join(tmpDir(), 'v20.triangulate');
    const db = new Database(file);
    for (const m of MIGRATIONS.filter((x) => x.version <= 20)) m.up(db);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma('user_version = 20');
    db.exec("INSERT INTO project_meta (key, value) VALUES ('project_id', 'p1'), ('lineage_id', 'l1'), ('name', 'Old')");
    db.close();
    const store = ProjectStore.open(file);
    expect(store.schemaVersion).toBe(MIGRATIONS[MIGRATIONS.length - 1]!.version);
    store.close();

    // the same old file with a trigger is refused, and not migrated
    const bad = path.join(tmpDir(), 'v20-trigger.triangulate');
    const db2 = new Database(bad);
    for (const m of MIGRATIONS.filter((x) => x.version <= 20)) m.up(db2);
    db2.pragma(`application_id = ${APPLICATION_ID}`);
    db2.pragma('user_version = 20');
    db2.exec("INSERT INTO project_meta (key, value) VALUES ('project_id', 'p1'), ('lineage_id', 'l1'), ('name', 'Old');" +
      'CREATE TRIGGER t1 BEFORE DELETE ON coders BEGIN SELECT 1; END;');
    db2.close();
    const before = fileHash(bad);
    expect(() => ProjectStore.open(bad)).toThrowError(/contains a trigger 't1' that Triangulate does not create/);
    expect(fileHash(bad)).toBe(before);
  });
});

describe('refused files are not changed (item 6)', () => {
  const commands = (file: string, dir: string) => [
    ['export', file, '--kind', 'segments', '--out', path.join(dir, 'o.csv')],
    ['import-segments', file, path.join(dir, 'in.csv')],
    ['merge', file, path.join(dir, 'in.csv')],
    ['coder-file', file, 'ben', '--out', path.join(dir, 'ben.triangulate')],
    ['agreement', file],
  ];

  async function expectUntouched(file: string, dir: string, message: RegExp, only?: string[]) {
    fs.writeFileSync(path.join(dir, 'in.csv'), SEGMENTS_CSV);
    const before = fileHash(file);
    const size = fs.statSync(file).size;
    for (const argv of commands(file, dir)) {
      if (only && !only.includes(argv[0]!)) continue;
      const r = await cli(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr, argv.join(' ')).toMatch(message);
      expect(r.stderr.split('\n')).toHaveLength(2);
      expect(fileHash(file), argv.join(' ')).toBe(before);
      expect(fs.statSync(file).size).toBe(size);
    }
    expect(() => ProjectStore.open(file)).toThrowError(message);
    expect(fileHash(file)).toBe(before);
  }

  it('a zero-byte file stays at 0 bytes (only `new` creates a project)', async () => {
    const dir = tmpDir();
    const file = path.join(dir, 'empty.triangulate');
    fs.writeFileSync(file, '');
    await expectUntouched(file, dir, /empty\.triangulate: is an empty file, not a Triangulate project/, ['export', 'import-segments', 'merge', 'coder-file']);
    expect(fs.statSync(file).size).toBe(0);
    // `new` still creates a project in an empty file
    expect((await cli('new', file)).code).toBe(0);
    expect(fs.statSync(file).size).toBeGreaterThan(0);
  });

  it("another program's SQLite database keeps its journal mode (header bytes 18-19)", async () => {
    const dir = tmpDir();
    const file = path.join(dir, 'shop.sqlite');
    tamper(file, 'CREATE TABLE shopping (item TEXT); INSERT INTO shopping VALUES (\'milk\');');
    expect([...fs.readFileSync(file).subarray(18, 20)]).toEqual([1, 1]);
    await expectUntouched(file, dir, /shop\.sqlite: not a Triangulate project \(a SQLite database of another application\)/);
    expect([...fs.readFileSync(file).subarray(18, 20)]).toEqual([1, 1]);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });

  it('a text file and a truncated project', async () => {
    const dir = tmpDir();
    const text = path.join(dir, 'notes.triangulate');
    fs.writeFileSync(text, 'these are my notes, not a database\n');
    // (agreement reads a text file as a reliability matrix: not a project command)
    await expectUntouched(text, dir, /notes\.triangulate: not a Triangulate project \(not a SQLite database\)/, ['export', 'import-segments', 'merge', 'coder-file']);

    const s = await study();
    const cut = path.join(s.dir, 'cut.triangulate');
    const bytes = fs.readFileSync(s.file);
    fs.writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expectUntouched(cut, s.dir, /cut\.triangulate: project file is damaged or truncated/);
  });

  it('schema versions Triangulate never wrote (-1, 35) and a folder are refused with one line', async () => {
    for (const v of [-1, 35]) {
      const s = await study();
      tamper(s.file, `PRAGMA user_version = ${v}`);
      await expectUntouched(s.file, s.dir, new RegExp(`study\\.triangulate: has schema version ${v}, which no Triangulate version writes: refusing to open`));
    }
    const dir = tmpDir();
    const r = await cli('export', dir, '--kind', 'segments', '--out', path.join(tmpDir(), 'o.csv'));
    expect(r).toMatchObject({ code: 2, stderr: `triangulate: ${dir}: is a folder, not a project file\n` });
    const r2 = await cli('import-segments', dir, path.join(dir, 'x.csv'));
    expect(r2.code).toBe(2);
  });
});
