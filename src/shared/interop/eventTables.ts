/**
 * Event tables: BORIS tabular exports and ELAN tab-delimited exports → preview → mapping →
 * ImportBundle. Pure: no DOM, no Node.
 *
 * Tokenising: the parsers take rows (string[][]). `splitDelimited` is a small RFC 4180-style
 * splitter with delimiter detection, for callers that have text. (csv-parse/sync was not used
 * here: its ESM build relies on Node's global Buffer, which the renderer does not have.)
 *
 * BORIS:
 * - "tabular events" (columns Time, Media file path, Total length, FPS, Subject, Behavior,
 *   Behavioral category, Comment, Status — BORIS 7; or Behavior type instead of Status and
 *   Media file name — BORIS 8), optionally preceded by BORIS's key/value header block: START and
 *   STOP rows are paired per observation + subject + behaviour into segments, POINT rows become
 *   point events (start = end). An unpaired START or STOP is a clear error with its line number.
 * - "aggregated events" (Start (s), Stop (s), Behavior type STATE/POINT): one row, one event.
 * ELAN: rows of tier, begin, end, value, with or without a header row; times in seconds
 * ("12.5"), h:mm:ss.mmm, or milliseconds when a header says "msec". Without a header the first
 * column is the tier, the last the value, and the time columns in between are recognised by their
 * contents (ELAN writes each time in several formats: equal columns are one quantity; the first is
 * the begin, the next the end or — if smaller than the begin — the duration).
 */
import type { Code, Coder, Segment, Uuid } from '../domain';
import { parseTimecode } from '../time';
import { baseName, classifyMediaPath, emptyBundle, type ImportBundle, type MediaRef } from './bundle';
import { InteropError } from './errors';
import { randomUuid } from './ids';

export interface TableEvent {
  /** 1-based row number in the input (of the START row for paired events). */
  line: number;
  /** BORIS subject or ELAN tier. */
  source: string;
  /** BORIS behaviour or ELAN annotation value. */
  value: string;
  category: string;
  startMs: number;
  endMs: number;
  comment: string;
  mediaPath: string | null;
  fps: number | null;
  mediaDurationMs: number | null;
}

export interface EventTablePreview {
  /** Distinct subjects (BORIS) or tiers (ELAN), in order of appearance. */
  sources: string[];
  /** Distinct behaviours (BORIS) or annotation values (ELAN). */
  values: string[];
  categories: string[];
  mediaPaths: string[];
  eventCount: number;
  pointCount: number;
}

export interface EventTable {
  format: 'boris-events' | 'boris-aggregated' | 'boris-project' | 'elan-tsv';
  events: TableEvent[];
  preview: EventTablePreview;
  /** BORIS project: players 2… of an observation, linked as angles of player 1's recording. */
  angles?: { primaryPath: string; path: string; offsetMs: number }[];
  /** Things that were skipped, one line each, for the import report. */
  warnings?: string[];
}

export interface EventTableMapping {
  /** sourceValue (behaviour / annotation value) → existing code id, 'new' (create a custom code), or 'skip'. Default 'new'. */
  values?: Record<string, Uuid | 'new' | 'skip'>;
  /** subject / tier → coder name, or 'skip'. Default: the subject/tier name itself. */
  sources?: Record<string, string | 'skip'>;
  /** The target project's codes (for validation of mapped ids). */
  codes: Code[];
  /** The target project's coders: a mapped coder name that matches one (case-insensitively) is reused. */
  coders?: Coder[];
  /** Attach every event to this existing media; otherwise one MediaRef per distinct media path. */
  mediaId?: Uuid;
  /** Parent for codes created from 'new' values (e.g. a "BORIS" group). Default none. */
  newCodeParentId?: Uuid | null;
  newId?: () => Uuid;
  now?: number;
}

// ---------------------------------------------------------------------------------------------
// Tokenising

/** Detects the delimiter (tab, comma or semicolon) from the first non-empty lines. */
export function detectDelimiter(text: string): '\t' | ',' | ';' {
  const lines = text.split(/\r?\n/).filter((l) => l.trim()).slice(0, 20);
  const count = (ch: string): number => lines.reduce((n, l) => n + l.split(ch).length - 1, 0);
  if (count('\t') > 0) return '\t';
  return count(';') > count(',') ? ';' : ',';
}

