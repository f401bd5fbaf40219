/**
 * End to end in web mode: the real renderer in Debian's Chromium, the real demo video, the real
 * server and project file.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, chooseCoder, startHarness, videoTime, waitForVideo, type Harness } from './harness';

const FRAME = 1 / 25;

/** Seeks through the store (as the transport does) and waits until the video is there. */
async function seekTo(h: Harness, seconds: number) {
  await h.page.evaluate((ms) => (window as unknown as { __triangulateStore: { getState(): { seek(ms: number): void } } }).__triangulateStore.getState().seek(ms), seconds * 1000);
  await h.page.waitForFunction((t) => {
    const v = document.querySelector('video') as HTMLVideoElement;
    return !v.seeking && Math.abs(v.currentTime - t) < 0.002;
  }, seconds);
}

describe('coding the demo workshop in the browser', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('asks who is coding, then shows the coder', async () => {
    await h.page.getByRole('dialog', { name: 'Who is coding?' }).waitFor();
    await chooseCoder(h.page, 'ben');
    await expect(h.page.getByTestId('current-coder').textContent()).resolves.toContain('Coding as ben');
  });

  it('plays the video', async () => {
    await waitForVideo(h.page);
    const t0 = await videoTime(h.page);
    await h.page.keyboard.press('Space');
    await h.page.waitForFunction((t) => (document.querySelector('video') as HTMLVideoElement).currentTime > t + 0.5, t0, { timeout: 15_000 });
    await h.page.keyboard.press('Space');
    await h.page.waitForFunction(() => (document.querySelector('video') as HTMLVideoElement).paused);
  });

  it('seeks to 30.0 s within one frame (click on the seek bar, then frame-exact fine seek)', async () => {
    const bar = h.page.getByTestId('seekbar');
    const box = (await bar.boundingBox())!;
    await h.page.mouse.click(box.x + box.width * 0.25, box.y + box.height / 2); // 25 % of 120 s
    await h.page.waitForFunction(() => Math.abs((document.querySelector('video') as HTMLVideoElement).currentTime - 30) < 1);
    // precise seek through the player, the way the transport's jump/step buttons do it
    await h.page.evaluate(() => (window as unknown as { __triangulatePlayer: { currentTime(t: number): void } }).__triangulatePlayer.currentTime(30.0));
    await h.page.waitForFunction(() => {
      const v = document.querySelector('video') as HTMLVideoElement;
      return !v.seeking && Math.abs(v.currentTime - 30) < 0.001;
    });
    expect(Math.abs((await videoTime(h.page)) - 30.0)).toBeLessThanOrEqual(FRAME);
    await expect(h.page.getByTestId('current-time').textContent()).resolves.toBe('0:00:30.000');
  });

  it('steps one frame forward with "." and back with ","', async () => {
    await h.page.keyboard.press('.');
    await h.page.waitForFunction(() => Math.abs((document.querySelector('video') as HTMLVideoElement).currentTime - 30.04) < 0.002);
    await h.page.keyboard.press(',');
    await h.page.waitForFunction(() => Math.abs((document.querySelector('video') as HTMLVideoElement).currentTime - 30.0) < 0.002);
  });

  it('marks a range with I and O and codes it with a hotkey; the edit is saved and survives a reload', async () => {
    const before = h.store.countSegments();
    await h.page.keyboard.press('i');
    await expect(h.page.getByTestId('mark-in').textContent()).resolves.toBe('0:00:30.000');
    await h.page.keyboard.press('ArrowRight'); // +1 s
    await h.page.keyboard.press('Shift+ArrowRight'); // +5 s
    await h.page.waitForFunction(() => Math.abs((document.querySelector('video') as HTMLVideoElement).currentTime - 36) < 0.01);
    await h.page.keyboard.press('o');
    await expect(h.page.getByTestId('mark-out').textContent()).resolves.toBe('0:00:36.000');
    await h.page.keyboard.press('3'); // Researchers › Tools
    await h.page.getByTestId('save-status').filter({ hasText: 'Saved' }).waitFor();
    // shown as saved ⇒ already in the file
    const rows = h.store.db.prepare(`SELECT s.start_ms, s.end_ms, c.name AS code, k.name AS coder FROM segments s
      JOIN segment_codes sc ON sc.segment_id = s.id JOIN codes c ON c.id = sc.code_id JOIN coders k ON k.id = s.coder_id
      WHERE s.start_ms = 30000 AND s.end_ms = 36000`).all();
    expect(rows).toEqual([{ start_ms: 30000, end_ms: 36000, code: 'Tools', coder: 'ben' }]);
    expect(h.store.countSegments()).toBe(before + 1);

    await h.page.screenshot({ path: path.join(ARTIFACTS, 'coding-screen.png') });

    await h.reload();
    await h.page.getByTestId('current-coder').filter({ hasText: 'ben' }).waitFor(); // coder remembered
    await waitForVideo(h.page);
    await seekTo(h, 30); // the list follows the playhead
    const list = h.page.getByTestId('segment-list');
    await list.getByText('0:00:30.000–0:00:36.000').first().waitFor();
    await expect(list.getByText('0:00:30.000–0:00:36.000').first().locator('..').textContent()).resolves.toContain('Researchers › Tools');
  });

  it('drops a point marker with its hotkey at the playhead', async () => {
    await waitForVideo(h.page);
    await seekTo(h, 45.2);
    await h.page.keyboard.press('m'); // Markers › Moment of clarity
    await h.page.getByTestId('segment-list').getByText('0:00:45.200 ◆').waitFor();
    const marker = h.store.db.prepare("SELECT start_ms, end_ms FROM segments WHERE start_ms = end_ms AND start_ms BETWEEN 45190 AND 45210").all();
    expect(marker).toEqual([{ start_ms: 45200, end_ms: 45200 }]);
  });

  it('edits a segment note and deletes a segment from the list', async () => {
    await seekTo(h, 30);
    const row = h.page.getByTestId('segment-list').getByText('0:00:30.000–0:00:36.000').first();
    await row.click();
    const editor = h.page.getByRole('form', { name: 'Edit segment' });
    await editor.getByLabel('Note').fill('template shown on screen, "again"');
    await editor.getByLabel('End time').fill('0:00:38.250');
    await editor.getByRole('button', { name: 'Save' }).click();
    await h.page.getByTestId('save-status').filter({ hasText: 'Saved' }).waitFor();
    await h.page.getByTestId('segment-list').getByText('0:00:30.000–0:00:38.250').waitFor();
    const saved = h.store.db.prepare("SELECT note, end_ms FROM segments WHERE start_ms = 30000 AND end_ms = 38250").get();
    expect(saved).toEqual({ note: 'template shown on screen, "again"', end_ms: 38250 });

    await editor.getByRole('button', { name: 'Delete…' }).click();
    await editor.getByRole('button', { name: 'Delete', exact: true }).click();
    await h.page.getByTestId('segment-list').getByText('0:00:30.000–0:00:38.250').waitFor({ state: 'detached' });
    expect(h.store.db.prepare('SELECT count(*) AS n FROM segments WHERE start_ms = 30000 AND end_ms = 38250').get()).toEqual({ n: 0 });
  });

  it('shows a clear message with a Locate action when the video has moved', async () => {
    const fs = await import('node:fs');
    const media = h.store.listMedia()[0]!;
    const moved = media.path.replace(/workshop\.mp4$/, 'moved-workshop.mp4');
    fs.renameSync(media.path, moved);
    try {
      await h.reload();
      const banner = h.page.getByTestId('banner');
      await banner.getByText(`The video "workshop.mp4" is not at ${media.path} any more. Locate it to re-link it.`).waitFor();
      // the file picker (web mode: the in-app file browser): the path box takes a pasted path
      await banner.getByRole('button', { name: 'Locate…' }).click();
      // the first (home) listing is shown before typing: a fill between its check and its render appends to it
      await expect.poll(() => h.page.getByTestId('fb-path').inputValue()).not.toBe('');
      await h.page.getByTestId('fb-path').fill(moved);
      await h.page.getByTestId('fb-path').press('Enter');
      await h.page.getByTestId('banner').getByText('Recording re-linked.').waitFor();
      expect(h.store.listMedia()[0]!.path).toBe(moved);
      await waitForVideo(h.page);
    } finally {
      if (fs.existsSync(moved) && !fs.existsSync(media.path)) fs.copyFileSync(moved, media.path);
    }
  });

  it('names an undecodable video and how to convert it', async () => {
    const fs = await import('node:fs');
    const { addMediaFile } = await import('../../src/main/service');
    const broken = path.join(path.dirname(h.projectFile), 'phone-recording.mp4');
    // an MP4 file type box (so it is taken as a recording), then bytes no decoder understands
    fs.writeFileSync(broken, Buffer.concat([Buffer.from([0, 0, 0, 16]), Buffer.from('ftypisom'), Buffer.from([0, 0, 2, 0]), Buffer.alloc(256 * 1024, 7)]));
    addMediaFile(h.store, broken);
    await h.reload();
    await h.page.getByLabel('Media').selectOption({ label: 'phone-recording.mp4' });
    const banner = h.page.getByTestId('banner');
    await banner.getByText('Triangulate cannot play "phone-recording.mp4"', { exact: false }).waitFor();
    await expect(banner.textContent()).resolves.toContain('ffmpeg -i phone-recording.mp4 -c:v libx264');
  });

  it('says a media row pointing at a text file is not a recording, and the server refuses it', async () => {
    const fs = await import('node:fs');
    const { fingerprintFile } = await import('../../src/main/media');
    // what a hostile coder file or import could leave: a media row naming a file that is not a recording
    const secret = path.join(path.dirname(h.projectFile), 'notes.txt');
    fs.writeFileSync(secret, 'root:x:0:0:root:/root:/bin/bash\n');
    const row = h.store.insertMedia({ path: secret, name: 'interview.mp4', ...fingerprintFile(secret), durationMs: 60_000 });
    await h.reload();
    await h.page.getByLabel('Media').selectOption({ label: 'interview.mp4' });
    const banner = h.page.getByTestId('banner');
    await banner.getByText(`${secret}: not a video or audio file (found text); choose a recording (mp4, mov, webm, mkv, mp3, m4a, wav, ogg)`).waitFor();
    await banner.getByRole('button', { name: 'Locate…' }).waitFor();
    await h.page.screenshot({ path: path.join(ARTIFACTS, 'media-not-a-recording.png') });
    const served = await h.page.evaluate(`fetch('/media/${row.id}?t=' + sessionStorage.getItem('triangulate.token')).then(async (r) => [r.status, await r.text()])`);
    expect(served).toEqual([415, `${secret}: not a video or audio file (found text); choose a recording (mp4, mov, webm, mkv, mp3, m4a, wav, ogg)`]);
  });

  it('keeps two coders with the same name apart in the picker and the top bar', async () => {
    h.store.insertCoder({ name: 'ben' }); // a second Ben, e.g. merged from another laptop
    await h.reload();
    await h.page.getByTestId('current-coder').click();
    const picker = h.page.getByRole('dialog', { name: 'Who is coding?' });
    await expect(picker.locator('.coder-option').allTextContents()).resolves.toEqual([' amina', ' ben', ' chen', ' ben (2)']);
    await picker.getByTestId('coder-ben (2)').click();
    await h.page.getByTestId('current-coder').filter({ hasText: 'Coding as ben (2)' }).waitFor();
  });

  it('code hotkeys code only on the coding screen', async () => {
    await h.reload();
    await waitForVideo(h.page);
    const before = h.store.countSegments();
    await h.page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Agreement' }).click();
    await h.page.keyboard.press('c'); // the Challenge marker's hotkey
    await h.page.waitForTimeout(300);
    expect(h.store.countSegments()).toBe(before);
    await h.page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Code' }).click();
    await waitForVideo(h.page);
    await h.page.keyboard.press('c');
    await h.page.getByTestId('save-status').filter({ hasText: 'Saved' }).waitFor();
    expect(h.store.countSegments()).toBe(before + 1);
  });

  it('names the codec of a video the player cannot decode (HEVC)', async () => {
    const fs = await import('node:fs');
    const { addMediaFile } = await import('../../src/main/service');
    // 1 s of HEVC made with: ffmpeg -f lavfi -i testsrc2=size=320x180:rate=25 -t 1 -c:v libx265 -tag:v hvc1 -pix_fmt yuv420p
    const file = path.join(path.dirname(h.projectFile), 'camera.mp4');
    fs.copyFileSync(path.resolve(__dirname, '../fixtures/media/hevc-1s.mp4'), file);
    addMediaFile(h.store, file);
    await h.reload();
    await h.page.getByLabel('Media').selectOption({ label: 'camera.mp4' });
    const banner = h.page.getByTestId('banner');
    await banner.getByText('its HEVC/H.265 video is not supported', { exact: false }).waitFor();
    await expect(banner.textContent()).resolves.toContain('ffmpeg -i camera.mp4 -c:v libx264');
  });
});
