/**
 * formatNumber, the text of every number cell (times in seconds above all): hand-worked values,
 * and the same text as JavaScript's shortest round-trip String(n) (the rule the module states)
 * on random whole milliseconds as seconds and on random doubles.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatNumber } from '../../../src/shared/csv/safe';
import { msToSecondsString } from '../../../src/shared/time';

/** The rule: shortest round-trip form, '0' for -0, '' when not finite. */
const byRule = (n: number): string => (!Number.isFinite(n) ? '' : Object.is(n, -0) ? '0' : String(n));

describe('formatNumber', () => {
  it('writes seconds of whole milliseconds (worked by hand)', () => {
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(-0)).toBe('0');
    expect(formatNumber(0.999)).toBe('0.999'); // 999 ms
    expect(formatNumber(0.001)).toBe('0.001');
    expect(formatNumber(0.01)).toBe('0.01');
    expect(formatNumber(0.1)).toBe('0.1');
    expect(formatNumber(1.01)).toBe('1.01');
    expect(formatNumber(62.5)).toBe('62.5');
    expect(formatNumber(3599.999)).toBe('3599.999'); // 59:59.999
    expect(formatNumber(18000)).toBe('18000'); // 5 h
    expect(formatNumber(17999.999)).toBe('17999.999'); // 4:59:59.999
    expect(formatNumber(9198335 / 1000)).toBe('9198.335');
    expect(formatNumber(-1.5)).toBe('-1.5');
    expect(formatNumber(-0.25)).toBe('-0.25');
  });

  it('writes other numbers in their shortest round-trip form', () => {
    expect(formatNumber(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(formatNumber(1 / 3)).toBe('0.3333333333333333');
    expect(formatNumber(0.0005)).toBe('0.0005'); // half a millisecond: not whole ms
    expect(formatNumber(1e-7)).toBe('1e-7');
    expect(formatNumber(1e21)).toBe('1e+21');
    expect(formatNumber(2 ** 53)).toBe('9007199254740992');
    expect(formatNumber(123456789012.345)).toBe('123456789012.345');
    expect(formatNumber(Number.NaN)).toBe('');
    expect(formatNumber(Number.POSITIVE_INFINITY)).toBe('');
    expect(formatNumber(Number.NEGATIVE_INFINITY)).toBe('');
  });

  it('is String(n) on random whole milliseconds as seconds', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 50), max: 2 ** 50 }), (ms) => {
        expect(formatNumber(ms / 1000)).toBe(byRule(ms / 1000));
        expect(formatNumber(ms / 1000)).toBe(msToSecondsString(ms));
      }),
      { numRuns: 20_000 },
    );
    for (let ms = -2000; ms <= 20_000; ms++) expect(formatNumber(ms / 1000)).toBe(byRule(ms / 1000));
  });

  it('is String(n) on random doubles', () => {
    fc.assert(
      fc.property(fc.double(), (n) => {
        expect(formatNumber(n)).toBe(byRule(n));
      }),
      { numRuns: 20_000 },
    );
  });
});