/** Splits delimited text into rows (quotes are honoured at the start of a field; "" escapes a quote). */
export function splitDelimited(text: string, delimiter: string = detectDelimiter(text)): string[][] {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let fieldStart = true;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (fieldStart && ch === '"') {
      quoted = true;
      fieldStart = false;
      i++;
      continue;
    }
    if (ch === delimiter) {
      row.push(field);
      field = '';
      fieldStart = true;
      i++;
      continue;
    }
    if (ch === '\n' || ch === '\r') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      fieldStart = true;
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    field += ch;
    fieldStart = false;
    i++;
  }
  if (quoted) throw new InteropError('The table has a quoted field that is never closed.');
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Helpers

const norm = (s: string | undefined): string => (s ?? '').trim().toLowerCase().replace(/\s+/g, ' ');
const blank = (r: string[]): boolean => r.every((c) => c.trim() === '');

function seconds(text: string, line: number, what: string): number {
  const t = parseTimecode(text.replace(',', '.'));
  if (t === null) throw new InteropError(`Line ${line}: ${what} "${text}" is not a time.`);
  return t;
}

export function previewOf(events: TableEvent[]): EventTablePreview {
  const uniq = (xs: string[]): string[] => [...new Set(xs)];
  return {
    sources: uniq(events.map((e) => e.source)),
    values: uniq(events.map((e) => e.value)),
    categories: uniq(events.map((e) => e.category).filter(Boolean)),
    mediaPaths: uniq(events.map((e) => e.mediaPath).filter((m): m is string => !!m)),
    eventCount: events.length,
    pointCount: events.filter((e) => e.startMs === e.endMs).length,
  };
}

function findCol(header: string[], ...names: string[]): number {
  for (const n of names) {
    const i = header.findIndex((h) => norm(h) === n);
    if (i >= 0) return i;
  }
  return -1;
}

// ---------------------------------------------------------------------------------------------
// BORIS

function borisHeaderRow(rows: string[][]): number {
  return rows.findIndex((r) => {
    const cells = r.map(norm);
    return (cells.includes('behavior') || cells.includes('behaviour')) && (cells.includes('time') || cells.includes('start (s)'));
  });
}

