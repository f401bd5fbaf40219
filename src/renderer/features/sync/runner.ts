/**
 * Applies the follower plans (shared/sync/follow) to the angles' video elements. The primary's
 * element is the master clock; every animation frame, and at once on the master's play, pause,
 * seeking and ratechange, each angle is asked what to do. Audio comes from one element only.
 */
import { learnLead, materialLabel, planFollower, type FollowPlan } from '../../../shared/sync/follow';

export interface AngleEntry {
  el: HTMLMediaElement;
  offsetMs: number;
  /** Told the "starts in 0:12" / "ended" / '' label when it changes. */
  onLabel(label: string): void;
  lead: number;
  wasSeeking: boolean;
  label: string;
  lastDriftMs: number;
}

const MASTER_EVENTS = ['play', 'pause', 'seeking', 'ratechange'] as const;

export class SyncRunner {
  private master: HTMLMediaElement | null = null;
  private readonly angles = new Map<string, AngleEntry>();
  private raf = 0;
  private audioFrom: string | null = null;
  private readonly kick = () => this.tick();

  constructor(private readonly frameMs: () => number) {}

  setMaster(el: HTMLMediaElement | null): void {
    if (this.master === el) return;
    for (const e of MASTER_EVENTS) this.master?.removeEventListener(e, this.kick);
    this.master = el;
    for (const e of MASTER_EVENTS) el?.addEventListener(e, this.kick);
    this.applyAudio();
    this.schedule();
  }

  addAngle(id: string, el: HTMLMediaElement, offsetMs: number, onLabel: (label: string) => void): void {
    this.angles.set(id, { el, offsetMs, onLabel, lead: 0, wasSeeking: false, label: '', lastDriftMs: 0 });
    this.applyAudio();
    this.schedule();
  }

  removeAngle(id: string): void {
    this.angles.delete(id);
  }

  /** A new offset takes effect at the next tick (a nudge while playing is followed at once). */
  setOffset(id: string, offsetMs: number): void {
    const a = this.angles.get(id);
    if (a) a.offsetMs = offsetMs;
    this.tick();
  }

  /** Audio from this angle (null: the primary); every other element is muted. */
  setAudio(id: string | null): void {
    this.audioFrom = id;
    this.applyAudio();
  }

  /** Each angle's drift from master + offset (ms), for the screen and the tests. */
  drifts(): Record<string, number> {
    return Object.fromEntries([...this.angles].map(([id, a]) => [id, a.lastDriftMs]));
  }

  dispose(): void {
    cancelAnimationFrame(this.raf);
    this.raf = 0;
    this.setMaster(null);
    this.angles.clear();
  }

  private applyAudio(): void {
    const from = this.audioFrom && this.angles.has(this.audioFrom) ? this.audioFrom : null;
    if (this.master) this.master.muted = from !== null;
    for (const [id, a] of this.angles) a.el.muted = id !== from;
  }

  private schedule(): void {
    if (!this.raf) this.raf = requestAnimationFrame(() => {
      this.raf = 0;
      this.tick();
      if (this.master && this.angles.size > 0) this.schedule();
    });
  }

  tick(): void {
    const m = this.master;
    if (!m) return;
    const master = { timeMs: m.currentTime * 1000, playing: !m.paused && !m.ended, rate: m.playbackRate };
    for (const a of this.angles.values()) this.follow(a, master);
  }

  private follow(a: AngleEntry, master: { timeMs: number; playing: boolean; rate: number }): void {
    const el = a.el;
    if (el.readyState < 1) return; // no metadata yet: nothing to seek in
    const clock = { currentMs: el.currentTime * 1000, durationMs: (el.duration || 0) * 1000, paused: el.paused, rate: el.playbackRate, seeking: el.seeking };
    const plan = planFollower(master, a.offsetMs, clock, this.frameMs(), a.lead);
    a.lastDriftMs = plan.driftMs;
    // the first drift seen after a playing seek lands says how far ahead the next one must aim
    if (a.wasSeeking && !el.seeking && master.playing && plan.material === 'within') a.lead = learnLead(a.lead, plan.driftMs, master.rate);
    a.wasSeeking = el.seeking;
    apply(el, plan);
    const label = materialLabel(plan);
    if (label !== a.label) {
      a.label = label;
      a.onLabel(label);
    }
  }
}

function apply(el: HTMLMediaElement, p: FollowPlan): void {
  if (p.pause) el.pause();
  if (p.rate !== undefined) el.playbackRate = p.rate;
  if (p.seekMs !== undefined) el.currentTime = p.seekMs / 1000;
  if (p.play) void el.play().catch(() => undefined);
}
