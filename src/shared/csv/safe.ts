/**
 * The CSV core every export and import goes through.
 *
 * Writing: RFC 4180 via csv-stringify (comma separator, CRLF line ends, a field is quoted when it
 * holds a comma, a double quote, CR or LF; quotes are doubled), UTF-8 text, optional BOM
 * (U+FEFF) so Excel detects UTF-8, numbers with a '.' decimal point.
 *
 * Formula injection (OWASP "CSV Injection"): a cell is written from a typed value.
 * - `number` cells are written plain (`-1.5` stays `-1.5`, shortest round-trip form, never a
 *   thousands separator); non-finite numbers are written as an empty cell.
 * - `string` cells are user text and are guarded: if the text starts with `=`, `+`, `-`, `@`,
 *   TAB or CR, one single quote `'` is put in front (OWASP's recommendation), so spreadsheets show
 *   it as text. This applies to every string, including a string that looks like a number
 *   ("-1.5" typed in a note is written `'-1.5`): a value meant as a number must be passed as a
 *   number. To keep the guard reversible, text that already starts with one or more `'` followed
 *   by a formula character gets one more `'` ("'=x" → "''=x").
 * - `unguardCell` is the exact inverse for importers: it removes one leading `'` when the rest
 *   starts with zero or more `'` and then a formula character. `unguardCell(guardCell(s)) === s`
 *   for every string s.
 * - `boolean` cells are `true`/`false`; `null`/`undefined` are an empty cell.
 */
import { msToSecondsString } from '../time';
import { CellMemo, parseStrings, stringifyStrings, writeCells, type CellCast } from './csvlib';

export type CsvCell = string | number | boolean | null | undefined;

export interface CsvWriteOptions {
  /** Prepend a UTF-8 byte order mark (U+FEFF) so Excel opens accents correctly. Default false. */
  bom?: boolean;
}

/** One CSV file produced by an export. `suffix` is appended to the base of the output path. */
export interface CsvFile {
  /** Default file name, e.g. "contradictions-matrix.csv". */
  name: string;
  /** '' for the main file (written to --out); e.g. '-matrix' for `<out base>-matrix.csv`. */
  suffix: string;
  text: string;
}

/** The characters that make a spreadsheet read a cell as a formula (OWASP). */
export const FORMULA_CHARS: readonly string[] = ['=', '+', '-', '@', '\t', '\r'];

const NEEDS_GUARD = /^'*[=+\-@\t\r]/;
const IS_GUARDED = /^''*[=+\-@\t\r]/;

/** Makes user text inert in spreadsheets: see the module comment. */
export function guardCell(text: string): string {
  return NEEDS_GUARD.test(text) ? `'${text}` : text;
}

/** Inverse of guardCell: removes the one leading quote the guard added. */
export function unguardCell(text: string): string {
  return IS_GUARDED.test(text) ? text.slice(1) : text;
}

/** A number as CSV text: shortest round-trip form with '.' decimals; '' when not finite. */
export function formatNumber(n: number): string {
  // Whole milliseconds as seconds (every time cell): below 2^42 s (the guard stops at 1e12 s)
  // a double's spacing is under 1 ms, so the exact decimal ms/1000 is the only shortest text
  // that reads back as n, and msToSecondsString writes it without String's shortest-form search
  // (a tenth of a million-row segments export's CPU).
  const ms = Math.round(n * 1000);
  if (ms / 1000 === n && ms < 1e15 && ms > -1e15) return msToSecondsString(ms);
  if (!Number.isFinite(n)) return '';
  if (Object.is(n, -0)) return '0';
  return String(n);
}

/** The text of one typed cell (strings guarded). */
export function cellText(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return formatNumber(cell);
  if (typeof cell === 'boolean') return cell ? 'true' : 'false';
  return guardCell(cell);
}

/** A whole CSV file: one header row, then the rows. Header cells are guarded like any string. */
export function writeCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[], opts: CsvWriteOptions = {}): string {
  return writeOwnedCsv(header, rows.map((r) => [...r]), opts);
}

/**
 * writeCsv for rows the caller built for this call and drops afterwards: the cells are replaced
 * by their text in place (no second copy of a large export in memory).
 */
export function writeOwnedCsv(header: readonly string[], rows: CsvCell[][], opts: CsvWriteOptions = {}): string {
  const out = rows as unknown as string[][];
  for (let i = 0; i < rows.length; i++) textInPlace(rows[i]);
  out.unshift(header.map(cellText));
  const text = stringifyStrings(out);
  return opts.bom ? `\uFEFF${text}` : text;
}

/** Rows handed to the CSV library at a time by writeCsvRows. */
// Small enough that a block's text (~60 KB at a segments row's ~250 bytes) stays under V8's
// large-object size: larger blocks were allocated straight into the old generation, where a
// million-row export left ~250 MB of written text for the next full collection.
const ROWS_PER_BLOCK = 250;

/**
 * writeCsv for rows produced one at a time (e.g. by a generator): the rows are turned into text
 * in blocks of ROWS_PER_BLOCK as they come (csvBlockWriter), so a large export never holds every
 * row's cells at once (they die young, which the garbage collector handles cheaply). Same text as
 * writeCsv for the same rows.
 */
