/**
 * ←/→ and frame steps move from where the player is, not from the last position the store was
 * told: the player's position changes before its next timeupdate reaches the store (its own
 * restore of the last position, a seek in progress), and a key pressed in between jumped from
 * the old position (seen in the studies bench: I at 0:01, → landed on 0:01 again, so O made an
 * empty range and the hotkey said "Mark a range first"). The key is dispatched in the same task
 * as the player's move, so no timeupdate can come in between: deterministic.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOnCodeScreen, type Harness } from './harness';

describe('playhead keys move from the player\'s own position', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startOnCodeScreen();
  });
  afterAll(async () => {
    await h?.close();
  });

  /** Moves the player to `s` seconds and presses `key` in the same task; the store's playhead after it. */
  const moveThenPress = (s: number, key: string) => h.page.evaluate(([sec, k]) => {
    const v = document.querySelector('video') as HTMLVideoElement;
    v.pause();
    v.currentTime = sec as number;
    window.dispatchEvent(new KeyboardEvent('keydown', { key: k as string, code: k as string, bubbles: true }));
    return (window as any).__triangulateStore.getState().currentMs as number;
  }, [s, key] as const);

  it('→ from 0:30 lands on 0:31, ← from 0:50 on 0:49, whatever the store last heard', async () => {
    await h.page.evaluate(() => (window as any).__triangulateStore.getState().seek(5_000));
    expect(await moveThenPress(30, 'ArrowRight')).toBe(31_000);
    expect(await moveThenPress(50, 'ArrowLeft')).toBe(49_000);
  });

  it('a frame step (.) from 0:40 lands one frame after 0:40', async () => {
    const frameMs = await h.page.evaluate(() => (window as any).__triangulateStore.getState().frameMs() as number);
    const got = await moveThenPress(40, '.');
    expect(got).toBeCloseTo((Math.round(40_000 / frameMs) + 1) * frameMs, 6);
  });
});
