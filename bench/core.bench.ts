/**
 * Core figures (issue: project file and coding):
 * - 10,000 segment inserts, one transaction each (target < 1 s in total);
 * - opening a project with 50,000 segments to a usable coding screen in web mode (target < 1.5 s).
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
import { WINDOW_MIN_MS } from '../src/shared/timeline/segmentWindow';
import type { BenchFigure } from './run';
import { freshRenderer } from './renderer';

export async function run(): Promise<BenchFigure[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triangulate-bench-core-'));
  try {
    return [...(await inserts(dir)), ...(await openLarge(dir))];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function inserts(dir: string): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];
  for (const viaService of [false, true]) {
    const store = ProjectStore.create(path.join(dir, `inserts-${viaService}.triangulate`));
    const media = store.insertMedia({ path: '/v.mp4', name: 'v.mp4', fingerprint: 'b'.repeat(64), size: 1, durationMs: 5 * 3600_000 });
    const coder = store.insertCoder({ name: 'A' });
    const codes = store.listCodes().filter((c) => c.kind === 'element');
    const api = createService(store);
    const t0 = performance.now();
    for (let i = 0; i < 10_000; i++) {
      const input = { mediaId: media.id, coderId: coder.id, startMs: i * 1000, endMs: i * 1000 + 800, codeIds: [codes[i % codes.length]!.id] };
      // the store: checks + insert + code link in one transaction; the service adds the undo history
      if (viaService) await api.createSegment(input);
      else store.insertSegment(input);
    }
    const ms = performance.now() - t0;
    store.close();
    figures.push(
      viaService
        ? { name: '  same through the service (with the undo history), for reference', value: ms, unit: 'ms' }
        : { name: '10,000 segment inserts, one transaction each (total)', value: ms, unit: 'ms', target: '< 1000 ms', ok: ms < 1000 },
    );
  }
  return figures;
}

/** The demo project with 50,000 extra segments (three coders, element codes, 2 h of media time). */
export function largeProject(dir: string): string {
  const file = writeDemoProject(path.join(dir, 'large'));
  const store = ProjectStore.open(file);
  const media = store.listMedia()[0]!;
  const coders = store.listCoders();
  const codes = store.listCodes().filter((c) => c.kind === 'element');
  store.db.prepare('UPDATE media SET duration_ms = ? WHERE id = ?').run(2 * 3600_000, media.id);
  const seg = store.db.prepare('INSERT INTO segments (id, media_id, coder_id, start_ms, end_ms, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const link = store.db.prepare('INSERT INTO segment_codes (segment_id, code_id, created_at) VALUES (?, ?, ?)');
  store.tx(() => {
    for (let i = 0; i < 50_000; i++) {
      const id = randomUUID();
      const start = Math.floor((i * 2 * 3600_000) / 50_000);
      seg.run(id, media.id, coders[i % coders.length]!.id, start, start + 4000 + (i % 7) * 1000, i % 5 ? '' : `note ${i}`, i, i);
      link.run(id, codes[i % codes.length]!.id, i);
    }
  });
  store.close();
  return file;
}

async function openLarge(dir: string): Promise<BenchFigure[]> {
  const file = largeProject(dir);
  const store = ProjectStore.open(file);
  const total = store.countSegments();
  // the coding screen holds the window around the playhead (0 on a first open): its segments are
  // listed; the seek bar and timeline draw the whole media's marks
  const shown = store.listSegmentsInWindow(store.listMedia()[0]!.id, 0, WINDOW_MIN_MS).length;
  const server = await startWebServer({ service: createService(store), store, staticDir: freshRenderer() });
  const context = await chromium.launchPersistentContext(path.join(dir, 'profile'), {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1440, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const times: number[] = [];
  try {
    // first visit chooses the coder (remembered afterwards, as for a returning user)
    await page.goto(server.url);
    await page.getByTestId('coder-amina').click();
    for (let i = 0; i < 5; i++) {
      await page.goto(server.url);
      // usable: the codebook, the player and the segment list of the held window are on screen
      await page.waitForFunction((n) => document.querySelector('[data-testid=segment-count]')?.textContent === String(n) && !!document.querySelector('video') && !!document.querySelector('.segment-row'), shown, { polling: 10, timeout: 30_000 });
      times.push(await page.evaluate(() => performance.now()));
    }
  } finally {
    await context.close();
    await server.close();
    store.close();
  }
  times.sort((a, b) => a - b);
  const median = times[2]!;
  return [{ name: `open a project with ${total.toLocaleString('en')} segments to a usable coding screen (median of 5)`, value: median, unit: 'ms', target: '< 1500 ms', ok: median < 1500 }];
}
