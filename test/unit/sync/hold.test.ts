/**
 * The master clock that waits: single steps worked by hand, then fake players driven through
 * hand-worked timelines (16 ms ticks, as the runner's animation frames) of a stall, a correction's
 * seek and an angle that never recovers. The drift each tick is read after the tick's decisions,
 * as the browser test's sampler reads it between ticks.
 */
import { describe, expect, it } from 'vitest';
import { lagLimitMs, planFollower } from '../../../src/shared/sync/follow';
import { FakeVideo } from './fakeVideo';
import { GIVE_UP_MS, NOT_HELD, stepHold, type AngleReadiness, type HoldState } from '../../../src/shared/sync/hold';

const FRAME = 40;
const OFFSET = 3250;
const TICK = 16;
const ready = (id: string): AngleReadiness => ({ id, within: true, stalled: false });
const stalled = (id: string, within = true): AngleReadiness => ({ id, within, stalled: true });
const heldSince = (sinceMs: number, dropped: string[] = []): HoldState => ({ held: true, sinceMs, dropped });

describe('stepHold: one step, worked by hand', () => {
  it('playing with every angle ready: nothing to do', () => {
    expect(stepHold(NOT_HELD, { nowMs: 100, wantPlaying: true, angles: [ready('a'), ready('b')] })).toEqual({ state: NOT_HELD, action: 'none', waitingFor: [] });
  });

  it('an angle with material stalls: the master is held from now, waiting for it', () => {
    const d = stepHold(NOT_HELD, { nowMs: 100, wantPlaying: true, angles: [ready('a'), stalled('b')] });
    expect(d).toEqual({ state: heldSince(100), action: 'hold', waitingFor: ['b'] });
  });

  it('held: still waiting while any is stalled, released when all are ready', () => {
    expect(stepHold(heldSince(100), { nowMs: 250, wantPlaying: true, angles: [stalled('a'), stalled('b')] })).toEqual({ state: heldSince(100), action: 'none', waitingFor: ['a', 'b'] });
    expect(stepHold(heldSince(100), { nowMs: 400, wantPlaying: true, angles: [ready('a'), ready('b')] })).toEqual({ state: NOT_HELD, action: 'release', waitingFor: [] });
  });

  it('a stalled angle with no material at this time (parked on its first frame) holds nothing', () => {
    expect(stepHold(NOT_HELD, { nowMs: 100, wantPlaying: true, angles: [stalled('late', false)] }).action).toBe('none');
  });

  it('paused by the user: never held, and a hold ends without playing', () => {
    expect(stepHold(NOT_HELD, { nowMs: 100, wantPlaying: false, angles: [stalled('b')] }).action).toBe('none');
    expect(stepHold(heldSince(50), { nowMs: 100, wantPlaying: false, angles: [stalled('b')] })).toEqual({ state: NOT_HELD, action: 'none', waitingFor: [] });
  });

  it(`an angle stalled for ${GIVE_UP_MS} ms is given up on until it is seen ready again`, () => {
    expect(stepHold(heldSince(0), { nowMs: GIVE_UP_MS - 1, wantPlaying: true, angles: [stalled('b')] }).action).toBe('none');
    const given = stepHold(heldSince(0), { nowMs: GIVE_UP_MS, wantPlaying: true, angles: [ready('a'), stalled('b')] });
    expect(given).toEqual({ state: { held: false, sinceMs: 0, dropped: ['b'] }, action: 'release', waitingFor: [] });
    // still stalled: it holds nothing; another angle's stall still holds
    expect(stepHold(given.state, { nowMs: 5000, wantPlaying: true, angles: [ready('a'), stalled('b')] }).action).toBe('none');
    expect(stepHold(given.state, { nowMs: 5000, wantPlaying: true, angles: [stalled('a'), stalled('b')] })).toEqual({ state: { held: true, sinceMs: 5000, dropped: ['b'] }, action: 'hold', waitingFor: ['a'] });
    // seen ready once, it holds again at its next stall
    const back = stepHold(given.state, { nowMs: 5100, wantPlaying: true, angles: [ready('b')] });
    expect(back.state.dropped).toEqual([]);
    expect(stepHold(back.state, { nowMs: 5200, wantPlaying: true, angles: [stalled('b')] }).action).toBe('hold');
  });
});

