/**
 * The sound element's plan (shared/sync/sound): one tick worked by hand, then a fake sound element
 * whose clock runs 3 % slow and starts 150 ms late after play() (as an audio element does on a
 * loaded machine), driven tick by tick: it stays within lip sync (45 ms ahead, 125 ms behind).
 */
import { describe, expect, it } from 'vitest';
import type { MasterClock } from '../../../src/shared/sync/follow';
import { LIP_AHEAD_MS, LIP_BEHIND_MS, movingRate, planSound, type SoundClock } from '../../../src/shared/sync/sound';

const playing = (timeMs: number, rate = 1): MasterClock => ({ timeMs, playing: true, moving: true, rate });
const paused = (timeMs: number): MasterClock => ({ timeMs, playing: false, moving: false, rate: 1 });
const held = (timeMs: number): MasterClock => ({ timeMs, playing: true, moving: false, rate: 1 });
const sound = (currentMs: number, over: Partial<SoundClock> = {}): SoundClock => ({ currentMs, durationMs: 60_000, paused: false, rate: 1, seeking: false, sinceSeekMs: Infinity, ...over });

describe('planSound: one tick, worked by hand', () => {
  it('paused by the user: the sound pauses, and is sought to the master only when over 30 ms off', () => {
    expect(planSound(paused(10_000), 0, sound(10_020))).toEqual({ material: 'within', driftMs: 20, pause: true });
    expect(planSound(paused(10_000), 3250, sound(13_300, { paused: true }))).toEqual({ material: 'within', driftMs: 50, seekMs: 13_250 });
  });

  it('playing within the dead band: plays at the master rate, nothing changed', () => {
    expect(planSound(playing(10_000, 2), 0, sound(10_025, { rate: 2 }))).toEqual({ material: 'within', driftMs: 25 });
    expect(planSound(playing(10_000), 0, sound(10_000, { paused: true }))).toEqual({ material: 'within', driftMs: 0, play: true });
  });

  it('80 ms behind: 7.5 % faster (80 ms over a 1 s horizon is 8 %: 3 steps of 2.5 %)', () => {
    // 80 / 1000 / 0.025 = 3.2 → 3 steps → 7.5 % faster
    expect(planSound(playing(10_000), 0, sound(9_920)).rate).toBeCloseTo(1.075, 9);
    // 35 ms ahead: 1.4 steps → 1 step: 2.5 % slower
    expect(movingRate(1, 35)).toBeCloseTo(0.975, 9);
    // 140 ms behind would be round(5.6) = 6 steps: at most 15 %
    expect(movingRate(2, -140)).toBeCloseTo(2 * 1.15, 9);
  });

  it('a nudge goes on inside the dead band until within 10 ms', () => {
    // 20 ms behind while nudged (rate 1.025): 1 step on; at the master rate it would be left alone
    expect(planSound(playing(10_000), 0, sound(9_980, { rate: 1.025 })).rate).toBeUndefined();
    expect(planSound(playing(10_000), 0, sound(9_980, { rate: 1 })).rate).toBeUndefined();
    expect(movingRate(1, -20, true)).toBeCloseTo(1.025, 9);
    // 8 ms behind while nudged: back to the master rate
    expect(planSound(playing(10_000), 0, sound(9_992, { rate: 1.025 })).rate).toBe(1);
  });

  it('over 400 ms off while moving: sought to master + offset, but not again within a second of the last seek', () => {
    const p = planSound(playing(10_000), 3250, sound(12_800));
    expect(p.seekMs).toBe(13_250);
    const near = planSound(playing(10_000, 2), 0, sound(9_650, { rate: 2 })); // 350 ≤ 400: nudged, 15 % at most
    expect(near.seekMs).toBeUndefined();
    expect(near.rate).toBeCloseTo(2.3, 9);
    const again = planSound(playing(10_000), 3250, sound(12_800, { sinceSeekMs: 400 }));
    expect(again.seekMs).toBeUndefined();
    expect(again.rate).toBeCloseTo(1.15, 9);
    // the master jumped again (two seeks of 5 s 120 ms apart): 4.8 s off is sought at once
    expect(planSound(playing(25_000), 0, sound(29_800, { sinceSeekMs: 120 })).seekMs).toBe(25_000);
  });

  it('the master held: the sound waits at rate 0 (not paused); a paused one is started at rate 0', () => {
    expect(planSound(held(10_000), 0, sound(10_010))).toEqual({ material: 'within', driftMs: 10, rate: 0 });
    expect(planSound(held(10_000), 0, sound(10_000, { paused: true }))).toEqual({ material: 'within', driftMs: 0, play: true, rate: 0 });
    // the master sought back 2.5 s while playing (it stands while it seeks): the sound is sought with it, and waits
    expect(planSound(held(27_800), 0, sound(30_292))).toEqual({ material: 'within', driftMs: 2492, seekMs: 27_800, rate: 0 });
  });

  it('outside the chosen recording: paused; seeking: left alone', () => {
    expect(planSound(playing(1000), -5000, sound(0))).toEqual({ material: 'before', driftMs: 4000, pause: true });
    expect(planSound(playing(10_000), 0, sound(9_000, { seeking: true }))).toEqual({ material: 'within', driftMs: -1000 });
  });
});

