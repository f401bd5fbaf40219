/**
 * Comparison tables (pure): the figures CHAT findings compare across people.
 *
 * Scope: the export scope of the thematic export (csv/scope.ts: coders, consensus only, media,
 * time window [from, to) with segments clipped to it, codes and themes' codes), so a cell agrees
 * with the thematic export's row of that code restricted to the column's segments.
 *
 * Columns: a participant, or a group (its members). A segment is in a column when it names (its
 * participantIds) the participant / at least one member of the group.
 *
 * - Time on screen of a column: the union, per media, of the (clipped) times of every in-scope
 *   segment in the column, whatever its codes (the code and theme filters do not apply to it),
 *   summed over media (ms).
 * - code × column: the in-scope segment × code pairs of the code in the column. `segments` = the
 *   coders' pairs (the consensus layer is never counted as a coder; under "consensus only" it is
 *   the consensus layer's pairs) = the thematic export's `segments` (`consensus_count`);
 *   `consensusSegments` = the consensus layer's pairs; `codedMs` = union per media of all those
 *   pairs' times (consensus included), as the export's `coded_seconds`; `share` = codedMs / the
 *   column's time on screen.
 * - contradiction (level × element pair) × column: the in-scope contradictions (thematic rule:
 *   coder scope; media and time through their evidence) of that level and pair of elements
 *   (unordered; systems not distinguished) that are about the column: they name a member
 *   themselves or one of their in-scope evidence segments does. `segments` = how many such
 *   contradictions; the segments counted are their in-scope evidence segments in the column,
 *   whose union is `codedMs`.
 * - co-occurrence (code × code): two codings co-occur when one coder (the consensus layer is a
 *   coder of its own here) put them on the same media overlapping in time: two ranges sharing
 *   time, a point event inside a range [start, end), two point events at the same time, or one
 *   segment carrying both codes; with `sameParticipants`, two segments only when they name at
 *   least one participant in common (one segment's codes always co-occur). Cell (A, B): `segments` = distinct codings of A that
 *   co-occur with B (coders' / consensus counted apart as above); `codedMs` = union per media of
 *   the shared times; `share` = codedMs / A's coded time; the segments are those of A and B in
 *   co-occurring pairs. A code with itself is not a cell.
 *
 * A table carries each cell's numbers only (a 50,000-segment study's co-occurrence table would
 * otherwise carry millions of ids). `compareCellSegments` gives one cell's drill-down: the ids of
 * the segments it counted (and, contradiction rows, the contradictions), in the study's segment
 * order (media, start, end, creation: the snapshot's), computed by the same code as the table,
 * restricted to the cell's row and column (its code, or codes, or contradiction key; its column).
 */
import { CHAT_ELEMENT_LABELS, CHAT_ELEMENTS, CONTRADICTION_LEVEL_LABELS, CONTRADICTION_LEVELS, type ChatElement, type ContradictionLevel, type Contradiction, type ProjectSnapshot, type Segment, type Uuid } from '../domain';
import { scopedContradiction } from '../csv/contradictions';
import { indexProject, resolveScope, segmentInScope, type ExportFilters, type Scope } from '../csv/scope';
import { pushTo } from '../collections';
import { CellAcc, codeAxis, forScopedPairs, Grid, type Ctx, type MatrixAxisItem } from './cells';
import { cooccurrenceRows } from './cooccurrence';

export type { MatrixAxisItem } from './cells';
export { cooccur } from './cooccurrence';

export const MATRIX_ROWS = ['code', 'contradiction', 'cooccurrence'] as const;
export type MatrixRows = (typeof MATRIX_ROWS)[number];
/** Columns: participants or groups; a co-occurrence table has codes as columns ('code'). */
export const MATRIX_COLS = ['participant', 'group', 'code'] as const;
export type MatrixCols = (typeof MATRIX_COLS)[number];
export const MATRIX_MEASURES = ['segments', 'seconds', 'share'] as const;
export type MatrixMeasure = (typeof MATRIX_MEASURES)[number];

