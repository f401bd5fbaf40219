/**
 * The master clock follower of synchronized playback (pure: no DOM). The primary recording's
 * player is the master; each linked angle follows it at `angle time = master time + offset`
 * (ELAN's TIME_ORIGIN: the angle's time at the primary's zero). Every tick the runner asks
 * `planFollower` what to do with one angle and applies the answer to its element.
 *
 * How drift is corrected, and why (figures measured in headless Chromium on a loaded machine):
 * - Paused by the user (a seek, a frame step, J's reverse shuttle): the angle is paused and
 *   sought to exactly master + offset, so a frame step shows the matching frame of every angle.
 * - While playback is on, an angle is never paused: it waits at playbackRate 0. (The pictures
 *   are played from video-only copies, main/features/sync/pictures.ts: an element with an audio
 *   track runs on its audio clock, which moves in steps of up to ~100 ms when started, sought or
 *   held. Without one, rate 0 and back is prompt; until a copy is made the original is used.)
 * - Master moving, an angle ahead by over ¾ of a frame waits at rate 0 until the master reaches
 *   it. One behind by over half a frame holds the master (shared/sync/hold) until it catches up.
 *   Between, a playbackRate nudge proportional to the drift (at most ±25 % of the master's rate,
 *   gone in about a quarter second), with a dead band under a quarter of a frame.
 * - Master not moving (held, seeking or waiting for data): an angle more than a frame off is
 *   sought to master + offset (it reads the target at once, and the master waits for the seek);
 *   one behind by over a quarter of a frame catches up at the master's rate; the others wait at
 *   rate 0.
 * - Drift beyond 200 ms × rate (at least five frames; more than the nudge takes back in a
 *   second), e.g. a seek of the master while playing: one seek to master + offset; the master is
 *   held while it seeks. A seek on a playing video stops it to find a key frame, so it is the
 *   last resort (BORIS's stutter).
 * - An angle with no material at the current time (before its start or after its end) is paused
 *   on its first or last frame and reported as `before` (with the master time until it starts)
 *   or `ended`; it rejoins when the master reaches its material.
 */

export interface MasterClock {
  timeMs: number;
  /** Playback is on (the user's intent; false when paused by the user or ended). */
  playing: boolean;
  /** Playing and its clock running: not held, seeking or waiting for data. */
  moving: boolean;
  /** The user's rate (not the 0 of a hold). */
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

export function planFollower(master: MasterClock, offsetMs: number, f: FollowerClock, frameMs: number): FollowPlan {
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
  if (f.paused) plan.play = true;
  // standing still (held, seeking), the master waits for the angle's seek; moving, only far drift is worth one
  if (Math.abs(driftMs) > (master.moving ? seekThresholdMs(master.rate, frameMs) : frameMs)) {
    plan.seekMs = targetMs;
    plan.rate = 0;
    return plan;
  }
  const rate = master.moving ? runningRate(master.rate, f.rate, driftMs, frameMs) : waitingRate(master.rate, driftMs, frameMs);
  if (f.paused || Math.abs(rate - f.rate) > 1e-3) plan.rate = rate;
  return plan;
}

/** The master not moving: an angle behind by over a quarter frame catches up at its rate, the others wait at rate 0. */
export function waitingRate(masterRate: number, driftMs: number, frameMs: number): number {
  return driftMs < -frameMs / 4 ? masterRate : 0;
}

/**
 * The master moving: an angle ahead by over three quarters of a frame waits at rate 0 until the
 * master reaches it; otherwise the master's rate, nudged from half a frame of drift until under a
 * quarter (so a steady skew is nudged away before it makes the angle wait).
 */
export function runningRate(masterRate: number, rate: number, driftMs: number, frameMs: number): number {
  const waiting = rate === 0;
  if (driftMs > (frameMs * 3) / 4 || (waiting && driftMs > 0)) return 0;
  const nudging = !waiting && Math.abs(rate - masterRate) > 1e-3;
  if (!nudging && Math.abs(driftMs) <= frameMs / 2) return masterRate;
  return nudgedRate(masterRate, driftMs, frameMs);
}

/** An angle behind by more than this (ms) holds the master; held, it holds until within `held` of it. */
export function lagLimitMs(frameMs: number, held: boolean): number {
  return held ? frameMs / 4 : frameMs / 2;
}

/**
 * Before its start or after its end: paused on the first or last frame. A picture whose first
 * frame is a little after 0 (a video-only copy keeps the original's timestamps, e.g. 7 ms after
 * Opus's pre-skip) lands there from a seek to 0: within half a frame of 0 it is parked.
 */
function parkOutside(plan: FollowPlan, f: FollowerClock, frameMs: number): FollowPlan {
  if (!f.paused) plan.pause = true;
  const before = plan.material === 'before';
  const at = before ? 0 : lastFrameMs(f.durationMs, frameMs);
  const parked = before ? f.currentMs < Math.min(frameMs / 2, 20) : Math.abs(f.currentMs - at) < 1;
  if (!parked) plan.seekMs = at;
  return plan;
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
