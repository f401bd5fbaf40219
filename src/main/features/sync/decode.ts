/**
 * Decodes a recording's audio into its RMS envelope with ffmpeg in a child process: mono float
 * samples at DECODE_RATE streamed through a pipe (`-vn` skips the video, so only audio is
 * decoded) and folded into 10 ms frames as they arrive, so the main process never blocks. The
 * ffmpeg used is the system's where `ffmpeg` is on PATH, else the binary of the optional npm
 * package @ffmpeg-installer/ffmpeg. Cancelling kills that child (by its own handle).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { UserError } from '../../../shared/errors';
import { EnvelopeBuilder } from '../../../shared/sync/envelope';
import { ENVELOPE_RATE_HZ } from '../../../shared/sync/model';
import { floatsLE } from '../../db/tables/waveforms';

/**
 * Samples per second decoded: the loudness of speech and claps is well carried below 1 kHz, and
 * 2 kHz is 4 times less to frame in this process than 8 kHz (0.9 s of CPU an hour at 8 kHz).
 */
export const DECODE_RATE = 2000;

let resolved: string | null | undefined;

/** The ffmpeg to run, or null when there is none. */
export function findFfmpeg(): string | null {
  if (resolved !== undefined) return resolved;
  const override = process.env.TRIANGULATE_FFMPEG;
  const candidates = [override, 'ffmpeg', bundledFfmpeg()].filter((c): c is string => !!c);
  resolved = candidates.find((c) => spawnSync(c, ['-version'], { stdio: 'ignore', timeout: 10_000 }).status === 0) ?? null;
  return resolved;
}

function bundledFfmpeg(): string | null {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('@ffmpeg-installer/ffmpeg') as { path: string }).path;
  } catch {
    return null; // not installed (optional) or no binary for this platform
  }
}

export interface DecodeJob {
  /** Resolves with the envelope; rejects with a UserError (no audio, unreadable, cancelled). */
  done: Promise<Float32Array>;
  cancel(): void;
}

/** Starts decoding `file`; onProgress gets the seconds of audio decoded so far. */
export function decodeEnvelope(file: string, onProgress: (decodedS: number) => void = () => undefined): DecodeJob {
  const ffmpeg = findFfmpeg();
  if (!ffmpeg) {
    const err = new UserError('no_ffmpeg', 'ffmpeg is needed to read the recordings\' sound: install it (e.g. apt-get install ffmpeg) or npm install @ffmpeg-installer/ffmpeg');
    return { done: Promise.reject(err), cancel: () => undefined };
  }
  const child = spawn(ffmpeg, ['-nostdin', '-v', 'error', '-i', file, '-vn', '-sn', '-dn', '-ac', '1', '-ar', String(DECODE_RATE), '-f', 'f32le', 'pipe:1'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let cancelled = false;
  const done = collect(child, file, onProgress, () => cancelled);
  return {
    done,
    cancel: () => {
      cancelled = true;
      child.kill('SIGKILL');
    },
  };
}

function collect(child: ChildProcess, file: string, onProgress: (s: number) => void, cancelled: () => boolean): Promise<Float32Array> {
  const env = new EnvelopeBuilder(DECODE_RATE, ENVELOPE_RATE_HZ);
  let carry: Buffer = Buffer.alloc(0);
  let stderr = '';
  let lastReport = 0;
  child.stdout!.on('data', (chunk: Buffer) => {
    const buf = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    const whole = buf.length - (buf.length % 4);
    env.push(floatsLE(buf.subarray(0, whole)));
    carry = buf.subarray(whole);
    const s = env.samples / DECODE_RATE;
    if (s - lastReport >= 1) {
      lastReport = s;
      onProgress(s);
    }
  });
  child.stderr!.on('data', (d: Buffer) => {
    if (stderr.length < 4000) stderr += d.toString('utf8');
  });
  return new Promise((resolve, reject) => {
    child.on('error', (e) => reject(new UserError('ffmpeg_failed', `${file}: could not run ffmpeg (${e.message})`)));
    child.on('close', (code) => {
      if (cancelled()) return reject(new UserError('cancelled', `Reading the sound of ${file} was cancelled`));
      if (code !== 0) return reject(new UserError('no_audio', `${file}: ${explain(stderr)}`));
      const values = env.finish();
      if (values.length === 0) return reject(new UserError('no_audio', `${file}: has no audio track; sync by sound needs the sound of both recordings`));
      resolve(values);
    });
  });
}

/** ffmpeg's complaint as one line saying what to do. */
export function explain(stderr: string): string {
  if (/does not contain any stream|matches no streams|Output file .* does not contain/i.test(stderr)) return 'has no audio track; sync by sound needs the sound of both recordings';
  if (/No such file or directory/i.test(stderr)) return 'not found; locate the recording first';
  const first = stderr.split(/\r?\n/).map((l) => l.replace(/^\[[^\]]*\]\s*/, '').trim()).find((l) => l.length > 0);
  return `ffmpeg could not read its sound (${(first ?? 'unknown error').slice(0, 200)}); convert it with: ffmpeg -i in -c:a aac out.m4a`;
}
