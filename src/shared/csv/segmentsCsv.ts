/**
 * The segments CSV (contract: "Segments CSV (input and output)").
 *
 * Columns written by `writeSegmentsCsv`, in this order (one row per segment × code):
 *   coder, code, start, end, media, note,            ← the columns `parseSegmentsCsv` reads
 *   element, system, duration, consensus,            ← derived, ignored on import
 *   segment_id, code_id, coder_id, media_id,         ← UUIDs (segment_id is returned on import)
 *   participants, groups                             ← who the segment is about, ignored on import
 * - coder: coder name; code: full code path ("Researchers/Tools"); media: media name.
 * - start, end, duration: seconds, '.' decimal point, at most 3 decimals (exact ms), plain numbers.
 * - element: CHAT element key of the code (`tools`, `division_of_labor`, …) or empty;
 *   system: the code's activity system name, empty for the shared object and non-element codes.
 * - consensus: `true` when the coder is the consensus layer, else `false`.
 * - participants: the names of the participants the segment is about, "; "-separated in the
 *   study's order; groups: the groups those participants are in (participants/who.ts).
 * Rows are sorted by media name, start, end, coder, code path, note, segment id. Times are clipped
 * to the filter's time window.
 *
 * Reading (`parseSegmentsCsv`):
 * - A header row is required; it must name coder, code, start, end and may name media, note,
 *   in any order; names are matched case-insensitively, surrounding spaces ignored. The export's
 *   derived columns listed above are accepted and ignored, except two optional hints that are
 *   returned: segment_id (so an importer can regroup the rows of a multi-code segment) and
 *   consensus (true/false, also TRUE/FALSE/1/0/yes/no; so an importer can create that coder as the
 *   consensus layer). Any other column is an error naming it: it is
 *   usually a typo ("strat") that would otherwise silently lose data.
 * - start/end: seconds, optionally fractional with a '.' ("62.5", ".5", "62.", "1e+05" as R may
 *   write). More than 3 decimals are rounded half-up to the nearest millisecond, decimally
 *   ("1.0005" → 1001 ms). Negative times, non-numbers ("1:02", "62,5") and end < start are errors;
 *   start = end is a point event.
 * - code: a full path, or a leaf name when exactly one code has it. Exact path match wins; an
 *   ambiguous leaf is an error listing the candidate paths; an unknown code is an error naming it.
 * - media: must be one of ctx.mediaNames when that list is non-empty (any name when it is empty:
 *   the caller maps it to a placeholder). When the column is absent or the cell empty, media is the
 *   only media name if ctx.mediaNames has exactly one, else undefined (the caller decides).
 * - Text cells are un-guarded (unguardCell) so an exported file reads back the exact text; names
 *   are trimmed, notes are kept verbatim.
 * - A UTF-8 BOM is stripped; CRLF/LF/CR line ends; empty lines and rows whose cells are all empty
 *   (spreadsheet leftovers) are skipped. A header with no data rows gives `rows: []`.
 * - Limits (shared/limits.ts, segmentRowProblem): coder and media names without control characters
 *   and at most 200 (media 255) characters, notes at most 100,000 characters.
 * Errors throw CsvInputError with one line "line N, column "x": problem", N being the file line
 * where the record starts (header = line 1).
 */
import { codePath as codePathOf, type Code, type ProjectSnapshot, type Segment, type Uuid } from '../domain';
import { msToSecondsString, secondsToMs } from '../time';
import { CsvInputError, readCsv, unguardCell, writeCsvRows, type CsvCell, type CsvWriteOptions } from './safe';
import { indexProject, resolveScope, scopedCodings, type ExportFilters, type ProjectIndex, type ScopedCoding } from './scope';
import { pushTo } from '../collections';
import { peopleIndex, whoCells, type PeopleIndex } from '../participants/who';
import { LIMITS, nameProblem, quoteShort, textProblem } from '../limits';

export { CsvInputError };

/** Columns the parser reads (first the required ones). */
export const SEGMENT_INPUT_COLUMNS = ['coder', 'code', 'start', 'end', 'media', 'note'] as const;
/** Every column of the segments export, in order. */
export const SEGMENT_COLUMNS = [
  ...SEGMENT_INPUT_COLUMNS,
  'element',
  'system',
  'duration',
  'consensus',
  'segment_id',
  'code_id',
  'coder_id',
  'media_id',
  'participants',
  'groups',
] as const;

const REQUIRED = ['coder', 'code', 'start', 'end'] as const;

export interface SegmentCsvContext {
  /** The project's codebook, to resolve code names. */
  codes: Code[];
  /**
   * The file is its own codebook (agreement on a CSV alone): every non-empty code is taken as
   * written, and a row's `codeId` is that label; `codes` is not used.
   */
  ownLabels?: boolean;
  /** The project's media names. */
  mediaNames: string[];
}

