/**
 * The master clock that waits (pure: no DOM). While the user has playback on, the master (the
 * primary's player) is held, paused internally with the transport still showing "playing", as
 * long as any shown angle that has material at the current time is stalled: waiting for data,
 * seeking (a correction's seek included) or without enough data to play on. When every such
 * angle is ready the master is released and all resume together. So a stalled angle never falls
 * behind a master that runs on (BORIS's drift): the stall is paid as a short hold instead.
 *
 * An angle that stays stalled for GIVE_UP_MS while held (a broken or unreachable file) is given
 * up on: it no longer holds playback until it is seen ready again, so one bad angle never stops
 * the recording being coded.
 */

/** Wall time (ms) an angle may hold the master before it is given up on. */
export const GIVE_UP_MS = 4000;

/** One shown angle as the hold sees it. */
export interface AngleReadiness {
  id: string;
  /** It has metadata and material at the current master time (outside it, it is parked). */
  within: boolean;
  /** Seeking, waiting for data, or with less than HAVE_FUTURE_DATA. */
  stalled: boolean;
}

export interface HoldState {
  held: boolean;
  /** When the current hold began (wall ms). */
  sinceMs: number;
  /** Angles given up on; each leaves the list once it is seen ready. */
  dropped: readonly string[];
}

export const NOT_HELD: HoldState = { held: false, sinceMs: 0, dropped: [] };

export interface HoldInput {
  nowMs: number;
  /** The user's intent: playback on (the master playing, or held). */
  wantPlaying: boolean;
  angles: readonly AngleReadiness[];
}

export interface HoldDecision {
  state: HoldState;
  /** `hold`: pause the master internally; `release`: play it again; `none`: leave it. */
  action: 'hold' | 'release' | 'none';
  /** The angles the master waits for (for the "buffering" hint), in their order. */
  waitingFor: string[];
}

/** One step of the hold: called on every tick and on every media event of the master or an angle. */
export function stepHold(state: HoldState, input: HoldInput): HoldDecision {
  const stalled = input.angles.filter((a) => a.within && a.stalled).map((a) => a.id);
  // a dropped angle comes back once it is ready (or has no material to be ready in)
  let dropped = state.dropped.filter((id) => stalled.includes(id));
  // paused by the user (while held too): nothing to hold or release
  if (!input.wantPlaying) return { state: { held: false, sinceMs: 0, dropped }, action: 'none', waitingFor: [] };
  if (state.held && input.nowMs - state.sinceMs >= GIVE_UP_MS) dropped = [...new Set([...dropped, ...stalled])];
  const waitingFor = stalled.filter((id) => !dropped.includes(id));
  if (waitingFor.length > 0) {
    if (state.held) return { state: { ...state, dropped }, action: 'none', waitingFor };
    return { state: { held: true, sinceMs: input.nowMs, dropped }, action: 'hold', waitingFor };
  }
  return { state: { held: false, sinceMs: 0, dropped }, action: state.held ? 'release' : 'none', waitingFor };
}
