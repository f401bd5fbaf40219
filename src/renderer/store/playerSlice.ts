/**
 * Playback state mirrored from the video element, and the in/out marks. The element itself is
 * driven through `player` (registered by VideoPlayer); moving the playhead is never an edit.
 */
import type { StateCreator } from 'zustand';
import type { AppState } from './index';

export const PLAYBACK_RATES = [0.25, 0.5, 0.75, 1, 1.25, 1.5, 2, 3, 4] as const;
export const DEFAULT_FPS = 25;

export interface PlayerControl {
  seek(ms: number): void;
  play(): void;
  pause(): void;
  toggle(): void;
  setRate(rate: number): void;
  /** The element's own position (ms), ahead of `currentMs` while a seek has not reported yet. */
  now?(): number;
}

let control: PlayerControl | null = null;
export function registerPlayer(c: PlayerControl | null): void {
  control = c;
}
export function player(): PlayerControl | null {
  return control;
}

/** Where the playhead is: the player's own time when a player is registered (a mark set right after a seek takes the new time). */
function playheadMs(stored: number): number {
  const t = control?.now?.();
  return t === undefined || !Number.isFinite(t) ? stored : t;
}

export interface PlayerSlice {
  mediaId: string | null;
  currentMs: number;
  durationMs: number;
  playing: boolean;
  rate: number;
  inMs: number | null;
  outMs: number | null;
  selectMedia(mediaId: string): Promise<void>;
  setPlayback(p: Partial<Pick<PlayerSlice, 'currentMs' | 'durationMs' | 'playing' | 'rate'>>): void;
  markIn(): void;
  markOut(): void;
  clearMarks(): void;
  seek(ms: number): void;
  /** Frame step (+1 / -1 frames) from the current position, snapped to the frame grid. */
  stepFrames(n: number): void;
  jump(deltaMs: number): void;
  frameMs(): number;
}

export const createPlayerSlice: StateCreator<AppState, [], [], PlayerSlice> = (set, get) => ({
  mediaId: null,
  currentMs: 0,
  durationMs: 0,
  playing: false,
  rate: 1,
  inMs: null,
  outMs: null,
  async selectMedia(mediaId) {
    set({ mediaId, inMs: null, outMs: null, currentMs: 0, selectedSegmentId: null, segments: [], segWindow: null, marks: null, timelineView: null });
    await get().loadSegments(mediaId);
  },
  setPlayback(p) {
    set(p);
  },
  markIn() {
    const t = playheadMs(get().currentMs);
    const out = get().outMs;
    set({ inMs: t, outMs: out !== null && out < t ? null : out });
  },
  markOut() {
    const t = playheadMs(get().currentMs);
    const inMs = get().inMs;
    set({ outMs: t, inMs: inMs !== null && inMs > t ? null : inMs });
  },
  clearMarks() {
    set({ inMs: null, outMs: null });
  },
  seek(ms) {
    const d = get().durationMs;
    const clamped = Math.max(0, d > 0 ? Math.min(ms, d) : ms);
    set({ currentMs: clamped });
    player()?.seek(clamped);
  },
  frameMs() {
    const media = get().project?.media.find((m) => m.id === get().mediaId);
    return 1000 / (media?.frameRate ?? DEFAULT_FPS);
  },
  stepFrames(n) {
    player()?.pause();
    const f = get().frameMs();
    const frame = Math.round(playheadMs(get().currentMs) / f) + n;
    get().seek(Math.max(0, frame) * f);
  },
  jump(deltaMs) {
    // from the player's own position: it can be ahead of currentMs (a restore or seek not yet reported)
    get().seek(playheadMs(get().currentMs) + deltaMs);
  },
});
