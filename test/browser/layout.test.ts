/**
 * The Code screen layout at 1280×720, 1400×900 and 1920×1080 with the demo and its real video:
 * the page never scrolls, the workspace fills the window whatever side tab is open or banner
 * dismissed, video and timeline are inside the window, toolbars stay on one line, and the
 * timeline's track rows keep their y-position when a segment is selected. Screenshots per size
 * go to test-results/layout-<w>x<h>-*.png.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, startOnCodeScreen, type Harness } from './harness';

let h: Harness;
let page: Page;

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1400, height: 900 },
  { width: 1920, height: 1080 },
];

/** The layout rules, read from the page: a list of what is wrong (empty when all hold). */
function layoutProblems(): string[] {
  const out: string[] = [];
  const W = window.innerWidth;
  const H = window.innerHeight;
  const se = document.scrollingElement!;
  if (se.scrollHeight > H) out.push(`page scrolls vertically (${se.scrollHeight} > ${H})`);
  if (se.scrollWidth > W) out.push(`page scrolls horizontally (${se.scrollWidth} > ${W})`);
  const box = (sel: string) => document.querySelector(sel)?.getBoundingClientRect();
  for (const [name, sel] of [['video', '.player-column .video-holder'], ['timeline', '[data-testid=timeline]'], ['timeline tracks', '.tl-scroll']] as const) {
    const r = box(sel);
    if (!r || r.width < 1 || r.height < 1) out.push(`${name} has no size`);
    else if (r.top < 0 || r.left < 0 || r.bottom > H + 0.5 || r.right > W + 0.5) out.push(`${name} is outside the window (${Math.round(r.top)}..${Math.round(r.bottom)} of ${H})`);
  }
  const ws = box('.workspace');
  if (!ws) out.push('no workspace');
  else if (Math.abs(ws.bottom - H) > 1) out.push(`workspace ends at ${Math.round(ws.bottom)}, the window at ${H}`);
  for (const sel of ['.panel.segments-panel', '.panel.codebook-panel']) {
    const r = box(sel);
    if (r && ws && r.bottom < ws.bottom - 12) out.push(`${sel} leaves an empty band (${Math.round(ws.bottom - r.bottom)} px)`);
  }
  // one line: every visible child shares one row (no child starts below another's bottom)
  for (const sel of ['.topbar', '.tl-toolbar', '.transport-row', '.segments-panel .tabs']) {
    document.querySelectorAll(sel).forEach((bar, i) => {
      const kids = [...bar.children].map((k) => k.getBoundingClientRect()).filter((r) => r.width > 0 && r.height > 0);
      if (kids.length === 0) return;
      const maxTop = Math.max(...kids.map((r) => r.top));
      const minBottom = Math.min(...kids.map((r) => r.bottom));
      if (maxTop >= minBottom) out.push(`${sel}[${i}] wraps onto a second line`);
      const right = bar.getBoundingClientRect().right;
      if (sel !== '.tl-toolbar' && kids.some((r) => r.right > right + 0.5)) out.push(`${sel}[${i}] is cut off on the right`);
    });
  }
  // text that must not wrap: the times
  for (const el of document.querySelectorAll<HTMLElement>('.transport .timecode, .transport .duration')) {
    const lh = parseFloat(getComputedStyle(el).lineHeight) || parseFloat(getComputedStyle(el).fontSize) * 1.3;
    if (el.getBoundingClientRect().height > lh * 1.5) out.push(`${el.className} wraps`);
  }
  return out;
}

const problems = () => page.evaluate(layoutProblems);
const trackTops = () =>
  page.evaluate(() => {
    const t = (window as unknown as { __timeline: { rows(): { key: string }[]; rowClientY(k: string): number } }).__timeline;
    return t.rows().map((r) => t.rowClientY(r.key));
  });

async function shot(size: { width: number; height: number }, what: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `layout-${size.width}x${size.height}-${what}.png`) });
}

beforeAll(async () => {
  h = await startOnCodeScreen('amina');
  page = h.page;
});
afterAll(async () => h?.close());

