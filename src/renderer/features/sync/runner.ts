/**
 * Applies the follower plans (shared/sync/follow) to the angles' video elements. The primary's
 * element is the master clock; every animation frame, and at once when the master is played,
 * paused, sought or given a rate, each angle is asked what to do. "At once" is in the same task:
 * the master element's currentTime/playbackRate setters and play/pause are wrapped on the
 * instance, so whoever moves the master (video.js, the keys, the transport) moves the angles
 * with it; waiting for the media events let a 2× rate change run 45 ms ahead of the angles on a
 * busy machine. Audio comes from one element only.
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
  /** The last seek was made while the master played on (not sought with it): its landing teaches the lead. */
  chasing: boolean;
}

const MASTER_EVENTS = ['play', 'playing', 'pause', 'seeking', 'seeked', 'waiting', 'ratechange'] as const;

export class SyncRunner {
  private master: HTMLMediaElement | null = null;
  private readonly angles = new Map<string, AngleEntry>();
  private raf = 0;
  private audioFrom: string | null = null;
  private lastMasterMs = NaN;
  private readonly kick = () => this.tick();

  constructor(private readonly frameMs: () => number) {}

  setMaster(el: HTMLMediaElement | null): void {
    if (this.master === el) return;
    if (this.master) unwrap(this.master);
    for (const e of MASTER_EVENTS) this.master?.removeEventListener(e, this.kick);
    this.master = el;
    for (const e of MASTER_EVENTS) el?.addEventListener(e, this.kick);
    if (el) wrap(el, this.kick);
    this.applyAudio();
    this.schedule();
  }

  addAngle(id: string, el: HTMLMediaElement, offsetMs: number, onLabel: (label: string) => void): void {
    this.angles.set(id, { el, offsetMs, onLabel, lead: 0, wasSeeking: false, label: '', lastDriftMs: 0, chasing: false });
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
    // a master that is seeking or waiting for data is not moving: the angles wait with it, on the
    // same instant, and start when it does (sought in parallel, they resumed up to 175 ms apart)
    const moving = !m.paused && !m.ended && !m.seeking && m.readyState >= HAVE_FUTURE_DATA;
    const master = { timeMs: m.currentTime * 1000, playing: moving, rate: m.playbackRate, seeking: m.seeking };
    // a paused angle joins once the master's clock is seen moving (an audio clock starts late)
    const advancing = master.timeMs !== this.lastMasterMs;
    this.lastMasterMs = master.timeMs;
    for (const a of this.angles.values()) this.follow(a, master, advancing);
  }

  private follow(a: AngleEntry, master: { timeMs: number; playing: boolean; rate: number; seeking: boolean }, advancing: boolean): void {
    const el = a.el;
    if (el.readyState < 1) return; // no metadata yet: nothing to seek in
    const clock = { currentMs: el.currentTime * 1000, durationMs: (el.duration || 0) * 1000, paused: el.paused, rate: el.playbackRate, seeking: el.seeking };
    // sought together with the master, both resume together: no lead
    const plan = planFollower(master, a.offsetMs, clock, this.frameMs(), master.seeking ? 0 : a.lead);
    a.lastDriftMs = plan.driftMs;
    // the first drift seen after a seek that chased the playing master says how far ahead the next one must aim
    if (a.wasSeeking && !el.seeking && a.chasing && master.playing && !master.seeking && plan.material === 'within') a.lead = learnLead(a.lead, plan.driftMs, master.rate);
    a.wasSeeking = el.seeking;
    if (plan.play && plan.seekMs === undefined && !advancing) return;
    if (plan.seekMs !== undefined) a.chasing = master.playing && !master.seeking;
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

const HAVE_FUTURE_DATA = 3;
const WRAPPED = ['currentTime', 'playbackRate'] as const;

/** The master's setters and play/pause, wrapped on the instance so the angles follow in the same task. */
function wrap(el: HTMLMediaElement, after: () => void): void {
  for (const prop of WRAPPED) {
    const d = Object.getOwnPropertyDescriptor(HTMLMediaElement.prototype, prop)!;
    Object.defineProperty(el, prop, {
      configurable: true,
      get: () => d.get!.call(el),
      set: (v: number) => {
        d.set!.call(el, v);
        after();
      },
    });
  }
  el.play = () => {
    const p = HTMLMediaElement.prototype.play.call(el);
    after();
    return p;
  };
  el.pause = () => {
    HTMLMediaElement.prototype.pause.call(el);
    after();
  };
}

function unwrap(el: HTMLMediaElement): void {
  for (const prop of [...WRAPPED, 'play', 'pause']) delete (el as unknown as Record<string, unknown>)[prop];
}