export interface ParsedSegmentRow {
  /** File line where the row starts (header = 1). */
  line: number;
  coder: string;
  codeId: Uuid;
  startMs: number;
  endMs: number;
  media?: string;
  note: string;
  /** From a `segment_id` column when present and non-empty (rows of one segment share it). */
  segmentId?: string;
  /** From a `consensus` column when present and non-empty: the coder is the consensus layer. */
  consensus?: boolean;
}

/**
 * Seconds as a number whose CSV text is msToSecondsString(ms). For integer ms that number is
 * ms / 1000: both it and Number(msToSecondsString(ms)) are the double nearest to the same exact
 * quotient (IEEE division and decimal parsing both round correctly), so no text round trip.
 */
export const seconds = (ms: number): number => (Number.isSafeInteger(ms) ? ms / 1000 : Number(msToSecondsString(ms)));

/** The `segments` export. */
export function writeSegmentsCsv(snapshot: ProjectSnapshot, filters: ExportFilters = {}, opts: CsvWriteOptions = {}): string {
  return writeCsvRows(SEGMENT_COLUMNS, segmentRows(snapshot, filters), opts);
}

function* segmentRows(snapshot: ProjectSnapshot, filters: ExportFilters): Generator<CsvCell[]> {
  const ix = indexProject(snapshot);
  const people = peopleIndex(snapshot);
  for (const r of scopedCodings(snapshot, ix, resolveScope(snapshot, filters))) yield segmentCells(r, ix, people);
}

/** The cells of one segments-export row (SEGMENT_COLUMNS), from a coding in scope. */
export function segmentCells(r: Pick<ScopedCoding, 'code' | 'coder' | 'media' | 'startMs' | 'endMs'> & { segment: Pick<Segment, 'id' | 'note' | 'participantIds'> }, ix: Pick<ProjectIndex, 'pathById' | 'systemById'>, people: PeopleIndex): CsvCell[] {
  const system = r.code.systemId ? ix.systemById.get(r.code.systemId) : undefined;
  return [
    r.coder.name,
    ix.pathById.get(r.code.id)!,
    seconds(r.startMs),
    seconds(r.endMs),
    r.media.name,
    r.segment.note,
    r.code.element ?? '',
    system?.name ?? '',
    seconds(r.endMs - r.startMs),
    r.coder.isConsensus,
    r.segment.id,
    r.code.id,
    r.coder.id,
    r.media.id,
    ...whoCells(r.segment.participantIds, people),
  ];
}

/** Parses a segments CSV; see the module comment for the rules. Throws CsvInputError. */
export function parseSegmentsCsv(text: string, ctx: SegmentCsvContext): { rows: ParsedSegmentRow[] } {
  const records = readCsv(text);
  const read = segmentRowReader(records[0]?.cells ?? [], ctx);
  const rows: ParsedSegmentRow[] = [];
  for (let r = 1; r < records.length; r++) {
    const row = read(records[r].cells, records[r].line);
    if (row) rows.push(row);
  }
  return { rows };
}

/** Reads one data record (cells, file line) into a row; null for a row of empty cells. */
export type SegmentRowReader = (cells: string[], line: number) => ParsedSegmentRow | null;

/**
 * Checks the header record and returns the reader of the data records that follow it, so a
 * streaming importer checks each row as it arrives (same rules and messages as parseSegmentsCsv).
 * Throws CsvInputError for a bad header.
 */
