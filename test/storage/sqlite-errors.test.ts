/**
 * Issue 10, item 7: SQLite's failures reach the user as one line and exit 2, never a stack trace:
 * concurrent writers (busy timeout, then "another program is writing"), a full disk (a real
 * small tmpfs), a read-only file (chattr +i: root ignores chmod, not the immutable flag) and a
 * read-only file system (tmpfs remounted read-only), a raising trigger. One function
 * (src/main/db/errors.ts) translates them for the CLI and the service alike.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { sqliteUserError } from '../../src/main/db/errors';
import { ProjectStore } from '../../src/main/db/store';
import { toWireError } from '../../src/main/dispatch';
import { cli } from '../helpers/cli';
import { fileHash, tmpDir } from '../helpers/tmp';

const CLI = path.resolve(__dirname, '../../src/main/cli/index.ts');

function project(dir: string): string {
  const file = path.join(dir, 'study.triangulate');
  const store = ProjectStore.create(file);
  store.insertMedia({ path: path.join(dir, 'w.mp4'), name: 'w.mp4', fingerprint: 'c'.repeat(64), size: 3, durationMs: 3_600_000 });
  store.close();
  return file;
}

/** A segments CSV of n rows for `coder` (distinct times, so each row is one segment). */
function segmentsCsv(dir: string, name: string, coder: string, n: number, noteBytes = 0): string {
  const f = path.join(dir, name);
  const note = 'n'.repeat(noteBytes);
  const rows = Array.from({ length: n }, (_, i) => `${coder},Researchers/Tools,${(i / 10).toFixed(1)},${(i / 10 + 0.05).toFixed(2)},${note}`);
  fs.writeFileSync(f, `coder,code,start,end,note\n${rows.join('\n')}\n`);
  return f;
}

