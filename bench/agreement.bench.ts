/**
 * Agreement figures of issue 3: 5 hours of video, 3 coders, 40 codes, 20,000 segments
 * (generateBenchSegments): all slice measures at 0.1 s (target < 300 ms), --exact (target
 * < 100 ms), and the same computation through the CLI end to end (a real process: start-up,
 * reading the input, computing, printing JSON) on a segments CSV and on a project file.
 * Medians of several runs. `npx tsx bench/run.ts agreement`.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { computeAgreement, generateBenchSegments } from '../src/shared/agreement';
import { writeCsv } from '../src/shared/csv';
import { msToSecondsString } from '../src/shared/time';
import { ProjectStore } from '../src/main/db/store';
import { medianMs, type BenchFigure } from './run';

const ROOT = path.resolve(__dirname, '..');

export async function run(): Promise<BenchFigure[]> {
  const segs = generateBenchSegments();
  const codes = [...new Set(segs.map((s) => s.code))].sort();
  const figures: BenchFigure[] = [];
  const slice = await medianMs(7, () => computeAgreement(segs, { unitMs: 100 }));
  figures.push({ name: 'engine: all slice measures, 0.1 s units (5 h, 3 coders, 40 codes, 20k segs)', value: slice, unit: 'ms', target: '< 300 ms', ok: slice < 300 });
  const exact = await medianMs(7, () => computeAgreement(segs, { exact: true }));
  figures.push({ name: 'engine: --exact (continuous time)', value: exact, unit: 'ms', target: '< 100 ms', ok: exact < 100 });

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triangulate-bench-agreement-'));
  try {
    // The same data as a segments CSV …
    const csv = path.join(dir, 'bench.csv');
    fs.writeFileSync(csv, writeCsv(['coder', 'code', 'start', 'end', 'media'], segs.map((s) => [s.coder, s.code, Number(msToSecondsString(s.startMs)), Number(msToSecondsString(s.endMs)), s.media ?? ''])));
    // … and as a project file (40 codes added to the codebook, one placeholder media of 5 h).
    const project = path.join(dir, 'bench.triangulate');
    const store = ProjectStore.create(project);
    store.tx(() => {
      const media = store.insertMedia({ path: '', name: 'bench.mp4', fingerprint: '', size: 0, durationMs: 5 * 3600_000 });
      const codeId = new Map(codes.map((c) => [c, store.createCode({ name: c }).id]));
      const coderId = new Map([...new Set(segs.map((s) => s.coder))].map((c) => [c, store.insertCoder({ name: c }).id]));
      for (const s of segs) store.insertSegment({ mediaId: media.id, coderId: coderId.get(s.coder)!, startMs: s.startMs, endMs: s.endMs, codeIds: [codeId.get(s.code)!], note: '' });
    });
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    store.close();

    const tsx = path.join(ROOT, 'node_modules/.bin/tsx');
    const cli = (input: string, ...extra: string[]) => () => {
      const p = spawnSync(tsx, ['src/main/cli/index.ts', 'agreement', input, '--unit', '0.1', '--format', 'json', ...extra], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
      if (p.status !== 0) throw new Error(`CLI failed (${p.status}): ${p.stderr}`);
      const j = JSON.parse(p.stdout) as { units: number; codes: unknown[] };
      if (j.units !== 180_000 || j.codes.length !== 40) throw new Error(`unexpected CLI result: ${j.units} units, ${j.codes.length} codes`);
    };
    const startup = await medianMs(3, () => {
      const p = spawnSync(tsx, ['src/main/cli/index.ts', '--help'], { cwd: ROOT, encoding: 'utf8' });
      if (p.status !== 0) throw new Error(p.stderr);
    });
    figures.push({ name: 'CLI start-up alone (tsx src/main/cli/index.ts --help)', value: startup, unit: 'ms' });
    const viaCsv = await medianMs(5, cli(csv));
    figures.push({ name: 'CLI end to end: agreement bench.csv --unit 0.1 --format json', value: viaCsv, unit: 'ms' });
    const viaProject = await medianMs(5, cli(project));
    figures.push({ name: 'CLI end to end: agreement bench.triangulate --unit 0.1 --format json', value: viaProject, unit: 'ms' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}
