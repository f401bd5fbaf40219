/**
 * Waveform of a five-hour recording (issue 17), end to end through the app's own path.
 * - The audio: 5 h of pink noise in 5 s bursts and 4 s near-silences, mono Opus 16 kb/s, made once
 *   by ffmpeg into a cache folder outside the repository (os.tmpdir()/triangulate-bench-waveform;
 *   making it takes minutes, so it is kept).
 * - "Waveform ready": a study with that recording, then the calls the app makes: waveformStart
 *   (the background job: ffmpeg decode → 10 ms envelope → cache write in the study), polled with
 *   waveformJob until done, then waveform (the cached envelope, as the renderer fetches it) and
 *   the max pyramid the renderer builds from it. Target < 30 s. Wall time and CPU time (this
 *   process + ffmpeg, the latter from /proc/self/stat's waited-for children) are both printed.
 * - Drawing: the real renderer in headless Chromium (web mode) with that study; the timeline's
 *   drawNow (segments, axis and the waveform track) timed per frame while panning 12 px a frame
 *   at three zooms — the whole 5 h, 10 min and 10 s — 120 frames each: p50, p95 and max against
 *   the 16 ms frame budget. The first draw (which decodes the envelope and builds the pyramid in
 *   the page) is printed apart.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { ProjectStore } from '../src/main/db/store';
import { startWebServer } from '../src/main/http/server';
import { addMediaFile, createService } from '../src/main/service';
import { buildPyramid } from '../src/shared/sync/peaks';
import { pct, poll, type BenchFigure } from './run';
import { freshRenderer } from './renderer';

const HOURS = 5;

function benchAudio(): string {
  const dir = path.join(os.tmpdir(), 'triangulate-bench-waveform');
  const file = path.join(dir, 'room-5h.opus');
  if (fs.existsSync(file)) return file;
  fs.mkdirSync(dir, { recursive: true });
  const tmp = `${file}.tmp.opus`;
  const bursts = "volume='if(lt(mod(t,9),5),1,0.04)':eval=frame";
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'anoisesrc=r=16000:a=0.4:c=pink:seed=5', '-af', bursts, '-t', String(HOURS * 3600), '-ac', '1', '-c:a', 'libopus', '-b:a', '16k', tmp], { stdio: 'ignore' });
  fs.renameSync(tmp, file);
  return file;
}

/** CPU ms of this process and of its finished children (ffmpeg), from /proc (Linux). */
function cpuMs(): { self: number; children: number } {
  const f = fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  const tick = 1000 / 100; // CLK_TCK is 100 on Linux
  return { self: (Number(f[11]) + Number(f[12])) * tick, children: (Number(f[13]) + Number(f[14])) * tick };
}

async function waveformReady(store: ProjectStore, mediaId: string): Promise<BenchFigure[]> {
  const api = createService(store);
  const c0 = cpuMs();
  const t0 = performance.now();
  let job = await api.waveformStart({ mediaId });
  while (job.state === 'running') {
    await new Promise((r) => setTimeout(r, 100));
    job = await api.waveformJob({ jobId: job.jobId });
  }
  if (job.state !== 'done') throw new Error(`waveform job ${job.state}: ${job.message}`);
  const tJob = performance.now();
  const env = await api.waveform({ mediaId });
  const levels = Buffer.from(env!.levels, 'base64');
  const pyr = buildPyramid(new Uint8Array(levels), env!.rateHz);
  const wall = (performance.now() - t0) / 1000;
  const c1 = cpuMs();
  const [self, ffmpeg] = [(c1.self - c0.self) / 1000, (c1.children - c0.children) / 1000];
  return [
    { name: `waveform of ${HOURS} h ready (job + fetch + pyramid), wall`, value: Math.round(wall * 10) / 10, unit: 's', target: '< 30 s', ok: wall < 30 },
    { name: '  of which the job (ffmpeg decode, envelope, cache write)', value: Math.round((tJob - t0) / 100) / 10, unit: 's' },
    { name: '  CPU time (user+sys) of ffmpeg', value: Math.round(ffmpeg * 10) / 10, unit: 's' },
    { name: '  CPU time (user+sys) of this process (envelope, cache, pyramid)', value: Math.round(self * 10) / 10, unit: 's' },
    { name: `  envelope levels (${pyr.levels.length} pyramid levels)`, value: levels.length, unit: 'count' },
  ];
}

/** Per-frame drawNow times while panning 12 px a frame at the given span, from the middle of the recording. */
function panFrames(spanMs: number, frames: number): string {
  return `(async () => {
    const t = window.__timeline, w = t.view().widthPx, dur = ${HOURS * 3600_000}, span = ${spanMs};
    let start = Math.max(0, dur / 2 - span / 2);
    const out = [];
    for (let i = 0; i < ${frames}; i++) {
      await new Promise((r) => requestAnimationFrame(r));
      const t0 = performance.now();
      start = Math.min(dur - span, start + (12 * span) / w);
      t.setView({ startMs: start, endMs: start + span, widthPx: w });
      t.drawNow();
      out.push(performance.now() - t0);
    }
    return out;
  })()`;
}

async function drawFigures(store: ProjectStore): Promise<BenchFigure[]> {
  const server = await startWebServer({ service: createService(store), store, staticDir: freshRenderer(), log: () => undefined });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(server.url);
    await page.getByTestId('coder-bench').click();
    await poll(page, 'window.__timeline && document.querySelector(\'[data-testid="waveform-track"]\')', 120_000);
    const figs: BenchFigure[] = [];
    for (const [label, span] of [['whole 5 h', HOURS * 3600_000], ['10 min', 600_000], ['10 s', 10_000]] as const) {
      const times = (await page.evaluate(panFrames(span, 120))) as number[];
      figs.push({ name: `timeline draw + 5 h waveform, view ${label}: p50 frame`, value: pct(times, 50), unit: 'ms' });
      figs.push({ name: `  view ${label}: p95 frame`, value: pct(times, 95), unit: 'ms', target: '< 16 ms', ok: pct(times, 95) < 16 });
      figs.push({ name: `  view ${label}: max frame`, value: Math.max(...times), unit: 'ms' });
    }
    if (process.env.WAVE_SHOT) await page.getByTestId('timeline').screenshot({ path: process.env.WAVE_SHOT });
    return figs;
  } finally {
    await browser.close();
    await server.close();
  }
}

export async function run(): Promise<BenchFigure[]> {
  const t0 = performance.now();
  const file = benchAudio();
  console.log(`  (bench audio ready in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${file})`);
  const figs: BenchFigure[] = [{ name: 'machine load average (1 min; 2 cores here)', value: Math.round(os.loadavg()[0]! * 10) / 10, unit: 'x' }];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triangulate-bench-waveform-study-'));
  const store = ProjectStore.create(path.join(dir, 'waveform.triangulate'));
  try {
    store.insertCoder({ name: 'bench' });
    const mediaId = addMediaFile(store, file, HOURS * 3600_000).id;
    figs.push(...(await waveformReady(store, mediaId)));
    figs.push(...(await drawFigures(store)));
    return figs;
  } finally {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
