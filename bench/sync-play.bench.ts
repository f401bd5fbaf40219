/**
 * Synchronized playback of three 720p angles (issue 17): the primary and two linked angles
 * (+3.25 s and −11.75 s; VP8/Opus webm, each with its sound, as cameras record; bench/sync-play-media.ts)
 * in the real renderer in headless Chromium (web mode; the pictures from their video-only copies,
 * made once into the bench's cache, the primary's sound from its own element), played at 1× for SYNC_PLAY_SECONDS
 * (default 600: the ten minutes). Every 250 ms each angle's currentTime is read against
 * master + offset in one task. Figures per angle: drift max / p99 / median (ms and frames) and the
 * samples over one frame; the master's holds (count, longest, total; which angle began them) and
 * the media time advanced; dropped frames (getVideoPlaybackQuality); the sound element's drift
 * (lip sync: 45 ms ahead, 125 ms behind). Targets: drift never above
 * one frame, no stall (hold) over 200 ms. `npm run bench -- sync-play`.
 */
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { chromium, type Page } from 'playwright-core';
import { ProjectStore } from '../src/main/db/store';
import { startWebServer } from '../src/main/http/server';
import { addMediaFile, createService } from '../src/main/service';
import { LATE_OFFSET_MS, ROOM_OFFSET_MS, benchAngles } from './sync-play-media';
import { pct, poll, type BenchFigure } from './run';
import { freshRenderer } from './renderer';

const FRAME_MS = 40; // 25 fps

interface Sample {
  m: number;
  held: boolean;
  /** The sound element's time (its recording is the primary: offset 0). */
  snd: number;
  angles: { id: string; t: number; d: number }[];
}

interface PageFigures {
  samples: Sample[];
  holds: { count: number; longestMs: number; totalMs: number; byAngle: Record<string, number> };
  quality: { name: string; dropped: number; total: number }[];
  masterWaiting: number;
  advancedMs: number;
}

