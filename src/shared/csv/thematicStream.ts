/**
 * The `thematic` export streamed: the very text of writeThematicCsv (thematic.ts, whose header
 * states the rules), from segment × code rows read one at a time, in any order, instead of a
 * snapshot holding every segment. It keeps per code only counts, the coded ranges as numbers,
 * and the first three candidates of each example group:
 *
 * - consensus rows come first (`rowsOf('consensus')`): for each (media, note) key of a consensus
 *   note, its three first segments in export order; and the three first consensus segments
 *   without a note;
 * - then the coders' rows (`rowsOf('coders')`): a coder note whose key is a consensus note's key
 *   makes that key "copied" (its consensus segments are examples with their note, and this
 *   coder segment is not repeated); any other coder note is a candidate of the noted group;
 *   a coder segment without a note, of the third group;
 * - at the end, group 1 is the first three of the copied keys' candidates, group 4 the first
 *   three of the other consensus candidates: the first three of a union are among the first
 *   three of each part, so nothing else is needed.
 */
import type { ProjectSnapshot, Uuid } from '../domain';
import { rangeLabel } from './contradictions';
import type { CsvWriteOptions } from './safe';
import { clipToScope, cmpStr, indexProject, nameRanks, resolveScope, type ExportFilters } from './scope';
import { thematicCoders, thematicTable, unionMs, type ThematicCodeSummary } from './thematic';
import { countGroups, groupMembers } from '../participants/who';

/** One segment × code row: [segment id, media id, coder id, start ms, end ms, note, code id, who (optional: the source's text for participantsOf)]. */
export type ThematicRow = readonly [Uuid, Uuid, Uuid, number, number, string, Uuid, (string | null)?];

/** A candidate example, with its place in the export order (within one code). */
interface Candidate {
  mediaRank: number;
  mediaName: string;
  startMs: number;
  endMs: number;
  coderRank: number;
  note: string;
  segmentId: Uuid;
}

const before = (a: Candidate, b: Candidate): boolean =>
  (a.mediaRank - b.mediaRank || a.startMs - b.startMs || a.endMs - b.endMs || a.coderRank - b.coderRank || cmpStr(a.note, b.note) || cmpStr(a.segmentId, b.segmentId)) < 0;

/** Keeps `top` the first n candidates in export order. */
function offer(top: Candidate[], c: Candidate, n = 3): void {
  if (top.length === n && !before(c, top[n - 1]!)) return;
  let i = top.length;
  while (i > 0 && before(c, top[i - 1]!)) i--;
  top.splice(i, 0, c);
  if (top.length > n) top.pop();
}

class CodeTally {
  perCoder: number[];
  perGroup: number[];
  consensus = 0;
  /** Coded ranges per media, flat [start, end, ...]. */
  ranges = new Map<Uuid, number[]>();
  /** Consensus candidates per (media, note) key of a consensus note; and those without a note. */
  consensusByKey = new Map<string, Candidate[]>();
  consensusBare: Candidate[] = [];
  copied = new Set<string>();
  noted: Candidate[] = [];
  bare: Candidate[] = [];

  constructor(coders: number, groups: number) {
    this.perCoder = new Array<number>(coders).fill(0);
    this.perGroup = new Array<number>(groups).fill(0);
  }

  summary(): ThematicCodeSummary {
    let codedMs = 0;
    for (const flat of this.ranges.values()) {
      const pairs: [number, number][] = [];
      for (let i = 0; i < flat.length; i += 2) pairs.push([flat[i]!, flat[i + 1]!]);
      codedMs += unionMs(pairs);
    }
    const copied: Candidate[] = [];
    const rest: Candidate[] = [];
    for (const [key, top] of this.consensusByKey) for (const c of top) offer(this.copied.has(key) ? copied : rest, c);
    for (const c of this.consensusBare) offer(rest, c);
    const label = (withNote: boolean) => (c: Candidate) => {
      const where = rangeLabel(c.mediaName, c.startMs, c.endMs);
      return !withNote || c.note === '' ? where : `${where}: ${c.note}`;
    };
    const examples = [...copied.map(label(true)), ...this.noted.map(label(true)), ...this.bare.map(label(false)), ...rest.map(label(false))].slice(0, 3);
    while (examples.length < 3) examples.push('');
    return { perCoder: this.perCoder, perGroup: this.perGroup, consensus: this.consensus, codedMs, examples };
  }
}

