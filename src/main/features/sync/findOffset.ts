/** "Find offset": both recordings' envelopes (cached or decoded now), cross-correlated (src/shared/sync/correlate.ts). */
import type { FindOffsetResult, WaveformEnvelope } from '../../../shared/contract/sync';
import type { Uuid } from '../../../shared/domain';
import { UserError } from '../../../shared/errors';
import { MIN_CONFIDENCE, estimateOffset } from '../../../shared/sync/correlate';
import { envelopeLevels } from '../../../shared/sync/envelope';
import { ENVELOPE_RATE_HZ } from '../../../shared/sync/model';
import type { ProjectStore } from '../../db/store';
import { getWaveform } from '../../db/tables/waveforms';
import { jobsOf } from './jobs';

export interface FindOffsetInput {
  primaryId: Uuid;
  angleId: Uuid;
  windowMs?: { startMs: number; endMs: number };
  maxLagMs?: number;
}

const fmt = (c: number) => c.toFixed(2);

export async function findOffset(store: ProjectStore, input: FindOffsetInput): Promise<FindOffsetResult> {
  if (input.primaryId === input.angleId) throw new UserError('invalid', 'Choose two different recordings');
  const jobs = jobsOf(store);
  const [a, b] = await Promise.all([jobs.envelope(input.primaryId), jobs.envelope(input.angleId)]);
  const frame = 1000 / ENVELOPE_RATE_HZ;
  const w = input.windowMs;
  if (w && w.startMs >= a.length * frame) {
    throw new UserError('invalid', `The window starts at ${w.startMs} ms, after the end of "${store.getMedia(input.primaryId).name}" (${Math.round(a.length * frame)} ms)`);
  }
  const est = estimateOffset(a, b, {
    rateHz: ENVELOPE_RATE_HZ,
    windowFrames: w ? { start: Math.floor(w.startMs / frame), end: Math.ceil(w.endMs / frame) } : undefined,
    maxLagFrames: input.maxLagMs !== undefined ? Math.ceil(input.maxLagMs / frame) : undefined,
  });
  if (!est) return { found: false, confidence: 0, reason: 'One of the recordings is silent in the part compared: nothing to match', curve: null };
  const confidence = Math.round(est.confidence * 1000) / 1000;
  if (est.confidence < MIN_CONFIDENCE) {
    return {
      found: false, confidence, curve: est.curve,
      reason: `The two recordings' sounds do not match (confidence ${fmt(est.confidence)}, below ${fmt(MIN_CONFIDENCE)}): narrow the window around a clap, or set the offset by hand`,
    };
  }
  return { found: true, offsetMs: Math.round(est.offsetMs), confidence, curve: est.curve };
}

/** The cached envelope for drawing, or null. */
export function cachedWaveform(store: ProjectStore, mediaId: Uuid): WaveformEnvelope | null {
  const media = store.getMedia(mediaId);
  const cached = getWaveform(store.db, mediaId, media.fingerprint);
  if (!cached) return null;
  const { levels, maxRms } = envelopeLevels(cached.values);
  return { mediaId, rateHz: cached.rateHz, count: levels.length, maxRms, levels: Buffer.from(levels).toString('base64') };
}
