/**
 * The `thematic` export: the thematic summary a paper is written from.
 *
 * One row per theme × code (themes by sortOrder then name; codes in the theme's own order).
 * Codes that sit in no theme do not appear (see the segments export). Columns:
 *   theme, theme_description, code, element, system,
 *   segments, coded_seconds, coded_hms, media_share,
 *   count_<coder name>… (one per non-consensus coder in scope, ordered by name),
 *   consensus_count, contradictions, example_1, example_2, example_3
 * - code: full code path; element: CHAT element key or empty; system: activity system name or empty.
 * - segments: segment × code pairs of this code in scope (all coders in scope, consensus
 *   included) = sum of the count_ columns + consensus_count.
 * - coded_seconds: time carried by this code, as the union of its segments' (clipped) ranges per
 *   media, summed over media: overlapping codings by several coders count once. Point events add
 *   nothing. coded_hms: the same as h:mm:ss (rounded to the second).
 * - media_share: coded time / media time in scope (the in-scope media's durations clipped to the
 *   time window), a fraction 0..1 at full precision; empty when an in-scope media has an unknown
 *   duration or the media time is 0.
 * - contradictions: in-scope contradictions (coder scope; media/time via their evidence) that
 *   involve the code (contradictions.ts `involvesCode`).
 * - example_1..3: up to three of the code's segments, those with a note first, each in the export
 *   order (media name, start, …): "media @ h:mm:ss–h:mm:ss: note" (a point event "media @ h:mm:ss",
 *   no ": note" when the note is empty); empty cells when there are fewer.
 * - If two coders share a name, the later columns get "_2", "_3" appended.
 */
import type { Coder, ProjectSnapshot, Uuid } from '../domain';
import { formatHms, msToSecondsString } from '../time';
import { involvesCode, rangeLabel, scopedContradiction } from './contradictions';
import { writeOwnedCsv, type CsvCell, type CsvWriteOptions } from './safe';
import { cmpStr, indexProject, nameRanks, resolveScope, scopedCodings, type ExportFilters, type ProjectIndex, type Scope, type ScopedCoding } from './scope';
import { pushTo } from '../collections';

export const THEMATIC_LEADING_COLUMNS = [
  'theme',
  'theme_description',
  'code',
  'element',
  'system',
  'segments',
  'coded_seconds',
  'coded_hms',
  'media_share',
] as const;
export const THEMATIC_TRAILING_COLUMNS = ['consensus_count', 'contradictions', 'example_1', 'example_2', 'example_3'] as const;

/** Coded time of codings: the union of their ranges on each media, summed over media (ms). */
export function codedMsOf(codings: Iterable<ScopedCoding>): number {
  const byMedia = new Map<Uuid, [number, number][]>();
  for (const c of codings) pushTo(byMedia, c.media.id, [c.startMs, c.endMs]);
  let total = 0;
  for (const r of byMedia.values()) total += unionMs(r);
  return total;
}

/** Length of the union of [start, end) ranges (ms); sorts `ranges` in place. Empty ranges add nothing. */
export function unionMs(ranges: [number, number][]): number {
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let total = 0;
  let curS = 0;
  let curE = -1;
  let open = false;
  for (const [s, e] of ranges) {
    if (e <= s) continue;
    if (open && s <= curE) curE = Math.max(curE, e);
    else {
      if (open) total += curE - curS;
      curS = s;
      curE = e;
      open = true;
    }
  }
  return open ? total + (curE - curS) : total;
}

/** One segment × code pair in scope, times clipped: what the thematic tally reads. */
export interface CodingRow {
  segmentId: Uuid;
  mediaId: Uuid;
  coderId: Uuid;
  codeId: Uuid;
  startMs: number;
  endMs: number;
  note: string;
}

interface CodeTally {
  perCoder: number[];
  consensus: number;
  count: number;
  /** Per media: [open start, open end, summed length] of the union of ranges so far. */
  union: Map<Uuid, [number, number, number]>;
  /** The first three noted and first three unnoted rows in the export order. */
  noted: CodingRow[];
  plain: CodingRow[];
}

