/**
 * The envelope job behind the waveform track and find-offset: polled by id, one per recording at
 * a time, cancellable (its ffmpeg is killed and nothing is cached), progress from 0 to 1, and a
 * recording with no sound or a missing file gets one line.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProjectStore } from '../../src/main/db/store';
import { EnvelopeJobs } from '../../src/main/features/sync/jobs';
import type { DecodeJob } from '../../src/main/features/sync/decode';
import { createService } from '../../src/main/service';
import { addMediaFile } from '../../src/main/features/coding/service';
import { speechLike, writeWav } from '../helpers/audio';
import { fakeRecording, tickingClock } from '../helpers/mergeStore';
import { tmpDir } from '../helpers/tmp';

function study() {
  const dir = tmpDir();
  const wav = path.join(dir, 'talk.wav');
  writeWav(wav, speechLike({ seconds: 20, rate: 8000, seed: 3 }), 8000);
  const store = ProjectStore.create(path.join(dir, 's.triangulate'), { clock: tickingClock() });
  return { dir, store, wav: addMediaFile(store, wav, 20_000).id };
}

const waveformRows = (store: ProjectStore) => (store.db.prepare('SELECT count(*) AS n FROM waveforms').get() as { n: number }).n;

describe('envelope jobs', () => {
  it('report progress, finish once per recording and cache the envelope', async () => {
    const { store, wav } = study();
    try {
      // a decoder we drive by hand: 5 s, then 15 s, then done
      let progress: (s: number) => void = () => undefined;
      let finish: (v: Float32Array) => void = () => undefined;
      const decode = (_file: string, onProgress: (s: number) => void): DecodeJob => {
        progress = onProgress;
        return { done: new Promise((r) => (finish = r)), cancel: () => undefined };
      };
      const jobs = new EnvelopeJobs(store, decode);
      const job = jobs.start(wav);
      expect(job).toMatchObject({ mediaId: wav, state: 'running', fraction: 0, message: null });
      expect(jobs.start(wav).jobId).toBe(job.jobId); // the same job, not a second decode
      progress(5);
      expect(jobs.get(job.jobId).fraction).toBeCloseTo(0.25, 6);
      progress(15);
      expect(jobs.get(job.jobId).fraction).toBeCloseTo(0.75, 6);
      finish(Float32Array.from([0.5, 1]));
      await jobs.envelope(wav);
      expect(jobs.get(job.jobId)).toMatchObject({ state: 'done', fraction: 1 });
      expect(waveformRows(store)).toBe(1);
    } finally {
      store.close();
    }
  });

  it('cancel kills the real ffmpeg and caches nothing; a later start decodes anew', async () => {
    const { store, wav } = study();
    try {
      const api = createService(store);
      const job = await api.waveformStart({ mediaId: wav });
      expect((await api.waveformCancel({ jobId: job.jobId })).jobId).toBe(job.jobId);
      await expect(createService(store).findOffset({ primaryId: wav, angleId: wav })).rejects.toThrow('Choose two different recordings');
      // wait for the child to be reaped
      for (let i = 0; i < 100 && (await api.waveformJob({ jobId: job.jobId })).state === 'running'; i++) await new Promise((r) => setTimeout(r, 20));
      expect(await api.waveformJob({ jobId: job.jobId })).toMatchObject({ state: 'cancelled', message: expect.stringMatching(/was cancelled$/) });
      expect(waveformRows(store)).toBe(0);
      const again = await api.waveformStart({ mediaId: wav });
      expect(again.jobId).not.toBe(job.jobId);
      for (let i = 0; i < 500 && (await api.waveformJob({ jobId: again.jobId })).state === 'running'; i++) await new Promise((r) => setTimeout(r, 20));
      expect(await api.waveformJob({ jobId: again.jobId })).toMatchObject({ state: 'done', fraction: 1 });
      expect(await api.waveform({ mediaId: wav })).toMatchObject({ count: 2000 });
    } finally {
      store.close();
    }
  });

  it('a file with no sound, or one that is gone, gets one line', async () => {
    const { dir, store, wav } = study();
    try {
      const api = createService(store);
      const mp4 = path.join(dir, 'silent.mp4');
      fs.writeFileSync(mp4, fakeRecording()); // an MP4 header and noise: ffmpeg finds no audio in it
      const silent = addMediaFile(store, mp4).id;
      const job = await api.waveformStart({ mediaId: silent });
      for (let i = 0; i < 500 && (await api.waveformJob({ jobId: job.jobId })).state === 'running'; i++) await new Promise((r) => setTimeout(r, 20));
      const failed = await api.waveformJob({ jobId: job.jobId });
      expect(failed.state).toBe('failed');
      expect(failed.message).toMatch(new RegExp(`^${mp4.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `));
      expect(failed.message).not.toContain('\n');
      expect(failed.message).toBe(`${mp4}: ffmpeg could not read its sound (moov atom not found); convert it with: ffmpeg -i in -c:a aac out.m4a`);
      // a real video without an audio track
      const mute = path.join(dir, 'mute.mp4');
      execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=d=1:s=64x64:r=10', '-an', mute]);
      const muteId = addMediaFile(store, mute).id;
      await expect(api.findOffset({ primaryId: wav, angleId: muteId })).rejects.toThrow(`${mute}: has no audio track; sync by sound needs the sound of both recordings`);
      fs.rmSync(mp4);
      // the failed job is not reused: a new start checks the file again
      await expect(api.waveformStart({ mediaId: silent })).rejects.toThrow(`"silent.mp4" is not at ${mp4}; locate it first`);
    } finally {
      store.close();
    }
  });
});