export function parseBorisRows(rows: string[][]): EventTable {
  const h = borisHeaderRow(rows);
  if (h < 0) throw new InteropError('This is not a BORIS export: no header row with "Behavior" and "Time" (or "Start (s)") columns.');
  const header = rows[h];
  const col = {
    time: findCol(header, 'time'),
    start: findCol(header, 'start (s)'),
    stop: findCol(header, 'stop (s)'),
    status: findCol(header, 'status', 'behavior type', 'behaviour type'),
    subject: findCol(header, 'subject'),
    behavior: findCol(header, 'behavior', 'behaviour'),
    category: findCol(header, 'behavioral category', 'behavioural category'),
    comment: findCol(header, 'comment', 'comment start'),
    media: findCol(header, 'media file path', 'media file name', 'media file', 'media file(s)'),
    length: findCol(header, 'total length', 'media duration (s)'),
    fps: findCol(header, 'fps', 'fps (frame/s)'),
    obs: findCol(header, 'observation id'),
  };
  const aggregated = col.start >= 0 && col.stop >= 0;
  if (!aggregated && (col.time < 0 || col.status < 0)) throw new InteropError('The BORIS table needs "Time" and "Status" (or "Behavior type") columns, or "Start (s)" and "Stop (s)".');
  const cell = (r: string[], i: number): string => (i >= 0 ? (r[i] ?? '').trim() : '');
  const num = (r: string[], i: number): number | null => {
    const v = Number(cell(r, i).replace(',', '.'));
    return cell(r, i) !== '' && Number.isFinite(v) ? v : null;
  };
  const events: TableEvent[] = [];
  const open = new Map<string, { line: number; row: string[]; t: number }>();
  for (let i = h + 1; i < rows.length; i++) {
    const r = rows[i];
    const line = i + 1;
    if (blank(r)) continue;
    const subject = cell(r, col.subject) || 'No focal subject';
    const behavior = cell(r, col.behavior);
    if (!behavior) throw new InteropError(`Line ${line}: the behaviour is empty.`);
    const base = {
      source: subject,
      value: behavior,
      category: cell(r, col.category),
      comment: cell(r, col.comment),
      mediaPath: cell(r, col.media) || null,
      fps: num(r, col.fps),
      mediaDurationMs: num(r, col.length) !== null ? Math.round(num(r, col.length)! * 1000) : null,
    };
    if (aggregated) {
      const start = seconds(cell(r, col.start), line, 'Start');
      const type = norm(cell(r, col.status));
      const stopText = cell(r, col.stop);
      const stop = type === 'point' || stopText === '' || norm(stopText) === 'na' ? start : seconds(stopText, line, 'Stop');
      if (stop < start) throw new InteropError(`Line ${line}: Stop is before Start.`);
      events.push({ line, ...base, startMs: start, endMs: stop });
      continue;
    }
    const t = seconds(cell(r, col.time), line, 'Time');
    const status = norm(cell(r, col.status));
    const key = JSON.stringify([cell(r, col.obs), subject, behavior]);
    const what = `"${behavior}" for subject "${subject}" at ${t / 1000} s`;
    if (status === 'point') {
      events.push({ line, ...base, startMs: t, endMs: t });
    } else if (status === 'start') {
      const prev = open.get(key);
      if (prev) throw new InteropError(`Line ${line}: START of ${what}, but the START on line ${prev.line} has no STOP yet.`);
      open.set(key, { line, row: r, t });
    } else if (status === 'stop') {
      const prev = open.get(key);
      if (!prev) throw new InteropError(`Line ${line}: STOP of ${what} has no matching START.`);
      if (t < prev.t) throw new InteropError(`Line ${line}: STOP of ${what} is before its START (line ${prev.line}).`);
      open.delete(key);
      events.push({ line: prev.line, ...base, comment: [cell(prev.row, col.comment), base.comment].filter(Boolean).join(' / '), mediaPath: cell(prev.row, col.media) || base.mediaPath, startMs: prev.t, endMs: t });
    } else {
      throw new InteropError(`Line ${line}: unknown status "${cell(r, col.status)}" (expected START, STOP or POINT).`);
    }
  }
  const unpaired = [...open.values()].sort((a, b) => a.line - b.line)[0];
  if (unpaired) {
    const r = unpaired.row;
    throw new InteropError(`Line ${unpaired.line}: START of "${cell(r, col.behavior)}" for subject "${cell(r, col.subject) || 'No focal subject'}" at ${unpaired.t / 1000} s has no matching STOP.`);
  }
  events.sort((a, b) => a.startMs - b.startMs || a.line - b.line);
  return { format: aggregated ? 'boris-aggregated' : 'boris-events', events, preview: previewOf(events) };
}

// ---------------------------------------------------------------------------------------------
// ELAN tab-delimited

type Unit = 'auto' | 'ms';

function elanTime(text: string, unit: Unit): number | null {
  const t = text.trim();
  if (t === '') return null;
  if (unit === 'ms') return /^\d+$/.test(t) ? parseInt(t, 10) : null;
  return parseTimecode(t);
}

