/**
 * Angles beyond plain videos, in web mode: an audio-only recorder (Opus sound in a .webm, so
 * known as audio-only only once the player finds no picture in it) linked as an angle
 * shows its waveform around its own time with a playhead, its name and "audio only", and
 * "starts in" before its material.
 *
 * Sound (worked out by hand): the recorder plays a 330 Hz tone 1.2 s of every 2 s (on at 0–1.2,
 * 2–3.2, …) and is linked at −5000 ms (it was started 5 s after the primary: recorder time =
 * primary − 5 s). At primary 3 s the recorder is at −2 s: "starts in 0:02"; the tile's ±5 s
 * window [−7 s, +3 s] is silent on its left 70 % and has sound from 70 % on. At primary 12 s the
 * recorder is at 7 s: window [2 s, 12 s], sound in both halves.
 *
 * A moved angle: late.webm (linked at −4000 ms) is moved away before the study opens; its tile
 * and its row in the Angles tab say "File not found: late.webm — Locate…". Another recording's
 * file is refused in one line (content fingerprint); the moved file is taken, and the angle
 * plays on master − 4 s.
 *
 * Four angles: three are shown (four videos at once) and "+1 more"; the Angles tab's Show boxes
 * choose which; a fifth video is refused in one line until another is hidden. An audio angle
 * whose sound ffmpeg cannot read says so in its tile (one line saying what to do).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProjectStore } from '../../src/main/db/store';
import { addMediaFile, createService } from '../../src/main/service';
import { ARTIFACTS, chooseCoder, startHarness, waitForVideo, type Harness } from './harness';

let h: Harness;
let page: Page;
let media: string;

function makeRecordings(dir: string): void {
  const run = (args: string[]) => execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args], { stdio: 'inherit' });
  run(['-f', 'lavfi', '-i', 'testsrc2=size=256x144:rate=25:duration=30', '-f', 'lavfi', '-i', 'sine=f=220:d=30', '-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '16', '-b:v', '150k', '-c:a', 'libopus', '-b:a', '32k', path.join(dir, 'primary.webm')]);
  run(['-f', 'lavfi', '-i', 'testsrc2=size=256x144:rate=25:duration=20', '-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '16', '-b:v', '150k', '-an', path.join(dir, 'late.webm')]);
  for (const [n, c] of [['cam3', 'teal'], ['cam4', 'orange']]) run(['-f', 'lavfi', '-i', `color=c=${c}:size=160x90:rate=25:duration=20`, '-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '16', '-b:v', '50k', path.join(dir, `${n}.webm`)]);
  run(['-f', 'lavfi', '-i', "aevalsrc='0.5*sin(2*PI*330*t)*lt(mod(t\\,2)\\,1.2)':s=48000:d=30", '-c:a', 'libopus', '-b:a', '24k', path.join(dir, 'recorder.webm')]);
}

async function makeStudy(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triangulate-angles-'));
  media = dir;
  makeRecordings(dir);
  const file = path.join(dir, 'angles.triangulate');
  const store = ProjectStore.create(file, { name: 'Angles' });
  store.insertCoder({ name: 'amina' });
  const primary = addMediaFile(store, path.join(dir, 'primary.webm'), 30_000, 25).id;
  const recorder = addMediaFile(store, path.join(dir, 'recorder.webm'), 30_000).id;
  const late = addMediaFile(store, path.join(dir, 'late.webm'), 20_000, 25).id;
  addMediaFile(store, path.join(dir, 'cam3.webm'), 20_000, 25);
  addMediaFile(store, path.join(dir, 'cam4.webm'), 20_000, 25);
  // an Ogg page header and then noise: taken as a recording, but ffmpeg cannot read its sound
  fs.writeFileSync(path.join(dir, 'broken.ogg'), Buffer.concat([Buffer.from('OggS\0'), Buffer.alloc(4096, 7)]));
  addMediaFile(store, path.join(dir, 'broken.ogg'), 20_000);
  await createService(store).linkAngle({ primaryId: primary, angleId: recorder, offsetMs: -5000, label: '' });
  await createService(store).linkAngle({ primaryId: primary, angleId: late, offsetMs: -4000, label: '' });
  store.close();
  fs.mkdirSync(path.join(dir, 'moved'));
  fs.renameSync(path.join(dir, 'late.webm'), path.join(dir, 'moved', 'late.webm'));
  return file;
}

/** Per 5 % band of the tile's canvas, the share of columns whose bar is taller than the 1 px floor (bar colour #7fb3e0), and whether the playhead (red) is in the middle. */
async function waveformBands(): Promise<{ bands: number[]; playhead: boolean }> {
  return page.evaluate(() => {
    const c = document.querySelector('[data-testid="angle-waveform"]') as HTMLCanvasElement;
    const { width: w, height: hgt } = c;
    const d = c.getContext('2d')!.getImageData(0, 0, w, hgt).data;
    const isBar = (x: number, y: number) => { const i = (y * w + x) * 4; return d[i]! > 100 && d[i]! < 150 && d[i + 1]! > 160 && d[i + 2]! > 200; };
    const tall = (x: number) => { let n = 0; for (let y = 0; y < hgt; y++) if (isBar(x, y)) n++; return n > 3; };
    const bands = Array.from({ length: 20 }, (_, b) => {
      const xs = Array.from({ length: Math.floor(w / 20) }, (_, k) => Math.floor((b * w) / 20) + k).filter((x) => Math.abs(x - w / 2) > 3);
      return xs.filter(tall).length / xs.length;
    });
    const mid = Math.round(w / 2) - 1;
    const i = (Math.floor(hgt / 2) * w + mid) * 4;
    return { bands, playhead: d[i]! > 200 && d[i + 1]! < 120 };
  });
}