export interface MatrixRequest {
  rows: MatrixRows;
  cols: MatrixCols;
  /** Which figure a cell's `value` holds (default segments). */
  measure?: MatrixMeasure;
  filters?: ExportFilters;
  /** Co-occurrence: two codings count only when their segments name at least one participant in common. */
  sameParticipants?: boolean;
  /** Only these columns (participant or group ids); undefined or empty = all. */
  columnIds?: Uuid[];
}

export interface MatrixCell {
  row: string;
  col: string;
  /** The requested measure's value (share: null when the column's time on screen is 0). */
  value: number | null;
  /** Coders' segment × code pairs (consensus excluded), or contradictions for contradiction rows. */
  segments: number;
  /** The consensus layer's pairs (contradiction rows: 0). */
  consensusSegments: number;
  /** Coded time in ms (union per media, summed over media). */
  codedMs: number;
  /** codedMs / the column's time on screen (or, co-occurrence, / the row code's coded time); null when that is 0. */
  share: number | null;
}

/** One cell of a table: the table's request, and the cell's row and column keys. */
export interface CellRequest extends MatrixRequest {
  row: string;
  col: string;
}

/** What one cell counted (its drill-down). */
export interface CellContents {
  /** Every segment counted in the cell, each once, in the study's segment order; read-only. */
  segmentIds: Uuid[];
  /** Contradiction rows: the contradictions counted, sorted. */
  contradictionIds?: Uuid[];
}

export interface CompareMatrix {
  rows: MatrixAxisItem[];
  cols: MatrixAxisItem[];
  measure: MatrixMeasure;
  /** Non-empty cells only (a missing cell is 0 / no segments). */
  cells: MatrixCell[];
  /** Column key → its time on screen in ms (participant / group columns). */
  onScreenMs: Record<string, number>;
}

interface Columns {
  items: MatrixAxisItem[];
  /** Participant id → indices of the columns they are in. */
  byParticipant: Map<Uuid, number[]>;
}

function columnsOf(p: ProjectSnapshot, cols: 'participant' | 'group', only: Uuid[] | undefined): Columns {
  const keep = only && only.length > 0 ? new Set(only) : null;
  const sets = cols === 'participant'
    ? (p.participants ?? []).map((x) => ({ key: x.id, label: x.name, members: [x.id] }))
    : (p.groups ?? []).map((g) => ({ key: g.id, label: g.name, members: g.memberIds }));
  const kept = sets.filter((c) => !keep || keep.has(c.key));
  const byParticipant = new Map<Uuid, number[]>();
  kept.forEach((c, i) => c.members.forEach((m) => pushTo(byParticipant, m, i)));
  return { items: kept.map(({ key, label }) => ({ key, label })), byParticipant };
}

/** The columns a segment is in (indices, each once). */
function columnsOfSegment(cols: Columns, s: { participantIds?: Uuid[] }): number[] {
  const ps = s.participantIds ?? [];
  if (ps.length === 0) return [];
  if (ps.length === 1) return cols.byParticipant.get(ps[0]!) ?? [];
  const out = new Set<number>();
  for (const pid of ps) for (const i of cols.byParticipant.get(pid) ?? []) out.add(i);
  return [...out];
}

/** Each column's time on screen (ms), by column key. */
function onScreen(p: ProjectSnapshot, scope: Scope, cols: Columns): Record<string, number> {
  const acc = cols.items.map(() => new CellAcc());
  for (const s of p.segments) {
    const idx = columnsOfSegment(cols, s);
    if (idx.length === 0) continue;
    const t = segmentInScope(scope, s);
    if (!t) continue;
    for (const i of idx) pushTo(acc[i]!.ranges, s.mediaId, [t[0], t[1]]);
  }
  return Object.fromEntries(cols.items.map((c, i) => [c.key, acc[i]!.codedMs()]));
}

function count(ctx: Ctx, cell: CellAcc, coderId: Uuid): void {
  if (ctx.isConsensus(coderId)) cell.consensus++;
  if (ctx.isConsensus(coderId) === ctx.consensusOnly) cell.segments++;
}

