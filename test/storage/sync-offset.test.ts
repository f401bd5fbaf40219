/**
 * Sync by sound, end to end on real files: a generated workshop sound (speech-like bursts and a
 * clap) cut by ffmpeg into two recordings 3.250 s apart (one with pink noise added, 0.4× the
 * gain, 44.1 kHz instead of 48 kHz, AAC in M4A instead of WAV), added to a real study; the
 * service decodes both envelopes with ffmpeg and proposes the offset. Unrelated audio gets a
 * low confidence and no proposal. The envelopes are cached in the study and survive a reopen.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ProjectStore } from '../../src/main/db/store';
import { createService } from '../../src/main/service';
import { addMediaFile } from '../../src/main/features/coding/service';
import { MIN_CONFIDENCE } from '../../src/shared/sync/correlate';
import { cut, speechLike, writeWav } from '../helpers/audio';
import { tmpDir } from '../helpers/tmp';

// the audio files are made once for the file (tmpDir's folders are removed after each test)
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triangulate-sync-audio-'));
const files = { primary: path.join(dir, 'room.wav'), angle: path.join(dir, 'table.m4a'), other: path.join(dir, 'other.wav') };

beforeAll(() => {
  const source = path.join(dir, 'source.wav');
  writeWav(source, speechLike({ seconds: 45, rate: 48000, seed: 11, clapAtS: 12 }), 48000);
  // event at source time s: angle time = s, primary time = s − 3.25, so angle = primary + 3250 ms
  cut(source, files.primary, { fromS: 3.25, seconds: 38, rate: 48000 });
  cut(source, files.angle, { fromS: 0, seconds: 40, rate: 44100, gain: 0.4, noise: 0.03, codec: 'aac' });
  writeWav(files.other, speechLike({ seconds: 40, rate: 48000, seed: 99, clapAtS: 20 }), 48000);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}, 60_000);

function study() {
  const file = path.join(tmpDir(), 'sync.triangulate');
  const store = ProjectStore.create(file);
  const ids = {
    primary: addMediaFile(store, files.primary).id,
    angle: addMediaFile(store, files.angle).id,
    other: addMediaFile(store, files.other).id,
  };
  return { file, store, api: createService(store), ids };
}

describe('find offset by sound', () => {
  it('proposes the known offset of 3.250 s within 10 ms, both ways round', async () => {
    const { store, api, ids } = study();
    try {
      const r = await api.findOffset({ primaryId: ids.primary, angleId: ids.angle });
      if (!r.found) throw new Error(r.reason);
      expect(Math.abs(r.offsetMs - 3250)).toBeLessThanOrEqual(10);
      expect(r.confidence).toBeGreaterThan(0.6);
      // the curve for drawing peaks where the offset is
      const top = r.curve.values.indexOf(Math.max(...r.curve.values));
      expect(Math.abs(r.curve.fromMs + top * r.curve.stepMs - 3250)).toBeLessThanOrEqual(r.curve.stepMs);
      const back = await api.findOffset({ primaryId: ids.angle, angleId: ids.primary });
      expect(back.found && Math.abs(back.offsetMs + 3250)).toBeLessThanOrEqual(10);
    } finally {
      store.close();
    }
  }, 60_000);

  it('narrowed to a window around the clap, finds the same offset', async () => {
    const { store, api, ids } = study();
    try {
      // the clap is at source 12 s = primary 8.75 s
      const r = await api.findOffset({ primaryId: ids.primary, angleId: ids.angle, windowMs: { startMs: 7_500, endMs: 10_000 } });
      expect(r.found && Math.abs(r.offsetMs - 3250)).toBeLessThanOrEqual(10);
    } finally {
      store.close();
    }
  }, 60_000);

  it('gives unrelated audio a low confidence and proposes nothing', async () => {
    const { store, api, ids } = study();
    try {
      const r = await api.findOffset({ primaryId: ids.primary, angleId: ids.other });
      expect(r.found).toBe(false);
      expect(r.confidence).toBeLessThan(MIN_CONFIDENCE);
      expect(!r.found && r.reason).toMatch(/do not match/);
    } finally {
      store.close();
    }
  }, 60_000);

  it('caches both envelopes in the study: after a reopen they are there without decoding', async () => {
    const { file, store, api, ids } = study();
    await api.findOffset({ primaryId: ids.primary, angleId: ids.angle });
    store.close();
    const again = ProjectStore.open(file);
    try {
      const api2 = createService(again);
      for (const id of [ids.primary, ids.angle]) expect(await api2.waveformStart({ mediaId: id })).toMatchObject({ state: 'done', fraction: 1 });
      const w = await api2.waveform({ mediaId: ids.primary });
      // the WAV's 38 s at 100 frames per second
      expect(w).toMatchObject({ mediaId: ids.primary, rateHz: 100, count: 3800 });
      const levels = Buffer.from(w!.levels, 'base64');
      expect(levels.length).toBe(3800);
      expect(Math.max(...levels)).toBe(255);
      expect(await api2.waveform({ mediaId: ids.other })).toBeNull();
    } finally {
      again.close();
    }
  }, 60_000);
});
