/**
 * Timeline figure (issue 6): the demo project with 50,000 segments (three coders, element and
 * marker codes, spread over the recording) in headless Chromium; 300 frames of panning and
 * zooming through the real d3 zoom; per frame the work is timed from the view change to the end
 * of the canvas draw (axis included). Target p95 < 16 ms.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { chromium } from 'playwright-core';
import { ProjectStore } from '../src/main/db/store';
import { startWebServer } from '../src/main/http/server';
import { writeDemoProject } from '../src/main/features/studies/demo';
import { createService } from '../src/main/service';
import { pct, poll, type BenchFigure } from './run';
import { freshRenderer } from './renderer';

const N = 50_000;

function addSegments(file: string): void {
  const store = ProjectStore.open(file);
  const media = store.listMedia()[0]!;
  const dur = media.durationMs ?? 120_000;
  const coders = store.listCoders();
  const codes = store.listCodes().filter((c) => c.kind === 'element' || c.kind === 'marker');
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const ins = store.db.prepare('INSERT INTO segments (id, media_id, coder_id, start_ms, end_ms, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const link = store.db.prepare('INSERT INTO segment_codes (segment_id, code_id, created_at) VALUES (?, ?, ?)');
  store.tx(() => {
    for (let i = 0; i < N; i++) {
      const code = codes[Math.floor(rnd() * codes.length)]!;
      const start = Math.floor(rnd() * (dur - 5000));
      const end = code.kind === 'marker' ? start : start + 200 + Math.floor(rnd() * 4800);
      const id = randomUUID();
      ins.run(id, media.id, coders[i % coders.length]!.id, start, end, '', 0, 0);
      link.run(id, code.id, 0);
    }
  });
  store.close();
}


export async function run(): Promise<BenchFigure[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triangulate-bench-timeline-'));
  const file = writeDemoProject(path.join(dir, 'project'));
  addSegments(file);
  const store = ProjectStore.open(file);
  const server = await startWebServer({ service: createService(store), store, staticDir: freshRenderer(), log: () => undefined });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--autoplay-policy=no-user-gesture-required'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(server.url);
    await page.getByTestId('coder-amina').click();
    await poll(page, 'window.__timeline && document.querySelector("video") && document.querySelector("video").duration > 0');
    await poll(page, `document.querySelector('[data-testid="segment-count"]')?.textContent === '${N + (store.countSegments() - N)}'`);
    const times = (await page.evaluate(`(async () => {
      const t = window.__timeline;
      const full = t.view();
      const dur = full.endMs - full.startMs;
      const out = [];
      let v = { ...full };
      for (let i = 0; i < 300; i++) {
        await new Promise((r) => requestAnimationFrame(r));
        const t0 = performance.now();
        const span = v.endMs - v.startMs;
        if (i < 100) {            // zoom in about the middle, 3 % per frame
          const mid = (v.startMs + v.endMs) / 2, s2 = span * 0.97;
          v = { startMs: mid - s2 / 2, endMs: mid + s2 / 2, widthPx: v.widthPx };
        } else if (i < 200) {     // pan right 12 px per frame
          const d = 12 * span / v.widthPx;
          v = { startMs: Math.min(v.startMs + d, dur - span), endMs: Math.min(v.endMs + d, dur), widthPx: v.widthPx };
        } else {                  // zoom back out
          const mid = (v.startMs + v.endMs) / 2, s2 = Math.min(dur, span / 0.97);
          const st = Math.max(0, Math.min(mid - s2 / 2, dur - s2));
          v = { startMs: st, endMs: st + s2, widthPx: v.widthPx };
        }
        t.setView(v);
        const t1 = performance.now();
        t.drawNow();
        out.push(performance.now() - t0);
        (window.__split = window.__split || []).push([t1 - t0, performance.now() - t1]);
      }
      return out;
    })()`)) as number[];
    if (process.env.TL_DEBUG) console.log(JSON.stringify(await page.evaluate('window.__split.filter((x, i) => i % 20 === 0).map(([a, b]) => [a.toFixed(1), b.toFixed(1)])')));
    const fullDraw = (await page.evaluate(`(async () => {
      const t = window.__timeline; const v = t.view();
      t.setView({ startMs: 0, endMs: 1e12, widthPx: v.widthPx });
      const out = [];
      for (let i = 0; i < 30; i++) { await new Promise((r) => requestAnimationFrame(r)); const t0 = performance.now(); t.drawNow(); out.push(performance.now() - t0); }
      return out;
    })()`)) as number[];
    if (process.env.TL_DEBUG) {
      await page.evaluate('window.__timeline.setView({ startMs: 30000, endMs: 42000, widthPx: window.__timeline.view().widthPx })');
      await page.waitForTimeout(200);
      await page.getByTestId('timeline').screenshot({ path: path.resolve(__dirname, '../test-results/timeline-50k.png') });
    }
    return [
      { name: 'timeline, 50,000 segments: p50 frame (pan/zoom, 300 frames)', value: pct(times, 50), unit: 'ms' },
      { name: 'timeline, 50,000 segments: p95 frame (pan/zoom, 300 frames)', value: pct(times, 95), unit: 'ms', target: '< 16 ms', ok: pct(times, 95) < 16 },
      { name: 'timeline, 50,000 segments: p95 draw of the whole recording', value: pct(fullDraw, 95), unit: 'ms' },
    ];
  } finally {
    await browser.close();
    await server.close();
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
