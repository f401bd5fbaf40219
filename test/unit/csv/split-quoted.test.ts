/**
 * splitQuotedRecord (src/main/csvStream.ts), the reader's own split of a quoted record, against
 * csv-parse (parseStrings): on any text of the characters that matter it either declines (null)
 * or gives exactly csv-parse's one record; on well-formed records it never declines.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitQuotedRecord } from '../../../src/main/csvStream';
import { parseStrings } from '../../../src/shared/csv/csvlib';

const quoted = (c: string) => `"${c.replace(/"/g, '""')}"`;

describe('splitQuotedRecord', () => {
  it('hand-checked records', () => {
    expect(splitQuotedRecord('a,"b, c",d')).toEqual(['a', 'b, c', 'd']);
    expect(splitQuotedRecord('"say ""hi""",')).toEqual(['say "hi"', '']);
    expect(splitQuotedRecord('"two\r\nlines",x')).toEqual(['two\r\nlines', 'x']);
    expect(splitQuotedRecord('""')).toEqual(['']);
    expect(splitQuotedRecord('a,""')).toEqual(['a', '']);
    // not well-formed: left to csv-parse, which names the problem
    expect(splitQuotedRecord('a"b,c')).toBeNull();
    expect(splitQuotedRecord('"a" ,b')).toBeNull();
    expect(splitQuotedRecord('"a"b')).toBeNull();
    expect(splitQuotedRecord('"never closed')).toBeNull();
  });

  it('gives csv-parse\'s record whenever it does not decline, on random text', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[ab ,"\r\né]{1,12}$/), (text) => {
        const mine = splitQuotedRecord(text);
        if (mine === null) return;
        expect(parseStrings(text)).toEqual([mine]);
      }),
      { numRuns: 3000 },
    );
  });

  it('splits every well-formed record as csv-parse does', () => {
    const cell = fc.stringMatching(/^[ab ,"\r\né]{0,5}$/);
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, fc.boolean()), { minLength: 1, maxLength: 5 }), (cells) => {
        const text = cells.map(([c, q]) => (q || /[",\r\n]/.test(c) ? quoted(c) : c)).join(',');
        if (!text.includes('"')) return;
        const mine = splitQuotedRecord(text);
        expect(mine).toEqual(cells.map(([c]) => c));
        expect(parseStrings(text)).toEqual([mine]);
      }),
      { numRuns: 1000 },
    );
  });
});
