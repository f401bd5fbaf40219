/**
 * Issue 10's figure: SIGKILL at 50 random moments over merge / import-segments / checkpoint
 * (15,000 segments each; seeded), every project opens with integrity_check ok and all-or-none
 * contents. The loop is test/fixtures/crash-loop.ts (the test runs it with 24 kills).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeCrashFixture, runCrashLoop } from '../test/fixtures/crash-loop';
import type { BenchFigure } from './run';

const KILLS = 50;

export async function run(): Promise<BenchFigure[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triangulate-bench-crash-'));
  try {
    const fx = makeCrashFixture(dir, 15_000);
    const rs = await runCrashLoop(fx, KILLS, 0xc0ffee);
    const good = rs.filter((r) => r.opened && r.integrity === 'ok' && r.contents !== 'partial').length;
    const count = (name: string, value: number): BenchFigure => ({ name, value, unit: 'count' });
    return [
      { name: `SIGKILL x${KILLS}: projects open, integrity ok, all or none`, value: good, unit: 'count', target: `${KILLS}/${KILLS}`, ok: good === KILLS },
      count('  kills before the commit (project holds none of it)', rs.filter((r) => r.contents === 'none').length),
      count('  kills after the commit (holds all of it)', rs.filter((r) => r.contents === 'all').length),
      count('  kills that left the main file shorter than its header', rs.filter((r) => r.shortMainFile).length),
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
