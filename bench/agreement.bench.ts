/**
 * Agreement figures of issues 3 and 11: 5 hours of video, 3 coders, 40 codes, 20,000 segments
 * (generateBenchSegments, fixed seed): all slice measures at 0.1 s (target < 300 ms), --exact
 * (target < 100 ms), and the same computation through the compiled command end to end (a real
 * process: start-up, reading the input, computing, printing JSON) on a segments CSV and on a
 * project file, beside a numpy pipeline of the same slice statistics on the same CSV
 * (bench/numpy_agreement.py, where python3 has numpy): its numbers are checked against ours and
 * the times printed as ratios (targets: slices at most 0.5x, exact at most 0.3x numpy's time).
 * Medians of interleaved runs. `npm run bench -- agreement`; TRIANGULATE_BIN=… times an
 * installed bin.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { computeAgreement } from '../src/shared/agreement';
import { generateBenchSegments } from '../test/helpers/benchSegments';
import { writeCsv } from '../src/shared/csv';
import { msToSecondsString } from '../src/shared/time';
import { ProjectStore } from '../src/main/db/store';
import { compiledCli, runOk } from './cliBin';
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

    figures.push(...(await cliFigures(csv, project)));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}

type AgreementJson = { units: number; codes: ({ code: string } & Record<string, number | null>)[]; overall: Record<string, number | null> };
type NumpyJson = { units: number; codes: Record<string, Record<string, number | null>>; overall: Record<string, number | null> };
const STATS = ['percentAgreement', 'cohensKappa', 'fleissKappa', 'krippendorffAlpha'] as const;

async function cliFigures(csv: string, project: string): Promise<BenchFigure[]> {
  const bin = compiledCli();
  const agreement = (input: string, ...mode: string[]) => () => {
    const j = JSON.parse(runOk([...bin, 'agreement', input, '--format', 'json', ...mode])) as AgreementJson;
    if (j.codes.length !== 40) throw new Error(`unexpected CLI result: ${j.units} units, ${j.codes.length} codes`);
    return j;
  };
  const runs: Record<string, () => unknown> = {
    slices: agreement(csv, '--unit', '0.1'),
    exact: agreement(csv, '--exact'),
    project: agreement(project, '--unit', '0.1'),
  };
  const numpy = hasNumpy() ? () => JSON.parse(runOk(['python3', path.join(ROOT, 'bench', 'numpy_agreement.py'), csv, '0.1'])) as NumpyJson : null;
  if (numpy) runs.numpy = numpy;
  const t = await interleavedMedians(5, runs);
  const figures: BenchFigure[] = [
    { name: 'CLI end to end: agreement bench.csv --unit 0.1 --format json', value: t.slices!, unit: 'ms' },
    { name: 'CLI end to end: agreement bench.csv --exact --format json', value: t.exact!, unit: 'ms' },
    { name: 'CLI end to end: agreement bench.triangulate --unit 0.1 --format json', value: t.project!, unit: 'ms' },
  ];
  if (!numpy) return [...figures, { name: 'numpy pipeline: skipped (python3 with numpy not found)', value: 0, unit: 'count' }];
  const diff = maxDifference(runs.slices!() as AgreementJson, numpy());
  if (!(diff < 1e-9)) throw new Error(`the numpy pipeline's statistics differ from ours by ${diff}`);
  const ratio = (x: number) => Math.round((x / t.numpy!) * 100) / 100;
  return [
    ...figures,
    { name: 'numpy pipeline end to end: the same slice statistics (0.1 s) of bench.csv', value: t.numpy!, unit: 'ms' },
    { name: 'numpy vs ours: largest difference of any statistic (per code, overall)', value: diff, unit: 'count', target: '< 1e-9', ok: true },
    { name: 'ratio: CLI slices (0.1 s) / numpy pipeline', value: ratio(t.slices!), unit: 'x', target: '<= 0.5', ok: ratio(t.slices!) <= 0.5 },
    { name: 'ratio: CLI --exact / numpy pipeline', value: ratio(t.exact!), unit: 'x', target: '<= 0.3', ok: ratio(t.exact!) <= 0.3 },
  ];
}

function hasNumpy(): boolean {
  return spawnSync('python3', ['-c', 'import numpy'], { stdio: 'ignore' }).status === 0;
}

/** The largest absolute difference between our statistics and numpy's (null must match null). */
function maxDifference(ours: AgreementJson, theirs: NumpyJson): number {
  if (ours.units !== theirs.units) return Infinity;
  const pairs: [number | null | undefined, number | null | undefined][] = [];
  for (const c of ours.codes) for (const k of STATS) pairs.push([c[k], theirs.codes[c.code]?.[k]]);
  for (const k of STATS) pairs.push([ours.overall[k], theirs.overall[k]]);
  let d = 0;
  for (const [a, b] of pairs) {
    if (a === null || b === null || a === undefined || b === undefined) d = a === b ? d : Infinity;
    else d = Math.max(d, Math.abs(a - b));
  }
  return d;
}

/** Median wall time (ms) of each command, run in n interleaved rounds after one warm-up round, so load changes hit all alike. */
async function interleavedMedians(n: number, fns: Record<string, () => unknown>): Promise<Record<string, number>> {
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(fns).map((k) => [k, []]));
  for (let round = 0; round <= n; round++) {
    for (const [k, fn] of Object.entries(fns)) {
      const t0 = performance.now();
      fn();
      if (round > 0) times[k]!.push(performance.now() - t0);
    }
  }
  return Object.fromEntries(Object.entries(times).map(([k, xs]) => [k, xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!]));
}