export async function run(): Promise<BenchFigure[]> {
  const seconds = Number(process.env.SYNC_PLAY_SECONDS ?? 600);
  const t0 = performance.now();
  const files = benchAngles(600);
  // the picture copies are kept with the bench's media, made once
  process.env.TRIANGULATE_HOME = path.join(path.dirname(files.primary), 'home');
  console.log(`  (angles ready in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${path.dirname(files.primary)})`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triangulate-bench-sync-play-study-'));
  const store = ProjectStore.create(path.join(dir, 'angles.triangulate'));
  store.insertCoder({ name: 'bench' });
  const primary = addMediaFile(store, files.primary, 600_000, 25).id;
  const api = createService(store);
  const names = new Map<string, string>();
  for (const [file, offsetMs] of [[files.room, ROOM_OFFSET_MS], [files.late, LATE_OFFSET_MS]] as const) {
    const angleId = addMediaFile(store, file, 600_000, 25).id;
    const links = await api.linkAngle({ primaryId: primary, angleId, offsetMs, label: '' });
    names.set(links.find((l) => l.angleMediaId === angleId)!.id, `${path.basename(file, '.webm')} (${offsetMs > 0 ? '+' : ''}${offsetMs / 1000} s)`);
  }
  const offsets = new Map((await api.listMediaLinks({})).map((l) => [l.id, l.offsetMs]));
  const server = await startWebServer({ service: api, store, staticDir: freshRenderer(), log: () => undefined });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--autoplay-policy=no-user-gesture-required'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(server.url);
    await page.getByTestId('coder-bench').click();
    await poll(page, `document.querySelectorAll('[data-testid="angle-video"]').length === 2 && [...document.querySelectorAll('video')].every((v) => v.readyState >= 2 && v.src.includes('picture=1'))`);
    const load0 = os.loadavg()[0]!;
    const figs = await playAndSample(page, seconds);
    const load1 = os.loadavg()[0]!;
    return report(figs, offsets, names, seconds, [load0, load1]);
  } finally {
    await browser.close();
    await server.close();
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Plays from 0 at 1× for `seconds` of wall time, sampling every 250 ms in the page. */
async function playAndSample(page: Page, seconds: number): Promise<PageFigures> {
  await page.evaluate(() => {
    const w = window as unknown as { __samples: Sample[]; __sampler: number; __waiting: number; __sync: { held: boolean } };
    const m = document.querySelector('.sync-primary video') as HTMLVideoElement;
    w.__samples = [];
    w.__waiting = 0;
    m.addEventListener('waiting', () => w.__waiting++);
    w.__sampler = window.setInterval(() => {
      const angles = [...document.querySelectorAll<HTMLVideoElement>('[data-testid="angle-video"]')].map((v) => ({ id: v.dataset.linkId!, t: v.currentTime * 1000, d: v.duration * 1000 }));
      const snd = (document.querySelector('[data-testid="sync-sound"]') as HTMLAudioElement).currentTime * 1000;
      w.__samples.push({ m: m.currentTime * 1000, held: w.__sync.held, angles, snd });
    }, 250);
  });
  await page.locator('.transport button.play').click();
  await page.waitForTimeout(seconds * 1000);
  return page.evaluate(() => {
    const w = window as unknown as { __samples: Sample[]; __sampler: number; __waiting: number; __sync: { holdStats?(): PageFigures['holds'] } };
    clearInterval(w.__sampler);
    const m = document.querySelector('.sync-primary video') as HTMLVideoElement;
    const advancedMs = m.currentTime * 1000;
    m.pause();
    const quality = [...document.querySelectorAll<HTMLVideoElement>('video')].map((v) => {
      const q = v.getVideoPlaybackQuality();
      return { name: v.dataset.linkId ?? 'primary', dropped: q.droppedVideoFrames, total: q.totalVideoFrames };
    });
    // (a renderer from before the hold has no holdStats: the bench still compares the drift)
    const holds = w.__sync.holdStats?.() ?? { count: 0, longestMs: 0, totalMs: 0, byAngle: {} };
    return { samples: w.__samples, holds, quality, masterWaiting: w.__waiting, advancedMs };
  });
}

function report(p: PageFigures, offsets: Map<string, number>, names: Map<string, string>, seconds: number, load: number[]): BenchFigure[] {
  const figs: BenchFigure[] = [
    { name: 'machine load average (1 min) at start / end (2 cores)', value: Number(`${load[0]!.toFixed(1)}`), unit: 'x' },
    { name: '  at the end', value: Number(load[1]!.toFixed(1)), unit: 'x' },
    { name: `played (wall) at 1×`, value: seconds, unit: 's' },
    { name: '  media time advanced by the master', value: Math.round(p.advancedMs) / 1000, unit: 's' },
    { name: '  samples (every 250 ms)', value: p.samples.length, unit: 'count' },
    { name: '  of which the master was held', value: p.samples.filter((s) => s.held).length, unit: 'count' },
  ];
  for (const [id, offsetMs] of offsets) {
    const drifts = p.samples.flatMap((s) => s.angles.filter((a) => a.id === id && s.m + offsetMs >= 0 && s.m + offsetMs < a.d).map((a) => Math.abs(a.t - (s.m + offsetMs))));
    const max = Math.max(0, ...drifts);
    const name = names.get(id) ?? id;
    figs.push(
      { name: `${name}: samples with material`, value: drifts.length, unit: 'count' },
      { name: `  drift max (${(max / FRAME_MS).toFixed(2)} frames)`, value: max, unit: 'ms', target: '≤ 40 ms (1 frame)', ok: max <= FRAME_MS },
      { name: `  drift p99 (${(pct(drifts, 99) / FRAME_MS).toFixed(2)} frames)`, value: pct(drifts, 99), unit: 'ms' },
      { name: `  drift median (${(pct(drifts, 50) / FRAME_MS).toFixed(2)} frames)`, value: pct(drifts, 50), unit: 'ms' },
      { name: '  samples more than one frame off', value: drifts.filter((d) => d > FRAME_MS).length, unit: 'count' },
      { name: '  holds it began', value: p.holds.byAngle[id] ?? 0, unit: 'count' },
    );
  }
  // the sound, from the second sample on (play() starts it late): heard drift = media drift at 1×
  const sound = p.samples.slice(1).map((s) => s.snd - s.m);
  figs.push(
    { name: 'sound: drift max ahead (lip sync ≤ 45 ms)', value: Math.round(Math.max(0, ...sound)), unit: 'ms', target: '≤ 45 ms', ok: Math.max(0, ...sound) <= 45 },
    { name: '  drift max behind (lip sync ≤ 125 ms)', value: Math.round(-Math.min(0, ...sound)), unit: 'ms', target: '≤ 125 ms', ok: -Math.min(0, ...sound) <= 125 },
    { name: '  |drift| median', value: Math.round(pct(sound.map(Math.abs), 50)), unit: 'ms' },
  );
  figs.push(
    { name: 'holds (the master waiting for an angle)', value: p.holds.count, unit: 'count' },
    { name: '  longest hold', value: p.holds.longestMs, unit: 'ms', target: '≤ 200 ms', ok: p.holds.longestMs <= 200 },
    { name: '  all holds together', value: p.holds.totalMs, unit: 'ms' },
    { name: "  the master's own 'waiting' events", value: p.masterWaiting, unit: 'count' },
  );
  for (const q of p.quality) figs.push({ name: `frames dropped / decoded: ${names.get(q.name) ?? q.name} (of ${q.total})`, value: q.dropped, unit: 'count' });
  return figs;
}
