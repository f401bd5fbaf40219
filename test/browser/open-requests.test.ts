/**
 * Opening the coding screen asks for the held window of segments once: the first views of the
 * timeline (mount, first size) want the window that is already on its way, and used to ask for
 * it again, twice (three copies of a 1.2 MB answer on a 50,000-segment study, queued before the
 * video's own request: most of a study switch's time).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, chooseCoder, waitForVideo, type Harness } from './harness';

describe('opening the coding screen', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await chooseCoder(h.page, 'amina'); // remembered for the reload below
  });
  afterAll(async () => {
    await h?.close();
  });

  it('asks for the segments window once, and the segment marks once', async () => {
    const calls: string[] = [];
    const onRequest = (r: { url(): string }) => {
      const m = /\/api\/(\w+)$/.exec(r.url());
      if (m) calls.push(m[1]!);
    };
    h.page.on('request', onRequest);
    await h.reload();
    await waitForVideo(h.page);
    await h.page.locator('.segment-row').first().waitFor();
    await h.page.getByTestId('timeline-canvas').waitFor();
    await expect.poll(() => h.page.evaluate(() => !!(window as any).__timeline?.model().segmentsById.size)).toBe(true);
    h.page.off('request', onRequest);
    expect(calls.filter((c) => c === 'listSegments')).toHaveLength(1);
    expect(calls.filter((c) => c === 'segmentMarks')).toHaveLength(1);
  });
});
