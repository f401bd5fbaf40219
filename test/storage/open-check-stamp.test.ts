/**
 * Issue 11: SQLite's quick_check runs on a project file only when the file changed since it last
 * passed (db/checkedFiles.ts); a file damaged AFTER a clean open is still refused with one line,
 * by the check (its stamp changed) or, with a stamp that matches anyway, by SQLite on the damaged
 * page it reads. Never a crash, never a number.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fileStamp, rememberClean, setOwnWritesMinBytes } from '../../src/main/db/checkedFiles';
import { quickChecksRun } from '../../src/main/db/open';
import { ProjectStore } from '../../src/main/db/store';
import { cli } from '../helpers/cli';
import { studyWithSegments } from '../helpers/study';
import { fileHash, tmpDir } from '../helpers/tmp';

/** 600 segments of two coders, each with a note, so the segments table spans many pages. */
function segmentsCsv(): string {
  const rows = ['coder,code,start,end,note'];
  for (let i = 0; i < 600; i++) rows.push(`${i % 2 ? 'ben' : 'amina'},Researchers/Tools,${(i * 0.09).toFixed(2)},${(i * 0.09 + 0.5).toFixed(2)},${'n'.repeat(150)}`);
  return rows.join('\n') + '\n';
}

/** Sets the cell count of a middle leaf page of the segments table to 65535 (more cells than fit). */
function damageSegmentsPage(file: string): number {
  const db = new Database(file, { readonly: true });
  const leaves = db.prepare("SELECT pageno FROM dbstat WHERE name = 'segments' AND pagetype = 'leaf' ORDER BY pageno").pluck().all() as number[];
  const pageSize = Number(db.pragma('page_size', { simple: true }));
  db.close();
  expect(leaves.length).toBeGreaterThan(10);
  const page = leaves[Math.floor(leaves.length / 2)]!;
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, Buffer.from([0xff, 0xff]), 0, 2, (page - 1) * pageSize + 3);
  fs.closeSync(fd);
  return page;
}

let home: string | undefined;
beforeEach(() => {
  home = process.env.TRIANGULATE_HOME;
  process.env.TRIANGULATE_HOME = tmpDir('triangulate-home-');
  vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
});
afterEach(() => {
  vi.useRealTimers();
  setOwnWritesMinBytes(64 << 20);
  if (home === undefined) delete process.env.TRIANGULATE_HOME;
  else process.env.TRIANGULATE_HOME = home;
});

/** A study that has passed a check and whose stamp is remembered (its last change is a minute old). */
async function checkedStudy(): Promise<{ dir: string; file: string }> {
  const { dir, file } = await studyWithSegments(segmentsCsv());
  vi.setSystemTime(Date.now() + 60_000);
  expect((await cli('agreement', file)).code).toBe(0);
  return { dir, file };
}

describe('quick_check only when the file changed since its last clean check', () => {
  it('runs the check once; an unchanged file is then opened without it; a change brings it back', async () => {
    const { file } = await checkedStudy();
    const runs = quickChecksRun();
    const first = await cli('agreement', file, '--format', 'json');
    expect(first.code).toBe(0);
    store(file).close();
    expect(quickChecksRun()).toBe(runs); // neither the agreement nor the open checked again
    // a change by another program (here only its times, which moves the status-change time too)
    // brings the check back
    const now = new Date(Date.now());
    fs.utimesSync(file, now, now);
    vi.setSystemTime(Date.now() + 60_000);
    const again = await cli('agreement', file, '--format', 'json');
    expect(quickChecksRun()).toBe(runs + 1);
    expect(again.stdout).toBe(first.stdout);
  });

  it('a file this process found clean and then changed only through SQLite is remembered on close; later damage is still caught', async () => {
    vi.useRealTimers(); // the settle wait of rememberOwnWrites is real time
    const { dir, file } = await studyWithSegments(segmentsCsv());
    setOwnWritesMinBytes(0); // a small study stands for a large one
    const s = store(file);
    s.setMeta('name', 'renamed');
    s.close();
    const runs = quickChecksRun();
    store(file).close(); // opened at once after the edit: before, a file changed < 2 s ago was checked every time
    expect((await cli('agreement', file)).code).toBe(0);
    expect(quickChecksRun()).toBe(runs);
    damageSegmentsPage(file);
    const r = await cli('export', file, '--kind', 'segments', '--out', path.join(dir, 'o.csv'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^triangulate: .*study\.triangulate: project file is damaged or truncated \(.+\)\n$/);
    expect(quickChecksRun()).toBe(runs + 1);
  });

  it('a small file is not worth the wait: it is checked again on the next open (about as cheap as waiting)', async () => {
    vi.useRealTimers();
    const { file } = await studyWithSegments(segmentsCsv());
    const s = store(file);
    s.setMeta('name', 'renamed');
    s.close();
    const runs = quickChecksRun();
    store(file).close();
    expect(quickChecksRun()).toBe(runs + 1);
  });

  it('a read-only open never remembers its own close (it changed nothing it could vouch for)', async () => {
    vi.useRealTimers();
    const { file } = await studyWithSegments(segmentsCsv());
    const now = new Date();
    fs.utimesSync(file, now, now); // changed by another program just now: not remembered at open (2 s rule)
    const runs = quickChecksRun();
    ProjectStore.open(file, { readonly: true }).close();
    ProjectStore.open(file, { readonly: true }).close();
    expect(quickChecksRun()).toBe(runs + 2);
  });

  it('a file changed within the last 2 s is not remembered (a second change could keep its stamp)', async () => {
    const { file } = await studyWithSegments(segmentsCsv());
    const runs = quickChecksRun();
    expect((await cli('agreement', file)).code).toBe(0);
    expect((await cli('agreement', file)).code).toBe(0);
    expect(quickChecksRun()).toBe(runs + 2);
  });

  it('a table page damaged after a clean open: agreement, export and open refuse it with one line, byte-identical', async () => {
    const { dir, file } = await checkedStudy();
    damageSegmentsPage(file);
    const before = fileHash(file);
    const runs = quickChecksRun();
    for (const argv of [['agreement', file], ['agreement', file, '--exact', '--format', 'json'], ['export', file, '--kind', 'segments', '--out', path.join(dir, 'o.csv')]]) {
      const r = await cli(...argv);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^triangulate: .*study\.triangulate: project file is damaged or truncated \(.+\)\n$/);
    }
    expect(() => store(file)).toThrowError(/study\.triangulate: project file is damaged or truncated/);
    expect(quickChecksRun()).toBe(runs + 4);
    expect(fs.existsSync(path.join(dir, 'o.csv'))).toBe(false);
    expect(fileHash(file)).toBe(before);
  });

  it('a damaged file whose stamp matches anyway (forged): SQLite reports the page it reads, one line, exit 2', async () => {
    const { dir, file } = await checkedStudy();
    damageSegmentsPage(file);
    vi.setSystemTime(Date.now() + 60_000);
    rememberClean(file, fileStamp(file)!); // as if the damaged file had passed
    const before = fileHash(file);
    const runs = quickChecksRun();
    for (const argv of [['agreement', file], ['agreement', file, '--exact'], ['export', file, '--kind', 'segments', '--out', path.join(dir, 'o.csv')]]) {
      const r = await cli(...argv);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^triangulate: the project file is damaged \(database disk image is malformed\): nothing was changed\n$/);
    }
    expect(quickChecksRun()).toBe(runs); // the lazy path, not the check
    expect(fileHash(file)).toBe(before);
  });
});

function store(file: string): ProjectStore {
  return ProjectStore.open(file, { readonly: false });
}