describe.each(SIZES)('the Code screen at $width×$height', (size) => {
  it('fills the window without a page scrollbar, with every side tab and after a banner', async () => {
    await page.setViewportSize(size);
    await page.waitForTimeout(300);
    expect(await problems()).toEqual([]);
    await shot(size, 'segments');
    for (const tab of ['Transcript', 'Memos', 'Contradictions', 'Segments']) {
      await page.getByRole('tab', { name: tab }).click();
      await page.waitForTimeout(150);
      expect(await problems(), tab).toEqual([]);
      if (tab !== 'Segments') await shot(size, tab.toLowerCase());
    }
    // a banner, then dismissed
    await page.evaluate(() => (window as unknown as { __triangulateStore: { getState(): { showBanner(b: unknown): void } } }).__triangulateStore.getState().showBanner({ kind: 'info', message: 'A message that says something useful about the project' }));
    await page.getByTestId('banner').waitFor();
    expect(await problems(), 'with a banner').toEqual([]);
    await page.getByTestId('banner').getByRole('button', { name: 'Dismiss' }).click();
    await page.getByTestId('banner').waitFor({ state: 'detached' });
    expect(await problems(), 'banner dismissed').toEqual([]);
  });

  it('keeps every timeline track where it was when a segment is selected', async () => {
    const seg = h.store.db.prepare(`SELECT s.id, s.start_ms AS startMs, s.end_ms AS endMs, sc.code_id AS codeId, s.coder_id AS coderId FROM segments s
      JOIN segment_codes sc ON sc.segment_id = s.id JOIN coders k ON k.id = s.coder_id JOIN codes c ON c.id = sc.code_id
      WHERE k.name = 'amina' AND s.end_ms - s.start_ms > 3000 AND c.element IS NOT NULL ORDER BY s.start_ms LIMIT 1`).get() as { startMs: number; endMs: number; codeId: string; coderId: string };
    await page.setViewportSize(size);
    await page.keyboard.press('Escape'); // nothing selected
    await expect.poll(() => page.getByTestId('timeline-selection').count()).toBe(0);
    const key = `track:${seg.coderId}:${seg.codeId}`;
    // scroll the track into view near the top of the timeline's scroller
    await page.evaluate((k) => {
      const t = (window as unknown as { __timeline: { rowClientY(k: string): number } }).__timeline;
      const sc = document.querySelector('.tl-scroll')!;
      sc.scrollTop += t.rowClientY(k) - sc.getBoundingClientRect().top - 30;
    }, key);
    await page.waitForTimeout(100);
    const before = await trackTops();
    const y = await page.evaluate((k) => (window as unknown as { __timeline: { rowClientY(k: string): number } }).__timeline.rowClientY(k), key);
    const x = await page.evaluate((ms) => (window as unknown as { __timeline: { clientX(ms: number): number } }).__timeline.clientX(ms), (seg.startMs + seg.endMs) / 2);
    const hit = await page.evaluate(([px, py]) => document.elementFromPoint(px!, py!)?.getAttribute('data-testid'), [x, y]);
    expect(hit, `the track at y=${y} is visible`).toBe('timeline-canvas');
    await page.mouse.click(x, y);
    await page.getByTestId('timeline-selection').filter({ hasText: '1 selected' }).waitFor();
    expect(await trackTops()).toEqual(before);
    expect(await problems(), 'with a selection').toEqual([]);
    await shot(size, 'selected');
    await page.keyboard.press('Escape');
  });
});

describe('the agreement table', () => {
  it('keeps its pooled "Overall" row from covering the other rows at 1280×720', async () => {
    await page.setViewportSize(SIZES[0]!);
    await page.getByRole('button', { name: 'Agreement', exact: true }).click();
    await page.getByTestId('ag-table').waitFor();
    const overlaps = () =>
      page.evaluate(() => {
        const rows = [...document.querySelectorAll('[data-testid=ag-table] tr')].map((r) => r.getBoundingClientRect());
        const wrap = document.querySelector('.ag-table-wrap')!.getBoundingClientRect();
        const bad: string[] = [];
        const foot = [...document.querySelectorAll('[data-testid=ag-table] tfoot tr')].map((r) => r.getBoundingClientRect());
        for (const f of foot) {
          for (const r of rows) {
            if (r === f || r.bottom <= wrap.top || r.top >= wrap.bottom) continue;
            const ov = Math.min(r.bottom, f.bottom) - Math.max(r.top, f.top);
            // a body row may scroll under the sticky footer, but only if there is more to scroll to
            if (ov > 1 && foot.includes(r)) bad.push(`footer rows overlap by ${ov.toFixed(1)} px`);
          }
        }
        return bad;
      });
    expect(await overlaps()).toEqual([]);
    // scrolled to the end, the last code row sits fully above the footer
    await page.evaluate(() => { const w = document.querySelector('.ag-table-wrap')!; w.scrollTop = w.scrollHeight; });
    const gap = await page.evaluate(() => {
      const body = [...document.querySelectorAll('[data-testid=ag-table] tbody tr')];
      const last = body.at(-1)!.getBoundingClientRect();
      const overall = document.querySelector('[data-testid=ag-table] tfoot tr.overall')!.getBoundingClientRect();
      return overall.top - last.bottom;
    });
    expect(gap).toBeGreaterThanOrEqual(-1);
    expect(await overlaps()).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'layout-1280x720-agreement.png') });
    await page.getByRole('button', { name: 'Code', exact: true }).click();
  });
});
