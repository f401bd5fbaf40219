import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { cellText, guardCell, readCsv, unguardCell, writeCsv, writeCsvRows } from '../../../src/shared/csv/safe';
import { csvLines } from './fixture';

const FORMULA_START = /^[=+\-@\t\r]/;
/** Characters that stress quoting, the guard and encoding. */
const nasty = fc.string({
  unit: fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '"', ',', "'", ' ', 'a', '1', '.', 'é', '😀', 'ש', 'م', '\u202E', '\uFEFF'),
  maxLength: 12,
});

describe('guardCell / unguardCell', () => {
  it('guards the OWASP formula starts and nothing else', () => {
    expect(guardCell('=1+1')).toBe("'=1+1");
    expect(guardCell('+1')).toBe("'+1");
    expect(guardCell('-2+3')).toBe("'-2+3");
    expect(guardCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(guardCell('\tx')).toBe("'\tx");
    expect(guardCell('\rx')).toBe("'\rx");
    expect(guardCell('-1.5')).toBe("'-1.5"); // user text that looks like a number is still text
    expect(guardCell("'=x")).toBe("''=x"); // keeps the guard reversible
    expect(guardCell("'hello")).toBe("'hello");
    expect(guardCell('a=b')).toBe('a=b');
    expect(guardCell('')).toBe('');
    expect(unguardCell("'hello")).toBe("'hello");
    expect(unguardCell("''=x")).toBe("'=x");
  });

  it('typed cells: numbers plain (negative too), booleans, empties', () => {
    expect([-1.5, 0, -0, 12.5, 0.1 + 0.2, Number.NaN, Number.POSITIVE_INFINITY, true, false, null, undefined].map(cellText)).toEqual([
      '-1.5',
      '0',
      '0',
      '12.5',
      '0.30000000000000004',
      '',
      '',
      'true',
      'false',
      '',
      '',
    ]);
  });

  it('unguard(guard(s)) = s and a guarded cell never starts with a formula character (property)', () => {
    fc.assert(
      fc.property(nasty, (s) => {
        expect(unguardCell(guardCell(s))).toBe(s);
        expect(FORMULA_START.test(guardCell(s))).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('writeCsv', () => {
  it('quotes per RFC 4180 (commas, quotes, CR, LF) with CRLF records, and adds a BOM on request', () => {
    expect(writeCsv(['a', 'b'], [['x,y', 'say "hi"'], ['l1\nl2', 'r\rs'], ['', 3]], { bom: true })).toBe(
      '\uFEFF' + csvLines('a,b', '"x,y","say ""hi"""', '"l1\nl2","r\rs"', ',3'),
    );
  });

  it('any text survives write → csv-parse → unguardCell exactly (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(nasty, nasty), { maxLength: 5 }), (rows) => {
        const text = writeCsv(['k', 'a', 'b'], rows.map(([a, b]) => ['x', a, b]));
        const parsed = parse(text) as string[][];
        expect(parsed.slice(1).map((r) => [unguardCell(r[1]), unguardCell(r[2])])).toEqual(rows);
        for (const r of parsed) for (const c of r) expect(FORMULA_START.test(c)).toBe(false);
        expect(readCsv(text).map((r) => r.cells)).toEqual(parsed);
        // physical start lines: the header is line 1, each row adds its embedded line breaks + 1
        const breaks = (c: string) => (c.match(/\r\n|\r|\n/g) ?? []).length;
        let line = 2;
        const lines = [1];
        for (const [a, b] of rows) {
          lines.push(line);
          line += breaks(guardCell(a)) + breaks(guardCell(b)) + 1;
        }
        expect(readCsv(text).map((r) => r.line)).toEqual(lines);
      }),
      { numRuns: 500 },
    );
  });
});

describe('readCsv', () => {
  it('reports the physical start line of each record', () => {
    expect(readCsv('\uFEFFa,b\r\n"x\r\ny",1\n\n\nz,"q\rq"\rlast,2').map((r) => [r.line, r.cells])).toEqual([
      [1, ['a', 'b']],
      [2, ['x\r\ny', '1']],
      [6, ['z', 'q\rq']],
      [8, ['last', '2']],
    ]);
  });
});

describe('writeCsv on long files', () => {
  it('writes more rows than one block exactly as row-by-row RFC 4180 text', () => {
    const rows = Array.from({ length: 2503 }, (_, i) => [i, `note ${i}${i % 7 === 0 ? ', "q"\nx' : ''}`, i % 3 === 0 ? '=x' : 'y']);
    const expected =
      'n,note,v\r\n' +
      rows.map(([i, note, v]) => `${i},${(note as string).includes(',') ? `"${(note as string).replace(/"/g, '""')}"` : note},${v === '=x' ? "'=x" : v}\r\n`).join('');
    expect(writeCsv(['n', 'note', 'v'], rows)).toBe(expected);
  });
});

describe('writeCsvRows (rows from a generator, written in blocks)', () => {
  it('writes typed cells like cellText: guarded strings, plain numbers, booleans, empties; BOM on request', () => {
    function* rows() {
      yield ['=1+1', -1.5, true, null, undefined, Number.NaN, -0, 'a,"b"'];
      yield ['-x', 1e21, false, '', "'=x", 0.1, 62.5, 'l1\nl2'];
    }
    expect(writeCsvRows(['=h', 'n', 'b', 'e1', 'e2', 'nan', 'z', 'q'], rows(), { bom: true })).toBe(
      '\uFEFF' +
        csvLines("'=h,n,b,e1,e2,nan,z,q", "'=1+1,-1.5,true,,,,0,\"a,\"\"b\"\"\"", "'-x,1e+21,false,,''=x,0.1,62.5,\"l1\nl2\""),
    );
  });

  it('gives the same text as writeCsv across block boundaries (0, 1, 999, 1000, 1001, 2503 rows)', () => {
    for (const n of [0, 1, 999, 1000, 1001, 2503]) {
      const make = () => Array.from({ length: n }, (_, i) => [i, `note ${i}${i % 7 === 0 ? ', "q"\rx' : ''}`, i % 3 === 0 ? '@x' : i % 5 === 0 ? null : i / 8]);
      const expected =
        'n,note,v\r\n' +
        make()
          .map(([i, note, v]) => `${i},${(note as string).includes(',') ? `"${(note as string).replace(/"/g, '""')}"` : note},${v === '@x' ? "'@x" : v === null ? '' : String(v)}\r\n`)
          .join('');
      expect(writeCsvRows(['n', 'note', 'v'], make()[Symbol.iterator]())).toBe(expected);
      expect(writeCsvRows(['n', 'note', 'v'], make())).toBe(writeCsv(['n', 'note', 'v'], make()));
    }
  });
});
