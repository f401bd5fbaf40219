/**
 * Keyboard and assistive technology on the demo: the "Who is coding?" dialog (focus, role, name,
 * Tab trap, Escape only when it can be cancelled, focus back), the consensus handles moved with
 * arrow keys, a theme built with the keyboard only, and axe-core on every screen (no serious or
 * critical violations).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, startHarness, waitForVideo, type Harness } from './harness';

let h: Harness;
let page: Page;
const AXE = fs.readFileSync(path.resolve(__dirname, '../../node_modules/axe-core/axe.min.js'), 'utf8');

/** Runs axe-core in the page (evaluated over the DevTools protocol, so the app's CSP allows it). */
async function seriousViolations(): Promise<string[]> {
  await page.evaluate(AXE);
  const result = (await page.evaluate(() => (window as unknown as { axe: { run(o: unknown): Promise<unknown> } }).axe.run({ resultTypes: ['violations'] }))) as {
    violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[];
  };
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.length}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')})`);
}

const active = () => page.evaluate(() => {
  const a = document.activeElement as HTMLElement | null;
  return { inDialog: !!a?.closest('[role="dialog"]'), label: a?.getAttribute('aria-label') ?? a?.textContent?.trim() ?? '', testid: a?.getAttribute('data-testid') ?? '' };
});

beforeAll(async () => {
  h = await startHarness();
  page = h.page;
});
afterAll(async () => h?.close());

describe('the "Who is coding?" dialog', () => {
  it('takes focus, is a named modal dialog, keeps Tab inside and cannot be dismissed before a coder is chosen', async () => {
    const dialog = page.getByRole('dialog', { name: 'Who is coding?' });
    await dialog.waitFor();
    expect(await dialog.getAttribute('aria-modal')).toBe('true');
    await expect.poll(async () => (await active()).inDialog).toBe(true);
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press(i % 3 === 2 ? 'Shift+Tab' : 'Tab');
      expect((await active()).inDialog, `after Tab #${i + 1}`).toBe(true);
    }
    expect(await seriousViolations()).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'a11y-coder-dialog.png') });
    await page.keyboard.press('Escape');
    await expect(dialog.isVisible()).resolves.toBe(true); // nobody chosen yet: it stays
    // choose amina with the keyboard
    await page.getByTestId('coder-amina').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('current-coder').filter({ hasText: 'amina' }).waitFor();
    await dialog.waitFor({ state: 'detached' });
  });

  it('opened from the top bar, Escape cancels it and gives the focus back', async () => {
    await page.getByTestId('current-coder').focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Who is coding?' });
    await dialog.waitFor();
    await expect.poll(async () => (await active()).inDialog).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect(page.getByTestId('current-coder').textContent()).resolves.toContain('amina');
    expect((await active()).testid).toBe('current-coder');
    // and its Cancel button does the same
    await page.getByTestId('current-coder').click();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect(page.getByTestId('current-coder').textContent()).resolves.toContain('amina');
  });

  it('the key map is a dialog that traps focus and closes with Escape', async () => {
    await page.getByTestId('open-keymap').click();
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    expect(await dialog.getAttribute('aria-modal')).toBe('true');
    for (let i = 0; i < 5; i++) await page.keyboard.press('Shift+Tab');
    expect((await active()).inDialog).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });
});

describe('axe-core finds no serious or critical violations', () => {
  for (const screen of ['Code', 'Agreement', 'Merge & reconcile', 'Themes & exports', 'Import / export']) {
    it(`on the ${screen} screen`, async () => {
      await page.getByRole('button', { name: screen, exact: true }).click();
      await page.waitForTimeout(800);
      if (screen === 'Code') await waitForVideo(page);
      expect(await seriousViolations()).toEqual([]);
    });
  }
});
