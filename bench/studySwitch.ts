/**
 * Switching studies as the user does it, in web mode: two studies of 50,000 segments each (the
 * demo with its real video, renamed "Study A" and "Study B"), the app's session service behind the
 * real web server, Chromium. Each switch: Study › Close Study, then (timed from here) a click on
 * the other study in the start screen's recent list, until the coding screen is usable: the
 * video has metadata, the timeline's model holds the study's segments, the segment list shows the
 * held window, and I, →, O and a code's hotkey have coded a segment (a different code each time,
 * so it is never an identical segment).
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { ProjectStore } from '../src/main/db/store';
import { startWebServer } from '../src/main/http/server';
import { sessionService } from '../src/main/features/studies/service';
import { StudySession } from '../src/main/features/studies/session';
import { createService } from '../src/main/service';
import { largeProject } from './core.bench';
import { freshRenderer } from './renderer';

export interface SwitchTimes {
  /** Click to a usable coding screen (ms), one per timed switch. */
  usable: number[];
  /** Click to a segment coded with a hotkey (ms). */
  coded: number[];
  /** Of `usable`: click to the new page's start (openStudy on the server, the old page unloading). */
  toNewPage: number[];
}

function study(dir: string, name: string): string {
  const file = largeProject(path.join(dir, name));
  const store = ProjectStore.open(file);
  store.setMeta('name', name);
  store.close();
  return file;
}

export async function switchInApp(dir: string, switches: number): Promise<SwitchTimes> {
  fs.mkdirSync(dir, { recursive: true });
  const files = { 'Study A': study(dir, 'Study A'), 'Study B': study(dir, 'Study B') };
  const session = new StudySession({ userDir: path.join(dir, 'appdata'), demo: () => { throw new Error('no demo in this bench'); }, serviceFor: createService });
  session.startup(files['Study A']);
  session.open(files['Study B']); // both in the recent list
  const server = await startWebServer({ service: sessionService(session), store: () => session.current, staticDir: freshRenderer(), log: () => undefined });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'] });
  const times: SwitchTimes = { usable: [], coded: [], toNewPage: [] };
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(server.url);
    await page.getByTestId('coder-amina').click(); // Study B; the coder is remembered per study
    await switchTo(page, 'Study A', 0);
    await page.getByTestId('coder-amina').click();
    await usable(page, 'Study A');
    // warm-up: one switch each way (the day's first backup of each study happens on its first open)
    let next: 'Study A' | 'Study B' = 'Study B';
    for (let i = 0; i < switches + 2; i++) {
      const t = await switchTo(page, next, i + 1);
      if (i >= 2) {
        times.usable.push(t.usable);
        times.coded.push(t.coded);
        times.toNewPage.push(t.toNewPage);
      }
      next = next === 'Study A' ? 'Study B' : 'Study A';
    }
  } finally {
    await browser.close();
    await server.close();
    session.close();
  }
  return times;
}

/** Close the study, click the other in the recent list; times (page clock) to usable and to coded. */
async function switchTo(page: Page, name: string, round: number): Promise<{ usable: number; coded: number; toNewPage: number }> {
  if (await page.getByTestId('study-menu').count()) {
    await page.getByTestId('study-menu').click();
    await page.getByTestId('cmd-closeStudy').click();
  }
  const link = page.getByTestId(`recent-${name}`).getByRole('button', { name, exact: true });
  await link.waitFor();
  const box = (await link.boundingBox())!;
  const reloaded = page.waitForEvent('framenavigated');
  const t0 = await page.evaluate(() => Date.now());
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await reloaded;
  if (round === 0) return { usable: 0, coded: 0, toNewPage: 0 }; // the first visit to this study asks who is coding
  const tUsable = await usable(page, name);
  const tCoded = await codeOne(page, round);
  const pageStart = await page.evaluate(() => performance.timeOrigin);
  return { usable: tUsable - t0, coded: tCoded - t0, toNewPage: pageStart - t0 };
}

/** Waits (10 ms polls in the page) for a usable coding screen of `name`; the page's Date.now() then. */
async function usable(page: Page, name: string): Promise<number> {
  for (;;) {
    try {
      const h = await page.waitForFunction((want) => {
        const s = (window as any).__triangulateStore?.getState();
        const v = document.querySelector('video');
        const tl = (window as any).__timeline;
        const ok = s?.project?.name === want && s.coderId && v && v.readyState >= 1 && v.duration > 0
          && s.marks && s.marks.marks.length >= 4 * 50_000 && tl && tl.model().segmentsById.size > 0
          && document.querySelectorAll('.segment-row').length > 0 && document.querySelector('[data-testid=segment-count]')?.textContent === String(s.segments.length);
        return ok ? Date.now() : false;
      }, name, { polling: 10, timeout: 60_000 });
      return (await h.jsonValue()) as number;
    } catch (e) {
      if (!/context was destroyed|navigat/i.test((e as Error).message)) throw e; // the reload replaced the page: poll the new one
    }
  }
}

/** I at the playhead, → (1 s), O, and the hotkey of the round's element code; waits for the coded segment. */
async function codeOne(page: Page, round: number): Promise<number> {
  const key = await page.evaluate((r) => {
    const s = (window as any).__triangulateStore.getState();
    const keys = s.project.codes.filter((c: any) => c.kind === 'element' && c.hotkey).map((c: any) => c.hotkey);
    return keys[r % keys.length] as string;
  }, round);
  // the keys go to the app's own keydown handler in one step, so the figure holds the app's
  // answer, not four driver round trips (slow on a loaded machine)
  await page.evaluate((keys) => {
    for (const k of keys) window.dispatchEvent(new KeyboardEvent('keydown', { key: k, code: k, bubbles: true }));
  }, ['i', 'ArrowRight', 'o', key]);
  const h = await page.waitForFunction((k) => {
    const s = (window as any).__triangulateStore.getState();
    const code = s.project.codes.find((c: any) => c.hotkey === k);
    const seg = s.segments.find((x: any) => x.id === s.selectedSegmentId);
    return seg && seg.coderId === s.coderId && seg.codeIds.includes(code.id) ? Date.now() : false;
  }, key, { polling: 10, timeout: 30_000 }).catch(async (e: Error) => {
    const why = await page.evaluate(() => {
      const s = (window as any).__triangulateStore.getState();
      return JSON.stringify({ banner: s.banner?.message, inMs: s.inMs, outMs: s.outMs, currentMs: s.currentMs, active: document.activeElement?.tagName, modal: !!document.querySelector('.modal-backdrop') });
    });
    throw new Error(`the hotkey "${key}" coded nothing: ${why} (${e.message.split('\n')[0]})`);
  });
  return (await h.jsonValue()) as number;
}
