/**
 * The master clock follower of synchronized playback (pure: no DOM). The primary recording's
 * player is the master; each linked angle follows it at `angle time = master time + offset`
 * (ELAN's TIME_ORIGIN: the angle's time at the primary's zero). Every tick the runner asks
 * `planFollower` what to do with one angle and applies the answer to its element.
 *
 * How drift is corrected, and why:
 * - Paused master (a seek, a frame step, J's reverse shuttle): the angle is paused and sought
 *   to exactly master + offset, so a frame step shows the matching frame of every angle.
 * - Playing master, drift above half a frame and up to the seek threshold: a playbackRate nudge
 *   proportional to the drift (gone in about a quarter second), at most ±25 % of the master's
 *   rate. A rate change is invisible on a muted angle and keeps the decoder running; a seek on a
 *   playing video stops it to find a key frame (a visible freeze of 50–300 ms, BORIS's stutter)
 *   and lands a seek latency late. Correcting from half a frame on keeps the drift under one
 *   frame; a gentler ±10 % left decoder stalls on a loaded machine visible for a second.
 * - Playing master, drift beyond 200 ms × rate (at least five frames; more than the nudge takes
 *   back in a second): one seek, aimed ahead by the latency the previous seeks showed (`leadMs`).
 * - A paused angle joins a playing master with play() alone when within a frame of it (a seek
 *   would cost more than it saves), else sought first.
 * - Under a quarter of a frame the angle plays at exactly the master's rate (a dead band, so the
 *   rate does not hunt around zero).
 * - An angle with no material at the current time (before its start or after its end) is paused
 *   on its first or last frame and reported as `before` (with the master time until it starts)
 *   or `ended`; it rejoins when the master reaches its material.
 */

export interface MasterClock {
  timeMs: number;
  playing: boolean;
  rate: number;
}

export interface FollowerClock {
  currentMs: number;
  durationMs: number;
  paused: boolean;
  rate: number;
  /** A seek is under way: its position is not yet playing, so nothing is decided. */
  seeking: boolean;
}

export type Material = 'before' | 'within' | 'ended';

export interface FollowPlan {
  material: Material;
  /** Follower time minus where it should be (ms; positive = ahead). */
  driftMs: number;
  /** Master time until the angle's material starts (when `before`). */
  startsInMs: number;
  seekMs?: number;
  play?: boolean;
  pause?: boolean;
  rate?: number;
}

export const MAX_NUDGE = 0.25;
/** Wall time over which a nudge removes the drift it sees. */
export const NUDGE_HORIZON_MS = 250;
export const MAX_LEAD_MS = 250;

/** Drift (ms of angle time) from which a playing angle is sought instead of nudged. */
export function seekThresholdMs(rate: number, frameMs: number): number {
  return Math.max(200 * rate, 5 * frameMs);
}

/** Where the angle shows its last frame: just inside its duration. */
export function lastFrameMs(durationMs: number, frameMs: number): number {
  return Math.max(0, durationMs - Math.min(frameMs / 2, 20));
}

/** The angle's position for a master time; `material` says whether it has a frame there. */
export function angleTime(masterMs: number, offsetMs: number, durationMs: number): { targetMs: number; material: Material } {
  const targetMs = masterMs + offsetMs;
  const material: Material = targetMs < 0 ? 'before' : durationMs > 0 && targetMs >= durationMs ? 'ended' : 'within';
  return { targetMs, material };
}

/** A rate for a playing angle `driftMs` ahead of the master (behind when negative). */
export function nudgedRate(masterRate: number, driftMs: number, frameMs: number): number {
  if (Math.abs(driftMs) < frameMs / 4) return masterRate;
  const change = Math.max(-MAX_NUDGE, Math.min(MAX_NUDGE, driftMs / (NUDGE_HORIZON_MS * masterRate)));
  return masterRate * (1 - change);
}

export function planFollower(master: MasterClock, offsetMs: number, f: FollowerClock, frameMs: number, leadMs = 0): FollowPlan {
  const { targetMs, material } = angleTime(master.timeMs, offsetMs, f.durationMs);
  const driftMs = f.currentMs - targetMs;
  const plan: FollowPlan = { material, driftMs, startsInMs: material === 'before' ? -targetMs : 0 };
  if (f.seeking) return plan;
  if (material !== 'within') return parkOutside(plan, f, frameMs);
  if (!master.playing) {
    if (!f.paused) plan.pause = true;
    if (Math.abs(driftMs) >= 1) plan.seekMs = targetMs;
    return plan;
  }
  if (f.paused) {
    // (re)joining a playing master: start where it is now (an angle within a frame just starts;
    // the nudge takes the rest, where a seek would cost its latency)
    if (Math.abs(driftMs) > frameMs) plan.seekMs = targetMs + leadMs * master.rate;
    plan.play = true;
    plan.rate = master.rate;
    return plan;
  }
  if (Math.abs(driftMs) > seekThresholdMs(master.rate, frameMs)) {
    plan.seekMs = targetMs + leadMs * master.rate;
    plan.rate = master.rate;
    return plan;
  }
  // nudging starts above half a frame and stops under a quarter (nudgedRate's dead band)
  const nudging = Math.abs(f.rate - master.rate) > 1e-3;
  const rate = !nudging && Math.abs(driftMs) <= frameMs / 2 ? master.rate : nudgedRate(master.rate, driftMs, frameMs);
  if (Math.abs(rate - f.rate) > 1e-3) plan.rate = rate;
  return plan;
}

/** Before its start or after its end: paused on the first or last frame. */
function parkOutside(plan: FollowPlan, f: FollowerClock, frameMs: number): FollowPlan {
  if (!f.paused) plan.pause = true;
  const at = plan.material === 'before' ? 0 : lastFrameMs(f.durationMs, frameMs);
  if (Math.abs(f.currentMs - at) >= 1) plan.seekMs = at;
  return plan;
}

/**
 * Learns how far ahead a playing seek must aim: after a seek lands, the drift it shows (behind =
 * negative) is added, halved, to the lead (wall ms), kept within 0–250 ms (a seek that landed
 * during a decoder stall must not send the next one far ahead: a 794 ms overshoot was seen).
 */
export function learnLead(leadMs: number, driftAfterSeekMs: number, rate: number): number {
  const next = leadMs - driftAfterSeekMs / rate / 2;
  return Math.max(0, Math.min(MAX_LEAD_MS, next));
}

/** "starts in 0:12" / "ended" for an angle outside its material; '' within. */
export function materialLabel(plan: Pick<FollowPlan, 'material' | 'startsInMs'>): string {
  if (plan.material === 'ended') return 'ended';
  if (plan.material === 'within') return '';
  const s = Math.ceil(plan.startsInMs / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return `starts in ${h > 0 ? `${h}:${String(m).padStart(2, '0')}` : m}:${sec}`;
}
