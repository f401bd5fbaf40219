import { describe, expect, it } from 'vitest';
import { formatHms, formatTimecode, msToSecondsString, parseTimecode } from '../../src/shared/time';

describe('timecodes', () => {
  it('formats h:mm:ss.mmm', () => {
    expect(formatTimecode(0)).toBe('0:00:00.000');
    expect(formatTimecode(30_000)).toBe('0:00:30.000');
    // 1 h 2 min 3 s 4 ms = 3600000 + 120000 + 3000 + 4
    expect(formatTimecode(3_723_004)).toBe('1:02:03.004');
    expect(formatTimecode(5 * 3600_000)).toBe('5:00:00.000');
    expect(formatTimecode(-1500)).toBe('-0:00:01.500');
  });
  it('formats h:mm:ss rounded to the second', () => {
    expect(formatHms(3_723_499)).toBe('1:02:03');
    expect(formatHms(3_723_500)).toBe('1:02:04');
  });
  it('parses what it formats and plain seconds', () => {
    for (const ms of [0, 1, 999, 30_000, 3_723_004, 17_999_999]) {
      expect(parseTimecode(formatTimecode(ms))).toBe(ms);
    }
    expect(parseTimecode('12.5')).toBe(12_500);
    expect(parseTimecode('1:30')).toBe(90_000);
    expect(parseTimecode('0:61')).toBeNull();
    expect(parseTimecode('abc')).toBeNull();
    expect(parseTimecode('')).toBeNull();
  });
  it('writes seconds without float noise', () => {
    expect(msToSecondsString(12_500)).toBe('12.5');
    expect(msToSecondsString(3000)).toBe('3');
    expect(msToSecondsString(1)).toBe('0.001');
    expect(msToSecondsString(100)).toBe('0.1');
    expect(msToSecondsString(-250)).toBe('-0.25');
  });
});
