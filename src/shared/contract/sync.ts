/**
 * Linked recordings (angles), sync by sound and the waveform envelope.
 *
 * Offsets follow src/shared/sync/model.ts: angle time = primary time + offsetMs. Each edit
 * (link, unlink, move, rename, set offset, choose the audio angle) is one undo step.
 *
 * Long work (decoding a recording's envelope with ffmpeg) runs in a child process as a *job*
 * polled by id, which works the same over Electron IPC and web-mode HTTP: `waveformStart`
 * starts one (or returns the job already running or finished for that recording, or a finished
 * job at once when the envelope is cached), `waveformJob` reports its progress (poll it, e.g.
 * every 250 ms), `waveformCancel` stops it, `waveform` returns the cached envelope. `findOffset`
 * joins (or starts) the envelope jobs of both recordings, so a UI that wants a progress bar
 * calls `waveformStart` for both first and polls them while `findOffset` is pending.
 */
import { z } from 'zod';
import { call } from './call';
import { zName } from '../limits';
import { MAX_OFFSET_MS, type MediaLink } from '../sync/model';

export type { MediaLink } from '../sync/model';

const id = z.string().uuid();
const offsetMs = z.number().int().min(-MAX_OFFSET_MS).max(MAX_OFFSET_MS);
const label = z.union([z.literal(''), zName()]);

export type WaveformJobState = 'running' | 'done' | 'failed' | 'cancelled';

export interface WaveformJob {
  jobId: string;
  mediaId: string;
  state: WaveformJobState;
  /** 0..1 of the recording decoded so far (audio time decoded / the recording's duration, below 1 until done; 0 while the duration is unknown). */
  fraction: number;
  /** For 'failed': one line saying what went wrong and what to do. */
  message: string | null;
}

/**
 * A recording's audio envelope for drawing: one value per 1/rateHz s (RMS of that frame),
 * `levels` is base64 of one byte per frame, round(255 × rms / maxRms) (0 = silence, 255 = the
 * loudest frame of the recording).
 */
export interface WaveformEnvelope {
  mediaId: string;
  rateHz: number;
  count: number;
  /** The loudest frame's RMS (full scale = 1). */
  maxRms: number;
  levels: string;
}

/** The normalised cross-correlation against the offset, sampled for drawing (at most 1024 points). */
export interface OffsetCurve {
  /** Offset (ms) of values[0]; values[i] is at fromMs + i × stepMs. */
  fromMs: number;
  stepMs: number;
  /** Normalised correlation, −1..1. */
  values: number[];
}

export type FindOffsetResult =
  | {
      found: true;
      /** angle time = primary time + offsetMs. */
      offsetMs: number;
      /** 0..1: how far the best peak stands above the next-best one outside a guard zone. */
      confidence: number;
      curve: OffsetCurve;
    }
  | {
      found: false;
      /** Below the threshold (or nothing to compare): no offset proposed. */
      confidence: number;
      /** One line: why not (e.g. "the two recordings' sounds do not match (confidence 0.04)"). */
      reason: string;
      curve: OffsetCurve | null;
    };

/**
 * A recording's picture for synchronized playback: `ready` (a video-only copy is served with
 * `picture=1`), `making` (the original is served meanwhile), `original` (no copy needed or
 * possible: no audio track, no picture, no ffmpeg, or the copy failed).
 */
export type PictureState = 'ready' | 'making' | 'original';

export const syncContract = {
  /** Every link of the study, by primary then order. */
  listMediaLinks: call<MediaLink[]>()(z.object({}).strict()),
  /** Links `angleId` to `primaryId` (last in order); returns the primary's links. */
  linkAngle: call<MediaLink[]>()(
    z.object({ primaryId: id, angleId: id, offsetMs: offsetMs.default(0), label: label.default('') }).strict()
      .refine((v) => v.primaryId !== v.angleId, { message: 'a recording cannot be an angle of itself', path: ['angleId'] }),
  ),
  /** Removes the link (the recording stays in the study); returns the primary's links. */
  unlinkAngle: call<MediaLink[]>()(z.object({ linkId: id }).strict()),
  /** Moves an angle one place up (-1) or down (+1) among its primary's angles. */
  moveAngle: call<MediaLink[]>()(z.object({ linkId: id, delta: z.union([z.literal(-1), z.literal(1)]) }).strict()),
  /** The angle's label ('' = the recording's name). */
  renameAngle: call<MediaLink>()(z.object({ linkId: id, label }).strict()),
  setAngleOffset: call<MediaLink>()(z.object({ linkId: id, offsetMs }).strict()),
  /** Shows or hides the angle in the players (kept in the study; at most three shown per primary). */
  setAngleShown: call<MediaLink>()(z.object({ linkId: id, shown: z.boolean() }).strict()),
  /** Audio from this angle (linkId) or from the primary itself (null); returns the primary's links. */
  setAudioAngle: call<MediaLink[]>()(z.object({ primaryId: id, linkId: id.nullable() }).strict()),
  /**
   * Proposes the offset of `angleId` against `primaryId` by cross-correlating their envelopes.
   * `windowMs` narrows the primary's audio to that range (e.g. around a clap); `maxLagMs` bounds
   * the offsets searched (default: any that overlaps).
   */
  findOffset: call<FindOffsetResult>()(
    z.object({
      primaryId: id,
      angleId: id,
      windowMs: z.object({ startMs: z.number().int().min(0), endMs: z.number().int().min(0) }).strict()
        .refine((w) => w.endMs > w.startMs, { message: 'the window must end after it starts' }).optional(),
      maxLagMs: z.number().int().min(1).max(MAX_OFFSET_MS).optional(),
    }).strict(),
  ),
  waveformStart: call<WaveformJob>()(z.object({ mediaId: id }).strict()),
  waveformJob: call<WaveformJob>()(z.object({ jobId: z.string().min(1).max(64) }).strict()),
  waveformCancel: call<WaveformJob>()(z.object({ jobId: z.string().min(1).max(64) }).strict()),
  /** The cached envelope, or null when none is cached for the recording's current file. */
  waveform: call<WaveformEnvelope | null>()(z.object({ mediaId: id }).strict()),
  /** Each recording's picture state; starts making the video-only copies not made yet. */
  pictures: call<Record<string, PictureState>>()(z.object({ mediaIds: z.array(id).max(16) }).strict()),
} as const;