export function parseElanTsvRows(rows: string[][]): EventTable {
  const data = rows.map((r, i) => ({ r, line: i + 1 })).filter((x) => !blank(x.r));
  if (!data.length) throw new InteropError('The ELAN table is empty.');
  const first = data[0].r;
  const isHeader = first.every((c) => c.trim() === '' || elanTime(c, 'auto') === null) && first.some((c) => /tier|begin|start|annotation|value/i.test(c));
  let tierCol: number;
  let valueCol: number;
  let beginCol: number;
  let endCol = -1;
  let durCol = -1;
  const units: Unit[] = [];
  const body = isHeader ? data.slice(1) : data;
  if (isHeader) {
    const find = (re: RegExp): number => first.findIndex((c) => re.test(c.trim()));
    tierCol = find(/^tier/i);
    beginCol = find(/^(begin|start)/i);
    endCol = find(/^(end|stop)/i);
    durCol = find(/^dur/i);
    valueCol = find(/annotation|^value/i);
    if (tierCol < 0 || beginCol < 0 || valueCol < 0 || (endCol < 0 && durCol < 0)) {
      throw new InteropError('The ELAN table header needs tier, begin, end (or duration) and annotation/value columns.');
    }
    first.forEach((c, i) => (units[i] = /msec/i.test(c) && !/ss\.msec/i.test(c) ? 'ms' : 'auto'));
  } else {
    const width = Math.max(...body.map((x) => x.r.length));
    if (width < 3) throw new InteropError('The ELAN table needs at least tier, time and value columns.');
    tierCol = 0;
    valueCol = width - 1;
    const timeCols: number[] = [];
    for (let c = 1; c < width - 1; c++) if (body.every((x) => elanTime(x.r[c] ?? '', 'auto') !== null)) timeCols.push(c);
    if (!timeCols.length) throw new InteropError(`Line ${body[0].line}: no begin/end time columns found (times must be seconds or h:mm:ss.mmm).`);
    // columns holding the same quantity in every row are one class
    const classes: number[][] = [];
    for (const c of timeCols) {
      const same = classes.find((cl) => body.every((x) => elanTime(x.r[cl[0]], 'auto') === elanTime(x.r[c], 'auto')));
      if (same) same.push(c);
      else classes.push([c]);
    }
    beginCol = classes[0][0];
    if (classes.length > 1) {
      const second = classes[1][0];
      const isEnd = body.every((x) => elanTime(x.r[second], 'auto')! >= elanTime(x.r[beginCol], 'auto')!);
      if (isEnd) endCol = second;
      else durCol = second;
    } else {
      endCol = beginCol; // one quantity only: point events
    }
  }
  const events: TableEvent[] = [];
  for (const { r, line } of body) {
    const tier = (r[tierCol] ?? '').trim();
    const value = (r[valueCol] ?? '').trim();
    const begin = elanTime(r[beginCol] ?? '', units[beginCol] ?? 'auto');
    if (begin === null) throw new InteropError(`Line ${line}: begin time "${r[beginCol] ?? ''}" is not a time.`);
    let end: number | null = endCol >= 0 ? elanTime(r[endCol] ?? '', units[endCol] ?? 'auto') : null;
    if (end === null && durCol >= 0) {
      const d = elanTime(r[durCol] ?? '', units[durCol] ?? 'auto');
      if (d !== null) end = begin + d;
    }
    if (end === null) throw new InteropError(`Line ${line}: end time "${r[endCol] ?? ''}" is not a time.`);
    if (end < begin) throw new InteropError(`Line ${line}: the end is before the begin.`);
    if (!tier) throw new InteropError(`Line ${line}: the tier name is empty.`);
    events.push({ line, source: tier, value, category: '', startMs: begin, endMs: end, comment: '', mediaPath: null, fps: null, mediaDurationMs: null });
  }
  events.sort((a, b) => a.startMs - b.startMs || a.line - b.line);
  return { format: 'elan-tsv', events, preview: previewOf(events) };
}

/** BORIS when a BORIS header row is present, ELAN otherwise. */
export function parseEventTableRows(rows: string[][]): EventTable {
  return borisHeaderRow(rows) >= 0 ? parseBorisRows(rows) : parseElanTsvRows(rows);
}

export function parseEventTableText(text: string): EventTable {
  if (!text.trim()) throw new InteropError('The table is empty.');
  return parseEventTableRows(splitDelimited(text));
}

// ---------------------------------------------------------------------------------------------
// Mapping → bundle

