/**
 * The hand-written CSV writer (writeCells) gives csv-stringify's exact text, checked against the
 * library itself on random rows of typed cells, including quotes, commas, CR, LF, spaces,
 * formula characters and non-ASCII text.
 */
import fc from 'fast-check';
import { stringify } from 'csv-stringify/browser/esm/sync';
import { describe, expect, it } from 'vitest';
import { csvField, writeCells, type CellCast } from '../../src/shared/csv/csvlib';
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
});
