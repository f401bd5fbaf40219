/**
 * Linked recordings ("angles"): several cameras or recorders filming one moment. Coding stays on
 * the primary recording's clock (as in ELAN); each angle is another recording of the study linked
 * to a primary with a time offset.
 *
 * Offset convention (the same sign as ELAN's `TIME_ORIGIN` when the primary's origin is 0):
 *
 *     angle time = primary time + offsetMs
 *
 * so a positive offset means the angle was started earlier than the primary (the clap heard at
 * primary 0:10.000 is at angle 0:13.250 when offsetMs = 3250); a negative one, later. An angle
 * has no material at primary time t when t + offsetMs < 0 ("starts in …") or is past its
 * duration ("ended").
 */
import type { Stamped, Uuid } from '../domain';

export interface MediaLink extends Stamped {
  /** The recording whose clock the coding follows. */
  primaryMediaId: Uuid;
  /** The linked recording (video or audio-only). An angle belongs to one primary and is never itself a primary. */
  angleMediaId: Uuid;
  /** angle time = primary time + offsetMs (integer milliseconds, may be negative). */
  offsetMs: number;
  /** Order of the angles of one primary (0, 1, 2, …). */
  sortOrder: number;
  /** The angle's label in the players ("Room camera"); '' = the recording's name. */
  label: string;
  /** Audio is heard from this angle (at most one per primary; none = the primary's own audio). */
  audio: boolean;
  /** Shown in the players (the Angles tab's "Show"; at most MAX_SHOWN_ANGLES per primary). */
  shown: boolean;
}

/** Angle time for a primary time (see the convention above). */
export const angleTimeMs = (primaryMs: number, offsetMs: number): number => primaryMs + offsetMs;
/** Primary time for an angle time. */
export const primaryTimeMs = (angleMs: number, offsetMs: number): number => angleMs - offsetMs;

/** Angles per primary recording, as in ELAN (four media on one timeline). */
export const MAX_ANGLES = 7;
/** Angles shown at once next to the primary: four videos, as ELAN. */
export const MAX_SHOWN_ANGLES = 3;
/** Offsets beyond ±24 h are refused (a typing slip, not two cameras of one workshop). */
export const MAX_OFFSET_MS = 24 * 3600 * 1000;

/** The envelope's frame rate: one RMS value per 10 ms. */
export const ENVELOPE_RATE_HZ = 100;

/** An offset for people: "+3.250 s", "−1.200 s" (a true minus sign), "0.000 s". */
export function formatOffset(ms: number): string {
  const sign = ms > 0 ? '+' : ms < 0 ? '−' : '';
  return `${sign}${(Math.abs(ms) / 1000).toFixed(3)} s`;
}