/** The table's angles (BORIS players 2…) as media linked to their primary: the chosen media, else the primary's path. */
function linkTableAngles(bundle: ImportBundle, table: EventTable, mapping: EventTableMapping, newId: () => Uuid, now: number): void {
  for (const a of table.angles ?? []) {
    const primaryId = mapping.mediaId ?? bundle.media.find((m) => m.originalPath === a.primaryPath)?.id;
    if (!primaryId) continue;
    const ref: MediaRef = { id: newId(), name: baseName(a.path), originalPath: a.path, ...classifyMediaPath(a.path), fingerprint: null, size: null, durationMs: null, frameRate: null, mimeType: null, createdAt: now, updatedAt: now };
    bundle.media.push(ref);
    (bundle.mediaLinks ??= []).push({ primaryId, angleId: ref.id, offsetMs: a.offsetMs });
  }
  if (bundle.mediaLinks?.length) bundle.warnings.push(`Linked as angles: ${bundle.mediaLinks.map((l) => `${bundle.media.find((r) => r.id === l.angleId)?.name} (offset ${l.offsetMs} ms)`).join(', ')}`);
}

export function eventTableToBundle(table: EventTable, mapping: EventTableMapping): ImportBundle {
  const now = mapping.now ?? Date.now();
  const newId = mapping.newId ?? randomUuid;
  const bundle = emptyBundle(table.format === 'elan-tsv' ? 'elan-tsv' : 'boris');
  const codeIds = new Set(mapping.codes.map((c) => c.id));
  const valueCode = new Map<string, Uuid | null>();
  for (const v of table.preview.values) {
    const m = mapping.values?.[v] ?? 'new';
    if (m === 'skip') valueCode.set(v, null);
    else if (m === 'new') {
      const code: Code = { id: newId(), name: v || '(empty)', kind: 'custom', element: null, systemId: null, contradictionLevel: null, parentId: mapping.newCodeParentId ?? null, color: '#888888', hotkey: null, definition: '', sortOrder: bundle.codes.length, createdAt: now, updatedAt: now };
      bundle.codes.push(code);
      valueCode.set(v, code.id);
    } else {
      if (!codeIds.has(m)) throw new InteropError(`"${v}" is mapped to a code that is not in the project.`);
      valueCode.set(v, m);
    }
  }
  const coderIdByName = new Map<string, Uuid>();
  for (const c of mapping.coders ?? []) coderIdByName.set(norm(c.name), c.id);
  const sourceCoder = new Map<string, Uuid | null>();
  for (const s of table.preview.sources) {
    const name = mapping.sources?.[s] ?? s;
    if (name === 'skip') {
      sourceCoder.set(s, null);
      continue;
    }
    if (!name.trim()) throw new InteropError(`"${s}" is mapped to an empty coder name.`);
    let id = coderIdByName.get(norm(name));
    if (!id) {
      id = newId();
      coderIdByName.set(norm(name), id);
      bundle.coders.push({ id, name: name.trim(), color: '#1f77b4', isConsensus: false, createdAt: now, updatedAt: now });
    }
    sourceCoder.set(s, id);
  }
  const mediaByPath = new Map<string, MediaRef>();
  const mediaFor = (e: TableEvent): Uuid => {
    if (mapping.mediaId) return mapping.mediaId;
    if (!e.mediaPath) throw new InteropError(`Line ${e.line}: the event has no media file; choose the media to attach the events to.`);
    let ref = mediaByPath.get(e.mediaPath);
    if (!ref) {
      ref = { id: newId(), name: baseName(e.mediaPath), originalPath: e.mediaPath, ...classifyMediaPath(e.mediaPath), fingerprint: null, size: null, durationMs: e.mediaDurationMs, frameRate: e.fps, mimeType: null, createdAt: now, updatedAt: now };
      mediaByPath.set(e.mediaPath, ref);
      bundle.media.push(ref);
    }
    return ref.id;
  };
  const segments: Segment[] = [];
  for (const e of table.events) {
    const coderId = sourceCoder.get(e.source);
    const codeId = valueCode.get(e.value);
    if (!coderId || codeId === null) continue;
    segments.push({ id: newId(), mediaId: mediaFor(e), coderId, startMs: e.startMs, endMs: e.endMs, note: e.comment, codeIds: codeId ? [codeId] : [], createdAt: now, updatedAt: now });
  }
  bundle.segments = segments;
  bundle.warnings.push(...(table.warnings ?? []));
  linkTableAngles(bundle, table, mapping, newId, now);
  // drop codes nobody uses? keep: the user chose 'new' for them
  return bundle;
}
