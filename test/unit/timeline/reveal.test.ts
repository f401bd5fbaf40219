/** reveal(): a jump outside the timeline's view pages the view there, keeping its span. */
import { describe, expect, it } from 'vitest';
import { reveal } from '../../../src/shared/timeline/scale';

const H = 3600_000;
const view = { startMs: 0, endMs: 5 * 60_000, widthPx: 800 }; // zoomed in on the first five minutes

describe('reveal', () => {
  it('leaves the view alone when the time is in it (edges included)', () => {
    expect(reveal(view, 0, 4 * H, 40)).toBe(view);
    expect(reveal(view, 5 * 60_000, 4 * H, 40)).toBe(view);
    expect(reveal(view, 2 * 60_000, 4 * H, 40)).toBe(view);
  });

  it('centres the same five-minute span on a time three hours away', () => {
    // 3 h = 10,800,000 ms; half of five minutes is 150,000 ms
    expect(reveal(view, 3 * H, 4 * H, 40)).toEqual({ startMs: 10_650_000, endMs: 10_950_000, widthPx: 800 });
  });

  it('stays inside the media near its end and its start', () => {
    // centred on 3:59:00 it would end at 4:01:30: clamped to end at 4:00:00
    expect(reveal(view, 4 * H - 60_000, 4 * H, 40)).toEqual({ startMs: 4 * H - 300_000, endMs: 4 * H, widthPx: 800 });
    const later = { startMs: 2 * H, endMs: 2 * H + 300_000, widthPx: 800 };
    expect(reveal(later, 60_000, 4 * H, 40)).toEqual({ startMs: 0, endMs: 300_000, widthPx: 800 });
  });
});
