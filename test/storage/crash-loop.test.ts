/**
 * Issue 10, item 3: a crash never locks the user out.
 * - The state a SIGKILL mid-checkpoint leaves, built deterministically: the main file holds the
 *   first pages the checkpoint copied (so it is shorter than its header says) and the WAL still
 *   holds every committed frame. SQLite recovers it through the WAL: it must open, intact.
 * - SIGKILL at 24 seeded random moments inside a large merge, a large import-segments and the WAL
 *   checkpoint after a large import: after every kill the project opens, integrity_check is ok,
 *   and it holds all or none of the interrupted operation (all once it was reported committed).
 *   The same loop with 50 kills is the benchmark figure (bench/crash.bench.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ProjectStore } from '../../src/main/db/store';
import { importSegmentsCsv } from '../../src/main/features/coding/importSegments';
import { makeCrashFixture, runCrashLoop } from '../fixtures/crash-loop';
import { tmpDir } from '../helpers/tmp';

describe('SIGKILL during merge, import and checkpoint', () => {
  it('a checkpoint cut short (main file shorter than its header, WAL intact) opens with everything', () => {
    const dir = tmpDir();
    const fx = makeCrashFixture(dir, 5_000);
    const live = path.join(dir, 'live.triangulate');
    fs.copyFileSync(fx.base, live);
    const store = ProjectStore.open(live);
    store.db.pragma('wal_autocheckpoint = 0');
    importSegmentsCsv(store, fs.readFileSync(fx.csv, 'utf8'), { file: fx.csv });
    // the files as a kill would leave them before the checkpoint: the WAL with the commit
    const wal = fs.readFileSync(`${live}-wal`);
    store.db.pragma('wal_checkpoint(FULL)');
    // ... and the main file as the checkpoint writes it, in page order, cut at half
    const full = fs.readFileSync(live);
    store.close();
    const crashed = path.join(dir, 'crashed.triangulate');
    const pageSize = full.readUInt16BE(16);
    const pages = full.readUInt32BE(28);
    const half = Math.floor(pages / 2) * pageSize;
    fs.writeFileSync(crashed, full.subarray(0, half));
    fs.writeFileSync(`${crashed}-wal`, wal);
    expect(fs.statSync(crashed).size).toBeLessThan(pageSize * pages); // what the old size check refused

    const after = ProjectStore.open(crashed);
    expect(after.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect((after.db.prepare('SELECT count(*) AS n FROM segments').get() as { n: number }).n).toBe(5_000);
    after.close();
    // closing checkpointed it: the file is whole again without its WAL
    const db = new Database(crashed, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('24 kills at random moments: the project opens every time, integrity ok, all or none', async () => {
    const fx = makeCrashFixture(tmpDir(), 15_000);
    const results = await runCrashLoop(fx, 24, 0x5eed10);
    const bad = results.filter((r) => !r.opened || r.integrity !== 'ok' || r.contents === 'partial');
    expect(bad).toEqual([]);
    expect(results).toHaveLength(24);
    // the kills really land inside the operations: some before the commit, some after
    expect(results.some((r) => r.contents === 'none')).toBe(true);
    expect(results.some((r) => r.reached === 'committed')).toBe(true);
  }, 600_000);
});