export function segmentRowReader(headerCells: string[], ctx: SegmentCsvContext): SegmentRowReader {
  const col = headerColumns(headerCells);
  const resolveCode = ctx.ownLabels ? (name: string) => name : codeResolver(ctx.codes);
  const mediaNames = new Set(ctx.mediaNames);
  const iCoder = col.get('coder')!;
  const iCode = col.get('code')!;
  const iStart = col.get('start')!;
  const iEnd = col.get('end')!;
  const iMedia = col.get('media');
  const iNote = col.get('note');
  const iSeg = col.get('segment_id');
  const iCons = col.get('consensus');
  const width = headerCells.length;
  // one set of closures per file, not per row (the row's line is set before they can run)
  let line = 0;
  const fail = (field: string, what: string): never => {
    throw new CsvInputError(`line ${line}, column "${field}": ${what}`, line, field);
  };
  const failStart = (what: string): never => fail('start', what);
  const failEnd = (what: string): never => fail('end', what);
  const checked = new CheckedNames();

  return (cells, at) => {
    line = at;
    if (isBlankRecord(cells)) return null;
    if (cells.length !== width) {
      throw new CsvInputError(`line ${line}: expected ${width} fields as in the header, found ${cells.length}`, line);
    }
    const coder = unguardCell(cells[iCoder].trim());
    if (coder === '') fail('coder', 'empty coder name');
    const codeName = unguardCell(cells[iCode].trim());
    if (codeName === '') fail('code', 'empty code');
    const code = resolveCode(codeName);
    if (typeof code === 'string' && !ctx.ownLabels) fail('code', code);
    const startMs = parseSeconds(cells[iStart], failStart);
    const endMs = parseSeconds(cells[iEnd], failEnd);
    if (endMs < startMs) fail('end', `end ${cells[iEnd].trim()} is before start ${cells[iStart].trim()}`);
    let media: string | undefined = iMedia !== undefined ? unguardCell(cells[iMedia].trim()) : '';
    if (media === '') media = ctx.mediaNames.length === 1 ? ctx.mediaNames[0] : undefined;
    else if (mediaNames.size > 0 && !mediaNames.has(media)) {
      const list = ctx.mediaNames.slice(0, 5).join(', ') + (ctx.mediaNames.length > 5 ? ', …' : '');
      fail('media', `unknown media "${media}" (the project has: ${list})`);
    }
    const row: ParsedSegmentRow = {
      line,
      coder,
      codeId: typeof code === 'string' ? code : code.id,
      startMs,
      endMs,
      media,
      note: iNote !== undefined ? unguardCell(cells[iNote]) : '',
    };
    if (media === undefined) delete row.media;
    if (!checked.has(row)) {
      const bad = segmentRowProblem(row);
      if (bad) fail(bad.column, bad.problem);
      checked.add(row);
    }
    const seg = iSeg !== undefined ? unguardCell(cells[iSeg].trim()) : '';
    if (seg !== '') row.segmentId = seg;
    if (iCons !== undefined && cells[iCons].trim() !== '') {
      const v = cells[iCons].trim().toLowerCase();
      if (TRUE.has(v)) row.consensus = true;
      else if (FALSE.has(v)) row.consensus = false;
      else fail('consensus', `"${cells[iCons].trim()}" is not true or false`);
    }
    return row;
  };
}

/** A record whose every cell is blank (skipped, as an empty line). */
function isBlankRecord(cells: readonly string[]): boolean {
  for (const c of cells) if (c.trim() !== '') return false;
  return true;
}

/**
 * Coder and media names already found clean (segmentRowProblem), so the same few names are not
 * checked again on every row; a row with a note is always checked. At most 1,000 names each.
 */
class CheckedNames {
  private readonly coders = new Set<string>();
  private readonly media = new Set<string>();

  has(row: ParsedSegmentRow): boolean {
    return row.note === '' && this.coders.has(row.coder) && (row.media === undefined || this.media.has(row.media));
  }

  add(row: ParsedSegmentRow): void {
    if (this.coders.size < 1000) this.coders.add(row.coder);
    if (row.media !== undefined && this.media.size < 1000) this.media.add(row.media);
  }
}

/** Column index by lower-cased name; throws CsvInputError for an empty, incomplete or unknown header. */
function headerColumns(headerCells: string[]): Map<string, number> {
  const usage = `expected a header row naming ${REQUIRED.join(',')}[,media][,note]`;
  if (headerCells.length === 0 || headerCells.every((c) => c.trim() === '')) {
    throw new CsvInputError(`line 1: empty file: ${usage}`, 1);
  }
  const header = headerCells.map((c) => c.trim().toLowerCase());
  const col = new Map<string, number>();
  const unknown: string[] = [];
  header.forEach((h, i) => {
    if (col.has(h)) throw new CsvInputError(`line 1: column "${h}" appears twice`, 1, h);
    col.set(h, i);
    if (!(SEGMENT_COLUMNS as readonly string[]).includes(h)) unknown.push(headerCells[i]);
  });
  const missing = REQUIRED.filter((r) => !col.has(r));
  if (missing.length > 0) {
    const hint = header.length === 1 && header[0].includes(';') ? " (the file seems to use ';' as separator; use ',')" : '';
    throw new CsvInputError(`line 1: missing column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')}: ${usage}${hint}`, 1, missing[0]);
  }
  if (unknown.length > 0) {
    throw new CsvInputError(
      `line 1: unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')}: allowed are ${SEGMENT_INPUT_COLUMNS.join(', ')} (and the export's ${SEGMENT_COLUMNS.slice(SEGMENT_INPUT_COLUMNS.length).join(', ')})`,
      1,
      unknown[0],
    );
  }
  return col;
}

/**
 * The input limits (shared/limits.ts) of one parsed row: the coder name, the media name and the
 * note. Pure and per row, so an importer reading rows as they come calls it on each one.
 * Returns the column at fault and the problem, or null. (Codes are resolved in the codebook.)
 */
