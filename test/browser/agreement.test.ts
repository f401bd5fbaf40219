/**
 * The agreement dashboard on the demo project: the numbers shown equal the CLI's numbers for the
 * same selection on the same project file; clicking a disagreement seeks the video there.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, agreementJson, chooseCoder, startHarness, videoTime, waitForVideo, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await chooseCoder(h.page, 'amina');
});
afterAll(async () => {
  await h?.close();
});

const MEASURES = ['percentAgreement', 'cohensKappa', 'fleissKappa', 'krippendorffAlpha', 'positiveAgreement'] as const;
const shown = (v: number | null) => (v === null ? '—' : v.toFixed(3) === '-0.000' ? '0.000' : v.toFixed(3));

const cliJson = (args: string[]) => agreementJson(h.projectFile, args);

describe('agreement dashboard', () => {
  it('shows the CLI numbers for the same selection', async () => {
    const page = h.page;
    await page.getByRole('button', { name: 'Agreement', exact: true }).click();
    await page.getByTestId('agreement-view').waitFor();
    await waitForVideo(page);
    // Default selection first: the three coders, the codes they used, 1 s units.
    await page.getByTestId('ag-summary').filter({ hasText: '3 coders' }).waitFor();
    const defaults = await cliJson([]);
    expect(await page.getByTestId('ag-cell:overall:fleissKappa').textContent()).toBe(shown(defaults.overall.fleissKappa));
    expect(await page.getByTestId('ag-cell:overall:cohensKappa').textContent()).toBe('—');

    // Now a selection: amina and ben, every Researchers code (used or not), 0.5 s, uncoded excluded.
    await page.getByTestId('ag-coder-chen').uncheck();
    await page.getByTestId('ag-unit').selectOption('500');
    await page.getByTestId('ag-exclude-uncoded').check();
    await page.getByRole('button', { name: 'None shown' }).click();
    await page.getByTestId('ag-code-filter').fill('Researchers');
    await page.getByRole('button', { name: 'All shown' }).click();
    await page.getByTestId('ag-code-filter').fill('');
    await page.getByTestId('ag-summary').filter({ hasText: '2 coders (amina, ben) · 8 codes · 0.5 s units' }).filter({ hasText: 'excluded' }).waitFor();

    // the per-code results table (the first): the demo's contradiction relations add a contradiction agreement table below
    const codes = await page.locator('.ag-table').first().locator('tbody th.code').evaluateAll((els) => els.map((e) => e.getAttribute('title')!));
    expect(codes).toEqual(['Researchers', 'Researchers/Subject', 'Researchers/Object', 'Researchers/Tools', 'Researchers/Rules', 'Researchers/Community', 'Researchers/Division of labour', 'Researchers/Outcome']);
    const cli = await cliJson(['--coders', 'amina,ben', '--codes', codes.join(','), '--unit', '0.5', '--exclude-uncoded']);
    expect(cli.codes.map((c: { code: string }) => c.code)).toEqual(codes);
    let compared = 0;
    for (const c of cli.codes) {
      for (const m of MEASURES) {
        expect(await page.getByTestId(`ag-cell:${c.code}:${m}`).textContent(), `${c.code} ${m}`).toBe(shown(c[m]));
        compared++;
      }
    }
    for (const m of MEASURES) expect(await page.getByTestId(`ag-cell:overall:${m}`).textContent(), `overall ${m}`).toBe(shown(cli.overall[m]));
    expect(await page.getByTestId('ag-cell:overall:meanPairwiseCohensKappa').textContent()).toBe(shown(cli.overall.meanPairwiseCohensKappa));
    expect(compared).toBe(40);
    // The never-applied group code: undefined statistics show "—" with the reason on hover.
    const undefinedCell = page.getByTestId('ag-cell:Researchers:cohensKappa');
    expect(await undefinedCell.textContent()).toBe('—');
    expect(await undefinedCell.getAttribute('title')).toMatch(/applied/);
    // Some real numbers are compared, not only dashes.
    expect(cli.overall.cohensKappa).not.toBeNull();
    // The heatmap shows the same pairwise kappa.
    expect(await page.getByTestId('ag-heat:amina:ben').textContent()).toBe(shown(cli.pairs[0].cohensKappa));
  });

  it('seeks the video to a disagreement when it is clicked', async () => {
    const page = h.page;
    const ranges = page.locator('.ag-timeline rect.range:not(.point)');
    expect(await ranges.count()).toBeGreaterThan(1);
    // a range that does not start at 0, so the seek is visible
    const starts = await ranges.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-start-ms'))));
    const i = starts.findIndex((s) => s > 20_000);
    expect(i).toBeGreaterThanOrEqual(0);
    await ranges.nth(i).click();
    await page.waitForFunction((t) => Math.abs((document.querySelector('video') as HTMLVideoElement).currentTime - t) < 0.04, starts[i]! / 1000);
    expect(Math.abs((await videoTime(page)) - starts[i]! / 1000)).toBeLessThan(0.04);
    await page.screenshot({ path: path.join(ARTIFACTS, 'agreement-dashboard.png') });
  });

  it('shows "Computing…" only when an answer takes over 200 ms', async () => {
    const page = h.page;
    // A fast answer (the demo computes in a few ms): no indicator ever appears.
    let seen = false;
    await page.exposeFunction('agBusySeen', () => (seen = true));
    await page.evaluate(() => {
      new MutationObserver(() => {
        if (document.querySelector('[data-testid="ag-busy"]')) (window as unknown as { agBusySeen: () => void }).agBusySeen();
      }).observe(document.body, { childList: true, subtree: true });
    });
    await page.getByTestId('ag-unit').selectOption('1000');
    await page.getByTestId('ag-summary').filter({ hasText: '1 s units' }).waitFor();
    expect(seen).toBe(false);
    // A slow answer (held back 700 ms on the wire): the indicator shows, then goes.
    await page.route('**/api/agreementCompute', async (route) => {
      await new Promise((r) => setTimeout(r, 700));
      await route.continue();
    });
    await page.getByTestId('ag-unit').selectOption('2000');
    await page.getByTestId('ag-busy').waitFor({ state: 'visible' });
    await page.getByTestId('ag-summary').filter({ hasText: '2 s units' }).waitFor();
    await page.getByTestId('ag-busy').waitFor({ state: 'detached' });
    await page.unroute('**/api/agreementCompute');
  });

  it("shows Mathet's γ equal to the CLI's JSON for the same selection, and draws the best alignment", async () => {
    const page = h.page;
    // The selection left by the tests above: amina and ben, the Researchers codes.
    await page.getByTestId('ag-summary').filter({ hasText: '2 coders (amina, ben)' }).waitFor();
    const codes = await page.locator('.ag-table').first().locator('tbody th.code').evaluateAll((els) => els.map((e) => e.getAttribute('title')!));
    await page.getByTestId('ag-gamma-compute').click();
    await page.getByTestId('ag-gamma-value').waitFor({ timeout: 60_000 });
    const cli = (await cliJson(['--coders', 'amina,ben', '--codes', codes.join(','), '--gamma'])).gamma;
    expect(await page.getByTestId('ag-gamma-value').textContent()).toBe(shown(cli.gamma));
    expect(await page.getByTestId('ag-gamma-cat').textContent()).toBe(shown(cli.gammaCat));
    for (const [k, v] of Object.entries(cli.gammaK as Record<string, number | null>)) {
      expect(await page.getByTestId(`ag-gamma-k-${k}`).textContent(), k).toBe(shown(v));
    }
    expect(await page.getByTestId('ag-gamma').textContent()).toContain(`over ${cli.unitaryAlignments} unitary alignments`);
    expect(await page.getByTestId('ag-gamma-command').textContent()).toContain('--gamma --gamma-sampler statistical --seed 1 --precision 0.05');
    // Every unit is drawn; each unitary alignment of two units is one link.
    const units = await page.getByTestId('ag-align-unit').count();
    const links = await page.getByTestId('ag-align-link').count();
    expect(units).toBeGreaterThan(0);
    expect(links).toBeGreaterThan(0);
    expect(units - links).toBe(cli.unitaryAlignments); // two coders: pairs + singles = alignments
    await page.getByTestId('ag-alignment').scrollIntoViewIfNeeded();
    await page.getByTestId('ag-gamma').screenshot({ path: path.join(ARTIFACTS, 'agreement-gamma-alignment.png') });
  });
});