async function seekPrimary(ms: number): Promise<void> {
  await page.evaluate((t) => { (document.querySelector('.sync-primary video') as HTMLVideoElement).currentTime = t / 1000; }, ms);
}

beforeAll(async () => {
  // the pictures' video-only copies go to this run's own cache, not the user's
  process.env.TRIANGULATE_HOME = fs.mkdtempSync(path.join(os.tmpdir(), 'triangulate-angles-home-'));
  const file = await makeStudy();
  h = await startHarness({ projectFile: file });
  page = h.page;
  await chooseCoder(page, 'amina');
  await waitForVideo(page);
}, 300_000);
afterAll(async () => {
  await h?.close();
  if (media) fs.rmSync(media, { recursive: true, force: true });
  fs.rmSync(process.env.TRIANGULATE_HOME!, { recursive: true, force: true });
  delete process.env.TRIANGULATE_HOME;
});

describe('an audio-only angle', () => {
  it('computes its waveform on demand and draws it around its time, with a playhead, its name and "audio only"', async () => {
    const tile = page.locator('.sync-angle').first();
    await expect.poll(() => tile.locator('.sync-name').textContent()).toBe('recorder.webm · audio only');
    // nothing was cached: the tile started the background job; the waveform appears when it is done
    await page.getByTestId('angle-waveform').waitFor({ timeout: 60_000 });
    expect(h.store.db.prepare('SELECT COUNT(*) AS n FROM waveforms').get()).toEqual({ n: 1 });

    await seekPrimary(3000);
    await expect.poll(() => tile.getByTestId('angle-outside').textContent()).toBe('starts in 0:02');
    await page.waitForTimeout(300);
    const before = await waveformBands();
    await page.locator('.sync-stage').screenshot({ path: path.join(ARTIFACTS, 'sync-audio-angle-before.png') });
    expect(before.playhead).toBe(true);
    // [−7 s, +3 s]: silent up to 70 % (bands 0–12 end at 65 %), sound after (0–1.2 s and 2–3 s of tone: most of bands 14–19)
    expect(before.bands.slice(0, 13).every((b) => b === 0)).toBe(true);
    expect(before.bands.slice(14).filter((b) => b > 0.3).length).toBeGreaterThanOrEqual(4);

    await seekPrimary(12_000);
    await expect.poll(() => tile.getByTestId('angle-outside').count()).toBe(0);
    await page.waitForTimeout(300);
    const inside = await waveformBands();
    await page.locator('.sync-stage').screenshot({ path: path.join(ARTIFACTS, 'sync-audio-angle.png') });
    // [2 s, 12 s]: tone 60 % of the time, the 0.8 s gaps are 8 % of the window → both halves have sound and gaps
    expect(inside.bands.slice(0, 10).filter((b) => b > 0.3).length).toBeGreaterThanOrEqual(4);
    expect(inside.bands.slice(10).filter((b) => b > 0.3).length).toBeGreaterThanOrEqual(4);
    expect(inside.bands.some((b) => b < 0.7)).toBe(true);
    expect(inside.playhead).toBe(true);
  });
});