/** A sound element: its clock runs `speed` of its rate, play() starts it `startLagMs` late, a seek takes `seekMs`. */
class FakeSound {
  currentMs = 0;
  paused = true;
  rate = 1;
  seekingFor = 0;
  sinceSeekMs = Infinity;
  private startIn = 0;
  constructor(private speed: number, private startLagMs: number, private seekCostMs: number) {}
  clock(): SoundClock {
    return { currentMs: this.currentMs, durationMs: 600_000, paused: this.paused, rate: this.rate, seeking: this.seekingFor > 0, sinceSeekMs: this.sinceSeekMs };
  }
  apply(p: ReturnType<typeof planSound>): void {
    if (p.pause) this.paused = true;
    if (p.rate !== undefined) this.rate = p.rate;
    if (p.seekMs !== undefined) {
      this.currentMs = p.seekMs;
      this.seekingFor = this.seekCostMs;
      this.sinceSeekMs = 0;
      this.startIn = this.startLagMs; // it starts late after a seek too
    }
    if (p.play) {
      this.paused = false;
      this.startIn = this.startLagMs;
    }
  }
  advance(ms: number): void {
    this.sinceSeekMs += ms;
    if (this.seekingFor > 0) return void (this.seekingFor = Math.max(0, this.seekingFor - ms));
    if (this.paused) return;
    if (this.startIn > 0) return void (this.startIn = Math.max(0, this.startIn - ms));
    this.currentMs += ms * this.rate * this.speed;
  }
}

describe('planSound driving a fake sound element', () => {
  /** Plays 60 s of master at 1× in 16 ms ticks; the sound's drifts from 1 s on. */
  function drive(speed: number): number[] {
    const s = new FakeSound(speed, 150, 60);
    let master = 0;
    const drifts: number[] = [];
    for (let t = 0; t < 60_000; t += 16) {
      s.apply(planSound(playing(master), 0, s.clock()));
      s.advance(16);
      master += 16;
      if (t >= 1000) drifts.push(s.currentMs - master);
    }
    return drifts;
  }

  it('runs 1 % slow, starts 150 ms late: within lip sync after 1 s, and in the 30 ms dead band from 2.5 s on', () => {
    const drifts = drive(0.99);
    expect(Math.max(...drifts)).toBeLessThanOrEqual(LIP_AHEAD_MS);
    expect(Math.min(...drifts)).toBeGreaterThanOrEqual(-LIP_BEHIND_MS);
    // 150 ms late at a 10 % nudge (9 % net) is made up in about 1.7 s; one 2.5 % step then outruns the 1 %
    expect(Math.max(...drifts.slice(Math.round(1500 / 16)).map(Math.abs))).toBeLessThanOrEqual(31);
  });

  it('runs 3 % slow: one 2.5 % step does not keep up, two (from 37.5 ms: round(37.5 / 25) = 2) do; it stays within 45 ms', () => {
    const drifts = drive(0.97);
    expect(Math.min(...drifts)).toBeGreaterThanOrEqual(-LIP_BEHIND_MS);
    expect(Math.max(...drifts.slice(Math.round(2000 / 16)).map(Math.abs))).toBeLessThanOrEqual(45);
  });
});
