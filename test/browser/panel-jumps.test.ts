/**
 * Paging in the panels (issue 11 item 4): the coding screen holds one time window of segments, so
 * a contradiction's evidence or a segment memo hours away is not loaded. A study on a four-hour
 * video (generated here) whose evidence lies three hours in, the timeline zoomed in on the first
 * five minutes: clicking the contradiction lands on its evidence, selected, with the player, the
 * timeline's view and the held window there; the same for a segment memo at 3:30:00; editing the
 * contradiction from the start lists that evidence; the contradiction codings without a relation
 * are counted over the whole media; a themes diagram drill-down opens it in the coding screen.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProjectStore } from '../../src/main/db/store';
import { addMediaFile } from '../../src/main/service';
import { ARTIFACTS, chooseCoder, startHarness, waitForVideo, type Harness } from './harness';

const H = 3600_000;

function farStudy(dir: string) {
  const video = path.join(dir, 'four-hours.mp4');
  execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'color=c=gray:s=64x48:r=1:d=14400', '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '10', '-pix_fmt', 'yuv420p', video]);
  const store = ProjectStore.create(path.join(dir, 'far.triangulate'), { name: 'Far evidence' });
  const media = addMediaFile(store, video, 4 * H, 1);
  const ana = store.insertCoder({ name: 'Ana' });
  const system = store.listSystems()[0]!;
  const element = (e: string) => store.listCodes().find((c) => c.element === e && c.systemId === system.id)!;
  const [codeA, codeB] = [element('tools'), element('rules')];
  store.insertSegment({ mediaId: media.id, coderId: ana.id, startMs: 1_000, endMs: 4_000, codeIds: [codeA!.id] });
  const evidence = store.insertSegment({ mediaId: media.id, coderId: ana.id, startMs: 3 * H, endMs: 3 * H + 8_000, codeIds: [codeB!.id] });
  const memoSeg = store.insertSegment({ mediaId: media.id, coderId: ana.id, startMs: 3.5 * H, endMs: 3.5 * H + 6_000, codeIds: [codeA!.id] });
  // contradiction codings without a relation: one near the start, one at 3:10:00
  const level = (l: string) => store.listCodes().find((c) => c.contradictionLevel === l)!.id;
  store.insertSegment({ mediaId: media.id, coderId: ana.id, startMs: 20_000, endMs: 25_000, codeIds: [level('secondary')] });
  store.insertSegment({ mediaId: media.id, coderId: ana.id, startMs: 3 * H + 600_000, endMs: 3 * H + 605_000, codeIds: [level('tertiary')] });
  store.insertContradiction({ level: 'primary', elementA: 'rules', coderId: ana.id, note: 'far evidence', evidenceSegmentIds: [evidence.id] });
  store.insertMemo({ scope: 'segment', segmentId: memoSeg.id, coderId: ana.id, title: 'Far memo', body: 'at half past three' });
  // a second recording, 20 s, with a segment memo at 0:00:12
  const video2 = path.join(dir, 'short.mp4');
  execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'color=c=white:s=64x48:r=5:d=20', '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '5', '-pix_fmt', 'yuv420p', video2]);
  const media2 = addMediaFile(store, video2, 20_000, 5);
  const otherSeg = store.insertSegment({ mediaId: media2.id, coderId: ana.id, startMs: 12_000, endMs: 15_000, codeIds: [codeA.id] });
  store.insertMemo({ scope: 'segment', segmentId: otherSeg.id, coderId: ana.id, title: 'Other recording memo', body: 'on the short one' });
  store.close();
  return { file: path.join(dir, 'far.triangulate'), evidence, memoSeg, otherSeg, media2, rulesNode: `${system.id}:rules` };
}

describe('panel links to segments outside the held window', () => {
  let dir: string;
  let h: Harness;
  let study: ReturnType<typeof farStudy>;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triangulate-e2e-far-'));
    study = farStudy(dir);
    h = await startHarness({ projectFile: study.file });
    await chooseCoder(h.page, 'Ana');
    await waitForVideo(h.page);
    await h.page.getByTestId('timeline-canvas').waitFor();
  });

  afterAll(async () => {
    await h?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** The playhead at 0 and the timeline zoomed in on the first five minutes; the far segments not loaded. */
  async function zoomedInAtStart(): Promise<void> {
    await h.page.evaluate(() => {
      (window as any).__triangulateStore.getState().seek(0);
      (window as any).__triangulateStore.getState().setSelection([]);
      const tl = (window as any).__timeline;
      tl.setView({ startMs: 0, endMs: 300_000, widthPx: tl.view().widthPx });
    });
    await expect.poll(() => h.page.evaluate(() => (window as any).__triangulateStore.getState().segWindow?.toMs ?? 0)).toBeLessThan(3600_000);
    expect(await loaded(study.evidence.id)).toBe(false);
    expect(await loaded(study.memoSeg.id)).toBe(false);
  }

  const loaded = (id: string) => h.page.evaluate((x) => (window as any).__triangulateStore.getState().segments.some((s: any) => s.id === x), id);

  /** Where the app stands: selection, player time (ms), the timeline's view, what the timeline holds. */
  const state = () => h.page.evaluate(() => {
    const s = (window as any).__triangulateStore.getState();
    const tl = (window as any).__timeline;
    return {
      selected: s.selectedIds as string[],
      playerMs: Math.round((document.querySelector('video') as HTMLVideoElement).currentTime * 1000),
      view: tl.view() as { startMs: number; endMs: number },
      onTimeline: [...tl.model().segmentsById.keys()] as string[],
    };
  });

  /** On the segment: loaded, selected, the player and the timeline's view there (an in-screen jump keeps the zoom). */
  async function expectLandedOn(seg: { id: string; startMs: number }, keepsZoom = true): Promise<void> {
    await expect.poll(async () => (await state()).onTimeline.includes(seg.id), { timeout: 20_000 }).toBe(true);
    const st = await state();
    expect(st.selected).toEqual([seg.id]);
    expect(Math.abs(st.playerMs - seg.startMs)).toBeLessThanOrEqual(1000); // one keyframe a second at most
    expect(st.view.startMs).toBeLessThanOrEqual(seg.startMs);
    expect(st.view.endMs).toBeGreaterThanOrEqual(seg.startMs);
    if (keepsZoom) expect(st.view.endMs - st.view.startMs).toBeCloseTo(300_000, -2);
  }

  it('a contradiction whose evidence lies three hours away: the click lands on it, selected', async () => {
    await zoomedInAtStart();
    await h.page.getByRole('tab', { name: 'Contradictions' }).click();
    await h.page.getByTestId('contradiction').getByRole('button', { name: /far evidence/ }).click();
    await expectLandedOn(study.evidence);
    await h.page.screenshot({ path: path.join(ARTIFACTS, 'panel-jump-contradiction.png') });
  });

  it('editing that contradiction from the start lists its far evidence, ticked (not "no segment selected")', async () => {
    await zoomedInAtStart();
    await h.page.getByRole('tab', { name: 'Contradictions' }).click();
    await h.page.getByRole('button', { name: 'Edit contradiction' }).click();
    const form = h.page.getByTestId('contradiction-form');
    const row = form.locator('label.check', { hasText: '3:00:00.000' });
    await row.waitFor();
    expect(await row.locator('input[type=checkbox]').isChecked()).toBe(true);
    expect(await form.textContent()).not.toContain('No segment selected');
    // unticked, it stays listed to tick again; Cancel leaves the relation as it was
    await row.locator('input[type=checkbox]').uncheck();
    expect(await row.count()).toBe(1);
    await form.getByRole('button', { name: 'Cancel' }).click();
  });

  it('the contradiction codings without a relation are counted over the whole media, not the held window', async () => {
    await zoomedInAtStart();
    await h.page.getByRole('tab', { name: 'Contradictions' }).click();
    const box = h.page.getByTestId('uncovered-codings');
    await expect.poll(() => box.textContent()).toContain('2 contradiction codings on this media without a relation');
    expect(await box.locator('li').allTextContents()).toEqual(['Secondary · Ana · 0:00:20.000', 'Tertiary · Ana · 3:10:00.000']);
  });

  it('the themes diagram: a segment listed under a node, three hours in, opens in the coding screen selected', async () => {
    await zoomedInAtStart();
    await h.page.getByRole('button', { name: 'Themes & exports' }).click();
    await h.page.locator(`[data-testid="diagram-node"][data-key="${study.rulesNode}"]`).click();
    const list = h.page.getByTestId('diagram-segments');
    await expect.poll(() => list.locator('li').allTextContents()).toEqual([expect.stringContaining('four-hours.mp4 @ 3:00:00.000–3:00:08.000')]);
    await list.locator('li').first().getByRole('button').click();
    await h.page.getByTestId('timeline-canvas').waitFor();
    await waitForVideo(h.page);
    await expectLandedOn(study.evidence, false); // the coding screen opens on the whole recording
  });

  it('] (next segment) from 0:00:20 to the segment at 3:00:00: the zoomed-in timeline and the held window follow', async () => {
    await zoomedInAtStart();
    await h.page.evaluate(() => (window as any).__triangulateStore.getState().seek(20_000));
    await h.page.locator('body').click({ position: { x: 5, y: 5 } }).catch(() => undefined);
    await h.page.keyboard.press(']');
    await expect.poll(async () => (await state()).onTimeline.includes(study.evidence.id), { timeout: 20_000 }).toBe(true);
    const st = await state();
    expect(Math.abs(st.playerMs - study.evidence.startMs)).toBeLessThanOrEqual(1000);
    expect(st.view.startMs).toBeLessThanOrEqual(study.evidence.startMs);
    expect(st.view.endMs).toBeGreaterThanOrEqual(study.evidence.startMs);
  });

  it('a segment memo at 3:30:00: the click lands on its segment, selected', async () => {
    await zoomedInAtStart();
    await h.page.getByRole('tab', { name: 'Memos' }).click();
    // the row shows its segment's time though the segment is not loaded
    await expect.poll(() => h.page.getByTestId('memo').filter({ hasText: 'Far memo' }).locator('.memo-jump').textContent()).toContain('· 3:30:00.000');
    await h.page.getByTestId('memo').filter({ hasText: 'Far memo' }).locator('.memo-jump').click();
    await expectLandedOn(study.memoSeg);
  });

  it('a segment memo on the other recording: that recording opens, at the segment, selected', async () => {
    await zoomedInAtStart();
    await h.page.getByRole('tab', { name: 'Memos' }).click();
    await h.page.getByTestId('memo').filter({ hasText: 'Other recording memo' }).locator('.memo-jump').click();
    await expect.poll(() => h.page.evaluate(() => (window as any).__triangulateStore.getState().mediaId)).toBe(study.media2.id);
    await expect.poll(() => h.page.evaluate(() => (document.querySelector('video') as HTMLVideoElement).duration), { timeout: 20_000 }).toBeCloseTo(20, 0);
    await expect.poll(async () => (await state()).playerMs, { timeout: 20_000 }).toBeGreaterThan(11_000);
    await expectLandedOn(study.otherSeg, false);
    await h.page.screenshot({ path: path.join(ARTIFACTS, 'panel-jump-other-media.png') });
  });
});
