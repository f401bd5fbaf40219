/**
 * Keyboard and assistive technology on the demo: the "Who is coding?" dialog (focus, role, name,
 * Tab trap, Escape only when it can be cancelled, focus back), the consensus handles moved with
 * arrow keys, a theme built with the keyboard only, and axe-core on every screen (no serious or
 * critical violations).
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, axeViolations, startHarness, waitForVideo, type Harness } from './harness';

let h: Harness;
let page: Page;
/** Serious or critical axe-core violations on the page as it is. */
const seriousViolations = () => axeViolations(page);

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
  for (const screen of ['Code', 'Agreement', 'Merge & reconcile', 'Themes & exports', 'Compare', 'Import / export', 'Study settings']) {
    it(`on the ${screen} screen`, async () => {
      await page.getByRole('button', { name: screen, exact: true }).click();
      await page.waitForTimeout(800);
      if (screen === 'Code') await waitForVideo(page);
      expect(await seriousViolations()).toEqual([]);
    });
  }
});

describe('keyboard only', () => {
  it('adjusts a consensus range with the arrow keys and decides it', async () => {
    await page.getByRole('button', { name: 'Merge & reconcile', exact: true }).click();
    const items = page.getByTestId('rc-item');
    await items.first().waitFor();
    await items.first().focus();
    await page.keyboard.press('Enter');
    const end = page.getByTestId('rc-handle-end');
    await end.waitFor();
    expect(await end.getAttribute('role')).toBe('slider');
    expect(await end.getAttribute('aria-label')).toBe('Consensus end');
    const v0 = Number(await end.getAttribute('aria-valuenow'));
    const frameMs = await page.evaluate(() => (window as unknown as { __triangulateStore: { getState(): { frameMs(): number } } }).__triangulateStore.getState().frameMs());
    expect(frameMs).toBe(40); // the demo video is 25 fps
    await end.focus();
    await page.keyboard.press('ArrowRight'); // +1 frame
    await page.keyboard.press('ArrowRight'); // +1 frame
    await page.keyboard.press('Shift+ArrowRight'); // +1 s
    await page.keyboard.press('ArrowLeft'); // −1 frame
    await expect.poll(async () => Number(await end.getAttribute('aria-valuenow'))).toBe(v0 + 40 + 40 + 1000 - 40);
    // the start handle moves the other way; the video did not jump (arrows belong to the slider)
    const start = page.getByTestId('rc-handle-start');
    const s0 = Number(await start.getAttribute('aria-valuenow'));
    const t0 = await page.evaluate(() => (document.querySelector('video') as HTMLVideoElement).currentTime);
    await start.focus();
    await page.keyboard.press('Shift+ArrowLeft');
    await expect.poll(async () => Number(await start.getAttribute('aria-valuenow'))).toBe(Math.max(0, s0 - 1000));
    expect(await page.evaluate(() => (document.querySelector('video') as HTMLVideoElement).currentTime)).toBe(t0);
    // decide with the keyboard: Tab to the rationale, type, then the "Adjusted" button
    const panel = page.getByTestId('rc-item-panel');
    await panel.getByLabel('Rationale').focus();
    await page.keyboard.type('Keyboard adjusted');
    await panel.getByRole('button', { name: /^Adjusted / }).focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('rc-decided').waitFor();
    const row = h.store.db.prepare("SELECT s.start_ms AS s, s.end_ms AS e FROM segments s JOIN coders c ON c.id = s.coder_id WHERE c.is_consensus = 1").all() as { s: number; e: number }[];
    expect(row).toContainEqual({ s: Math.max(0, s0 - 1000), e: v0 + 1040 });
    expect(await seriousViolations()).toEqual([]);
  });

  it('builds a theme with the keyboard: Enter adds codebook codes to the focused theme, Shift+arrows move them', async () => {
    await page.getByRole('button', { name: 'Themes & exports', exact: true }).click();
    const name = page.getByRole('textbox', { name: 'New theme name' });
    for (const t of ['Brief ownership', 'Tool use']) {
      await name.focus();
      await page.keyboard.type(t);
      await page.keyboard.press('Enter');
      await page.getByRole('region', { name: `Theme ${t}` }).waitFor();
    }
    const themeCodes = (t: string) => h.store.db.prepare('SELECT c.name FROM theme_codes tc JOIN themes t ON t.id = tc.theme_id JOIN codes c ON c.id = tc.code_id WHERE t.name = ? ORDER BY tc.sort_order').all(t).map((r) => (r as { name: string }).name);
    // focus the first theme (its first button), then go to the codebook: Enter adds there
    await page.getByRole('button', { name: 'Edit Brief ownership' }).focus();
    const source = page.getByTestId('theme-source-Shared object');
    await source.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => themeCodes('Brief ownership')).toEqual(['Shared object']);
    await page.keyboard.press('ArrowUp'); // the code above in the list: Researchers › Outcome … Practitioners › Outcome
    await page.keyboard.press('Enter');
    await expect.poll(() => themeCodes('Brief ownership')).toHaveLength(2);
    const second = themeCodes('Brief ownership')[1]!;
    // now the second theme is the target
    await page.getByRole('button', { name: 'Edit Tool use' }).focus();
    await page.getByTestId('theme-source-Challenge').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => themeCodes('Tool use')).toEqual(['Challenge']);
    // in the first card: Shift+↑ moves the second code up, Shift+→ moves it to "Tool use"
    const card = page.getByRole('region', { name: 'Theme Brief ownership' });
    await card.locator('li.th-card-code').nth(1).focus();
    await page.keyboard.press('Shift+ArrowUp');
    await expect.poll(() => themeCodes('Brief ownership')).toEqual([second, 'Shared object']);
    await expect.poll(async () => (await active()).label).toContain(second);
    await page.keyboard.press('Shift+ArrowRight');
    await expect.poll(() => themeCodes('Tool use')).toEqual(['Challenge', second]);
    await expect.poll(() => themeCodes('Brief ownership')).toEqual(['Shared object']);
    await page.screenshot({ path: path.join(ARTIFACTS, 'a11y-themes-keyboard.png') });
    expect(await seriousViolations()).toEqual([]);
  });
});

describe('axe-core on the start screen (last: it closes the study)', () => {
  it('finds no serious or critical violations on the start screen', async () => {
    await page.getByTestId('study-menu').click();
    await page.getByTestId('cmd-closeStudy').click();
    await page.getByTestId('start-screen').waitFor();
    expect(await seriousViolations()).toEqual([]);
  });
});
