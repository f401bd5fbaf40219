/**
 * Streaming CSV for the main process (Node): files are read and written in blocks, never held
 * whole. The pure readers and writers of src/shared/csv decide what a row means; this module only
 * moves records between them and the disk.
 *
 * Reading uses csv-parse's Node stream (back-pressure: the next block of the file is read only
 * when the consumer has taken the records of the previous one), with the same dialect as
 * src/shared/csv/csvlib.ts parseStrings: a UTF-8 BOM dropped, CRLF/LF/CR line ends, records of
 * differing lengths allowed (the caller checks them), empty lines skipped. Each record carries
 * the physical line where it starts (the header is line 1), counted in the parser's own
 * per-record callback, so a malformed record is named by its line too.
 */
import fs from 'node:fs';
import { CsvError, parse, type Options } from 'csv-parse';
import { csvSyntaxError, type CsvRecord } from '../shared/csv/safe';

/** Line breaks inside a record's cells (CRLF counts once), so the next record's line is known. */
function breaksIn(cells: string[]): number {
  let n = 0;
  for (const c of cells) {
    if (c.indexOf('\n') < 0 && c.indexOf('\r') < 0) continue;
    n += c.match(/\r\n|\r|\n/g)!.length;
  }
  return n;
}

/** The records of a CSV file, in order, with their start lines. Throws CsvInputError. */
export async function* csvFileRecords(file: string): AsyncGenerator<CsvRecord> {
  let line = 1;
  const parser = fs.createReadStream(file, { highWaterMark: 1 << 20 }).pipe(
    parse({
      bom: true,
      relax_column_count: true,
      record_delimiter: ['\r\n', '\n', '\r'],
      // empty lines are records of one empty cell here (not skipped by the parser), so that
      // every physical line is counted; they are dropped by returning null
      on_record: ((cells: string[]): CsvRecord | null => {
        const start = line;
        line += 1 + breaksIn(cells);
        return cells.length === 1 && cells[0] === '' ? null : { line: start, cells };
      }) as unknown as Options['on_record'], // returns a record object in place of the cells
    }),
  );
  try {
    for await (const rec of parser) yield rec as CsvRecord;
  } catch (e) {
    if (e instanceof CsvError) throw csvSyntaxError(e, line);
    throw e;
  } finally {
    parser.destroy();
  }
}