function segmentCount(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM segments').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** Runs the real command in a child process. */
function run(...argv: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...argv], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const isRoot = process.getuid?.() === 0;
function can(cmd: string, args: string[]): boolean {
  if (!isRoot) return false;
  const d = fs.mkdtempSync('/tmp/triangulate-probe-');
  try {
    if (cmd === 'mount') {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', d], { stdio: 'ignore' });
      execFileSync('umount', [d]);
    } else {
      const f = path.join(d, 'x');
      fs.writeFileSync(f, '');
      execFileSync(cmd, ['+i', f], { stdio: 'ignore' });
      execFileSync(cmd, ['-i', f], { stdio: 'ignore' });
    }
    return true;
  } catch {
    return false;
  } finally {
    fs.rmSync(d, { recursive: true, force: true });
  }
  void args;
}
const canMount = can('mount', []);
const canChattr = can('chattr', []);

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});
function tmpfs(sizeKb: number): string {
  const d = tmpDir();
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k`, 'tmpfs', d]);
  cleanups.push(() => execFileSync('umount', ['-l', d]));
  return d;
}

/** Another program holds the project's write lock (BEGIN IMMEDIATE) for 8 s, longer than the busy timeout. */
async function holdWriteLock(file: string) {
  const holder = spawn(process.execPath, ['-e', `
    const db = new (require(${JSON.stringify(require.resolve('better-sqlite3'))}))(${JSON.stringify(file)});
    db.exec('BEGIN IMMEDIATE'); process.stdout.write('locked\\n'); setTimeout(() => { db.exec('ROLLBACK'); db.close(); }, 8000);`], { stdio: ['ignore', 'pipe', 'inherit'] });
  cleanups.push(() => holder.kill('SIGKILL'));
  await new Promise<void>((resolve) => holder.stdout!.once('data', () => resolve()));
  return holder;
}

const oneLine = (stderr: string) => expect(stderr.split('\n'), stderr).toHaveLength(2);

describe('concurrent writers', () => {
  it('two import-segments at once: the second waits for the first, both land', async () => {
    const dir = tmpDir();
    const file = project(dir);
    const a = segmentsCsv(dir, 'a.csv', 'amina', 20_000);
    const b = segmentsCsv(dir, 'b.csv', 'ben', 20_000);
    const [ra, rb] = await Promise.all([run('import-segments', file, a), run('import-segments', file, b)]);
    expect([ra.code, ra.stderr]).toEqual([0, '']);
    expect([rb.code, rb.stderr]).toEqual([0, '']);
    expect(segmentCount(file)).toBe(40_000);
  }, 120_000);

  it('a writer that holds the lock longer than the busy timeout: one line, exit 2, nothing imported', async () => {
    const dir = tmpDir();
    const file = project(dir);
    const csv = segmentsCsv(dir, 'a.csv', 'amina', 10);
    await holdWriteLock(file);
    const r = await cli('import-segments', file, csv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^triangulate: .*another program is writing to the project.*try again/);
    oneLine(r.stderr);
    expect(segmentCount(file)).toBe(0);
  }, 60_000);
});

describe.skipIf(!canMount)('a full disk (tmpfs)', () => {
  it('import-segments on a full disk: one line, exit 2, nothing imported, the project still opens', async () => {
    const disk = tmpfs(1024);
    const file = project(disk);
    const csv = segmentsCsv(tmpDir(), 'big.csv', 'amina', 20_000, 100);
    const r = await cli('import-segments', file, csv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^triangulate: the disk is full: nothing was changed; free some space and try again/);
    oneLine(r.stderr);
    expect(segmentCount(file)).toBe(0);
    const again = ProjectStore.open(file, { readonly: true });
    expect(again.db.pragma('integrity_check', { simple: true })).toBe('ok');
    again.close();
  });
});

describe('read-only files and file systems', () => {
  async function withDemoSegments(dir: string): Promise<string> {
    const file = project(dir);
    const a = segmentsCsv(dir, 'a.csv', 'amina', 50);
    const b = segmentsCsv(dir, 'b.csv', 'ben', 40);
    expect((await cli('import-segments', file, a)).code).toBe(0);
    expect((await cli('import-segments', file, b)).code).toBe(0);
    return file;
  }

  it.skipIf(!canChattr)('an immutable file (chattr +i, which binds root too): agreement works, write commands say it is read-only', async () => {
    const dir = tmpDir();
    const file = await withDemoSegments(dir);
    const expected = await cli('agreement', file, '--format', 'json');
    execFileSync('chattr', ['+i', file]);
    cleanups.push(() => execFileSync('chattr', ['-i', file]));
    const before = fileHash(file);
    const r = await cli('agreement', file, '--format', 'json');
    expect(r).toEqual(expected);
    const w = await cli('import-segments', file, segmentsCsv(dir, 'c.csv', 'chen', 3));
    expect(w.code).toBe(2);
    expect(w.stderr).toBe(`triangulate: ${file} is read-only: this command changes the project; make the file writable (or copy it to a writable folder) and try again\n`);
    const e = await cli('merge', file, path.join(dir, 'a.csv'));
    expect(e.stderr).toMatch(/is read-only/);
    expect(fileHash(file)).toBe(before);
  });

  it.skipIf(!canMount)('a read-only file system: agreement works (not "damaged"), write commands say it is read-only', async () => {
    const disk = tmpfs(2048);
    const file = await withDemoSegments(disk);
    const expected = await cli('agreement', file, '--format', 'json');
    expect(expected.code).toBe(0);
    execFileSync('mount', ['-o', 'remount,ro', disk]);
    const r = await cli('agreement', file, '--format', 'json');
    expect(r).toEqual(expected);
    const w = await cli('import-segments', file, segmentsCsv(tmpDir(), 'c.csv', 'chen', 3));
    expect(w.code).toBe(2);
    expect(w.stderr).toMatch(/is read-only: this command changes the project/);
    oneLine(w.stderr);
    const x = await cli('export', file, '--kind', 'segments', '--out', path.join(tmpDir(), 'o.csv'));
    expect(x.stderr).toMatch(/is read-only/);
  });
});

describe('one translation of SQLite errors (CLI and service)', () => {
  /** Runs fn against a real in-memory database and returns what it threw. */
  function thrown(setup: string, fn: (db: Database.Database) => void): unknown {
    const db = new Database(':memory:');
    db.exec(setup);
    try {
      fn(db);
    } catch (e) {
      return e;
    } finally {
      db.close();
    }
    throw new Error('expected an error');
  }

  it('a raising trigger, a full database, a read-only one, a busy one each become one user line', () => {
    const trigger = thrown("CREATE TABLE t (x); CREATE TRIGGER no BEFORE INSERT ON t BEGIN SELECT RAISE(ABORT, 'not today'); END;", (db) => db.exec('INSERT INTO t VALUES (1)'));
    expect((trigger as { code: string }).code).toBe('SQLITE_CONSTRAINT_TRIGGER');
    expect(sqliteUserError(trigger)?.message).toBe('a trigger in the project file refused the change (not today): nothing was changed; the file was edited outside Triangulate');

    const full = thrown('CREATE TABLE t (x); PRAGMA max_page_count = 3;', (db) => db.prepare('INSERT INTO t VALUES (?)').run('x'.repeat(100_000)));
    expect((full as { code: string }).code).toBe('SQLITE_FULL');
    expect(sqliteUserError(full)?.message).toBe('the disk is full: nothing was changed; free some space and try again');

    const ro = thrown('', (db) => {
      db.exec('CREATE TABLE t (x)');
      db.pragma('query_only = ON');
      db.exec('INSERT INTO t VALUES (1)');
    });
    expect((ro as { code: string }).code).toBe('SQLITE_READONLY');
    expect(sqliteUserError(ro)?.message).toMatch(/^the project file is read-only: nothing was changed/);

    const dir = tmpDir();
    const f = path.join(dir, 'b.db');
    const a = new Database(f);
    a.pragma('journal_mode = WAL');
    a.exec('CREATE TABLE t (x); BEGIN IMMEDIATE');
    const b = new Database(f, { timeout: 0 });
    let busy: unknown;
    try {
      b.exec('BEGIN IMMEDIATE');
    } catch (e) {
      busy = e;
    }
    a.exec('ROLLBACK');
    a.close();
    b.close();
    expect((busy as { code: string }).code).toBe('SQLITE_BUSY');
    expect(sqliteUserError(busy)?.message).toMatch(/another program is writing to the project/);

    // the service's transports say the same, as a user error
    expect(toWireError(full)).toEqual({ message: 'the disk is full: nothing was changed; free some space and try again', code: 'disk_full', user: true });
    expect(sqliteUserError(new Error('a bug'))).toBeNull();
  });
});

describe.skipIf(!canChattr)('the app on a read-only project', () => {
  it('opens it read-only and says so; an edit is refused with one user line', async () => {
    const dir = tmpDir();
    const file = project(dir);
    execFileSync('chattr', ['+i', file]);
    cleanups.push(() => execFileSync('chattr', ['-i', file]));
    const said: string[] = [];
    const store = ProjectStore.openForApp(file, {}, (m) => said.push(m));
    try {
      expect(said).toEqual([`${file} is read-only: opened read-only; to edit it, make it writable (or copy it to a writable folder) and open it again`]);
      expect(store.db.readonly).toBe(true);
      const { createService } = await import('../../src/main/service');
      const api = createService(store);
      const e = await api.createCoder({ name: 'chen' }).then(() => null, (x: unknown) => x);
      expect(toWireError(e)).toMatchObject({ code: 'read_only', user: true, message: expect.stringMatching(/^the project file is read-only: nothing was changed/) });
    } finally {
      store.close();
    }
  });
});

describe('merge while another program writes', () => {
  it('waits, then says another program is writing (not "Merge refused: database is locked")', async () => {
    const dir = tmpDir();
    const file = project(dir);
    const coderFile = path.join(dir, 'amina.triangulate');
    expect((await cli('coder-file', file, 'amina', '--out', coderFile)).code).toBe(0);
    const before = fileHash(file);
    const holder = await holdWriteLock(file);
    const r = await cli('merge', file, coderFile);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^triangulate: another program is writing to the project.*try again/);
    oneLine(r.stderr);
    holder.kill('SIGKILL');
    await new Promise((res) => holder.once('exit', res));
    expect(fileHash(file)).toBe(before);
  }, 60_000);
});