/**
 * writeThematicCsv's text from rows read twice: `rowsOf('consensus')` must give the rows of the
 * consensus coders, then `rowsOf('coders')` those of every other coder (rows of other coders are
 * ignored in each). `snapshot` needs no segments but the contradictions' evidence;
 * `participantsOf` says who a segment is about from the row's last cell, when the source gives one
 * (the group_ columns; none without groups).
 */
export function writeThematicCsvStreamed(
  snapshot: ProjectSnapshot,
  filters: ExportFilters,
  opts: CsvWriteOptions,
  rowsOf: (which: 'consensus' | 'coders') => Iterable<ThematicRow>,
  participantsOf: (who: string | null | undefined) => readonly Uuid[] | undefined = () => undefined,
): string {
  const ix = indexProject(snapshot);
  const scope = resolveScope(snapshot, filters);
  const ranks = nameRanks(snapshot, ix);
  const coderIndex = new Map(thematicCoders(snapshot, scope).map((c, i) => [c.id, i]));
  const members = groupMembers(snapshot.groups ?? []);
  const tallies = new Map<Uuid, CodeTally>();
  const tallyOf = (codeId: Uuid) => {
    let t = tallies.get(codeId);
    if (!t) tallies.set(codeId, (t = new CodeTally(coderIndex.size, members.length)));
    return t;
  };

  // only the codes of the exported themes have rows (none: nothing to read)
  const themeSet = filters.themeIds && filters.themeIds.length > 0 ? new Set(filters.themeIds) : null;
  const wanted = new Set(snapshot.themes.filter((t) => !themeSet || themeSet.has(t.id)).flatMap((t) => t.codeIds));
  for (const which of wanted.size > 0 ? (['consensus', 'coders'] as const) : []) {
    for (const [segmentId, mediaId, coderId, start, end, note, codeId, who] of rowsOf(which)) {
      if (!wanted.has(codeId)) continue;
      const media = ix.mediaById.get(mediaId);
      const coder = ix.coderById.get(coderId);
      if (!media || !coder || coder.isConsensus !== (which === 'consensus') || !ix.codeById.has(codeId)) continue;
      if ((scope.media && !scope.media.has(mediaId)) || (scope.coders && !scope.coders.has(coderId)) || (scope.codes && !scope.codes.has(codeId))) continue;
      const t = clipToScope(scope, start, end);
      if (!t) continue;
      const tally = tallyOf(codeId);
      let flat = tally.ranges.get(mediaId);
      if (!flat) tally.ranges.set(mediaId, (flat = []));
      flat.push(t[0], t[1]);
      const c: Candidate = { mediaRank: ranks.mediaRank.get(media.name)!, mediaName: media.name, startMs: t[0], endMs: t[1], coderRank: ranks.coderRank.get(coder.name)!, note, segmentId };
      const key = note === '' ? '' : `${mediaId}\n${note}`;
      if (coder.isConsensus) {
        tally.consensus++;
        if (note === '') offer(tally.consensusBare, c);
        else {
          let top = tally.consensusByKey.get(key);
          if (!top) tally.consensusByKey.set(key, (top = []));
          offer(top, c);
        }
        continue;
      }
      const i = coderIndex.get(coderId);
      if (i !== undefined) tally.perCoder[i]++;
      if (members.length > 0) countGroups(tally.perGroup, members, participantsOf(who));
      if (note === '') offer(tally.bare, c);
      else if (tally.consensusByKey.has(key)) tally.copied.add(key);
      else offer(tally.noted, c);
    }
  }
  const empty = new CodeTally(coderIndex.size, members.length);
  return thematicTable(snapshot, filters, opts, (codeId) => (tallies.get(codeId) ?? empty).summary());
}

