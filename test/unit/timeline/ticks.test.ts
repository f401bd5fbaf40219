/** Axis labels of the Code screen's timeline and of the agreement charts, worked out by hand. */
import { describe, expect, it } from 'vitest';
import { axisTimecode, tickFormat } from '../../../src/shared/timeline/ticks';

describe('tickFormat (Code screen timeline)', () => {
  it('shows h:mm:ss over long spans, tenths under 40 s, milliseconds under 4 s', () => {
    expect(tickFormat(3_723_456, 600_000)).toBe('1:02:03'); // 1 h 2 min 3.456 s
    expect(tickFormat(83_456, 30_000)).toBe('1:23.4');
    expect(tickFormat(83_456, 2_000)).toBe('1:23.456');
    expect(tickFormat(-1_500, 2_000)).toBe('-0:01.500');
  });
});

describe('axisTimecode (agreement charts)', () => {
  it('drops the hour while it is 0 and ".000" on whole seconds', () => {
    expect(axisTimecode(83_000)).toBe('01:23');
    expect(axisTimecode(83_250)).toBe('01:23.250');
    expect(axisTimecode(3_723_000)).toBe('1:02:03');
  });
});
