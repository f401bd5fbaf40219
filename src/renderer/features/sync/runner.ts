/**
 * Applies the follower plans (shared/sync/follow) and the hold (shared/sync/hold) to the video
 * elements. The primary's element is the master clock (masterElement.ts); every animation frame,
 * at once when the master is played, paused, sought or given a rate, and at each angle's media
 * event that may begin or end a stall, the hold is decided and each angle is asked what to do.
 * Every picture is muted; the sound comes from one separate element (the chosen recording's,
 * shared/sync/sound) that follows the master gently and never holds it.
 */
import { angleTime, lagLimitMs, materialLabel, planFollower, type FollowPlan, type MasterClock } from '../../../shared/sync/follow';
import { planSound, type SoundPlan } from '../../../shared/sync/sound';
import { NOT_HELD, stepHold, type AngleReadiness, type HoldState } from '../../../shared/sync/hold';
import { FULL_LEVEL, type SoundLevel } from '../../../shared/sync/level';
import { MasterElement } from './masterElement';

export interface AngleEntry {
  el: HTMLMediaElement;
  offsetMs: number;
  /** Told the "starts in 0:12" / "ended" / '' label when it changes. */
  onLabel(label: string): void;
  label: string;
  lastDriftMs: number;
}

interface SoundEntry {
  el: HTMLMediaElement;
  offsetMs: number;
  lastDriftMs: number;
  /** When the runner last sought it (performance.now()). */
  soughtAt: number;
}

/** The holds so far: how many, the longest and the total (wall ms), and which angle began each. */
export interface HoldStats {
  count: number;
  longestMs: number;
  totalMs: number;
  byAngle: Record<string, number>;
}

const MASTER_EVENTS = ['play', 'playing', 'pause', 'seeking', 'seeked', 'waiting', 'ratechange'] as const;
/** An angle's events that may begin or end a stall: the hold is decided at once, not at the next frame. */
const ANGLE_EVENTS = ['waiting', 'seeking', 'seeked', 'canplay', 'playing'] as const;
const HAVE_FUTURE_DATA = 3;

export class SyncRunner {
  private master: MasterElement | null = null;
  private readonly angles = new Map<string, AngleEntry>();
  private raf = 0;
  private sound: SoundEntry | null = null;
  /** The user's volume and mute (set through the master's volume/muted), applied to the sound. */
  private level: SoundLevel = FULL_LEVEL;
  private hold: HoldState = NOT_HELD;
  private readonly stats: HoldStats = { count: 0, longestMs: 0, totalMs: 0, byAngle: {} };
  private waitingFor = '';
  private readonly kick = () => this.tick();
  /** Told the angles the master waits for (empty when it does not). */
  onWaiting: (ids: string[]) => void = () => undefined;

  constructor(private readonly frameMs: () => number) {}

  setMaster(el: HTMLMediaElement | null): void {
    if (this.master?.el === el) return;
    if (this.master) {
      for (const e of MASTER_EVENTS) this.master.el.removeEventListener(e, this.kick);
      this.master.dispose();
      this.hold = NOT_HELD;
    }
    this.master = el ? new MasterElement(el, this.kick, this.level, (l) => this.setLevel(l)) : null;
    for (const e of MASTER_EVENTS) el?.addEventListener(e, this.kick);
    this.schedule();
  }

  addAngle(id: string, el: HTMLMediaElement, offsetMs: number, onLabel: (label: string) => void): void {
    if (this.angles.has(id)) this.removeAngle(id);
    this.angles.set(id, { el, offsetMs, onLabel, label: '', lastDriftMs: 0 });
    for (const e of ANGLE_EVENTS) el.addEventListener(e, this.kick);
    el.muted = true;
    this.schedule();
  }

  removeAngle(id: string): void {
    const a = this.angles.get(id);
    for (const e of ANGLE_EVENTS) a?.el.removeEventListener(e, this.kick);
    this.angles.delete(id);
  }

  /** A new offset takes effect at the next tick (a nudge while playing is followed at once). */
  setOffset(id: string, offsetMs: number): void {
    const a = this.angles.get(id);
    if (a) a.offsetMs = offsetMs;
    this.tick();
  }

  /** The element playing the chosen recording's sound, at `offsetMs` from the master (0: the primary's own). */
  setSound(el: HTMLMediaElement | null, offsetMs = 0): void {
    if (this.sound && this.sound.el !== el) this.sound.el.pause();
    this.sound = el ? { el, offsetMs, lastDriftMs: this.sound?.el === el ? this.sound.lastDriftMs : 0, soughtAt: -Infinity } : null;
    if (el) applyLevel(el, this.level);
    this.tick();
    this.schedule();
  }

  private setLevel(level: SoundLevel): void {
    this.level = level;
    if (this.sound) applyLevel(this.sound.el, level);
  }

  /** The sound's drift from master + offset (ms; positive = ahead), for the tests. */
  soundDrift(): number | null {
    return this.sound ? this.sound.lastDriftMs : null;
  }

