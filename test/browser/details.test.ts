/**
 * Smaller things users noticed (issue 14, item 10, renderer side): a disagreement click plays,
 * Shift+wheel pans a share of the visible range, the key map names codes with their system and
 * shows hotkeys as typed, the transcript's remove icon is an inline SVG, disabled buttons look
 * disabled, and an error of a failed edit does not outlive the next successful one.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOnCodeScreen, waitForVideo, type Harness } from './harness';

let h: Harness;
let page: Page;
type View = { startMs: number; endMs: number; widthPx: number };
const view = () => page.evaluate(() => (window as unknown as { __timeline: { view(): View } }).__timeline.view());

beforeAll(async () => {
  h = await startOnCodeScreen('amina');
  page = h.page;
});
afterAll(async () => h?.close());

describe('details', () => {
  it('Shift+wheel pans a tenth of the visible range per notch, at frame zoom too', async () => {
    await page.evaluate(() => (window as unknown as { __timeline: { setView(v: View): void; view(): View } }).__timeline.setView({ startMs: 60_000, endMs: 60_320, widthPx: (window as unknown as { __timeline: { view(): View } }).__timeline.view().widthPx }));
    const v0 = await view();
    expect(v0.endMs - v0.startMs).toBeCloseTo(320, 3);
    const box = (await page.getByTestId('timeline-canvas').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + 40);
    await page.keyboard.down('Shift');
    await page.mouse.wheel(0, 100); // one notch
    await page.keyboard.up('Shift');
    await expect.poll(async () => (await view()).startMs).not.toBe(v0.startMs);
    const v1 = await view();
    expect(v1.startMs - v0.startMs).toBeCloseTo(32, 3); // a tenth of 320 ms, not ~12 s
    expect(v1.endMs - v1.startMs).toBeCloseTo(320, 3);
  });

  it('the key map lists codes with their system and hotkeys as typed', async () => {
    await page.getByTestId('open-keymap').click();
    const map = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    const codes = map.locator('table', { hasText: 'Codes and markers' });
    const rows = (await codes.locator('tr').allTextContents()).map((t) => t.trim());
    expect(rows).toContain('Researchers › Subject1');
    expect(rows).toContain('Practitioners › Subjectq');
    expect(rows).toContain('Markers › Moment of clarity (marker: point event)m');
    await page.keyboard.press('Escape');
    await map.waitFor({ state: 'detached' });
  });

  it('removes a transcript with an inline SVG icon', async () => {
    await page.getByRole('tab', { name: 'Transcript' }).click();
    await page.getByTestId('transcript-file').setInputFiles(path.resolve(__dirname, '../../assets/demo/workshop.vtt'));
    const remove = page.getByRole('button', { name: 'Remove transcript' });
    await remove.waitFor();
    expect(await remove.locator('svg').count()).toBe(1);
    expect((await remove.textContent())!.trim()).toBe('');
    const w = await remove.locator('svg').evaluate((el) => el.getBoundingClientRect().width);
    expect(w).toBeGreaterThan(8);
    await page.getByRole('tab', { name: 'Segments' }).click();
  });

  it('clears the error banner of a failed edit after the next edit succeeds', async () => {
    // a failed edit: a code with a hotkey already used (1 = Researchers › Subject)
    await page.evaluate(() => (window as unknown as { __triangulateStore: { getState(): { createCode(c: unknown): Promise<unknown> } } }).__triangulateStore.getState().createCode({ name: 'Clash', color: '#123456', parentId: null, hotkey: '1' }).catch(() => undefined));
    const banner = page.getByTestId('banner');
    await banner.waitFor();
    expect(await banner.getAttribute('role')).toBe('alert');
    // a successful edit: mark and code a range
    await page.keyboard.press('Escape');
    await page.evaluate(() => { const s = (window as unknown as { __triangulateStore: { getState(): { seek(ms: number): void } } }).__triangulateStore.getState(); s.seek(100_000); });
    await page.keyboard.press('i');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('o');
    await page.keyboard.press('3');
    await page.getByTestId('save-status').filter({ hasText: 'Saved' }).waitFor();
    await banner.waitFor({ state: 'detached' });
  });

  it('a disabled primary button looks disabled', async () => {
    await page.getByRole('button', { name: 'Import / export', exact: true }).click();
    const looks = await page.evaluate(() => {
      const b = document.createElement('button');
      b.className = 'primary';
      b.textContent = 'Import';
      document.body.append(b);
      const on = getComputedStyle(b);
      const enabled = { opacity: on.opacity, bg: on.backgroundColor, cursor: on.cursor };
      b.disabled = true;
      const off = getComputedStyle(b);
      const disabled = { opacity: off.opacity, bg: off.backgroundColor, cursor: off.cursor };
      b.remove();
      return { enabled, disabled };
    });
    expect(looks.disabled.cursor).toBe('not-allowed');
    expect(Number(looks.disabled.opacity)).toBeLessThan(Number(looks.enabled.opacity));
    expect(looks.disabled.bg).not.toBe(looks.enabled.bg);
  });

  it('a click on a disagreement seeks there and plays', async () => {
    await page.getByRole('button', { name: 'Agreement', exact: true }).click();
    const range = page.locator('.ag-timeline rect[data-start-ms]').first();
    await range.waitFor();
    const startMs = Number(await range.getAttribute('data-start-ms'));
    await waitForVideo(page);
    expect(await page.evaluate(() => (document.querySelector('video') as HTMLVideoElement).paused)).toBe(true);
    await range.click();
    await page.waitForFunction(() => !(document.querySelector('video') as HTMLVideoElement).paused);
    const t = await page.evaluate(() => (document.querySelector('video') as HTMLVideoElement).currentTime);
    expect(t).toBeGreaterThanOrEqual(startMs / 1000 - 0.05);
    expect(t).toBeLessThan(startMs / 1000 + 5);
    await page.keyboard.press('Space'); // pause
  });
});