function codeRows(ctx: Ctx, cols: Columns, grid: Grid): MatrixAxisItem[] {
  const used = new Set<Uuid>();
  forScopedPairs(ctx, (s, codeId, a, b, si) => {
    used.add(codeId);
    for (const i of columnsOfSegment(cols, s)) {
      const cell = grid.at(codeId, cols.items[i]!.key);
      count(ctx, cell, s.coderId);
      cell.addRange(s.mediaId, a, b, si);
    }
  });
  return codeAxis(ctx, used);
}

const ELEMENT_RANK = new Map(CHAT_ELEMENTS.map((e, i) => [e, i]));

/** `level:elementA:elementB` with the pair in CHAT order, and its label. */
export function contradictionKey(k: Pick<Contradiction, 'level' | 'elementA' | 'elementB'>): MatrixAxisItem {
  const [a, b] = [k.elementA, k.elementB].sort((x, y) => ELEMENT_RANK.get(x)! - ELEMENT_RANK.get(y)!) as [ChatElement, ChatElement];
  const pair = a === b ? CHAT_ELEMENT_LABELS[a] : `${CHAT_ELEMENT_LABELS[a]} – ${CHAT_ELEMENT_LABELS[b]}`;
  return { key: `${k.level}:${a}:${b}`, label: `${CONTRADICTION_LEVEL_LABELS[k.level]}: ${pair}` };
}

function contradictionRows(ctx: Ctx, cols: Columns, grid: Grid): MatrixAxisItem[] {
  const rows = new Map<string, MatrixAxisItem>();
  const order = new Map(ctx.p.segments.map((s, i) => [s.id, i]));
  for (const k of ctx.p.contradictions) {
    const evidence = scopedContradiction(k, ctx.scope, ctx.ix, true);
    if (!evidence) continue;
    const row = contradictionKey(k);
    rows.set(row.key, row);
    const about = new Set(columnsOfSegment(cols, k));
    const inCol = evidence.map((e) => ({ e, s: ctx.ix.segmentById.get(e.segmentId)!, idx: columnsOfSegment(cols, ctx.ix.segmentById.get(e.segmentId)!) }));
    for (const x of inCol) for (const i of x.idx) about.add(i);
    for (const i of about) {
      const cell = grid.at(row.key, cols.items[i]!.key);
      cell.contradictions.add(k.id);
      cell.segments = cell.contradictions.size;
      for (const x of inCol) if (x.idx.includes(i)) cell.addRange(x.s.mediaId, x.e.startMs, x.e.endMs, order.get(x.s.id)!);
    }
  }
  const level = (key: string) => CONTRADICTION_LEVELS.indexOf(key.split(':')[0] as ContradictionLevel);
  const pairRank = (key: string) => key.split(':').slice(1).map((e) => ELEMENT_RANK.get(e as ChatElement)!);
  return [...rows.values()].sort((a, b) => {
    const [a1, a2] = pairRank(a.key);
    const [b1, b2] = pairRank(b.key);
    return level(a.key) - level(b.key) || a1! - b1! || a2! - b2!;
  });
}

/** Segment indices as ids, each once, in the snapshot's order. */
function idsInOrder(indices: number[], segments: readonly Segment[]): Uuid[] {
  const sorted = Int32Array.from(indices).sort();
  const out: Uuid[] = [];
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) out.push(segments[sorted[i]!]!.id);
  return out;
}

/** Ids of a list of distinct segment indices already in order (a co-occurrence cell's). */
function idsAt(indices: Int32Array, segments: readonly Segment[]): Uuid[] {
  return Array.from(indices, (i) => segments[i]!.id);
}

function toCell(row: string, col: string, acc: CellAcc, denominator: number, measure: MatrixMeasure): MatrixCell {
  const codedMs = acc.codedMs();
  const share = denominator > 0 ? codedMs / denominator : null;
  const value = measure === 'segments' ? acc.segments : measure === 'seconds' ? codedMs / 1000 : share;
  return { row, col, value, segments: acc.segments, consensusSegments: acc.consensus, codedMs, share };
}

