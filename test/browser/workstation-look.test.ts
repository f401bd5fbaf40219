import { afterAll, beforeAll, expect, it } from 'vitest';
import path from 'node:path';
import { ARTIFACTS, chooseCoder, startHarness, waitForVideo, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await chooseCoder(h.page, 'amina');
  await waitForVideo(h.page);
});
afterAll(async () => h?.close());

it('shows the timeline with the three coders', async () => {
  const { page } = h;
  await page.getByTestId('timeline-canvas').waitFor();
  await page.waitForTimeout(500);
  await page.screenshot({ path: path.join(ARTIFACTS, 'timeline-page.png') });
  await page.getByTestId('timeline').screenshot({ path: path.join(ARTIFACTS, 'timeline.png') });
  const rows = await page.evaluate(() => (window as any).__timeline.rows());
  expect(rows.filter((r: { kind: string }) => r.kind === 'coder').map((r: { label: string }) => r.label)).toEqual(['amina', 'ben', 'chen']);
});
