/**
 * Time cells: parseSeconds reads the usual "62.5" without a regular expression. It is held to the
 * rule written out plainly (the DECIMAL/SCIENTIFIC reading it had before, restated here) on any
 * text of digits, signs, points, 'e' and spaces, and to hand-worked values.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSeconds } from '../../../src/shared/csv/segmentsCsv';

/** The rule: [+]digits[.digits] → three decimals, half-up on the fourth; else the problem ('scientific' for 1e3 and the like). */
function byRule(cell: string): number | string {
  const t = cell.trim();
  if (t === '') return 'empty time';
  const m = /^\+?(\d*)(?:\.(\d*))?$/.exec(t);
  let ms: number;
  if (m && (m[1] !== '' || (m[2] ?? '') !== '')) {
    const frac = m[2] ?? '';
    ms = Number(m[1] || '0') * 1000 + Number((frac + '000').slice(0, 3)) + (frac.length > 3 && frac[3] >= '5' ? 1 : 0);
  } else if (/^\+?(?:\d+\.?\d*|\.\d+)[eE][+-]?\d+$/.test(t)) {
    return 'scientific'; // read by Number, the path the plain reading leaves alone
  } else if (/^-\s*(\d|\.\d)/.test(t) && Number.isFinite(Number(t))) {
    return `negative time "${t}"`;
  } else {
    return `"${t}" is not a number of seconds (write seconds with a '.' decimal point, e.g. 62.5)`;
  }
  return Number.isSafeInteger(ms) ? ms : `time "${t}" is too large`;
}

function read(cell: string): number | string {
  try {
    return parseSeconds(cell, (w) => {
      throw new Error(w);
    });
  } catch (e) {
    return (e as Error).message;
  }
}

describe('parseSeconds', () => {
  it('reads hand-worked cells', () => {
    expect(['62.5', '+3', '007.25', '.5', '5.', '1.2344', '1.2345', '1.99999', '0', '3600.001'].map(read)).toEqual([62_500, 3000, 7250, 500, 5000, 1234, 1235, 2000, 0, 3_600_001]);
    expect(read('')).toBe('empty time');
    expect(read('-1.5')).toBe('negative time "-1.5"');
    expect(read('1,5')).toMatch(/is not a number of seconds/);
    expect(read('.')).toMatch(/is not a number of seconds/);
    expect(read('1234567890123456789')).toBe('time "1234567890123456789" is too large');
  });

  it('gives what the rule gives on any text of digits, signs, points, e and spaces', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[ 0-9+\-.e]{0,22}$/), (cell) => {
        const want = byRule(cell);
        if (want !== 'scientific') expect(read(cell)).toBe(want);
      }),
      { numRuns: 20_000, seed: 42 },
    );
  });

  it('gives what the rule gives on well-formed decimals of up to 16 whole digits and 8 decimals', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^ ?\+?[0-9]{0,16}(\.[0-9]{0,8})? ?$/), (cell) => {
        expect(read(cell)).toBe(byRule(cell));
      }),
      { numRuns: 20_000, seed: 7 },
    );
  });
});
