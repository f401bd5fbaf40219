/**
 * The only module that touches the CSV libraries (csv-stringify / csv-parse, sync APIs).
 *
 * We import their `browser/esm/sync` entries on purpose: the default `csv-parse/sync` and `csv-stringify/sync` entries (lib/)
 * use the Node global `Buffer` at module load (csv-stringify: `Buffer.from([239,187,191])` at top
 * level; csv-parse: `Buffer.from(data)` in parse), so they would crash in the renderer. The
 * browser/esm builds are the same code with a bundled Buffer polyfill and run in Node and in the
 * browser alike.
 *
 * Caveat (typing): every entry's .d.ts (lib/ and dist/esm/ alike) starts with
 * `/// <reference types="node" />`, so importing either one pulls @types/node into the program that
 * typechecks src/shared (then `process`/`Buffer` typecheck anywhere in src/shared). Node-free
 * typings of the two entries live in ./types/; adding to tsconfig.shared.json (and
 * tsconfig.web.json)
 *   "paths": {
 *     "csv-parse/browser/esm/sync": ["./src/shared/csv/types/csv-parse-sync.d.ts"],
 *     "csv-stringify/browser/esm/sync": ["./src/shared/csv/types/csv-stringify-sync.d.ts"]
 *   }
 * keeps Node types out (verified: `process` in src/shared then fails to typecheck). Only types are
 * remapped; bundlers and Node still load the packages' real code.
 */
import { parse } from 'csv-parse/browser/esm/sync';
import { stringify } from 'csv-stringify/browser/esm/sync';

const STRINGIFY_OPTIONS = {
  record_delimiter: '\r\n',
  // csv-stringify only quotes a field holding the whole record delimiter; a lone \n or \r in a
  // note must be quoted too or spreadsheets split the row.
  quoted_match: /[\r\n]/,
};

/** Rows per csv-stringify call: the library grows one string per call, so long files go in blocks. */
const BLOCK = 1000;

/**
 * RFC 4180 text for rows of already-formatted string cells (CRLF line ends, minimal quoting).
 * Every record ends with CRLF, so stringifying blocks of rows and joining them gives exactly the
 * text of one call; blocks keep the library's intermediate strings short (about 25 % less CPU
 * on the 50,000-segment export bench, mostly garbage collection).
 */
export function stringifyStrings(rows: string[][]): string {
  if (rows.length <= BLOCK) return stringify(rows, STRINGIFY_OPTIONS);
  const parts: string[] = [];
  for (let i = 0; i < rows.length; i += BLOCK) parts.push(stringify(rows.slice(i, i + BLOCK), STRINGIFY_OPTIONS));
  return parts.join('');
}

/** How writeCells turns typed cells into text (null/undefined cells are always empty). */
export interface CellCast {
  string: (value: string) => string;
  /** A number's text is written as is: it must never need quoting (no comma, quote, CR or LF). */
  number: (value: number) => string;
  boolean: (value: boolean) => string;
}

const NEEDS_QUOTES = /[",\r\n]/;
const QUOTE = /"/g;

/** One field as csv-stringify writes it with STRINGIFY_OPTIONS: quoted (quotes doubled) only when it holds `"`, `,`, CR or LF. */
export function csvField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replace(QUOTE, '""')}"` : text;
}

/** Values longer than this are never remembered by CellMemo (a note can be 100,000 characters). */
const MEMO_MAX_LENGTH = 64;
/** Distinct values after which CellMemo stops remembering a column (segment ids, notes). */
const MEMO_MAX_MISSES = 1024;

/**
 * The field text of string cells already written, by column, for the columns that repeat a few
 * values (coder names, code paths, media, a codebook's ids): one lookup instead of a cast and a
 * quoting test per cell, about a third of a million-row export's CSV writing. A column whose
 * values keep changing is given up after MEMO_MAX_MISSES of them. One memo per cast.
 */
export class CellMemo {
  private readonly columns: (Map<string, string> | null)[] = [];
  private readonly misses: number[] = [];

  constructor(private readonly cast: (value: string) => string) {}

  /** csvField(cast(v)) for a cell of column j. */
  field(j: number, v: string): string {
    let column = this.columns[j];
    if (column === undefined) {
      column = this.columns[j] = new Map();
      this.misses[j] = 0;
    }
    if (column === null || v.length > MEMO_MAX_LENGTH) return csvField(this.cast(v));
    let text = column.get(v);
    if (text === undefined) {
      text = csvField(this.cast(v));
      column.set(v, text);
      if (++this.misses[j]! > MEMO_MAX_MISSES) this.columns[j] = null;
    }
    return text;
  }
}

/**
 * The text csv-stringify gives for typed rows (string, number, boolean, null, undefined; its `cast`
 * option set to `cast`), written here: the library's per-cell machinery (options, cast
 * dispatch, one object per field) cost most of a million-row export's CPU time. The property
 * test in test/unit/csv-fast.test.ts holds it to the library's output. A writer of many blocks
 * passes the same `memo` (made with cast.string) to each.
 */
export function writeCells(rows: readonly (readonly unknown[])[], cast: CellCast, memo?: CellMemo): string {
  let out = '';
  for (const row of rows) {
    for (let j = 0; j < row.length; j++) {
      if (j > 0) out += ',';
      const v = row[j];
      if (typeof v === 'string') out += memo ? memo.field(j, v) : csvField(cast.string(v));
      else if (typeof v === 'number') out += cast.number(v);
      else if (typeof v === 'boolean') out += cast.boolean(v);
    }
    out += '\r\n';
  }
  return out;
}

/**
 * Parses RFC 4180 text into records of strings. Accepts CRLF, LF and CR line ends (mixed too),
 * skips empty lines, allows records of differing lengths (the caller checks them).
 * Throws the library's CsvError (with `code`, `records`, `lines`) on malformed quoting.
 */
export function parseStrings(text: string): string[][] {
  return parse(text, {
    relax_column_count: true,
    skip_empty_lines: true,
    record_delimiter: ['\r\n', '\n', '\r'],
  }) as string[][];
}
