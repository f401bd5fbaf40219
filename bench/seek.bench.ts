/**
 * Seek figures (issue 6): a one-hour 720p H.264 video (the target) and a five-hour 1080p one (the
 * long-media check), each with one keyframe a second, generated at
 * bench time by bench/make-long-video.sh into a temp dir, served through the real web-mode
 * server (HTTP Range) to the real player in headless Chromium. Seeks to 20 random positions
 * (fixed seed) and times each from setting currentTime to `seeked`. Target p95 < 150 ms.
 * Also plays 3 s at 4× and at 0.25× and reports the media time advanced and "waiting" stalls.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { ProjectStore } from '../src/main/db/store';
import { startWebServer } from '../src/main/http/server';
import { addMediaFile, createService } from '../src/main/service';
import { pct, poll, type BenchFigure } from './run';
import { freshRenderer } from './renderer';


export async function run(): Promise<BenchFigure[]> {
  return [
    // the figure: seeks in a one-hour 720p file
    ...(await seekCase('1 h 720p', 3600, '1280x720', true)),
    // and the long-media check: a five-hour 1080p file plays and seeks without freezing
    ...(await seekCase('5 h 1080p', 5 * 3600, '1920x1080', false)),
  ];
}

async function seekCase(label: string, seconds: number, size: string, target: boolean): Promise<BenchFigure[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triangulate-bench-seek-'));
  const video = path.join(dir, `long-${size}-${seconds}s.mp4`);
  const t0 = performance.now();
  execFileSync(path.resolve(__dirname, 'make-long-video.sh'), ['-o', video, '-d', String(seconds), '-s', size], { stdio: ['ignore', 'ignore', 'inherit'] });
  const makeS = (performance.now() - t0) / 1000;
  const store = ProjectStore.create(path.join(dir, 'seek.triangulate'));
  addMediaFile(store, video);
  store.insertCoder({ name: 'bench' });
  const server = await startWebServer({ service: createService(store), store, staticDir: freshRenderer(), log: () => undefined });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--autoplay-policy=no-user-gesture-required'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(server.url);
    await page.getByTestId('coder-bench').click();
    await poll(page, `document.querySelector("video") && document.querySelector("video").readyState >= 2 && document.querySelector("video").duration > ${seconds - 10}`);
    const seeks = (await page.evaluate(`(async () => {
      const v = document.querySelector('video');
      let seed = 7;
      const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
      const out = [];
      for (let i = 0; i < 20; i++) {
        const target = rnd() * (v.duration - 5);
        const t0 = performance.now();
        await new Promise((resolve) => { v.addEventListener('seeked', resolve, { once: true }); v.currentTime = target; });
        out.push({ ms: performance.now() - t0, target, got: v.currentTime });
      }
      return out;
    })()`)) as { ms: number; target: number; got: number }[];
    const off = Math.max(...seeks.map((s) => Math.abs(s.got - s.target)));
    const play = async (rate: number) => (await page.evaluate(`(async () => {
      const v = document.querySelector('video');
      let waiting = 0;
      const onWait = () => waiting++;
      v.addEventListener('waiting', onWait);
      v.currentTime = v.duration / 2; await new Promise((r) => v.addEventListener('seeked', r, { once: true }));
      v.playbackRate = ${rate};
      const start = v.currentTime;
      await v.play();
      await new Promise((r) => setTimeout(r, 3000));
      v.pause();
      v.removeEventListener('waiting', onWait);
      return { advanced: v.currentTime - start, waiting };
    })()`)) as { advanced: number; waiting: number };
    const fast = await play(4);
    const slow = await play(0.25);
    return [
      { name: `${label}: generate the test video (make-long-video.sh)`, value: Math.round(makeS * 10) / 10, unit: 's' },
      { name: `${label}: p50 time to seeked (20 random positions)`, value: pct(seeks.map((s) => s.ms), 50), unit: 'ms' },
      target
        ? { name: `${label}: p95 time to seeked (20 random positions)`, value: pct(seeks.map((s) => s.ms), 95), unit: 'ms', target: '< 150 ms', ok: pct(seeks.map((s) => s.ms), 95) < 150 }
        : { name: `${label}: p95 time to seeked (20 random positions)`, value: pct(seeks.map((s) => s.ms), 95), unit: 'ms' },
      { name: `${label}: largest |landed − asked| (ms)`, value: Math.round(off * 1000), unit: 'ms' },
      { name: `${label}: play 3 s at 4×: media time advanced (ms, ideal 12000)`, value: Math.round(fast.advanced * 1000), unit: 'ms' },
      { name: `${label}: play 3 s at 4×: waiting (stall) events`, value: fast.waiting, unit: 'count' },
      { name: `${label}: play 3 s at 0.25×: media time advanced (ms, ideal 750)`, value: Math.round(slow.advanced * 1000), unit: 'ms' },
      { name: `${label}: play 3 s at 0.25×: waiting (stall) events`, value: slow.waiting, unit: 'count' },
    ];
  } finally {
    await browser.close();
    await server.close();
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
