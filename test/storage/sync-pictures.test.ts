/**
 * Picture copies for synchronized playback (main/features/sync/pictures.ts), with ffmpeg and a real
 * web server: a recording with sound gets a video-only copy (made in the background, the original
 * served meanwhile), kept under $TRIANGULATE_HOME/cache/pictures by path, size and mtime; a
 * recording without sound, an audio file and a file that is no recording get none, and the
 * original is served. The copy's picture starts where the original's does (-copyts).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProjectStore } from '../../src/main/db/store';
import { startWebServer, type WebServer } from '../../src/main/http/server';
import { pictureCacheDir, picturesSettled, pictureOf, streamsOf } from '../../src/main/features/sync/pictures';
import { addMediaFile, createService } from '../../src/main/service';
import { tmpDir } from '../helpers/tmp';

/** ffmpeg's listing of the file's streams (it lists them on stderr and exits 1: no output named). */
const listing = (file: string) => {
  try {
    execFileSync('ffmpeg', ['-hide_banner', '-i', file], { stdio: ['ignore', 'ignore', 'pipe'] });
    return '';
  } catch (e) {
    return String((e as { stderr: Buffer }).stderr);
  }
};
const streams = (file: string) => streamsOf(listing(file));
const firstVideoPts = (file: string) => Number(execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v', '-show_entries', 'packet=pts_time', '-read_intervals', '%+#1', '-of', 'csv=p=0', file], { encoding: 'utf8' }).trim().split('\n')[0]);

/** 2 s of VP8 with (or without) Opus sound. */
function makeClip(file: string, sound: boolean): void {
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=160x90:rate=25:duration=2',
    ...(sound ? ['-f', 'lavfi', '-i', 'sine=frequency=440:duration=2', '-c:a', 'libopus'] : []), '-c:v', 'libvpx', '-b:v', '100k', file]);
}

describe('picture copies', () => {
  let dir: string;
  let home: string | undefined;
  beforeEach(() => {
    dir = tmpDir();
    home = process.env.TRIANGULATE_HOME;
    process.env.TRIANGULATE_HOME = path.join(dir, 'home');
  });
  afterEach(() => {
    if (home === undefined) delete process.env.TRIANGULATE_HOME;
    else process.env.TRIANGULATE_HOME = home;
  });

  it('reads the streams from ffmpeg\'s listing', () => {
    expect(streamsOf('  Stream #0:0: Video: vp8, yuv420p\n  Stream #0:1: Audio: opus, 48000 Hz')).toEqual({ video: true, audio: true });
    expect(streamsOf('  Stream #0:0: Audio: mp3, 44100 Hz\n  Stream #0:1: Video: mjpeg, yuvj420p (attached pic)')).toEqual({ video: false, audio: true });
    expect(streamsOf('Invalid data found when processing input')).toEqual({ video: false, audio: false });
  });

  it('a recording with sound: the original is served until the video-only copy is made, then the copy, from the same first frame', async () => {
    const clip = path.join(dir, 'cam.webm');
    makeClip(clip, true);
    expect(streams(clip)).toEqual({ video: true, audio: true });
    const store = ProjectStore.create(path.join(dir, 'p.triangulate'));
    const id = addMediaFile(store, clip, 2000, 25).id;
    const api = createService(store);
    const server: WebServer = await startWebServer({ service: api, store, staticDir: dir, token: 'T' });
    try {
      const get = (q: string) => fetch(`http://127.0.0.1:${server.port}/media/${id}?t=T${q}`).then(async (r) => ({ status: r.status, bytes: Buffer.from(await r.arrayBuffer()) }));
      expect(await api.pictures({ mediaIds: [id] })).toEqual({ [id]: 'making' });
      // asked while it is being made: the original
      expect((await get('&picture=1')).bytes.equals(fs.readFileSync(clip))).toBe(true);
      await picturesSettled();
      expect(await api.pictures({ mediaIds: [id] })).toEqual({ [id]: 'ready' });
      const copies = fs.readdirSync(pictureCacheDir());
      expect(copies).toHaveLength(1);
      const copy = path.join(pictureCacheDir(), copies[0]!);
      expect(copy.endsWith('.webm')).toBe(true);
      expect(streams(copy)).toEqual({ video: true, audio: false });
      expect(firstVideoPts(copy)).toBe(firstVideoPts(clip));
      const served = await get('&picture=1');
      expect(served.status).toBe(200);
      expect(served.bytes.equals(fs.readFileSync(copy))).toBe(true);
      // without picture=1: the original, sound and all
      expect((await get('')).bytes.equals(fs.readFileSync(clip))).toBe(true);
      // the file changes (new mtime and size): a new copy is made for it
      makeClip(clip, true);
      fs.appendFileSync(clip, Buffer.alloc(16));
      fs.utimesSync(clip, new Date(), new Date(Date.now() + 5000));
      expect(pictureOf(clip).state).toBe('making');
      await picturesSettled();
      expect(fs.readdirSync(pictureCacheDir())).toHaveLength(2);
    } finally {
      await server.close();
      store.close();
    }
  });

  it('no copy for a recording without sound, a file that is not a recording or one that is missing: the original', async () => {
    const silent = path.join(dir, 'silent.webm');
    makeClip(silent, false);
    const junk = path.join(dir, 'junk.webm');
    fs.writeFileSync(junk, 'not a video at all');
    expect(pictureOf(silent).state).toBe('making'); // its streams are read in the background
    expect(pictureOf(junk).state).toBe('making');
    await picturesSettled();
    expect(pictureOf(silent)).toEqual({ state: 'original' });
    expect(pictureOf(junk)).toEqual({ state: 'original' });
    expect(pictureOf(path.join(dir, 'gone.webm'))).toEqual({ state: 'original' });
    expect(fs.existsSync(pictureCacheDir()) ? fs.readdirSync(pictureCacheDir()) : []).toEqual([]);
  });
});
