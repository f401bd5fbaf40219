import { describe, expect, it } from 'vitest';
import { nextWindow, wantedSpan, WINDOW_MIN_MS } from '../../src/shared/timeline/segmentWindow';

const HOUR = 3600_000;

describe('segment window', () => {
  it('wants the timeline view when it is at most a third of the limit, else a minute around the playhead', () => {
    expect(wantedSpan(5000, { fromMs: 1000, toMs: 21_000 }, HOUR)).toEqual({ fromMs: 1000, toMs: 21_000 });
    // a 30-minute view is more than 60 / 3 = 20 minutes: the playhead decides
    expect(wantedSpan(600_000, { fromMs: 0, toMs: 1800_000 }, HOUR)).toEqual({ fromMs: 540_000, toMs: 660_000 });
    expect(wantedSpan(20_000, null, HOUR)).toEqual({ fromMs: 0, toMs: 80_000 });
  });
  it('fetches nothing while the held window covers what is wanted', () => {
    expect(nextWindow({ fromMs: 0, toMs: 600_000 }, { fromMs: 100_000, toMs: 600_000 }, HOUR)).toBeNull();
  });
  it('fetches three times the wanted span (10 minutes at least, the limit at most) centred on it', () => {
    // wanted 2 min centred on 30 min → 10 minutes: 25 to 35 min
    expect(nextWindow(null, { fromMs: 1740_000, toMs: 1860_000 }, HOUR)).toEqual({ fromMs: 1500_000, toMs: 2100_000 });
    expect(WINDOW_MIN_MS).toBe(600_000);
    // wanted 15 min centred on 2 h → 45 min: 1 h 37.5 min to 2 h 22.5 min
    expect(nextWindow({ fromMs: 0, toMs: 600_000 }, { fromMs: 6750_000, toMs: 7650_000 }, HOUR)).toEqual({ fromMs: 5850_000, toMs: 8550_000 });
    // wanted 25 min → 75 min capped at 60: 2 h ± 30 min
    expect(nextWindow(null, { fromMs: 6450_000, toMs: 7950_000 }, HOUR)).toEqual({ fromMs: 5400_000, toMs: 9000_000 });
    // near the start the window does not go below 0
    expect(nextWindow(null, { fromMs: 0, toMs: 60_000 }, HOUR)).toEqual({ fromMs: 0, toMs: 600_000 });
  });
});