describe('a moved angle', () => {
  it('says "File not found … Locate…" in its tile and the Angles tab; refuses another file; takes the moved one and plays in sync', async () => {
    const tile = page.locator('.sync-angle').nth(1);
    await expect.poll(() => tile.getByTestId('angle-missing').textContent()).toBe('File not found: late.webm —Locate…');
    await page.getByRole('tab', { name: 'Angles' }).click();
    const row = page.getByTestId('angle-row').nth(1);
    await expect.poll(() => row.getByTestId('angle-missing').textContent()).toBe('File not found: late.webm —Locate…');
    await page.locator('.sync-stage').screenshot({ path: path.join(ARTIFACTS, 'sync-angle-missing.png') });

    const locate = async (file: string) => {
      await tile.getByRole('button', { name: 'Locate late.webm' }).click();
      await expect.poll(() => page.getByTestId('fb-path').inputValue()).not.toBe('');
      await page.getByTestId('fb-path').fill(file);
      await page.getByTestId('fb-path').press('Enter');
    };
    await locate(path.join(media, 'primary.webm'));
    await page.getByTestId('banner').getByText(`${path.join(media, 'primary.webm')} is not the same recording as "late.webm" (its content fingerprint differs)`).waitFor();
    const lateRow = () => h.store.db.prepare("SELECT path FROM media WHERE name = 'late.webm'").get() as { path: string };
    expect(lateRow().path).toBe(path.join(media, 'late.webm'));

    await locate(path.join(media, 'moved', 'late.webm'));
    await page.getByTestId('banner').getByText('Recording re-linked.').waitFor();
    expect(lateRow().path).toBe(path.join(media, 'moved', 'late.webm'));
    await expect.poll(() => page.getByTestId('angle-missing').count()).toBe(0);
    const lateVideo = page.locator('.sync-angle').nth(1).getByTestId('angle-video');
    await expect.poll(() => lateVideo.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
    // on master − 4 s: seek the master to 10 s → the angle at 6 s (within a frame)
    await seekPrimary(10_000);
    await expect.poll(() => lateVideo.evaluate((v: HTMLVideoElement) => Math.abs(v.currentTime * 1000 - 6000)), { timeout: 10_000 }).toBeLessThanOrEqual(40);
    await page.locator('.sync-stage').screenshot({ path: path.join(ARTIFACTS, 'sync-angle-located.png') });
  });
});

describe('more than three angles', () => {
  it('shows three and "+1 more"; the Show boxes choose which, refusing a fifth video in one line; the choice is kept in the study over a reload', async () => {
    await page.getByRole('tab', { name: 'Angles' }).click();
    await page.getByLabel('Link a recording').selectOption({ label: 'cam3.webm' });
    await expect.poll(() => page.getByTestId('angle-row').count()).toBe(3);
    await page.getByLabel('Link a recording').selectOption({ label: 'cam4.webm' });
    await expect.poll(() => page.getByTestId('angle-row').count()).toBe(4);
    const tiles = () => page.locator('.sync-angle video').evaluateAll((vs) => vs.map((v) => (v.closest('.sync-angle')!.querySelector('.sync-name')!.textContent ?? '').split(' ·')[0]));
    await expect.poll(tiles).toEqual(['recorder.webm', 'late.webm', 'cam3.webm']);
    await expect.poll(() => page.getByTestId('sync-more').textContent()).toBe('+1 more (choose in the Angles tab; four videos at once)');
    const show = (n: string) => page.getByLabel(`Show ${n}`);
    expect(await Promise.all(['recorder.webm', 'late.webm', 'cam3.webm', 'cam4.webm'].map((n) => show(n).isChecked()))).toEqual([true, true, true, false]);

    await show('cam4.webm').click();
    await page.getByTestId('banner').getByText('Four videos are shown at once: hide another angle first to show cam4.webm.').waitFor();
    expect(await show('cam4.webm').isChecked()).toBe(false);
    expect(await tiles()).toEqual(['recorder.webm', 'late.webm', 'cam3.webm']);

    await show('recorder.webm').click();
    await expect.poll(tiles).toEqual(['late.webm', 'cam3.webm']);
    await show('cam4.webm').click();
    await expect.poll(tiles).toEqual(['late.webm', 'cam3.webm', 'cam4.webm']);
    await expect.poll(() => page.getByTestId('sync-more').textContent()).toBe('+1 more (choose in the Angles tab; four videos at once)');
    await page.locator('.sync-stage').screenshot({ path: path.join(ARTIFACTS, 'sync-four-angles.png') });

    // kept in the study (media_links.shown), not the session: the same three after a reload
    expect(h.store.db.prepare('SELECT m.name, l.shown FROM media_links l JOIN media m ON m.id = l.angle_media_id ORDER BY l.sort_order').all())
      .toEqual([{ name: 'recorder.webm', shown: 0 }, { name: 'late.webm', shown: 1 }, { name: 'cam3.webm', shown: 1 }, { name: 'cam4.webm', shown: 1 }]);
    await h.reload();
    await page.locator('[data-testid="current-coder"], [data-testid="coder-amina"]').first().waitFor();
    if (await page.getByTestId('coder-amina').isVisible()) await chooseCoder(page, 'amina');
    await expect.poll(tiles, { timeout: 30_000 }).toEqual(['late.webm', 'cam3.webm', 'cam4.webm']);
    await page.getByRole('tab', { name: 'Angles' }).click();
    await expect.poll(() => Promise.all(['recorder.webm', 'late.webm', 'cam3.webm', 'cam4.webm'].map((n) => show(n).isChecked()))).toEqual([false, true, true, true]);
  });
});

describe('an audio angle whose sound cannot be read', () => {
  it('says so in its tile, with what to do', async () => {
    await page.getByLabel('Link a recording').selectOption({ label: 'broken.ogg' });
    await expect.poll(() => page.getByTestId('angle-row').count()).toBe(5);
    await page.getByLabel('Show cam3.webm').click();
    await page.getByLabel('Show broken.ogg').click();
    const tile = page.locator('.sync-angle', { has: page.locator('.sync-name', { hasText: 'broken.ogg' }) });
    await expect.poll(() => tile.locator('.sync-name').textContent()).toBe('broken.ogg · audio only');
    await expect.poll(() => tile.getByTestId('angle-audio-problem').textContent(), { timeout: 30_000 }).toMatch(new RegExp(`^${path.join(media, 'broken.ogg').replace(/\./g, '\\.')}: ffmpeg could not read its sound \\(.+\\); convert it with: ffmpeg -i in -c:a aac out\\.m4a$`));
    await page.locator('.sync-stage').screenshot({ path: path.join(ARTIFACTS, 'sync-audio-unreadable.png') });
  });
});

describe("the player's volume and mute in the multi-camera view", () => {
  /** What is heard (the sound element), what video.js shows, and the master element's own (prototype) muted. */
  const level = () => page.evaluate(() => {
    const m = document.querySelector('.sync-primary video') as HTMLVideoElement;
    const a = document.querySelector('[data-testid="sync-sound"]') as HTMLAudioElement;
    const button = document.querySelector('.sync-primary .vjs-mute-control') as HTMLElement;
    const ownMuted = Object.getOwnPropertyDescriptor(HTMLMediaElement.prototype, 'muted')!.get!.call(m) as boolean;
    const shown = [...button.classList].find((c) => c.startsWith('vjs-vol-'));
    return { heard: { muted: a.muted, volume: a.volume, from: a.dataset.mediaId }, button: `${button.title} ${shown}`, ownMuted };
  });
  const mediaIdOf = (name: string) => h.store.listMedia().find((m) => m.name === name)!.id;
  /** video.js hides its control bar while the pointer is away: over the player first, then its mute button. */
  const clickMute = async () => {
    await page.locator('.sync-primary .video-js').hover();
    await page.locator('.sync-primary .vjs-mute-control').click();
  };

  it('act on the sound heard, and video.js shows it; the master element itself stays muted', async () => {
    const primary = mediaIdOf('primary.webm');
    // video.js shows its control bar once played: played and paused at once
    await page.evaluate(async () => {
      const p = (window as unknown as { __triangulatePlayer: { play(): Promise<void>; pause(): void } }).__triangulatePlayer;
      await p.play();
      p.pause();
    });
    await expect.poll(level).toEqual({ heard: { muted: false, volume: 1, from: primary }, button: 'Mute vjs-vol-3', ownMuted: true });
    await clickMute();
    await expect.poll(level).toEqual({ heard: { muted: true, volume: 1, from: primary }, button: 'Unmute vjs-vol-0', ownMuted: true });
    await clickMute();
    await expect.poll(level).toEqual({ heard: { muted: false, volume: 1, from: primary }, button: 'Mute vjs-vol-3', ownMuted: true });
    // the volume as video.js sets it (0.3 < 1/3: one bar), and as the element's property
    await page.evaluate(() => (window as unknown as { __triangulatePlayer: { volume(v: number): void } }).__triangulatePlayer.volume(0.3));
    await expect.poll(level).toEqual({ heard: { muted: false, volume: 0.3, from: primary }, button: 'Mute vjs-vol-1', ownMuted: true });
    await page.evaluate(() => { (document.querySelector('.sync-primary video') as HTMLVideoElement).volume = 0.5; });
    await expect.poll(level).toEqual({ heard: { muted: false, volume: 0.5, from: primary }, button: 'Mute vjs-vol-2', ownMuted: true });
    await page.locator('.sync-stage').screenshot({ path: path.join(ARTIFACTS, 'sync-volume.png') });
  });

  it('the recording chosen for the sound next is heard at the same level', async () => {
    await clickMute();
    await page.getByRole('tab', { name: 'Angles' }).click();
    await page.getByTestId('angle-row').filter({ has: page.getByLabel('Offset of recorder.webm') }).getByLabel('Audio', { exact: true }).click();
    await expect.poll(level).toEqual({ heard: { muted: true, volume: 0.5, from: mediaIdOf('recorder.webm') }, button: 'Unmute vjs-vol-0', ownMuted: true });
    await clickMute();
    await expect.poll(level).toEqual({ heard: { muted: false, volume: 0.5, from: mediaIdOf('recorder.webm') }, button: 'Mute vjs-vol-2', ownMuted: true });
  });
});