/** The drill-down of a counted cell (empty when the cell was not counted). */
function contentsOf(acc: CellAcc | undefined, segments: readonly Segment[], contradictions: boolean): CellContents {
  const segmentIds = !acc ? [] : acc.orderedIds ? idsAt(acc.orderedIds, segments) : idsInOrder(acc.ids, segments);
  return contradictions ? { segmentIds, contradictionIds: [...(acc?.contradictions ?? [])].sort() } : { segmentIds };
}

function contextOf(p: ProjectSnapshot, req: MatrixRequest): Ctx {
  const consensusIds = new Set(p.coders.filter((c) => c.isConsensus).map((c) => c.id));
  return { p, ix: indexProject(p), scope: resolveScope(p, req.filters ?? {}), consensusOnly: !!req.filters?.consensusOnly, isConsensus: (id) => consensusIds.has(id) };
}

/** One comparison table of a snapshot whose segments and contradictions carry participantIds. */
export function compareMatrix(p: ProjectSnapshot, req: MatrixRequest): CompareMatrix {
  const measure = req.measure ?? 'segments';
  const ctx = contextOf(p, req);
  const grid = new Grid();
  if (req.rows === 'cooccurrence') {
    const { rows, ownMs } = cooccurrenceRows(ctx, grid, !!req.sameParticipants);
    const cells = emit(grid, rows, rows, (row) => ownMs.get(row) ?? 0, measure);
    return { rows, cols: rows, measure, cells, onScreenMs: {} };
  }
  const cols = columnsOf(p, req.cols === 'group' ? 'group' : 'participant', req.columnIds);
  const screen = onScreen(p, ctx.scope, cols);
  const rows = req.rows === 'code' ? codeRows(ctx, cols, grid) : contradictionRows(ctx, cols, grid);
  const cells = emit(grid, rows, cols.items, (_row, col) => screen[col] ?? 0, measure);
  return { rows, cols: cols.items, measure, cells, onScreenMs: screen };
}

function emit(grid: Grid, rows: MatrixAxisItem[], cols: MatrixAxisItem[], denominator: (row: string, col: string) => number, measure: MatrixMeasure): MatrixCell[] {
  const out: MatrixCell[] = [];
  for (const r of rows) {
    const line = grid.cells.get(r.key);
    if (!line) continue;
    for (const c of cols) {
      const acc = line.get(c.key);
      if (acc) out.push(toCell(r.key, c.key, acc, denominator(r.key, c.key), measure));
    }
  }
  return out;
}

/** The context with the code scope narrowed to these codes (those of them the filters keep). */
function onlyCodes(ctx: Ctx, codes: Uuid[]): Ctx {
  const keep = new Set(codes.filter((c) => !ctx.scope.codes || ctx.scope.codes.has(c)));
  return { ...ctx, scope: { ...ctx.scope, codes: keep } };
}

/**
 * One cell's drill-down (see the header): the table's computation restricted to the cell, so it
 * lists exactly the segments the table counts there. A co-occurrence cell needs only the codings
 * of its two codes; a code × column cell the pairs of its code in its column; a contradiction ×
 * column cell the contradictions of its key.
 */
export function compareCellSegments(p: ProjectSnapshot, req: CellRequest): CellContents {
  const ctx = contextOf(p, req);
  const grid = new Grid();
  const contradictions = req.rows === 'contradiction';
  if (req.rows === 'cooccurrence') {
    if (req.row !== req.col) cooccurrenceRows(onlyCodes(ctx, [req.row, req.col]), grid, !!req.sameParticipants, true);
    return contentsOf(grid.cells.get(req.row)?.get(req.col), p.segments, false);
  }
  const asked = req.columnIds && req.columnIds.length > 0 ? req.columnIds.includes(req.col) : true;
  if (!asked) return contentsOf(undefined, p.segments, contradictions);
  const cols = columnsOf(p, req.cols === 'group' ? 'group' : 'participant', [req.col]);
  if (req.rows === 'code') codeRows(onlyCodes(ctx, [req.row]), cols, grid);
  else contradictionRows({ ...ctx, p: { ...p, contradictions: p.contradictions.filter((k) => contradictionKey(k).key === req.row) } }, cols, grid);
  return contentsOf(grid.cells.get(req.row)?.get(req.col), p.segments, contradictions);
}
