/**
 * Generated test audio: a seeded "workshop" of speech-like noise bursts (syllables of band-limited
 * noise grouped into words and turns, with pauses) and a hand clap, written as 16-bit mono WAV,
 * and ffmpeg cuts of it (offset, gain, added noise, another sample rate).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { normal, prng } from '../../src/shared/random';

export interface SourceSpec { seconds: number; rate: number; seed: number; clapAtS?: number }

/** Samples in [-1, 1]. */
export function speechLike({ seconds, rate, seed, clapAtS }: SourceSpec): Float32Array {
  const rand = prng(seed);
  const out = new Float32Array(Math.round(seconds * rate));
  let t = Math.round(0.3 * rate);
  let lp = 0;
  while (t < out.length) {
    // a word: 1–4 syllables of 60–250 ms, each with a raised-cosine amplitude
    const syllables = 1 + Math.floor(rand() * 4);
    for (let s = 0; s < syllables && t < out.length; s++) {
      const len = Math.round((0.06 + rand() * 0.19) * rate);
      const amp = 0.15 + rand() * 0.35;
      for (let i = 0; i < len && t + i < out.length; i++) {
        lp = 0.7 * lp + 0.3 * normal(rand, 0, 1); // low-passed noise, voice-ish
        out[t + i] = amp * lp * 0.5 * (1 - Math.cos((2 * Math.PI * i) / len));
      }
      t += len + Math.round(rand() * 0.05 * rate);
    }
    // a pause between words, now and then a long one (a turn ends)
    t += Math.round((rand() < 0.15 ? 0.6 + rand() * 1.2 : 0.08 + rand() * 0.3) * rate);
  }
  if (clapAtS !== undefined) {
    const at = Math.round(clapAtS * rate);
    for (let i = 0; i < 0.08 * rate && at + i < out.length; i++) out[at + i] = 0.95 * Math.exp(-i / (0.008 * rate)) * (rand() * 2 - 1);
  }
  return out;
}

export function writeWav(file: string, samples: Float32Array, rate: number): void {
  const data = Buffer.alloc(samples.length * 2);
  for (let i = 0; i < samples.length; i++) data.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(samples[i]! * 32767))), i * 2);
  const h = Buffer.alloc(44);
  h.write('RIFF', 0); h.writeUInt32LE(36 + data.length, 4); h.write('WAVE', 8);
  h.write('fmt ', 12); h.writeUInt32LE(16, 16); h.writeUInt16LE(1, 20); h.writeUInt16LE(1, 22);
  h.writeUInt32LE(rate, 24); h.writeUInt32LE(rate * 2, 28); h.writeUInt16LE(2, 32); h.writeUInt16LE(16, 34);
  h.write('data', 36); h.writeUInt32LE(data.length, 40);
  fs.writeFileSync(file, Buffer.concat([h, data]));
}

export interface CutSpec { fromS: number; seconds: number; rate: number; gain?: number; noise?: number; noiseSeed?: number; codec?: string }

/** ffmpeg: [fromS, fromS + seconds) of `source`, at `rate`, times `gain`, plus pink noise of amplitude `noise`. */
export function cut(source: string, out: string, c: CutSpec): void {
  const chain = `[0:a]atrim=start=${c.fromS}:duration=${c.seconds},asetpts=PTS-STARTPTS,volume=${c.gain ?? 1},aresample=${c.rate}[a]`;
  const noise = c.noise ? `;anoisesrc=d=${c.seconds}:c=pink:a=${c.noise}:r=${c.rate}:seed=${c.noiseSeed ?? 7}[n];[a][n]amix=inputs=2:duration=first:normalize=0[o]` : '';
  const args = ['-v', 'error', '-y', '-i', source, '-filter_complex', chain + noise, '-map', c.noise ? '[o]' : '[a]', '-ac', '1'];
  if (c.codec) args.push('-c:a', c.codec);
  execFileSync('ffmpeg', [...args, out], { stdio: ['ignore', 'ignore', 'pipe'] });
}