/**
 * The thematic figures of each code, added one coding at a time and never holding the codings:
 * counts, the coded time (each media's codings must come in start order, as both the sorted
 * snapshot and the media/start index give them) and the examples (kept by the export order).
 */
export class ThematicTally {
  private readonly byCode = new Map<Uuid, CodeTally>();
  private readonly ranks: ReturnType<typeof nameRanks>;

  constructor(
    private readonly snapshot: Pick<ProjectSnapshot, 'media' | 'coders'>,
    private readonly ix: ProjectIndex,
    private readonly coderIndex: Map<Uuid, number>,
  ) {
    this.ranks = nameRanks(snapshot, ix);
  }

  add(r: CodingRow): void {
    let t = this.byCode.get(r.codeId);
    if (!t) this.byCode.set(r.codeId, (t = { perCoder: new Array<number>(this.coderIndex.size).fill(0), consensus: 0, count: 0, union: new Map(), noted: [], plain: [] }));
    t.count++;
    if (this.ix.coderById.get(r.coderId)!.isConsensus) t.consensus++;
    else {
      const i = this.coderIndex.get(r.coderId);
      if (i !== undefined) t.perCoder[i]!++;
    }
    if (r.endMs > r.startMs) {
      const u = t.union.get(r.mediaId);
      if (!u) t.union.set(r.mediaId, [r.startMs, r.endMs, 0]);
      else if (r.startMs <= u[1]) u[1] = Math.max(u[1], r.endMs);
      else {
        u[2] += u[1] - u[0];
        u[0] = r.startMs;
        u[1] = r.endMs;
      }
    }
    keepFirst3(r.note === '' ? t.plain : t.noted, r, this.order);
  }

  /** counts, coded ms and example texts of a code (zeros and empty examples when it has no codings). */
  result(codeId: Uuid): { perCoder: number[]; consensus: number; count: number; codedMs: number; examples: string[] } {
    const t = this.byCode.get(codeId);
    if (!t) return { perCoder: new Array<number>(this.coderIndex.size).fill(0), consensus: 0, count: 0, codedMs: 0, examples: ['', '', ''] };
    let codedMs = 0;
    for (const u of t.union.values()) codedMs += u[2] + (u[1] - u[0]);
    const examples = [...t.noted, ...t.plain].slice(0, 3).map((r) => {
      const where = rangeLabel(this.ix.mediaById.get(r.mediaId)!.name, r.startMs, r.endMs);
      return r.note === '' ? where : `${where}: ${r.note}`;
    });
    while (examples.length < 3) examples.push('');
    return { perCoder: t.perCoder, consensus: t.consensus, count: t.count, codedMs, examples };
  }

  /** scopedCodings' order: media name, start, end, coder name, code path, note, segment id, code id. */
  private readonly order = (a: CodingRow, b: CodingRow): number => {
    const { mediaRank, coderRank, codeRank } = this.ranks;
    const ix = this.ix;
    return (
      mediaRank.get(ix.mediaById.get(a.mediaId)!.name)! - mediaRank.get(ix.mediaById.get(b.mediaId)!.name)! ||
      a.startMs - b.startMs ||
      a.endMs - b.endMs ||
      coderRank.get(ix.coderById.get(a.coderId)!.name)! - coderRank.get(ix.coderById.get(b.coderId)!.name)! ||
      codeRank.get(ix.pathById.get(a.codeId)!)! - codeRank.get(ix.pathById.get(b.codeId)!)! ||
      cmpStr(a.note, b.note) ||
      cmpStr(a.segmentId, b.segmentId) ||
      cmpStr(a.codeId, b.codeId)
    );
  };
}

/** Keeps `list` the first three rows by `order` (a row after the third is dropped at once). */
function keepFirst3(list: CodingRow[], r: CodingRow, order: (a: CodingRow, b: CodingRow) => number): void {
  if (list.length === 3 && order(r, list[2]!) >= 0) return;
  let i = list.length;
  while (i > 0 && order(r, list[i - 1]!) < 0) i--;
  list.splice(i, 0, r);
  if (list.length > 3) list.pop();
}

