/**
 * Streaming CSV reading for the main process (Node): a file is read in 1 MiB blocks and handed
 * on record by record, never held whole (back-pressure: the next block is read only when the
 * consumer has taken the records of this one).
 *
 * Bytes must be strict UTF-8 (shared/limits.ts decodeUtf8; an invalid byte is named by its offset
 * and line). The dialect is src/shared/csv's readCsv: RFC 4180, a UTF-8 BOM dropped, CRLF/LF/CR line ends,
 * records of differing lengths allowed (the caller checks them), empty lines skipped, and each
 * record carries the physical line where it starts (the header is line 1).
 *
 * Speed: a line without a double quote cannot hold a quoted comma or line break, so it is split
 * on commas directly (about 10x faster than the parser on a million-row file). A line with a
 * quote, with the lines that follow it until its quotes balance (a quoted field may span lines),
 * is split by splitQuotedRecord when it is well-formed, else parsed by csv-parse (parseStrings),
 * which also reports malformed quoting.
 */
import fs from 'node:fs';
import { parseStrings } from '../shared/csv/csvlib';
import { csvSyntaxError, type CsvRecord } from '../shared/csv/safe';
import { decodeUtf8 } from '../shared/limits';

const LINE_BREAK = /(\r\n|\n|\r)/;

/** Quote characters in s (a record is complete when its count is even). */
function quotes(s: string): number {
  let n = 0;
  for (let i = s.indexOf('"'); i >= 0; i = s.indexOf('"', i + 1)) n++;
  return n;
}

const QUOTE = 34;
const COMMA = 44;
const QUOTE_OR_BREAK = /["\r\n]/;

/**
 * The cells of one complete, well-formed RFC 4180 record: fields separated by commas, a quoted
 * field opening with its first character, closed by a quote followed by a comma or the end, with
 * "" for a quote inside; an unquoted field holds no quote or line break. Anything else gives null
 * (csv-parse then parses the record and reports the problem). Same cells as csv-parse's.
 */
export function splitQuotedRecord(text: string): string[] | null {
  const cells: string[] = [];
  let i = 0;
  for (;;) {
    if (text.charCodeAt(i) === QUOTE) {
      let cell = '';
      for (let from = i + 1; ; ) {
        const q = text.indexOf('"', from);
        if (q < 0) return null;
        cell += text.slice(from, q);
        if (text.charCodeAt(q + 1) !== QUOTE) {
          i = q + 1;
          break;
        }
        cell += '"';
        from = q + 2;
      }
      cells.push(cell);
    } else {
      const comma = text.indexOf(',', i);
      const end = comma < 0 ? text.length : comma;
      const cell = text.slice(i, end);
      if (QUOTE_OR_BREAK.test(cell)) return null;
      cells.push(cell);
      i = end;
    }
    if (i === text.length) return cells;
    if (text.charCodeAt(i) !== COMMA) return null;
    i++;
  }
}

/** Turns lines (with their line breaks) into records; see the module comment. */
class RecordSplitter {
  private line = 0;
  private pending = '';
  private pendingLine = 0;
  private pendingQuotes = 0;

  /** Takes one line (without its break) and the break that ended it ('' at the end of the file). */
  push(text: string, brk: string, out: CsvRecord[]): void {
    this.line++;
    if (this.pending !== '') {
      this.pending += text;
      this.pendingQuotes += quotes(text);
      if (this.pendingQuotes % 2 === 0) this.flushPending(out);
      else this.pending += brk;
      return;
    }
    if (text === '') return;
    if (text.indexOf('"') < 0) {
      out.push({ line: this.line, cells: text.split(',') });
      return;
    }
    this.pending = text;
    this.pendingLine = this.line;
    this.pendingQuotes = quotes(text);
    if (this.pendingQuotes % 2 === 0) this.flushPending(out);
    else this.pending += brk;
  }

  /** At the end of the file: a quoted field still open is an error naming its line. */
  end(out: CsvRecord[]): void {
    if (this.pending !== '') this.flushPending(out);
  }


  private quoted: { text: string; record: CsvRecord }[] = [];

  /**
   * The pending quoted record: split here when it is well-formed RFC 4180 (the common case: a
   * note with a comma or a quote), else queued for csv-parse (resolve()), which fills its cells
   * or names the problem.
   */
  private flushPending(out: CsvRecord[]): void {
    const cells = splitQuotedRecord(this.pending);
    const record: CsvRecord = { line: this.pendingLine, cells: cells ?? [] };
    if (!cells) this.quoted.push({ text: this.pending, record });
    out.push(record);
    this.pending = '';
  }

  /**
   * Parses the queued quoted records: one csv-parse call for all of them (a call costs ~20 µs of
   * set-up), or one each when that fails, to name the line of the malformed one.
   */
  resolve(): void {
    if (this.quoted.length === 0) return;
    const queued = this.quoted;
    this.quoted = [];
    let records: string[][] | undefined;
    try {
      records = parseStrings(queued.map((q) => q.text).join('\n'));
    } catch {
      records = undefined;
    }
    if (records?.length === queued.length) {
      queued.forEach((q, i) => (q.record.cells = records[i]!));
      return;
    }
    for (const q of queued) {
      try {
        q.record.cells = parseStrings(q.text)[0] ?? [''];
      } catch (e) {
        throw csvSyntaxError(e, q.record.line);
      }
    }
  }
}

/**
 * The records of a CSV file, in order, with their start lines, one array per block read (so the
 * consumer awaits once a block, not once a record). Throws CsvInputError.
 */
export async function* csvFileBlocks(file: string, blockBytes = 1 << 20): AsyncGenerator<CsvRecord[]> {
  const blocks = new BlockReader();
  const decode = utf8Decoder(file);
  for await (const chunk of fs.createReadStream(file, { highWaterMark: blockBytes })) yield blocks.next(decode(chunk as Buffer));
  yield blocks.next(decode());
  yield blocks.end();
}

/**
 * The same records as csvFileBlocks, read with blocking reads into one reused buffer: for a
 * command that has nothing else to do meanwhile (no stream, no thread-pool round trip per block).
 */
export function* csvFileBlocksSync(file: string, blockBytes = 1 << 16): Generator<CsvRecord[]> {
  const blocks = new BlockReader();
  const decode = utf8Decoder(file);
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(blockBytes);
    for (let n = fs.readSync(fd, buf, 0, blockBytes, null); n > 0; n = fs.readSync(fd, buf, 0, blockBytes, null)) yield blocks.next(decode(buf.subarray(0, n)));
  } finally {
    fs.closeSync(fd);
  }
  yield blocks.next(decode());
  yield blocks.end();
}

