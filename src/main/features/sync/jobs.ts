/**
 * Envelope jobs of one open study: at most one decode per recording at a time, polled by id
 * (the same over Electron IPC and web-mode HTTP), cancellable, and cached in the study's
 * `waveforms` table when done (keyed by the recording and its fingerprint, so a recording
 * re-located to a different file is decoded again).
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { WaveformJob } from '../../../shared/contract/sync';
import type { Uuid } from '../../../shared/domain';
import { UserError } from '../../../shared/errors';
import { ENVELOPE_RATE_HZ } from '../../../shared/sync/model';
import type { ProjectStore } from '../../db/store';
import { getWaveform, putWaveform } from '../../db/tables/waveforms';
import { type DecodeJob, decodeEnvelope } from './decode';

interface Job extends WaveformJob {
  fingerprint: string;
  envelope: Promise<Float32Array>;
  cancel: () => void;
}

/** Finished jobs kept for polling. */
const KEEP_FINISHED = 64;

export class EnvelopeJobs {
  private byId = new Map<string, Job>();

  constructor(private store: ProjectStore, private decode: (file: string, onProgress: (s: number) => void) => DecodeJob = decodeEnvelope) {}

  /** The running or finished job for the recording's current file, or a new one. */
  start(mediaId: Uuid): WaveformJob {
    return view(this.job(mediaId));
  }

  /** The recording's envelope (cached, or decoded now). */
  envelope(mediaId: Uuid): Promise<Float32Array> {
    return this.job(mediaId).envelope;
  }

  get(jobId: string): WaveformJob {
    const job = this.byId.get(jobId);
    if (!job) throw new UserError('not_found', `No waveform job ${jobId} (it finished long ago or belongs to another study)`);
    return view(job);
  }

  cancel(jobId: string): WaveformJob {
    const job = this.byId.get(jobId);
    if (!job) throw new UserError('not_found', `No waveform job ${jobId}`);
    if (job.state === 'running') job.cancel();
    return view(job);
  }

  /** Cancels every running job (the study is closing). */
  cancelAll(): void {
    for (const j of this.byId.values()) if (j.state === 'running') j.cancel();
  }

  private job(mediaId: Uuid): Job {
    const media = this.store.getMedia(mediaId);
    for (const j of this.byId.values()) {
      if (j.mediaId === mediaId && j.fingerprint === media.fingerprint && (j.state === 'running' || j.state === 'done')) return j;
    }
    const cached = getWaveform(this.store.db, mediaId, media.fingerprint);
    const base = { jobId: randomUUID(), mediaId, fingerprint: media.fingerprint, message: null };
    if (cached) return this.keep({ ...base, state: 'done', fraction: 1, envelope: Promise.resolve(cached.values), cancel: () => undefined });
    if (!media.path || !media.fingerprint) throw new UserError('missing_media', `"${media.name}" has no file yet; locate it first`);
    if (!fs.existsSync(media.path)) throw new UserError('missing_media', `"${media.name}" is not at ${media.path}; locate it first`);
    const decoding = this.decode(media.path, (s) => {
      if (media.durationMs) job.fraction = Math.min(0.99, (s * 1000) / media.durationMs);
    });
    const job: Job = { ...base, state: 'running', fraction: 0, envelope: decoding.done, cancel: decoding.cancel };
    job.envelope = decoding.done.then(
      (values) => {
        if (this.store.db.open && !this.store.db.readonly) putWaveform(this.store.db, { mediaId, fingerprint: media.fingerprint, rateHz: ENVELOPE_RATE_HZ, values }, this.store.now());
        Object.assign(job, { state: 'done', fraction: 1 });
        return values;
      },
      (e: unknown) => {
        const cancelled = e instanceof UserError && e.code === 'cancelled';
        Object.assign(job, { state: cancelled ? 'cancelled' : 'failed', message: e instanceof Error ? e.message : String(e) });
        throw e;
      },
    );
    job.envelope.catch(() => undefined); // a poller may never await it
    return this.keep(job);
  }

  private keep(job: Job): Job {
    this.byId.set(job.jobId, job);
    const finished = [...this.byId.values()].filter((j) => j.state !== 'running');
    for (const j of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.byId.delete(j.jobId);
    return job;
  }
}

const view = (j: Job): WaveformJob => ({ jobId: j.jobId, mediaId: j.mediaId, state: j.state, fraction: j.fraction, message: j.message });

const registry = new WeakMap<ProjectStore, EnvelopeJobs>();

/** The jobs of this open study. */
export function jobsOf(store: ProjectStore): EnvelopeJobs {
  let jobs = registry.get(store);
  if (!jobs) {
    jobs = new EnvelopeJobs(store);
    registry.set(store, jobs);
  }
  return jobs;
}
