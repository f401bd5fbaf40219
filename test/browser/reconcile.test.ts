/**
 * Merge & reconcile in the real renderer: the demo's three coders each get a coder file (via the
 * ops), a lead project of the same codebook lineage without segments merges them through the
 * screen's form, then three disagreements are decided three ways (accept one reading, union,
 * adjusted boundaries by dragging the consensus handle); after a reload the decisions and the
 * consensus segments are still there; one is undone. One undo history across screens: a segment
 * coded on the Code screen and a decision made here are undone by Ctrl+Z in reverse order (each
 * named in the top bar before and in the banner after) and redone; "Accept N agreed ranges"
 * previews what it writes and is one undo step.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProjectStore } from '../../src/main/db/store';
import { createCoderFile } from '../../src/main/features/merge/coderFile';
import { writeDemoProject } from '../../src/main/features/studies/demo';
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

/** On the Code screen: mark 100–106 s with I and O and code it Researchers › Tools (hotkey 3). */
async function codeToolsFrom100To106s() {
  const page = h.page;
    await page.evaluate(() => (window as unknown as { __triangulateStore: { getState(): { seek(ms: number): void } } }).__triangulateStore.getState().seek(100_000));
    await page.waitForFunction(() => Math.abs((document.querySelector('video') as HTMLVideoElement).currentTime - 100) < 0.01);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('i');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => Math.abs((document.querySelector('video') as HTMLVideoElement).currentTime - 106) < 0.01);
    await page.keyboard.press('o');
    await page.keyboard.press('3');
}

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
    // the first (home) listing is shown before typing: a fill between its check and its render appends to it
    await expect.poll(() => page.getByTestId('fb-path').inputValue()).not.toBe('');
    await page.getByTestId('fb-path').fill(work); // the path box takes a typed/pasted folder
    await page.getByTestId('fb-path').press('Enter');
    for (const f of files) await page.getByTestId(`fb-entry-${path.basename(f)}`).click();
    await page.getByTestId('fb-choose').click();
    expect(await page.getByLabel('Coder files to merge').locator('li').allTextContents()).toEqual(files);
    await page.getByRole('button', { name: 'Merge 3 files…' }).click();
    // a merge cannot be undone: the form says so and asks again before it runs
    await page.getByText('A merge cannot be undone (Ctrl+Z stops at it).').waitFor();
    expect(h.store.countSegments()).toBe(0);
    await page.getByRole('button', { name: 'Merge, not undoable' }).click();
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

  it('one history across screens: Ctrl+Z undoes the decision, then the segment coded on the Code screen; redo puts both back', async () => {
    const page = h.page;
    const undoTitle = () => page.getByTestId('undo').getAttribute('title');
    const banner = () => page.getByTestId('banner').textContent();
    const countAll = () => h.store.countSegments();

    // code a segment on the Code screen (I, +6 s, O, hotkey 3 = Researchers › Tools)
    await page.getByRole('button', { name: 'Code', exact: true }).click();
    await waitForVideo(page);
    const start = countAll();
    await codeToolsFrom100To106s();
    await expect.poll(countAll).toBe(start + 1);
    await expect.poll(undoTitle).toBe('Undo Create segment (Ctrl/Cmd+Z)');

    // make a decision on Merge & reconcile
    await openScreen();
    const open = page.getByTestId('rc-item').filter({ has: page.locator('.rc-status', { hasText: 'open' }) });
    await open.first().click();
    const panel = page.getByTestId('rc-item-panel');
    const itemTime = (await panel.locator('.rc-item-time').first().textContent())!;
    await page.getByLabel('Rationale').fill('both readings hold');
    await panel.getByRole('button', { name: 'Union' }).click();
    await page.getByTestId('rc-decided').waitFor();
    const decided = (await page.getByTestId('rc-progress').textContent())!;
    const withDecision = countAll();
    expect(withDecision).toBeGreaterThan(start + 1); // the union's consensus segment(s)
    // the top bar names the step Ctrl+Z will undo
    await expect.poll(undoTitle).toMatch(/^Undo Reconcile union: .+ \(Ctrl\/Cmd\+Z\)$/);
    const label = (await undoTitle())!.replace(/^Undo /, '').replace(/ \(Ctrl\/Cmd\+Z\)$/, '');
    expect(itemTime.length).toBeGreaterThan(0);

    // Ctrl+Z (focus out of the rationale field): the decision goes, the coded segment stays
    await page.locator('.rc-selection').click({ position: { x: 2, y: 2 } });
    await page.keyboard.press('Control+z');
    await expect.poll(banner).toContain(`Undone: ${label}`);
    await expect.poll(countAll).toBe(start + 1);
    await expect.poll(() => page.getByTestId('rc-progress').textContent()).not.toBe(decided);
    await expect.poll(undoTitle).toBe('Undo Create segment (Ctrl/Cmd+Z)');
    await page.screenshot({ path: path.join(ARTIFACTS, 'reconcile-undo-decision.png') });

    // Ctrl+Z again, still on this screen: the segment coded on the Code screen goes
    await page.keyboard.press('Control+z');
    await expect.poll(banner).toContain('Undone: Create segment');
    await expect.poll(countAll).toBe(start);

    // redo both, the second from the top bar's button
    await page.keyboard.press('Control+Shift+Z');
    await expect.poll(banner).toContain('Redone: Create segment');
    await expect.poll(countAll).toBe(start + 1);
    await page.getByTestId('redo').click();
    await expect.poll(banner).toContain(`Redone: ${label}`);
    await expect.poll(countAll).toBe(withDecision);
    await expect.poll(() => page.getByTestId('rc-progress').textContent()).toBe(decided);
  });

  it('"Accept N agreed ranges" previews what it writes, writes it on confirmation, and one Ctrl+Z takes all N back', async () => {
    const page = h.page;
    const bulk = page.getByTestId('rc-bulk');
    const n = Number(/Accept (\d+) agreed/.exec((await bulk.textContent())!)![1]);
    expect(n).toBeGreaterThan(1);
    const before = consensusSegments().length;
    await bulk.click();
    const preview = page.getByTestId('rc-bulk-preview');
    await preview.waitFor();
    expect(await preview.getByTestId('rc-bulk-line').count()).toBe(n);
    expect(await preview.getByTestId('rc-bulk-line').first().textContent()).toMatch(/ → consensus \d:\d\d:\d\d\.\d{3}/);
    expect(consensusSegments().length).toBe(before); // nothing written yet
    await page.screenshot({ path: path.join(ARTIFACTS, 'reconcile-bulk-preview.png') });
    await preview.getByTestId('rc-bulk-confirm').click();
    await expect.poll(() => consensusSegments().length).toBeGreaterThanOrEqual(before + n);
    await expect.poll(() => page.getByTestId('undo').getAttribute('title')).toBe(`Undo Accept ${n} agreed ranges (Ctrl/Cmd+Z)`);
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.getByTestId('banner').textContent()).toContain(`Undone: Accept ${n} agreed ranges`);
    await expect.poll(() => consensusSegments().length).toBe(before);
    await expect.poll(() => bulk.textContent()).toContain(`Accept ${n} agreed range`);
  });
});

describe('an identical segment', () => {
  it('is not added again: the banner says so and offers "Add anyway"', async () => {
    const page = h.page;
    await page.getByRole('button', { name: 'Code', exact: true }).click();
    await waitForVideo(page);
    // amina's Researchers › Tools segment at 100–106 s from the undo test above is there (redone)
    const count = () => h.store.countSegments();
    const before = count();
    await codeToolsFrom100To106s();
    const banner = page.getByTestId('banner');
    await expect.poll(() => banner.textContent()).toContain('amina already has this segment (Researchers/Tools, 0:01:40.000–0:01:46.000): not added again');
    expect(count()).toBe(before);
    await page.screenshot({ path: path.join(ARTIFACTS, 'identical-segment.png') });
    await banner.getByRole('button', { name: 'Add anyway' }).click();
    await expect.poll(count).toBe(before + 1);
  });
});