interface Timeline {
  totalMs: number;
  /** Things that happen to the follower after the tick's advance at that wall time. */
  events?: Record<number, (f: FakeVideo) => void>;
  /** Without the hold (the previous behaviour), for contrast. */
  noHold?: boolean;
}

/**
 * The master (at 5 s) and one follower (at master + 3.25 s, paused) start; the user plays at wall 0.
 * Each tick: both advance, the timeline's event, the hold, the follower's plan. Returns the worst
 * |drift| after each tick, the holds (count, wall ms each) and the master's final time.
 */
function simulate(t: Timeline) {
  const master = new FakeVideo(5000, 600_000, 0, 120);
  const f = new FakeVideo(5000 + OFFSET, 600_000, 0, 120);
  master.paused = false;
  let hold: HoldState = NOT_HELD;
  const holds: number[] = [];
  let worst = 0;
  for (let wall = TICK; wall <= t.totalMs; wall += TICK) {
    master.advance(TICK);
    f.advance(TICK);
    t.events?.[wall]?.(f);
    if (!t.noHold) {
      const lagging = f.currentMs - (master.currentMs + OFFSET) < -lagLimitMs(FRAME, hold.held);
      const d = stepHold(hold, { nowMs: wall, wantPlaying: true, angles: [{ id: 'f', within: true, stalled: f.stalled || lagging }] });
      if (d.action === 'hold') master.paused = true;
      if (d.action === 'release') {
        master.paused = false;
        holds.push(wall - hold.sinceMs);
      }
      hold = d.state;
    }
    f.apply(planFollower({ timeMs: master.currentMs, playing: true, moving: !master.paused, rate: 1 }, OFFSET, f.clock(), FRAME));
    worst = Math.max(worst, Math.abs(f.currentMs - (master.currentMs + OFFSET)));
  }
  return { worst, holds, masterMs: master.currentMs, seeks: f.seeks };
}

describe('the hold driving fake players (hand-worked timelines)', () => {
  it('a 300 ms stall of the follower: the master waits 320 ms and the drift stays at the join\'s 16 ms', () => {
    // the follower joins at wall 16 (one tick after the master): 16 ms behind from then on, under
    // half a frame, so never nudged. Its stall from wall 2000 ends after 19 ticks (at 2304); held,
    // the master waits on while the follower, 16 ms behind (over a quarter frame), catches up one
    // tick more (2320). The master ends at 5000 + 4800 − 320 ms; the join's 16 ms are gone.
    const r = simulate({ totalMs: 4800, events: { 2000: (f) => (f.stalledFor = 300) } });
    expect(r.holds).toEqual([320]);
    expect(r.worst).toBe(16);
    expect(r.masterMs).toBe(9480);
    expect(r.seeks).toBe(0);
  });

  it('without the hold (the previous behaviour) the same stall puts the follower 192 ms behind before a seek', () => {
    // behind by 16 + (wall − 2000) ms: at 2176 192 ms; at 2192 208 ms, over the 200 ms threshold, so sought
    const r = simulate({ totalMs: 4800, noHold: true, events: { 2000: (f) => (f.stalledFor = 300) } });
    expect(r.worst).toBe(192);
    expect(r.seeks).toBeGreaterThanOrEqual(1);
    expect(r.masterMs).toBe(9800);
  });

  it('a correction\'s seek counts as a stall: the master waits for it to land', () => {
    // at wall 2000 the follower jumps 250 ms back (266 ms behind): lagging, it holds the master at
    // once (at 7000), and being over the 200 ms seek threshold it is sought to 7000 + 3250, which
    // takes 120 ms: the hold ends when it lands at wall 2128, exactly on the master's instant.
    const r = simulate({ totalMs: 4000, events: { 2000: (f) => (f.currentMs -= 250) } });
    expect(r.seeks).toBe(1);
    expect(r.holds).toEqual([128]);
    expect(r.worst).toBe(16);
    expect(r.masterMs).toBe(5000 + 4000 - 128);
  });

  it(`an angle that never recovers holds the master ${GIVE_UP_MS} ms, then playback goes on without it`, () => {
    const r = simulate({ totalMs: 8000, events: { 2000: (f) => (f.stalledFor = Infinity) } });
    expect(r.holds).toEqual([GIVE_UP_MS]);
    expect(r.masterMs).toBe(5000 + 8000 - GIVE_UP_MS);
  });
});