  /** Each angle's drift from master + offset (ms), for the screen and the tests. */
  drifts(): Record<string, number> {
    return Object.fromEntries([...this.angles].map(([id, a]) => [id, a.lastDriftMs]));
  }

  /** The holds so far (for the benchmark). */
  holdStats(): HoldStats {
    return { ...this.stats, byAngle: { ...this.stats.byAngle } };
  }

  /** The master is held, waiting for an angle. */
  get held(): boolean {
    return this.hold.held;
  }

  dispose(): void {
    cancelAnimationFrame(this.raf);
    this.raf = 0;
    this.setMaster(null);
    this.setSound(null);
    for (const id of [...this.angles.keys()]) this.removeAngle(id);
  }

  private schedule(): void {
    if (!this.raf) this.raf = requestAnimationFrame(() => {
      this.raf = 0;
      this.tick();
      if (this.master && (this.angles.size > 0 || this.sound)) this.schedule();
    });
  }

  tick(): void {
    const m = this.master;
    if (!m) return;
    this.updateHold(m);
    const el = m.el;
    const playing = !el.paused && !el.ended;
    // seeking, waiting for data or held, the master is not moving: the angles wait with it
    const moving = playing && !m.isHeld && !el.seeking && el.readyState >= HAVE_FUTURE_DATA;
    const master: MasterClock = { timeMs: el.currentTime * 1000, playing, moving, rate: m.rate };
    for (const a of this.angles.values()) this.follow(a, master);
    if (this.sound) this.followSound(this.sound, master);
  }

  private followSound(s: SoundEntry, master: MasterClock): void {
    const el = s.el;
    if (el.readyState < 1) return;
    const now = performance.now();
    const plan = planSound(master, s.offsetMs, { currentMs: el.currentTime * 1000, durationMs: (el.duration || 0) * 1000, paused: el.paused, rate: el.playbackRate, seeking: el.seeking, sinceSeekMs: now - s.soughtAt });
    s.lastDriftMs = plan.driftMs;
    if (plan.seekMs !== undefined) s.soughtAt = now;
    apply(el, plan);
  }

  /** Holds the master while a shown angle with material is stalled or behind; releases it when all have caught up. */
  private updateHold(m: MasterElement): void {
    const timeMs = m.el.currentTime * 1000;
    const lagMs = lagLimitMs(this.frameMs(), this.hold.held);
    const angles = [...this.angles].map(([id, a]) => readiness(id, a, timeMs, lagMs));
    const now = performance.now();
    const d = stepHold(this.hold, { nowMs: now, wantPlaying: !m.el.paused && !m.el.ended, angles });
    if (d.action === 'hold') this.countHold(d.waitingFor[0]!);
    if (this.hold.held && !d.state.held) this.timeHold(now - this.hold.sinceMs);
    this.hold = d.state;
    m.setHeld(d.state.held);
    const waiting = d.waitingFor.join(' ');
    if (waiting !== this.waitingFor) {
      this.waitingFor = waiting;
      this.onWaiting(d.waitingFor);
    }
  }

  private countHold(by: string): void {
    this.stats.count++;
    this.stats.byAngle[by] = (this.stats.byAngle[by] ?? 0) + 1;
  }

  private timeHold(ms: number): void {
    this.stats.totalMs += ms;
    this.stats.longestMs = Math.max(this.stats.longestMs, ms);
  }

  private follow(a: AngleEntry, master: MasterClock): void {
    const el = a.el;
    if (el.readyState < 1) return; // no metadata yet: nothing to seek in
    const clock = { currentMs: el.currentTime * 1000, durationMs: (el.duration || 0) * 1000, paused: el.paused, rate: el.playbackRate, seeking: el.seeking };
    const plan = planFollower(master, a.offsetMs, clock, this.frameMs());
    a.lastDriftMs = plan.driftMs;
    apply(el, plan);
    const label = materialLabel(plan);
    if (label !== a.label) {
      a.label = label;
      a.onLabel(label);
    }
  }
}

/** An angle with metadata and material at the master time is stalled while seeking, short of data or behind by over `lagMs`. */
function readiness(id: string, a: AngleEntry, masterMs: number, lagMs: number): AngleReadiness {
  const el = a.el;
  const { targetMs, material } = angleTime(masterMs, a.offsetMs, (el.duration || 0) * 1000);
  const within = el.readyState >= 1 && !el.error && material === 'within';
  return { id, within, stalled: el.seeking || el.readyState < HAVE_FUTURE_DATA || el.currentTime * 1000 - targetMs < -lagMs };
}

function applyLevel(el: HTMLMediaElement, l: SoundLevel): void {
  if (el.volume !== l.volume) el.volume = l.volume;
  if (el.muted !== l.muted) el.muted = l.muted;
}

function apply(el: HTMLMediaElement, p: FollowPlan | SoundPlan): void {
  if (p.pause) el.pause();
  if (p.rate !== undefined) el.playbackRate = p.rate;
  if (p.seekMs !== undefined) el.currentTime = p.seekMs / 1000;
  if (p.play) void el.play().catch(() => undefined);
}
