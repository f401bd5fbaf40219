/**
 * The hand-written CSV writer (writeCells) gives csv-stringify's exact text, checked against the
 * library itself on random rows of typed cells, including quotes, commas, CR, LF, spaces,
 * formula characters and non-ASCII text.
 */
import fc from 'fast-check';
import { stringify } from 'csv-stringify/browser/esm/sync';
import { describe, expect, it } from 'vitest';
import { CellMemo, csvField, writeCells, type CellCast } from '../../src/shared/csv/csvlib';
import { formatNumber, guardCell } from '../../src/shared/csv/safe';

const CAST: CellCast = { string: guardCell, number: formatNumber, boolean: (b) => (b ? 'true' : 'false') };
const library = (rows: unknown[][]) => stringify(rows, { record_delimiter: '\r\n', quoted_match: /[\r\n]/, cast: CAST });

const text = fc.string({ unit: fc.constantFrom('a', 'é', ' ', '"', ',', '\r', '\n', '\t', '=', '-', "'", ';', '😀', '1') , maxLength: 12 });
const cell = fc.oneof(text, fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined));

describe('writeCells', () => {
  it('quotes exactly as csv-stringify does (hand-checked cases)', () => {
    expect(csvField('a"b')).toBe('"a""b"');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('a\nb')).toBe('"a\nb"');
    expect(csvField('a\rb')).toBe('"a\rb"');
    expect(csvField(' padded ')).toBe(' padded ');
    expect(writeCells([['=1+1', -1.5, true, null, 'x']], CAST)).toBe("'=1+1,-1.5,true,,x\r\n");
  });
  it('gives the library\'s text on random rows', () => {
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { maxLength: 8 }), (rows) => {
        expect(writeCells(rows, CAST)).toBe(library(rows));
      }),
      { numRuns: 500 },
    );
  });
  it('with a memo kept across blocks, gives the library\'s text (repeated values, values that need guarding and quoting, long and ever-new ones)', () => {
    const pool = ['=a', 'a,b', 'x"y', 'plain', 'two\nlines', '', '-1', `${'long, '.repeat(20)}end`];
    fc.assert(
      fc.property(fc.array(fc.array(fc.oneof(fc.constantFrom(...pool), text, fc.integer()), { minLength: 3, maxLength: 3 }), { maxLength: 60 }), fc.integer({ min: 1, max: 7 }), (rows, size) => {
        const memo = new CellMemo(CAST.string);
        let out = '';
        for (let i = 0; i < rows.length; i += size) out += writeCells(rows.slice(i, i + size), CAST, memo);
        expect(out).toBe(library(rows));
      }),
      { numRuns: 300 },
    );
    // a column of ever-new values (ids) is given up after 1024 of them; the others stay remembered
    const rows = Array.from({ length: 3000 }, (_, i) => [`id-${i}`, pool[i % pool.length]!, i % 3 === 0 ? `=${i % 7}` : 'same']);
    const memo = new CellMemo(CAST.string);
    let out = '';
    for (let i = 0; i < rows.length; i += 250) out += writeCells(rows.slice(i, i + 250), CAST, memo);
    expect(out).toBe(library(rows));
    // by hand: rows 2 and 3 (a quote doubled and quoted; a formula guarded)
    expect(out.split('\r\n').slice(2, 4)).toEqual(['id-2,"x""y",same', "id-3,plain,'=3"]);
  });
});
