/**
 * Picture copies for synchronized playback. In Chromium the currentTime of an element that has an
 * audio track (muted or not, its track disabled or not) runs on its audio renderer's clock, which
 * moves in steps when the element is started, sought, or given a rate of 0 and back: on a loaded
 * machine the angles drifted 60–180 ms from the master. An element without an audio track runs
 * smoothly (within a few ms). So in the synchronized view every picture is shown from a
 * video-only copy of its recording (ffmpeg `-map 0:v:0 -c copy -copyts`: no re-encoding, the
 * original timestamps; about 0.3 s for a 10-minute 720p file) and the sound from one separate
 * element (renderer/features/sync/sound.ts).
 *
 * The copies live outside the study, in `<user data>/cache/pictures` ($TRIANGULATE_HOME or
 * ~/.triangulate), named by a hash of the file's path, size and modification time, so a changed
 * or moved file gets a new copy. They are made in the background, one at a time per file; until
 * a copy is ready (or when there is no ffmpeg) the original is served. A recording without an
 * audio track needs no copy; one without a picture cannot have one.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { PictureState } from '../../../shared/contract/sync';
import { userDataDir } from '../../paths';
import { findFfmpeg } from './decode';

export function pictureCacheDir(): string {
  return path.join(userDataDir(), 'cache', 'pictures');
}

/** The copy's file name: a hash of the original's path, size and modification time, and its extension. */
export function pictureKey(file: string, st: { size: number; mtimeMs: number }): string {
  const hash = crypto.createHash('sha256').update(`${path.resolve(file)}\0${st.size}\0${Math.floor(st.mtimeMs)}`).digest('hex').slice(0, 40);
  return `${hash}${path.extname(file).toLowerCase()}`;
}

/** What the file's streams are, from ffmpeg's listing of them (`Stream #0:1: Audio: opus …`). */
export function streamsOf(listing: string): { video: boolean; audio: boolean } {
  const streams = listing.split(/\r?\n/).filter((l) => /^\s*Stream #\d+:\d+/.test(l));
  return { video: streams.some((l) => / Video: /.test(l) && !/attached pic/.test(l)), audio: streams.some((l) => / Audio: /.test(l)) };
}

const making = new Map<string, Promise<void>>();
/** Files that need no copy or whose copy could not be made (by cache name): not tried again in this run. */
const noCopy = new Set<string>();

/** The copy of `file` if it is made; otherwise starts making it (when it needs one) and says so. */
export function pictureOf(file: string): { state: PictureState; copy?: string } {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch {
    return { state: 'original' };
  }
  const name = pictureKey(file, st);
  const copy = path.join(pictureCacheDir(), name);
  if (fs.existsSync(copy)) return { state: 'ready', copy };
  if (noCopy.has(name)) return { state: 'original' };
  if (!making.has(name)) {
    making.set(name, makeCopy(file, copy).then(
      (made) => { if (!made) noCopy.add(name); },
      () => { noCopy.add(name); },
    ).finally(() => making.delete(name)));
  }
  return { state: 'making' };
}

/** The copy to serve for `file` (made already), starting one if needed; undefined: serve the original. */
export function copyOf(file: string): string | undefined {
  return pictureOf(file).copy;
}

/** Resolves when every copy being made is done (for tests and benchmarks). */
export async function picturesSettled(): Promise<void> {
  while (making.size > 0) await Promise.all([...making.values()]);
}

/** Lists the streams, then copies the picture alone into a temporary name and renames it. False: no copy to make. */
async function makeCopy(file: string, copy: string): Promise<boolean> {
  const ffmpeg = findFfmpeg();
  if (!ffmpeg) return false;
  const { video, audio } = streamsOf((await run(ffmpeg, ['-hide_banner', '-nostdin', '-i', file])).stderr);
  if (!video || !audio) return false;
  fs.mkdirSync(path.dirname(copy), { recursive: true });
  const tmp = `${copy}.${process.pid}.part${path.extname(copy)}`;
  const r = await run(ffmpeg, ['-hide_banner', '-nostdin', '-v', 'error', '-y', '-i', file, '-map', '0:v:0', '-c', 'copy', '-copyts', ...faststart(copy), tmp]);
  if (r.code !== 0) {
    fs.rmSync(tmp, { force: true });
    return false;
  }
  fs.renameSync(tmp, copy);
  return true;
}

/** MP4/MOV copies keep their index at the front, so playback starts before the whole file is read. */
function faststart(copy: string): string[] {
  return ['.mp4', '.m4v', '.mov'].includes(path.extname(copy).toLowerCase()) ? ['-movflags', '+faststart'] : [];
}

function run(cmd: string, args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      if (stderr.length < 20_000) stderr += d.toString('utf8');
    });
    child.on('error', () => resolve({ code: -1, stderr }));
    child.on('close', (code) => resolve({ code: code ?? -1, stderr }));
  });
}
