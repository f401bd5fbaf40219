/**
 * Contradictions as one idea (demo project, real video): the demo ships its 12 contradiction
 * codings as relations; coding a marked range with Contradictions › Secondary from the codebook
 * opens the relation form with that range as evidence; saved, it is in the Contradictions tab and
 * in the CHAT diagram of the Themes screen. Clicking a group header never codes.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, startOnCodeScreen, type Harness } from './harness';

let h: Harness;
let page: Page;
const count = (sql: string, ...args: unknown[]) => (h.store.db.prepare(sql).get(...args) as { n: number }).n;
const seek = (ms: number) => page.evaluate((t) => (window as unknown as { __triangulateStore: { getState(): { seek(ms: number): void } } }).__triangulateStore.getState().seek(t), ms);

beforeAll(async () => {
  h = await startOnCodeScreen('amina');
  page = h.page;
});
afterAll(async () => h?.close());

describe('contradictions as one idea', () => {
  it('a group header in the codebook only opens or closes the group', async () => {
    const before = count('SELECT count(*) AS n FROM segments');
    await page.getByTestId('code-Contradictions').click();
    await expect.poll(() => page.getByRole('treeitem', { name: /Contradictions/ }).first().getAttribute('aria-expanded')).toBe('false');
    expect(count('SELECT count(*) AS n FROM segments')).toBe(before);
    await page.getByTestId('code-Contradictions').click();
    await page.getByTestId('code-Secondary').waitFor();
  });

  it('coding a range as Secondary opens the relation form; the relation is in the tab and the diagram', async () => {
    // the demo's 12 relations (assets/demo/contradictions.csv) are listed; nothing left to convert
    await page.getByRole('tab', { name: 'Contradictions' }).click();
    await expect.poll(() => page.getByTestId('contradiction').count()).toBe(12);
    expect(await page.getByTestId('uncovered-codings').count()).toBe(0);
    await page.getByRole('tab', { name: 'Segments' }).click();

    // mark 80–86 s with I and O, then click Contradictions › Secondary in the codebook
    await seek(80_000);
    await page.keyboard.press('i');
    await seek(86_000);
    await page.keyboard.press('o');
    await page.getByTestId('code-Secondary').click();
    const form = page.getByTestId('contradiction-form');
    await form.waitFor();
    expect(await page.getByRole('tab', { name: 'Contradictions' }).getAttribute('aria-selected')).toBe('true');
    expect(await form.getByLabel('Level').inputValue()).toBe('secondary');
    // the new 80–86 s segment is the ticked evidence
    const seg = h.store.db.prepare("SELECT s.id FROM segments s JOIN coders c ON c.id = s.coder_id WHERE c.name = 'amina' AND s.start_ms = 80000 AND s.end_ms = 86000").get() as { id: string };
    expect(seg).toBeDefined();
    await form.getByLabel('Element A').selectOption('rules');
    await form.getByLabel('Element B').selectOption('object');
    await form.getByLabel('Contradiction note').fill('Reviewers\' rules against the coaches\' brief');
    await form.getByRole('button', { name: 'Code contradiction' }).click();
    await expect.poll(() => page.getByTestId('contradiction').count()).toBe(13);
    const item = page.getByTestId('contradiction').filter({ hasText: "Reviewers' rules against the coaches' brief" });
    expect(await item.textContent()).toContain('Rules (Researchers) ↔ Object (Researchers)');
    const row = h.store.db.prepare("SELECT id, level FROM contradictions WHERE note = ?").get("Reviewers' rules against the coaches' brief") as { id: string; level: string };
    expect(row.level).toBe('secondary');
    expect(h.store.db.prepare('SELECT segment_id FROM contradiction_evidence WHERE contradiction_id = ?').all(row.id)).toEqual([{ segment_id: seg.id }]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'contradiction-from-codebook.png') });

    // Themes: Researchers rules ↔ object had 4 relations in the demo (ben 22.5 s, chen 32.5 s and
    // ben 102 s secondary; chen 102 s tertiary); now 5 (4 secondary, 1 tertiary)
    await page.getByRole('button', { name: 'Themes & exports' }).click();
    await page.getByTestId('chat-diagram').waitFor();
    const labels = await page.getByTestId('diagram-link').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    const link = labels.find((l) => /Researchers · Rules ↔ Researchers · Object|Researchers · Object ↔ Researchers · Rules/.test(l));
    expect(link).toMatch(/^5 contradictions: .*\(4 secondary, 1 tertiary\)$/);
    await page.locator('.th-diagram').scrollIntoViewIfNeeded();
    await page.locator('.th-diagram').screenshot({ path: path.join(ARTIFACTS, 'contradiction-diagram.png') });
  });
});
