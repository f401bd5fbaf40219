/**
 * The Agreement screen's additions of issue 15 on the demo project, checked against the CLI's
 * JSON for the same project file: uα per code and overall, agreement on contradictions, and the
 * Reliability report button (its Markdown holds the CLI's numbers in APA format).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apa } from '../../src/shared/agreement';
import { ARTIFACTS, agreementJson, chooseCoder, startHarness, waitForVideo, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  // Contradictions of two coders: the same secondary tension on overlapping evidence, and one only amina saw.
  const s = h.store;
  const [R] = s.listSystems();
  const coder = (n: string) => s.listCoders().find((c) => c.name === n)!.id;
  const segOf = (n: string, i: number) => s.listSegments().filter((x) => x.coderId === coder(n)).sort((a, b) => a.startMs - b.startMs)[i]!;
  const a0 = segOf('amina', 0);
  const b0 = s.listSegments().filter((x) => x.coderId === coder('ben')).find((x) => x.startMs < a0.endMs && a0.startMs < x.endMs && Math.min(x.endMs, a0.endMs) - Math.max(x.startMs, a0.startMs) >= 0.5 * Math.min(x.endMs - x.startMs, a0.endMs - a0.startMs))!;
  expect(b0).toBeDefined();
  s.insertContradiction({ coderId: coder('amina'), level: 'secondary', elementA: 'tools', systemA: R!.id, elementB: 'rules', systemB: R!.id, evidenceSegmentIds: [a0.id] });
  s.insertContradiction({ coderId: coder('ben'), level: 'secondary', elementA: 'rules', systemA: R!.id, elementB: 'tools', systemB: R!.id, evidenceSegmentIds: [b0.id] });
  s.insertContradiction({ coderId: coder('amina'), level: 'primary', elementA: 'object', systemA: R!.id, evidenceSegmentIds: [segOf('amina', 3).id] });
  await chooseCoder(h.page, 'amina');
});
afterAll(async () => {
  await h?.close();
});

const cliJson = (args: string[]) => agreementJson(h.projectFile, args);

const shown = (v: number | null) => (v === null ? '—' : v.toFixed(3) === '-0.000' ? '0.000' : v.toFixed(3));

describe('agreement screen: uα, contradictions, reliability report', () => {
  it('shows the CLI uα and contradiction agreement for the same selection', async () => {
    const page = h.page;
    await page.getByRole('button', { name: 'Agreement', exact: true }).click();
    await page.getByTestId('agreement-view').waitFor();
    await waitForVideo(page);
    await page.getByTestId('ag-summary').filter({ hasText: '3 coders' }).waitFor();
    const cli = await cliJson(['--contradictions']);
    let compared = 0;
    for (const c of cli.codes) {
      expect(await page.getByTestId(`ag-cell:${c.code}:uAlpha`).textContent(), c.code).toBe(shown(c.uAlpha));
      if (c.uAlpha !== null) compared++;
    }
    expect(compared).toBeGreaterThan(5);
    expect(await page.getByTestId('ag-cell:overall:uAlpha').textContent()).toBe(shown(cli.unitizing.overall.pooledUAlpha));

    const section = page.getByTestId('ag-contradictions');
    await section.waitFor();
    const k = cli.contradictions;
    // The demo ships its own contradictions (assets/demo/contradictions.csv); the three above come on top.
    const demo = fs.readFileSync(path.join(__dirname, '../../assets/demo/contradictions.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[0]);
    const byCoder = (n: string) => demo.filter((c) => c === n).length;
    expect(k.counts).toEqual({ amina: byCoder('amina') + 2, ben: byCoder('ben') + 1, chen: byCoder('chen') });
    const overall = await section.locator('tbody tr').last().locator('td').allTextContents();
    expect(overall).toEqual([String(k.overall.matched), String(k.overall.onlyA), String(k.overall.onlyB), shown(k.overall.f1), shown(k.overall.levelKappa)]);
    // amina–ben: the inserted secondary tension, plus the demo's quaternary object–object one both coded at 37.5 s
    expect(k.pairs[0].matched).toBe(2);
    await section.getByText(/found by one coder only/).click();
    await expect.poll(() => section.locator('.ag-unmatched li').count()).toBe(k.pairs.reduce((n: number, p: { unmatched: unknown[] }) => n + p.unmatched.length, 0));
    await section.screenshot({ path: path.join(ARTIFACTS, 'agreement-contradictions.png') });
  });

  it('downloads the reliability report with the CLI numbers', async () => {
    const page = h.page;
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Reliability report' }).click()]);
    expect(download.suggestedFilename()).toBe('reliability-workshop.md');
    const md = fs.readFileSync((await download.path())!, 'utf8');
    const cli = await cliJson(['--ci', '--contradictions']);
    const a = cli.overall.ci.krippendorffAlpha;
    expect(md).toContain(`Krippendorff's α = ${apa(cli.overall.krippendorffAlpha)}, 95 % CI [${apa(a.lower)}, ${apa(a.upper)}]`);
    expect(md).toContain('Three coders independently coded 2 min of video (workshop.mp4)');
    await page.getByTestId('ag-report-files').filter({ hasText: 'reliability-workshop.html' }).waitFor();
    await page.getByTestId('ag-report').screenshot({ path: path.join(ARTIFACTS, 'agreement-report-button.png') });
  });
});