/** The `thematic` export of a snapshot that holds the segments. */
export function writeThematicCsv(snapshot: ProjectSnapshot, filters: ExportFilters = {}, opts: CsvWriteOptions = {}): string {
  return writeThematicFrom(snapshot, filters, opts, (scope, ix, tally) => {
    for (const c of scopedCodings(snapshot, ix, scope)) {
      tally.add({ segmentId: c.segment.id, mediaId: c.media.id, coderId: c.coder.id, codeId: c.code.id, startMs: c.startMs, endMs: c.endMs, note: c.segment.note });
    }
  });
}

/**
 * The `thematic` export with the codings fed by `feed` (the snapshot's segments, or a streamed
 * read of the project: see src/main/ops/exportThematicFile.ts). `snapshot.segments` need only
 * hold the contradictions' evidence segments.
 */
export function writeThematicFrom(
  snapshot: ProjectSnapshot,
  filters: ExportFilters,
  opts: CsvWriteOptions,
  feed: (scope: Scope, ix: ProjectIndex, tally: ThematicTally) => void,
): string {
  const ix = indexProject(snapshot);
  const scope = resolveScope(snapshot, filters);

  // Per-coder columns.
  const coders: Coder[] = snapshot.coders
    .filter((c) => !c.isConsensus && (!scope.coders || scope.coders.has(c.id)))
    .sort((a, b) => cmpStr(a.name, b.name) || cmpStr(a.id, b.id));
  const seen = new Map<string, number>();
  const coderColumns = coders.map((c) => {
    const n = (seen.get(c.name) ?? 0) + 1;
    seen.set(c.name, n);
    return n === 1 ? `count_${c.name}` : `count_${c.name}_${n}`;
  });
  const tally = new ThematicTally(snapshot, ix, new Map(coders.map((c, i) => [c.id, i])));
  feed(scope, ix, tally);

  // Media time in scope.
  const scopedMedia = snapshot.media.filter((m) => !scope.media || scope.media.has(m.id));
  let mediaMs: number | null = 0;
  for (const m of scopedMedia) {
    if (m.durationMs === null) {
      mediaMs = null;
      break;
    }
    mediaMs += Math.max(0, Math.min(m.durationMs, scope.toMs) - Math.max(0, scope.fromMs));
  }

  const contradictions = snapshot.contradictions.filter((k) => scopedContradiction(k, scope, ix, false) !== null);
  const themeSet = filters.themeIds && filters.themeIds.length > 0 ? new Set(filters.themeIds) : null;
  const codeSet = scope.codes;
  const themes = snapshot.themes
    .filter((t) => !themeSet || themeSet.has(t.id))
    .sort((a, b) => a.sortOrder - b.sortOrder || cmpStr(a.name, b.name) || cmpStr(a.id, b.id));

  const rows: CsvCell[][] = [];
  for (const theme of themes) {
    for (const codeId of theme.codeIds) {
      if (codeSet && !codeSet.has(codeId)) continue;
      const code = ix.codeById.get(codeId);
      if (!code) continue;
      const r = tally.result(codeId);
      const system = code.systemId ? ix.systemById.get(code.systemId) : undefined;
      rows.push([
        theme.name,
        theme.description,
        ix.pathById.get(code.id)!,
        code.element ?? '',
        system?.name ?? '',
        r.count,
        Number(msToSecondsString(r.codedMs)),
        formatHms(r.codedMs),
        mediaMs ? r.codedMs / mediaMs : null,
        ...r.perCoder,
        r.consensus,
        contradictions.filter((k) => involvesCode(k, code, ix)).length,
        ...r.examples,
      ]);
    }
  }
  return writeOwnedCsv([...THEMATIC_LEADING_COLUMNS, ...coderColumns, ...THEMATIC_TRAILING_COLUMNS], rows, opts);
}
