/**
 * The user's volume and mute in synchronized playback (pure: no DOM). The master's element is
 * really muted (its picture is a video-only copy; the sound plays from another element), so what
 * video.js reads and writes as the master's volume/muted is this level, applied to the sound.
 * A change follows a media element's rules: `muted` is taken as a boolean, a volume that is not a
 * number throws a TypeError and one outside 0..1 a RangeError, and setting the value it already
 * has is no change (no `volumechange`).
 */
export interface SoundLevel {
  volume: number;
  muted: boolean;
}

/** A fresh media element's level. */
export const FULL_LEVEL: SoundLevel = { volume: 1, muted: false };

/** The level after a user's change, or null when nothing changes. */
export function changeLevel(level: SoundLevel, change: { volume?: unknown; muted?: unknown }): SoundLevel | null {
  const volume = change.volume === undefined ? level.volume : checkVolume(Number(change.volume));
  const muted = change.muted === undefined ? level.muted : Boolean(change.muted);
  return volume === level.volume && muted === level.muted ? null : { volume, muted };
}

function checkVolume(v: number): number {
  if (!Number.isFinite(v)) throw new TypeError(`The volume must be a number, not ${v}.`);
  if (v < 0 || v > 1) throw new RangeError(`The volume ${v} is outside the range 0 to 1.`);
  return v;
}