export function segmentRowProblem(row: Pick<ParsedSegmentRow, 'coder' | 'media' | 'note'>): { column: string; problem: string } | null {
  const coder = nameProblem(row.coder);
  if (coder) return { column: 'coder', problem: `coder name ${quoteShort(row.coder)} ${coder}` };
  const media = row.media === undefined ? null : nameProblem(row.media, LIMITS.fileName);
  if (media) return { column: 'media', problem: `media name ${quoteShort(row.media!)} ${media}` };
  const note = textProblem(row.note, LIMITS.note);
  if (note) return { column: 'note', problem: `note ${note}` };
  return null;
}

const TRUE = new Set(['true', 't', '1', 'yes']);
const FALSE = new Set(['false', 'f', '0', 'no']);
const DECIMAL = /^\+?(\d*)(?:\.(\d*))?$/;
const SCIENTIFIC = /^\+?(?:\d+\.?\d*|\.\d+)[eE][+-]?\d+$/;

/** Seconds text → integer ms (decimal half-up rounding); calls fail with the problem otherwise. */
export function parseSeconds(cell: string, fail: (what: string) => never): number {
  const t = cell.trim();
  const plain = plainSecondsToMs(t);
  if (plain >= 0) return plain;
  if (t === '') return fail('empty time');
  let ms: number;
  const m = DECIMAL.exec(t);
  if (m && (m[1] !== '' || (m[2] ?? '') !== '')) {
    const frac = m[2] ?? '';
    ms = Number(m[1] || '0') * 1000 + Number((frac + '000').slice(0, 3)) + (frac.length > 3 && frac[3] >= '5' ? 1 : 0);
  } else if (SCIENTIFIC.test(t)) {
    ms = secondsToMs(Number(t));
  } else if (/^-\s*(\d|\.\d)/.test(t) && Number.isFinite(Number(t))) {
    return fail(`negative time "${t}"`);
  } else {
    return fail(`"${t}" is not a number of seconds (write seconds with a '.' decimal point, e.g. 62.5)`);
  }
  if (!Number.isSafeInteger(ms)) return fail(`time "${t}" is too large`);
  return ms;
}

const MS_OF_DIGIT = [100, 10, 1];

/**
 * The usual time cell, [+]digits[.digits] with at most 12 whole digits, read without a regular
 * expression (no match array, no substrings: a tenth of a CSV's reading time): the same ms as
 * the DECIMAL rule (three decimals, half-up on the fourth); −1 for any other text.
 */
function plainSecondsToMs(t: string): number {
  let i = t.charCodeAt(0) === 43 ? 1 : 0; // '+'
  let whole = 0;
  let digits = 0;
  for (let d = t.charCodeAt(i) - 48; i < t.length && d >= 0 && d <= 9; d = t.charCodeAt(++i) - 48, digits++) whole = whole * 10 + d;
  if (digits > 12) return -1;
  let ms = whole * 1000;
  let decimals = 0;
  if (i < t.length) {
    if (t.charCodeAt(i++) !== 46) return -1; // '.'
    for (; i < t.length; i++, decimals++) {
      const d = t.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return -1;
      if (decimals < 3) ms += d * MS_OF_DIGIT[decimals]!;
      else if (decimals === 3 && d >= 5) ms += 1;
    }
  }
  return digits + decimals > 0 ? ms : -1;
}

/** Resolves a code name (full path, or unique leaf name); returns the Code or an error text. */
function codeResolver(codes: Code[]): (name: string) => Code | string {
  const byId = new Map(codes.map((c) => [c.id, c]));
  const byPath = new Map<string, Code[]>();
  const byLeaf = new Map<string, Code[]>();
  const paths = new Map<Uuid, string>();
  for (const c of codes) {
    const p = codePathOf(c, byId);
    paths.set(c.id, p);
    pushTo(byPath, p, c);
    pushTo(byLeaf, c.name, c);
  }
  return (name) => {
    const exact = byPath.get(name);
    if (exact && exact.length === 1) return exact[0];
    const cands = exact && exact.length > 1 ? exact : byLeaf.get(name);
    if (cands && cands.length === 1) return cands[0];
    if (cands && cands.length > 1) {
      return `code "${name}" is ambiguous: ${cands.map((c) => paths.get(c.id)).join(', ')}; write the full path`;
    }
    const lower = name.toLowerCase();
    const near = codes.filter((c) => paths.get(c.id)!.toLowerCase() === lower || c.name.toLowerCase() === lower);
    const hint = near.length > 0 ? ` (did you mean "${paths.get(near[0].id)}"?)` : '';
    return `unknown code "${name}"${hint}`;
  };
}

