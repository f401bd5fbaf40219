/**
 * The sound of synchronized playback (pure: no DOM). The pictures are shown from elements with no
 * audio track (main/features/sync/pictures.ts), so they keep smooth clocks; the sound of the one
 * chosen recording (the primary or an angle) plays from one separate element that follows the
 * master at `master time + offset`. An audio element is a poor clock (its currentTime moves in
 * steps of up to ~100 ms on a loaded machine, and it starts 40–160 ms late after play()), so it is
 * corrected gently and never holds the pictures:
 * - paused by the user: the sound is paused on the master's time;
 * - the master standing (held for an angle, seeking, waiting for data): the sound waits at rate 0,
 *   which restarts within ~20 ms where play() would be late (sought first when off as below: the
 *   master was sought while playing);
 * - the master moving: the sound plays at the master's rate, nudged by up to ±15 % when it is off by
 *   over SOUND_DEAD_MS until it is within SOUND_SETTLE_MS (so it comes back in about a second),
 *   and sought when off by over SOUND_SEEK_MS, but not again within SOUND_RESEEK_MS of its last
 *   seek (an audio element starts late after a seek, and seeking again would only repeat that)
 *   unless the master has jumped again (off by over SOUND_FAR_MS);
 * - outside the chosen recording's material: paused.
 * The bound held is lip sync's (sound at most 45 ms ahead of the picture, 125 ms behind: ITU-R
 * BT.1359), in wall time: at 2× a drift of 100 ms of media time is 50 ms heard. The dead band sits
 * well inside it.
 */
import { angleTime, type Material, type MasterClock } from './follow';

/** Off by less than this (ms), the sound plays at the master's rate. */
export const SOUND_DEAD_MS = 30;
/** A nudge goes on until the sound is within this (ms). */
export const SOUND_SETTLE_MS = 10;
/**
 * Off by more than this (ms), the sound is sought … (less is nudged back: a seek starts an audio
 * element 40–160 ms late, so it would not land nearer than a nudge brings it in a second or two)
 */
export const SOUND_SEEK_MS = 400;
/** … unless it was sought less than this long ago (wall ms) and is off by less than SOUND_FAR_MS (the master jumped again). */
export const SOUND_RESEEK_MS = 1000;
export const SOUND_FAR_MS = 1000;
export const SOUND_MAX_NUDGE = 0.15;
/** Wall time (ms) over which a nudge takes back the offset it sees. */
export const SOUND_HORIZON_MS = 1000;
/** Lip sync: the sound may be this much ahead (ms) … */
export const LIP_AHEAD_MS = 45;
/** … or this much behind (ms). */
export const LIP_BEHIND_MS = 125;

export interface SoundClock {
  currentMs: number;
  durationMs: number;
  paused: boolean;
  rate: number;
  seeking: boolean;
  /** Wall time since the runner last sought it (Infinity: never). */
  sinceSeekMs: number;
}

export interface SoundPlan {
  material: Material;
  /** Sound time minus where it should be (ms; positive = ahead). */
  driftMs: number;
  seekMs?: number;
  play?: boolean;
  pause?: boolean;
  rate?: number;
}

export function planSound(master: MasterClock, offsetMs: number, s: SoundClock): SoundPlan {
  const { targetMs, material } = angleTime(master.timeMs, offsetMs, s.durationMs);
  const plan: SoundPlan = { material, driftMs: s.currentMs - targetMs };
  if (s.seeking) return plan;
  if (material !== 'within' || !master.playing) {
    if (!s.paused) plan.pause = true;
    if (material === 'within' && Math.abs(plan.driftMs) > SOUND_DEAD_MS) plan.seekMs = targetMs;
    return plan;
  }
  if (s.paused) plan.play = true;
  const nudging = s.rate !== 0 && Math.abs(s.rate - master.rate) > 1e-3;
  const rate = master.moving ? movingRate(master.rate, plan.driftMs, nudging) : 0;
  const off = Math.abs(plan.driftMs);
  if (off > SOUND_SEEK_MS && (s.sinceSeekMs >= SOUND_RESEEK_MS || off > SOUND_FAR_MS)) plan.seekMs = targetMs;
  if (Math.abs(rate - s.rate) > 1e-3) plan.rate = rate;
  return plan;
}

/** Nudges come in steps of this much (each rate change disturbs an audio clock, so few of them). */
export const SOUND_NUDGE_STEP = 0.025;

/** The master's rate, nudged (in steps of 2.5 %, at most ±15 %) against a drift over the dead band, and while `nudging` until it is settled. */
export function movingRate(masterRate: number, driftMs: number, nudging = false): number {
  if (Math.abs(driftMs) <= (nudging ? SOUND_SETTLE_MS : SOUND_DEAD_MS)) return masterRate;
  const steps = Math.max(1, Math.round(Math.abs(driftMs) / SOUND_HORIZON_MS / SOUND_NUDGE_STEP));
  const change = Math.min(SOUND_MAX_NUDGE, steps * SOUND_NUDGE_STEP) * Math.sign(driftMs);
  return masterRate * (1 - change);
}
