/**
 * The Study settings screen in web mode on the demo project: add coders "Ana" and "Ben" and a
 * third activity system "School leaders", then code one of its elements with its hotkey on the
 * Code screen: the segment is in the file, in the segment list and on the system's timeline
 * lane. Marking a coder as not coding hides them from the coder picker. Screenshot of the screen.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, chooseCoder, startHarness, waitForVideo, type Harness } from './harness';

let h: Harness;
let page: Page;

interface Tl {
  rowClientY(key: string): number;
  rows(): { key: string; label: string; kind: string; codeId: string | null; coderId: string | null }[];
  model(): { lanes: { rows: { key: string }[] }; tracks: ({ items: { id: string; startMs: number; endMs: number }[] } | undefined)[] };
}
const tl = <T>(fn: (t: Tl) => T): Promise<T> => page.evaluate(`(${fn.toString()})(window.__timeline)`) as Promise<T>;

beforeAll(async () => {
  h = await startHarness();
  page = h.page;
  await chooseCoder(page, 'amina');
  await waitForVideo(page);
});
afterAll(async () => {
  await h?.close();
});

describe('Study settings', () => {
  it('adds coders Ana and Ben and a third activity system (screenshot)', async () => {
    await page.getByRole('button', { name: 'Study settings', exact: true }).click();
    await page.getByTestId('settings-view').waitFor();
    // the demo already has a coder "ben": the new Ben is another person, shown as "Ben (2)"
    for (const [name, label] of [['Ana', 'Ana'], ['Ben', 'Ben (2)']]) {
      await page.getByLabel('New coder').fill(name!);
      await page.getByRole('button', { name: 'Add coder', exact: true }).click();
      await page.getByTestId(`settings-coder-${label}`).waitFor();
    }
    await page.getByLabel('New activity system').fill('School leaders');
    await page.getByRole('button', { name: 'Add system', exact: true }).click();
    await page.getByTestId('system-School leaders').waitFor();
    // in the file: two coders more, a third system with its seven element codes on 9 0 b d f g h
    const coders = h.store.db.prepare("SELECT name FROM coders WHERE name IN ('Ana','Ben') ORDER BY name").all();
    expect(coders).toEqual([{ name: 'Ana' }, { name: 'Ben' }]);
    const keys = h.store.db.prepare(`SELECT c.hotkey FROM codes c JOIN activity_systems s ON s.id = c.system_id
      WHERE s.name = 'School leaders' AND c.kind = 'element' ORDER BY c.sort_order`).all();
    expect(keys.map((k) => (k as { hotkey: string }).hotkey)).toEqual(['9', '0', 'b', 'd', 'f', 'g', 'h']);
    await expect(page.getByTestId('system-School leaders').textContent()).resolves.toContain('keys 9 0 b d f g h');
    await page.screenshot({ path: path.join(ARTIFACTS, 'study-settings.png'), fullPage: true });
  });

  it('codes the new system\'s Tools with its hotkey as Ana: in the file, the segment list and its timeline lane', async () => {
    await page.getByTestId('current-coder').click();
    await chooseCoder(page, 'Ana');
    await page.getByRole('button', { name: 'Code', exact: true }).click();
    await waitForVideo(page);
    await page.evaluate(() => (window as unknown as { __triangulatePlayer: { currentTime(t: number): void } }).__triangulatePlayer.currentTime(10));
    await page.waitForFunction(() => Math.abs((document.querySelector('video') as HTMLVideoElement).currentTime - 10) < 0.01);
    await page.keyboard.press('i');
    await page.evaluate(() => (window as unknown as { __triangulatePlayer: { currentTime(t: number): void } }).__triangulatePlayer.currentTime(14));
    await page.waitForFunction(() => Math.abs((document.querySelector('video') as HTMLVideoElement).currentTime - 14) < 0.01);
    await page.keyboard.press('o');
    await page.keyboard.press('b'); // School leaders › Tools
    await page.getByTestId('save-status').filter({ hasText: 'Saved' }).waitFor();
    const rows = h.store.db.prepare(`SELECT s.id, s.start_ms, s.end_ms, c.name AS code, sy.name AS system, k.name AS coder FROM segments s
      JOIN segment_codes sc ON sc.segment_id = s.id JOIN codes c ON c.id = sc.code_id JOIN activity_systems sy ON sy.id = c.system_id
      JOIN coders k ON k.id = s.coder_id WHERE k.name = 'Ana'`).all() as { id: string; start_ms: number; end_ms: number; code: string; system: string; coder: string }[];
    expect(rows.map(({ id: _id, ...r }) => r)).toEqual([{ start_ms: 10_000, end_ms: 14_000, code: 'Tools', system: 'School leaders', coder: 'Ana' }]);
    const segId = rows[0]!.id;
    // the segment list shows it with its code
    await expect.poll(() => page.getByTestId('segment-row').filter({ hasText: '0:00:10.000–0:00:14.000' }).filter({ hasText: 'Tools' }).count()).toBe(1);
    // the timeline has Ana's School leaders lanes, and the segment sits on the Tools lane
    const toolsCode = (h.store.db.prepare(`SELECT c.id FROM codes c JOIN activity_systems s ON s.id = c.system_id WHERE s.name = 'School leaders' AND c.element = 'tools'`).get() as { id: string }).id;
    const anaId = (h.store.db.prepare("SELECT id FROM coders WHERE name = 'Ana'").get() as { id: string }).id;
    const onLane = await tl((t) => {
      const m = t.model();
      return m.lanes.rows.map((r, i) => ({ key: r.key, ids: (m.tracks[i]?.items ?? []).map((x) => x.id) }));
    });
    const lane = onLane.find((r) => r.key === `track:${anaId}:${toolsCode}`);
    expect(lane?.ids).toEqual([segId]);
    const systems = (await tl((t) => t.rows())).filter((r) => r.kind === 'system' && r.coderId === anaId).map((r) => r.label);
    expect(systems).toEqual(['Researchers', 'Practitioners', 'School leaders']);
    // collapse Ana's first two systems (click their labels) so the new one shows with its segment
    const left = (await page.getByTestId('timeline-canvas').boundingBox())!.x + 30;
    for (const sys of (await tl((t) => t.rows())).filter((r) => r.kind === 'system' && r.coderId === anaId).slice(0, 2).map((r) => r.key)) {
      await page.mouse.click(left, await tl(new Function('t', `return t.rowClientY(${JSON.stringify(sys)})`) as (t: Tl) => number));
    }
    await expect.poll(async () => (await tl((t) => t.rows())).filter((r) => r.kind === 'track' && r.coderId === anaId).length).toBe(7 + 2);
    await page.waitForTimeout(200);
    await page.getByTestId('timeline').screenshot({ path: path.join(ARTIFACTS, 'study-settings-timeline.png') });
  });

  it('a coder marked as not coding is left out of the coder picker until asked for', async () => {
    await page.getByRole('button', { name: 'Study settings', exact: true }).click();
    await page.getByTestId('settings-coder-Ben (2)').getByRole('checkbox').uncheck();
    await page.getByTestId('save-status').filter({ hasText: 'Saved' }).waitFor();
    expect(h.store.db.prepare("SELECT active FROM coders WHERE name = 'Ben'").get()).toEqual({ active: 0 });
    await page.getByTestId('current-coder').click();
    await page.getByRole('dialog', { name: 'Who is coding?' }).waitFor();
    await expect(page.getByTestId('coder-Ben (2)').count()).resolves.toBe(0);
    await page.getByLabel(/Show 1 coder not coding any more/).check();
    await page.getByTestId('coder-Ben (2)').waitFor();
    await chooseCoder(page, 'Ana');
  });

  it('exports and imports the codebook through the in-app file browser; replacing a file asks first; an invalid .qdc changes nothing', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triangulate-qdc-e2e-'));
    try {
      await page.getByRole('button', { name: 'Study settings', exact: true }).click();
      const browse = async (button: string, folder: string) => {
        await page.getByTestId(button).click();
        await page.getByTestId('file-browser').waitFor();
        // the first (home) listing is shown before typing: a fill between its check and its render appends to it
        await expect.poll(() => page.getByTestId('fb-path').inputValue()).not.toBe('');
        await page.getByTestId('fb-path').fill(folder); // the path box takes a typed/pasted folder
        await page.getByTestId('fb-path').press('Enter');
        await expect.poll(() => page.getByTestId('fb-path').inputValue()).toBe(folder);
      };
      const file = path.join(dir, 'codebook.qdc');
      await browse('qdc-export', dir);
      await page.getByTestId('fb-choose').click(); // default name codebook.qdc
      await expect.poll(() => page.getByTestId('qdc-message').textContent()).toContain(`Wrote ${file}`);
      const first = fs.readFileSync(file, 'utf8');
      expect(first).toContain('urn:QDA-XML:codebook:1.0');
      // again onto the same name: the browser asks before replacing it, and Cancel leaves it alone
      fs.writeFileSync(file, 'keep me');
      await browse('qdc-export', dir);
      await page.getByTestId('fb-choose').click();
      await expect.poll(() => page.getByTestId('fb-replace').textContent()).toContain('codebook.qdc already exists');
      await page.getByRole('button', { name: 'Cancel' }).click();
      expect(fs.readFileSync(file, 'utf8')).toBe('keep me');
      await browse('qdc-export', dir);
      await page.getByTestId('fb-choose').click();
      await page.getByRole('button', { name: 'Replace' }).click();
      await expect.poll(() => fs.readFileSync(file, 'utf8')).toBe(first);
      // a .qdc that parses but is not valid against Codebook.xsd (a guid that is not a GUID): one line, nothing changed
      const codes = () => h.store.db.prepare('SELECT COUNT(*) AS n FROM codes').get();
      const before = codes();
      fs.writeFileSync(path.join(dir, 'bad.qdc'), '<?xml version="1.0" encoding="utf-8"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="x"><Codes><Code guid="not-a-guid" name="Rogue" isCodable="true"/></Codes></CodeBook>');
      await browse('qdc-import', dir);
      await page.getByTestId('fb-entry-bad.qdc').dblclick();
      await expect.poll(() => page.getByTestId('banner').textContent()).toContain('nothing was imported');
      expect(await page.getByTestId('banner').textContent()).toContain('bad.qdc');
      await expect(page.getByTestId('qdc-preview').count()).resolves.toBe(0);
      expect(codes()).toEqual(before);
      // the exported one previews as nothing new
      await browse('qdc-import', dir);
      await page.getByTestId('fb-entry-codebook.qdc').dblclick();
      await expect.poll(() => page.getByTestId('qdc-preview').textContent()).toContain('0 new code(s)');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
