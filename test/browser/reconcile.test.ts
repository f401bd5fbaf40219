/**
 * Merge & reconcile in the real renderer: the demo's three coders each get a coder file (via the
 * ops), a lead project of the same codebook lineage without segments merges them through the
 * screen's form, then three disagreements are decided three ways (accept one reading, union,
 * adjusted boundaries by dragging the consensus handle); after a reload the decisions and the
 * consensus segments are still there; one is undone.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProjectStore } from '../../src/main/db/store';
import { createCoderFile } from '../../src/main/ops/coderFile';
import { writeDemoProject } from '../../src/main/ops/demo';
import { ARTIFACTS, chooseCoder, startHarness, videoTime, waitForVideo, type Harness } from './harness';

let h: Harness;
let work: string;
const files: string[] = [];

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'triangulate-reconcile-e2e-'));
  const demo = writeDemoProject(path.join(work, 'demo'));
  const store = ProjectStore.open(demo);
  for (const coder of ['amina', 'ben', 'chen']) files.push(createCoderFile(store, coder, path.join(work, `${coder}.triangulate`)).file);
  // the lead's project: the demo's codebook, media and coders (same lineage), no segments yet
  const lead = path.join(work, 'lead.triangulate');
  store.db.prepare('VACUUM INTO ?').run(lead);
  store.close();
  const db = new Database(lead);
  db.prepare('DELETE FROM segments').run();
  db.prepare("UPDATE project_meta SET value = 'Lead project' WHERE key = 'name'").run();
  db.close();
  h = await startHarness({ projectFile: lead });
  try {
    await chooseCoder(h.page, 'amina');
  } catch (e) {
    // keep what the page showed (e.g. dist/renderer rebuilt by a concurrent build while loading)
    await h.page.screenshot({ path: path.join(ARTIFACTS, 'reconcile-start-failure.png') });
    throw e;
  }
});
afterAll(async () => {
  await h?.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

const consensusSegments = () =>
  h.store.db.prepare('SELECT s.start_ms, s.end_ms FROM segments s JOIN coders c ON c.id = s.coder_id WHERE c.is_consensus = 1 ORDER BY s.start_ms').all() as { start_ms: number; end_ms: number }[];

async function openScreen() {
  await h.page.getByRole('button', { name: 'Merge & reconcile', exact: true }).click();
  await h.page.getByTestId('reconcile-view').waitFor();
}

describe('merge & reconcile screen', () => {
  it('merges the three coder files through the form and shows the summary', async () => {
    const page = h.page;
    expect(h.store.countSegments()).toBe(0);
    await openScreen();
    await page.getByTestId('rc-files-toggle').click();
    await page.getByTestId('merge-choose').click(); // the one picker: in web mode, the in-app file browser
    await page.getByTestId('fb-path').fill(work); // the path box takes a typed/pasted folder
    await page.getByTestId('fb-path').press('Enter');
    for (const f of files) await page.getByTestId(`fb-entry-${path.basename(f)}`).click();
    await page.getByTestId('fb-choose').click();
    expect(await page.getByLabel('Coder files to merge').locator('li').allTextContents()).toEqual(files);
    await page.getByRole('button', { name: 'Merge 3 files' }).click();
    const summary = page.getByTestId('merge-summary');
    await summary.waitFor();
    // 24 + 20 + 24 segments in the demo's CSVs (one segment per row group)
    const added = h.store.countSegments();
    expect(added).toBe(68);
    expect(await summary.locator('tr', { hasText: 'segments' }).locator('td').allTextContents()).toEqual(['segments', '68', '0', '0', '0']);
    expect(await page.getByLabel('Merge progress').getAttribute('value')).toBe('4');
    await page.screenshot({ path: path.join(ARTIFACTS, 'reconcile-merge.png') });
    await page.getByTestId('rc-files-toggle').click(); // fold the forms away again
  });

  it('decides three disagreements three ways, keeps them over a reload, and undoes one', async () => {
    const page = h.page;
    await waitForVideo(page);
    const items = page.getByTestId('rc-item');
    await items.first().waitFor();
    const total = await items.count();
    expect(total).toBeGreaterThan(3);
    await expect.poll(() => page.getByTestId('rc-progress').textContent()).toBe(`0 of ${total} decided`);

    // 1: accept the first listed coder's reading
    await items.nth(0).click();
    const panel = page.getByTestId('rc-item-panel');
    await panel.getByRole('button', { name: '▶ Play range' }).click();
    const first = (await panel.locator('.rc-item-time').first().textContent())!;
    await page.waitForTimeout(600);
    const startS = Number(first.split('–')[0]!.split(':').reduce((a, p) => a * 60 + Number(p), 0));
    const t = await videoTime(page);
    expect(t).toBeGreaterThanOrEqual(startS - 0.6);
    expect(t).toBeLessThan(startS + 3);
    await page.getByLabel('Rationale').fill('Her boundaries follow the turn taking');
    await panel.getByRole('button', { name: /^Accept / }).first().click();
    await page.getByTestId('rc-decided').waitFor();

    // 2: union
    await items.nth(1).click();
    await page.getByLabel('Rationale').fill('Both stretches are the same episode');
    await panel.getByRole('button', { name: 'Union' }).click();
    await page.getByTestId('rc-decided').waitFor();

    // 3: adjusted boundaries: drag the consensus end handle to the right
    await items.nth(2).click();
    const adjust = panel.getByRole('button', { name: /^Adjusted / });
    const before = await adjust.textContent();
    const handle = page.getByTestId('rc-handle-end');
    const box = (await handle.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 40, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    const after = await adjust.textContent();
    expect(after).not.toBe(before);
    await page.getByLabel('Rationale').fill('The episode ends when Maya sits down');
    await adjust.click();
    await page.getByTestId('rc-decided').waitFor();

    await expect.poll(() => page.getByTestId('rc-progress').textContent()).toBe(`3 of ${total} decided`);
    expect(await page.getByTestId('rc-log-row').count()).toBe(3);
    const consensus = consensusSegments();
    expect(consensus.length).toBeGreaterThanOrEqual(3);
    const adjusted = after!.replace(/^Adjusted /, '');

    // leave and come back: a full reload of the app
    await h.reload();
    await openScreen();
    await expect.poll(() => page.getByTestId('rc-progress').textContent()).toBe(`3 of ${total} decided`);
    const statuses = await page.getByTestId('rc-item').locator('.rc-status').allTextContents();
    expect(statuses.slice(0, 3)).toEqual(['accept', 'union', 'adjust']);
    expect(statuses.slice(3).every((s) => s === 'open')).toBe(true);
    expect(await page.getByTestId('rc-log-row').count()).toBe(3);
    expect(await page.getByTestId('rc-log').textContent()).toContain('The episode ends when Maya sits down');
    expect(consensusSegments()).toEqual(consensus);
    await page.getByTestId('rc-item').nth(2).click();
    expect(await page.getByTestId('rc-decided').textContent()).toContain(`consensus ${adjusted}`);

    // undo the union
    await page.getByTestId('rc-item').nth(1).click();
    await page.getByRole('button', { name: 'Undo decision' }).click();
    await expect.poll(() => page.getByTestId('rc-progress').textContent()).toBe(`2 of ${total} decided`);
    expect(consensusSegments().length).toBe(consensus.length - 1);
    expect(await page.getByTestId('rc-log').locator('.rc-undone').count()).toBe(1);
    await page.getByTestId('rc-item').nth(0).click();
    await page.screenshot({ path: path.join(ARTIFACTS, 'reconcile.png') });
  });
});
