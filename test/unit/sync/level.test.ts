/**
 * The user's level in synchronized playback (shared/sync/level): changes follow a media element's
 * rules (checked by hand against the HTML spec: muted is a boolean, volume a double in 0..1,
 * setting the current value fires no volumechange).
 */
import { describe, expect, it } from 'vitest';
import { FULL_LEVEL, changeLevel } from '../../../src/shared/sync/level';

describe('changeLevel', () => {
  it('mutes and unmutes, keeping the volume', () => {
    const muted = changeLevel({ volume: 0.6, muted: false }, { muted: true });
    expect(muted).toEqual({ volume: 0.6, muted: true });
    expect(changeLevel(muted!, { muted: false })).toEqual({ volume: 0.6, muted: false });
  });

  it('sets the volume, keeping the mute', () => {
    expect(changeLevel({ volume: 1, muted: true }, { volume: 0.3 })).toEqual({ volume: 0.3, muted: true });
    expect(changeLevel(FULL_LEVEL, { volume: 0 })).toEqual({ volume: 0, muted: false });
  });

  it('is no change (null: no volumechange) when the value is the one it has', () => {
    expect(changeLevel(FULL_LEVEL, { volume: 1 })).toBeNull();
    expect(changeLevel({ volume: 0.3, muted: true }, { muted: true })).toBeNull();
    expect(changeLevel(FULL_LEVEL, {})).toBeNull();
  });

  it('takes muted as a boolean and the volume as a number, as a media element does', () => {
    expect(changeLevel(FULL_LEVEL, { muted: 1 })).toEqual({ volume: 1, muted: true });
    expect(changeLevel(FULL_LEVEL, { volume: '0.5' })).toEqual({ volume: 0.5, muted: false });
  });

  it('refuses a volume outside 0..1 (RangeError) or not a number (TypeError)', () => {
    expect(() => changeLevel(FULL_LEVEL, { volume: 1.2 })).toThrow(RangeError);
    expect(() => changeLevel(FULL_LEVEL, { volume: -0.1 })).toThrow(RangeError);
    expect(() => changeLevel(FULL_LEVEL, { volume: Number.NaN })).toThrow(TypeError);
    expect(() => changeLevel(FULL_LEVEL, { volume: 'loud' })).toThrow(TypeError);
  });
});