export function writeCsvRows(header: readonly string[], rows: Iterable<CsvCell[]>, opts: CsvWriteOptions = {}): string {
  const parts: string[] = [];
  const out = csvBlockWriter(header, (text) => parts.push(text), opts);
  for (const row of rows) out.row(row);
  out.end();
  return parts.join('');
}

/** Takes a CSV file's rows one at a time; see csvBlockWriter. */
export interface CsvBlockWriter {
  row: (cells: readonly CsvCell[]) => void;
  /** Writes the last block. */
  end: () => void;
  /** Data rows taken so far. */
  readonly rows: number;
}

/**
 * A CSV file written in pieces: `write` receives the BOM if asked, then the text of the header
 * and the rows, ROWS_PER_BLOCK rows at a time; joined, the pieces are writeCsvRows' text. A
 * streaming writer calls `row` for each row as it reads it (no generator between the reader and
 * the file).
 */
export function csvBlockWriter(header: readonly string[], write: (text: string) => void, opts: CsvWriteOptions = {}): CsvBlockWriter {
  if (opts.bom) write('\uFEFF');
  const memo = new CellMemo(CELL_CAST.string);
  let block: (readonly CsvCell[])[] = [header];
  let rows = 0;
  return {
    row(cells) {
      rows++;
      block.push(cells);
      if (block.length === ROWS_PER_BLOCK) {
        write(writeCells(block, CELL_CAST, memo));
        block = [];
      }
    },
    end() {
      if (block.length > 0) write(writeCells(block, CELL_CAST, memo));
      block = [];
    },
    get rows() {
      return rows;
    },
  };
}

/** cellText as the CSV library's per-type cast (it writes null and undefined as empty cells). */
const CELL_CAST: CellCast = {
  string: guardCell,
  number: formatNumber,
  boolean: (b) => (b ? 'true' : 'false'),
};

function textInPlace(row: CsvCell[]): string[] {
  for (let j = 0; j < row.length; j++) row[j] = cellText(row[j]);
  return row as string[];
}

/**
 * A user error in CSV input. Its message is one line: "line N, column "x": what is wrong"
 * (line = 1-based physical line in the file where the offending record starts; the header is
 * line 1). The CLI prefixes the file name.
 */
export class CsvInputError extends Error {
  constructor(
    message: string,
    readonly line: number | null = null,
    readonly field: string | null = null,
  ) {
    super(message);
    this.name = 'CsvInputError';
  }
}

export interface CsvRecord {
  /** 1-based physical line where the record starts. */
  line: number;
  cells: string[];
}

/**
 * Parses CSV text (a leading UTF-8 BOM is removed; CRLF, LF or CR line ends; empty lines are
 * skipped) into records with their starting line. Cells are returned as written: call
 * unguardCell on text fields. Throws CsvInputError on malformed quoting.
 */
export function readCsv(input: string): CsvRecord[] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const starts = recordStartLines(text);
  let records: string[][];
  try {
    records = parseStrings(text);
  } catch (e) {
    const err = e as { records?: number; lines?: number };
    throw csvSyntaxError(e, (err.records !== undefined ? starts[err.records] : undefined) ?? err.lines ?? null);
  }
  if (records.length !== starts.length) {
    // Should not happen: both skip exactly the empty lines. Fall back to record numbers.
    return records.map((cells, i) => ({ line: i + 1, cells }));
  }
  return records.map((cells, i) => ({ line: starts[i], cells }));
}

/** The CsvInputError for a csv-parse error (malformed quoting) in the record starting at `line`. */
export function csvSyntaxError(e: unknown, line: number | null): CsvInputError {
  const err = e as { code?: string; message?: string };
  const what =
    err.code === 'CSV_QUOTE_NOT_CLOSED'
      ? 'a quoted field is never closed (missing ")'
      : err.code === 'INVALID_OPENING_QUOTE' || err.code === 'CSV_INVALID_CLOSING_QUOTE'
        ? 'a double quote inside a field must be doubled and the field quoted ("a ""b"" c")'
        : `malformed CSV (${err.message ?? 'unknown error'})`;
  return new CsvInputError(line !== null ? `line ${line}: ${what}` : what, line);
}

/**
 * Physical line where each non-empty record starts, following RFC 4180 quoting (a quote opens a
 * quoted field only at its start; "" inside is an escaped quote). Mirrors csv-parse's record
 * splitting for well-formed input; only used to report line numbers.
 */
function recordStartLines(text: string): number[] {
  const starts: number[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
      line++;
      continue;
    }
    starts.push(line);
    let inQuotes = false;
    let fieldStart = true;
    while (i < n) {
      const ch = text.charCodeAt(i);
      if (inQuotes) {
        if (ch === 34) {
          if (text.charCodeAt(i + 1) === 34) i += 2;
          else {
            inQuotes = false;
            i++;
          }
        } else if (ch === 13 || ch === 10) {
          i += ch === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
          line++;
        } else i++;
        continue;
      }
      if (ch === 34 && fieldStart) {
        inQuotes = true;
        fieldStart = false;
        i++;
        continue;
      }
      if (ch === 13 || ch === 10) {
        i += ch === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
        line++;
        break;
      }
      fieldStart = ch === 44;
      i++;
    }
  }
  return starts;
}