/** Strict UTF-8 decoding of a file's bytes in pieces; on a bad byte, the error naming its offset and line. */
function utf8Decoder(file: string): (bytes?: Buffer) => string {
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  return (bytes) => {
    try {
      return bytes ? utf8.decode(bytes, { stream: true }) : utf8.decode();
    } catch {
      return decodeUtf8(fs.readFileSync(file), file); // throws the error naming the byte offset and line
    }
  };
}

/** Cuts text arriving in pieces into lines (with their breaks) for a RecordSplitter. */
class BlockReader {
  private readonly splitter = new RecordSplitter();
  private rest = '';
  private first = true;

  next(chunk: string): CsvRecord[] {
    let text = this.rest + chunk;
    if (this.first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    this.first = false;
    // a CR at the end of a block may be the first half of a CRLF: keep it with the last line
    const heldCr = text.endsWith('\r') ? '\r' : '';
    const parts = (heldCr ? text.slice(0, -1) : text).split(LINE_BREAK);
    this.rest = parts.pop()! + heldCr;
    const out: CsvRecord[] = [];
    for (let i = 0; i < parts.length; i += 2) this.splitter.push(parts[i]!, parts[i + 1]!, out);
    this.splitter.resolve();
    return out;
  }

  end(): CsvRecord[] {
    const out: CsvRecord[] = [];
    const last = this.rest.split(LINE_BREAK);
    for (let i = 0; i < last.length; i += 2) this.splitter.push(last[i]!, last[i + 1] ?? '', out);
    this.splitter.end(out);
    this.splitter.resolve();
    return out;
  }
}
