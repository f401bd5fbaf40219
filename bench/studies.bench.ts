/**
 * Issue 13 figures: switching between two studies of 50,000 segments each, end to end in web mode
 * (Chromium, the real server and session, the demo's real video): from the click on the other
 * study in the start screen's recent list to a usable coding screen (the video has metadata, the
 * timeline holds the study's segments, the segment list is filled, a hotkey has coded a segment);
 * the service side of the same switch for reference; the in-app file browser on a folder of
 * 5,000 entries; adding 20 recordings at once (sniff + fingerprint, then ffprobe separately).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sessionService } from '../src/main/features/studies/service';
import { StudySession } from '../src/main/features/studies/session';
import { listFolder } from '../src/main/features/studies/folders';
import { addRecordings, probeTiming } from '../src/main/features/studies/recordings';
import { ProjectStore } from '../src/main/db/store';
import { createService } from '../src/main/service';
import type { Api } from '../src/shared/contract';
import { largeProject } from './core.bench';
import { medianMs, pct, type BenchFigure } from './run';
import { switchInApp } from './studySwitch';

export async function run(): Promise<BenchFigure[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triangulate-bench-studies-'));
  try {
    return [...(await switchingInApp(dir)), ...(await switching(dir)), folder(dir), ...recordings(dir)];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function switchingInApp(dir: string): Promise<BenchFigure[]> {
  const r = await switchInApp(path.join(dir, 'app'), 8);
  return [
    { name: `switch study in the app (50,000 segments each), click to coded segment (median of ${r.coded.length}, both directions)`, value: pct(r.coded, 50), unit: 'ms', target: '< 1500 ms', ok: pct(r.coded, 50) < 1500 },
    { name: '  click to usable screen (video metadata, timeline, segment list)', value: pct(r.usable, 50), unit: 'ms' },
    { name: '    of which click to the new page (openStudy, the old page unloading)', value: pct(r.toNewPage, 50), unit: 'ms' },
    { name: '  slowest switch, click to coded segment', value: Math.max(...r.coded), unit: 'ms' },
  ];
}

async function switching(dir: string): Promise<BenchFigure[]> {
  const a = largeProject(path.join(dir, 'a'));
  const b = largeProject(path.join(dir, 'b'));
  const session = new StudySession({ userDir: path.join(dir, 'appdata'), demo: () => a, serviceFor: createService });
  session.settings.update((s) => ({ ...s, backups: false }));
  const api = sessionService(session) as Api;
  let next = a;
  const ms = await medianMs(5, async () => {
    next = next === a ? b : a;
    await api.openStudy({ file: next });
    const p = await api.getProject({});
    // what the coding screen asks for: the first window and the whole media's marks
    await api.listSegments({ mediaId: p.media[0]!.id, fromMs: 0, toMs: 600_000 });
    const marks = await api.segmentMarks({ mediaId: p.media[0]!.id });
    if (marks.marks.length < 4 * 50_000) throw new Error(`expected 50,000+ segments, got ${marks.marks.length / 4}`);
  });
  session.settings.update((s) => ({ ...s, backups: true }));
  const withBackup = await medianMs(1, async () => {
    next = next === a ? b : a;
    await api.openStudy({ file: next });
  });
  session.close();
  return [
    { name: '  service side of a switch: open + getProject + listSegments + segmentMarks', value: ms, unit: 'ms' },
    { name: '  open with the day\'s first automatic backup (VACUUM INTO), for reference', value: withBackup, unit: 'ms' },
  ];
}

function folder(dir: string): BenchFigure {
  const big = path.join(dir, 'many');
  fs.mkdirSync(big);
  for (let i = 0; i < 4_000; i++) fs.writeFileSync(path.join(big, `clip-${i}.mp4`), '');
  for (let i = 0; i < 1_000; i++) fs.mkdirSync(path.join(big, `folder-${i}`));
  let n = 0;
  const ms = medianSync(5, () => (n = listFolder(big, ['.mp4', '.webm']).entries.length));
  if (n !== 5_000) throw new Error(`listed ${n} entries`);
  return { name: 'file browser: list a folder of 5,000 entries', value: ms, unit: 'ms', target: '< 300 ms', ok: ms < 300 };
}

function recordings(dir: string): BenchFigure[] {
  const src = fs.readFileSync(path.resolve(__dirname, '../test/fixtures/media/clip.mkv'));
  const vids = path.join(dir, 'vids');
  fs.mkdirSync(vids);
  // 20 distinct recordings of 8 MiB each (a real MKV head, so the sniffer accepts them; distinct tails)
  const files = Array.from({ length: 20 }, (_, i) => {
    const f = path.join(vids, `rec-${i}.mkv`);
    const body = Buffer.alloc(8 * 1024 * 1024, i + 1);
    fs.writeFileSync(f, Buffer.concat([src, body]));
    return f;
  });
  const store = ProjectStore.create(path.join(dir, 'rec.triangulate'));
  let t0 = performance.now();
  const r = addRecordings(store, files, () => ({ durationMs: null, frameRate: null }));
  const addMs = performance.now() - t0;
  if (r.added.length !== 20) throw new Error(`added ${r.added.length}: ${JSON.stringify(r.refused[0])}`);
  t0 = performance.now();
  for (const f of files) probeTiming(f);
  const probeMs = performance.now() - t0;
  store.close();
  return [
    { name: 'add 20 recordings of 8 MiB (sniff + fingerprint + insert)', value: addMs, unit: 'ms', target: '< 2000 ms plus probe time', ok: addMs < 2000 },
    { name: '  ffprobe of the same 20 files (the probe time)', value: probeMs, unit: 'ms' },
  ];
}

function medianSync(n: number, fn: () => unknown): number {
  fn();
  const t: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    fn();
    t.push(performance.now() - t0);
  }
  return t.sort((x, y) => x - y)[Math.floor(n / 2)]!;
}
