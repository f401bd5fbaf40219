/**
 * The `thematic` export: the thematic summary a paper is written from.
 *
 * One row per theme × code (themes by sortOrder then name; codes in the theme's own order).
 * Codes that sit in no theme do not appear (see the segments export). Columns:
 *   theme, theme_description, code, element, system,
 *   segments, coded_seconds, coded_hms, media_share,
 *   count_<coder name>… (one per non-consensus coder in scope, ordered by name),
 *   group_<group name>… (one per group of participants, in the study's order; none without groups),
 *   consensus_count, contradictions, example_1, example_2, example_3
 * - code: full code path; element: CHAT element key or empty; system: activity system name or empty.
 * - segments: the coders' segment × code pairs of this code in scope = sum of the count_ columns.
 *   The consensus layer is never counted as a coder: its pairs are consensus_count only.
 * - coded_seconds: time carried by this code, as the union of its segments' (clipped) ranges per
 *   media, summed over media: overlapping codings (by several coders, or a consensus copy of a
 *   coder's range) count once. Point events add nothing. coded_hms: the same as h:mm:ss (rounded
 *   to the second).
 * - media_share: coded time / media time in scope (the in-scope media's durations clipped to the
 *   time window), a fraction 0..1 at full precision; empty when an in-scope media has an unknown
 *   duration or the media time is 0.
 * - contradictions: in-scope contradictions (coder scope; media/time via their evidence) that
 *   involve the code (contradictions.ts `involvesCode`).
 * - example_1..3: up to three of the code's segments as "media @ h:mm:ss–h:mm:ss: note" (a point
 *   event "media @ h:mm:ss"), each group in the export order (media name, start, …): first
 *   consensus segments whose note is a coder's note copied into consensus (the same note on a
 *   coder's segment of this code and media), then coders' segments with a note (a note already
 *   shown is not repeated), then coders' segments without one, then other consensus segments
 *   without their note (a consensus note that is no coder's note is a reconcile rationale such as
 *   "All coders agree", never an example). Empty cells when there are fewer.
 * - group_<name>: the coders' segment × code pairs of this code whose segment is about at least
 *   one member of the group (participants/who.ts groupCounts).
 * - If two coders share a name, the later columns get "_2", "_3" appended (groups likewise).
 */
import type { Coder, ProjectSnapshot, Uuid } from '../domain';
import { formatHms, msToSecondsString } from '../time';
import { involvesCode, rangeLabel, scopedContradiction } from './contradictions';
import { writeOwnedCsv, type CsvCell, type CsvWriteOptions } from './safe';
import { cmpStr, indexProject, resolveScope, scopedCodings, type ExportFilters, type ScopedCoding } from './scope';
import { pushTo } from '../collections';
import { groupColumnNames, groupCounts } from '../participants/who';

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

function example(c: ScopedCoding, withNote: boolean): string {
  const where = rangeLabel(c.media.name, c.startMs, c.endMs);
  return !withNote || c.segment.note === '' ? where : `${where}: ${c.segment.note}`;
}

/** The example cells of one code's codings (see the header: coders' notes, never a rationale). */
export function exampleCells(list: readonly ScopedCoding[], n = 3): string[] {
  const key = (c: ScopedCoding) => `${c.media.id}\n${c.segment.note}`;
  const coders = list.filter((c) => !c.coder.isConsensus);
  const coderNotes = new Set(coders.filter((c) => c.segment.note !== '').map(key));
  const consensus = list.filter((c) => c.coder.isConsensus);
  const copied = consensus.filter((c) => coderNotes.has(key(c)));
  const shown = new Set(copied.map(key));
  const noted = coders.filter((c) => c.segment.note !== '' && !shown.has(key(c)));
  const out = [
    ...copied.map((c) => example(c, true)),
    ...noted.map((c) => example(c, true)),
    ...coders.filter((c) => c.segment.note === '').map((c) => example(c, false)),
    ...consensus.filter((c) => !copied.includes(c)).map((c) => example(c, false)),
  ].slice(0, n);
  while (out.length < n) out.push('');
  return out;
}

/** The `thematic` export. */
export function writeThematicCsv(snapshot: ProjectSnapshot, filters: ExportFilters = {}, opts: CsvWriteOptions = {}): string {
  const ix = indexProject(snapshot);
  const scope = resolveScope(snapshot, filters);
  const codings = scopedCodings(snapshot, ix, scope);
  const byCode = new Map<Uuid, ScopedCoding[]>();
  for (const c of codings) pushTo(byCode, c.code.id, c);

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
  const coderIndex = new Map(coders.map((c, i) => [c.id, i]));
  const groups = snapshot.groups ?? [];

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
      const list = byCode.get(codeId) ?? [];
      const perCoder = new Array<number>(coders.length).fill(0);
      let consensus = 0;
      for (const c of list) {
        if (c.coder.isConsensus) consensus++;
        else {
          const i = coderIndex.get(c.coder.id);
          if (i !== undefined) perCoder[i]++;
        }
      }
      const codedMs = codedMsOf(list);
      const examples = exampleCells(list);
      const system = code.systemId ? ix.systemById.get(code.systemId) : undefined;
      rows.push([
        theme.name,
        theme.description,
        ix.pathById.get(code.id)!,
        code.element ?? '',
        system?.name ?? '',
        list.length - consensus,
        Number(msToSecondsString(codedMs)),
        formatHms(codedMs),
        mediaMs ? codedMs / mediaMs : null,
        ...perCoder,
        ...groupCounts(list, groups),
        consensus,
        contradictions.filter((k) => involvesCode(k, code, ix)).length,
        ...examples,
      ]);
    }
  }
  return writeOwnedCsv([...THEMATIC_LEADING_COLUMNS, ...coderColumns, ...groupColumnNames(groups), ...THEMATIC_TRAILING_COLUMNS], rows, opts);
}
