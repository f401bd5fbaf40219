/**
 * Blind coding on the Code screen (demo project, real video): with the study setting on, amina
 * sees only her own segments and lanes and the indicator says so; "Show other coders" (her own
 * choice, kept in the study) brings ben's and chen's back, and it survives a reload.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, startOnCodeScreen, type Harness } from './harness';

let h: Harness;
let page: Page;

const countOf = (coder: string | null) =>
  (coder === null
    ? h.store.db.prepare('SELECT count(*) AS n FROM segments').get()
    : h.store.db.prepare('SELECT count(*) AS n FROM segments s JOIN coders c ON c.id = s.coder_id WHERE c.name = ?').get(coder)) as { n: number };
const shownCount = async () => Number(await page.getByTestId('segment-count').textContent());
const laneCoders = () =>
  page.evaluate(() => (window as unknown as { __timeline: { rows(): { kind: string; label: string }[] } }).__timeline.rows().filter((r) => r.kind === 'coder').map((r) => r.label));

beforeAll(async () => {
  h = await startOnCodeScreen('amina');
  page = h.page;
});
afterAll(async () => h?.close());

describe('blind coding', () => {
  it('the demo is not blind: every coder is shown', async () => {
    expect(await page.getByTestId('blind-study').isChecked()).toBe(false);
    await expect.poll(shownCount).toBe(countOf(null).n);
    expect(await laneCoders()).toEqual(['amina', 'ben', 'chen']);
  });

  it('on: only amina\'s segments and lane, with the indicator; off for her: all again, kept after a reload', async () => {
    await page.getByTestId('blind-study').click();
    await page.getByTestId('blind-indicator').filter({ hasText: 'Blind coding: other coders hidden' }).waitFor();
    await expect.poll(shownCount).toBe(countOf('amina').n);
    expect(countOf('amina').n).toBeLessThan(countOf(null).n);
    await expect.poll(laneCoders).toEqual(['amina']);
    expect((h.store.db.prepare("SELECT value FROM project_meta WHERE key = 'blind_coding'").get() as { value: string }).value).toBe('1');
    await page.screenshot({ path: path.join(ARTIFACTS, 'blind-coding-on.png') });

    await page.getByRole('button', { name: 'Show other coders' }).click();
    await page.getByTestId('blind-indicator').filter({ hasText: 'you see the other coders' }).waitFor();
    await expect.poll(shownCount).toBe(countOf(null).n);
    await expect.poll(laneCoders).toEqual(['amina', 'ben', 'chen']);

    await h.reload();
    await page.getByTestId('timeline-canvas').waitFor();
    await page.getByTestId('blind-indicator').filter({ hasText: 'you see the other coders' }).waitFor();
    await expect.poll(shownCount).toBe(countOf(null).n);

    // back to blind for her, then the study setting off: everyone is shown to everyone
    await page.getByRole('button', { name: 'Hide them again' }).click();
    await expect.poll(shownCount).toBe(countOf('amina').n);
    await page.getByTestId('blind-study').click();
    await expect.poll(shownCount).toBe(countOf(null).n);
    expect(await page.getByTestId('blind-indicator').count()).toBe(0);
  });
});
