/**
 * The streamed reader (src/main/csvStream.ts) against the whole-text reader (readCsv, which is
 * csv-parse): the same records, cells and start lines for any CSV text, read in blocks as small
 * as 1 to 7 bytes so that every line break, CRLF and quote falls on a block boundary somewhere.
 * Both readers: the stream (csvFileBlocks) and the blocking reads into one buffer (csvFileBlocksSync).
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvFileBlocks, csvFileBlocksSync } from '../../src/main/csvStream';
import { CsvInputError, readCsv } from '../../src/shared/csv/safe';
import { tmpDir } from '../helpers/tmp';

const READERS = { csvFileBlocks, csvFileBlocksSync } as const;
type Reader = keyof typeof READERS;

async function streamed(text: string, blockBytes: number, reader: Reader = 'csvFileBlocks') {
  const f = path.join(tmpDir(), 'in.csv');
  fs.writeFileSync(f, text);
  const out = [];
  for await (const block of READERS[reader](f, blockBytes)) out.push(...block);
  return out;
}

/** Cells with the characters that matter: commas, quotes, CR, LF, non-ASCII. */
const cell = fc.stringMatching(/^[ab,"\r\né😀]{0,5}$/);
const quoteCell = (c: string) => (/[,"\r\n]/.test(c) || c === '' ? `"${c.replace(/"/g, '""')}"` : c);
const breakChar = fc.constantFrom('\n', '\r\n', '\r');

describe.each(Object.keys(READERS) as Reader[])('%s reads what readCsv reads', (reader) => {
  it('on well-formed CSV with quoted commas, quotes and line breaks, BOM, empty lines and any line ends', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.array(cell, { minLength: 1, maxLength: 4 }), breakChar, fc.boolean()), { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 7 }),
        async (rows, bom, block) => {
          const text = (bom ? '\uFEFF' : '') + rows.map(([cells, brk, blank]) => cells.map(quoteCell).join(',') + brk + (blank ? brk : '')).join('');
          expect(await streamed(text, block, reader)).toEqual(readCsv(text));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('on a hand-written file: records, cells (line breaks kept exactly) and start lines', async () => {
    const text = '\uFEFFcoder,note\r\nAna,"two\r\nlines"\r\n\r\nBen,"say ""hi"", then\rstop"\nChen,plain\r';
    expect(await streamed(text, 3, reader)).toEqual([
      { line: 1, cells: ['coder', 'note'] },
      { line: 2, cells: ['Ana', 'two\r\nlines'] },
      { line: 5, cells: ['Ben', 'say "hi", then\rstop'] },
      { line: 7, cells: ['Chen', 'plain'] },
    ]);
  });

  it.each([
    ['an unclosed quote', 'a,b\n1,2\n\n3,"open\n4,5\n', 4, /never closed/],
    ['a stray quote', 'a,b\n1,2\n3,4"x"\n5,6\n', 3, /must be doubled/],
  ])('names the line of %s, as readCsv does', async (_w, text, line, message) => {
    const err = await streamed(text, 2, reader).catch((e) => e);
    expect(err).toBeInstanceOf(CsvInputError);
    expect(err.line).toBe(line);
    expect(err.message).toMatch(message);
    expect(() => readCsv(text)).toThrow(new RegExp(`line ${line}:`));
  });
});
