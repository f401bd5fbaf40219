/**
 * `merge <project> <coder-file>...`: merges coder files into a project in ONE transaction.
 *
 * Rules (also in the README):
 * - records match by UUID; of two versions the later `updated_at` wins (equal stamps: a fixed
 *   order on the content), so merging the same file twice equals merging it once and the
 *   merge order does not change the result; nothing is ever duplicated;
 * - deletions travel through tombstones: a tombstone not older than a record deletes it, and a
 *   record older than a project tombstone does not come back;
 * - media match by UUID, then by content fingerprint (never by path; each machine keeps its path);
 * - codes match by UUID; a code the coder added is added and reported; a different code (other
 *   UUID) with the same name under the same parent is added too and reported as a conflict, never
 *   fused; codebook deletions in a coder file are reported, not applied (other coders' codings
 *   would go with them); a code deleted in the project but used in the file is restored;
 * - coders match by UUID only: two coders with the same display name stay two (reported);
 * - a coder file (project_meta.coder_file_for) is trusted only for its own coder: it may add,
 *   change and delete that coder's segments, memos and contradictions (by their coder_id, before
 *   and after the change) and change that coder's name and colour; anything else it adds, changes
 *   or deletes (another coder's records, records of nobody, other coders, themes, activity
 *   systems) is reported as a `not_coders_record` conflict and not applied. The codebook and
 *   media keep the rules above (a coder may add codes). A full project file is merged as a whole;
 * - a bad file (not a project, newer version, truncated, wrong table types, other codebook
 *   lineage) is refused before anything is written: the project file stays byte-identical.
 */
import { UserError } from '../../../shared/errors';
import type { CodeRow, CoderRow, ContradictionRow, MediaRow, MemoRow, SystemRow, ThemeRow } from '../../../shared/merge/rows';
import { withCacheSize, type Db } from '../../db/connection';
import { insertCodeRow, listCodeRows, updateCodeRow } from '../../db/tables/codes';
import { insertCoderRow, listCoderRows, updateCoderRow } from '../../db/tables/coders';
import { deleteContradictionRow, insertContradictionRow, listContradictionRows, replaceEvidence, updateContradictionRow } from '../../db/tables/contradictions';
import { insertMediaRow, listMediaRows, updateMediaFromMerge } from '../../db/tables/media';
import { deleteMemoRow, insertMemoRow, listMemoRows, updateMemoRow } from '../../db/tables/memos';
import { deleteSegmentRow, insertSegmentsMany, iterateCodeLinks, listSegmentRows, replaceCodes, updateSegmentRow } from '../../db/tables/segments';
import { insertSystemRow, listSystemRows, updateSystemRow } from '../../db/tables/systems';
import { deleteThemeRow, insertThemeRow, listThemeRowsWithLinks, setThemeCodes, updateThemeRow } from '../../db/tables/themes';
import { addTombstone, deleteTombstone, listTombstones } from '../../db/tables/tombstones';
import { MERGE_KINDS, type MergeConflict, type MergeCounts, type MergeFileInfo, type MergeKind, type MergeNote, type MergeSummary } from '../../../shared/merge/types';
import { pickVersion, tombstoneWins } from '../../../shared/merge/version';
import type { ProjectStore } from '../../db/store';
import { sqliteUserError } from '../../db/errors';
import { readSource, type SourceData } from './source';
import { pushTo } from '../../../shared/collections';
import { mergeParticipants } from '../../db/tables/participantsMerge';

export interface MergeOptions {
  /** Called after each file is read and checked, and once more when the merge is written. */
  onProgress?: (done: number, total: number, label: string) => void;
}

const emptyCounts = (): MergeCounts => ({ added: 0, updated: 0, unchanged: 0, deleted: 0 });

function targetLineage(target: ProjectStore): string {
  if (target.getMeta('coder_file_for')) {
    throw new UserError('forbidden', `${target.file} is a coder file; merge coder files into the main project`);
  }
  const lineage = target.getMeta('lineage_id');
  if (!lineage) throw new UserError('not_a_project', `${target.file}: no codebook lineage; not a Triangulate project`);
  return lineage;
}

/** Checks one coder file as a merge would, without writing anything. */
export function inspectCoderFile(target: ProjectStore, file: string): MergeFileInfo {
  return readSource(file, { lineageId: targetLineage(target), file: target.file }).info;
}

/** The undo-history name of a merge. */
export const mergeLabel = (files: readonly string[]) =>
  `Merge ${files.length === 1 ? files[0]!.split(/[\\/]/).pop() : `${files.length} coder files`}`;

export function mergeCoderFiles(target: ProjectStore, files: readonly string[], opts: MergeOptions = {}): MergeSummary {
  if (files.length === 0) throw new UserError('invalid', 'Name at least one coder file to merge');
  const lineageId = targetLineage(target);
  const sources: SourceData[] = [];
  files.forEach((f, i) => {
    sources.push(readSource(f, { lineageId, file: target.file }));
    opts.onProgress?.(i + 1, files.length + 1, `Checked ${f}`);
  });
  const summary: MergeSummary = {
    files: sources.map((s) => s.info),
    counts: Object.fromEntries(MERGE_KINDS.map((k) => [k, emptyCounts()])) as Record<MergeKind, MergeCounts>,
    totals: { ...emptyCounts(), conflicts: 0 },
    conflicts: [],
    notes: [],
  };
  try {
    const write = () => {
      const m = new Merger(target, summary);
      for (const s of sources) m.apply(s);
    };
    // a merge is not an undo step (its bulk writes are not recorded): it enters the history as a
    // step undo stops at, so Ctrl+Z never skips over it to an edit made before it; it touches
    // pages all over the segment tables: a larger page cache for its duration
    withCacheSize(target.db, -131072, () => target.notUndoable(mergeLabel(files), write));
  } catch (e) {
    if (e instanceof UserError) throw e;
    const known = sqliteUserError(e); // busy, full disk, read-only: the same line as everywhere
    if (known) throw known;
    const err = e as Error & { code?: string };
    if (typeof err.code === 'string' && err.code.startsWith('SQLITE_')) {
      throw new UserError('merge_failed', `Merge refused, nothing was changed: ${err.message}`);
    }
    throw e;
  }
  opts.onProgress?.(files.length + 1, files.length + 1, 'Merged');
  for (const k of MERGE_KINDS) {
    const c = summary.counts[k];
    summary.totals.added += c.added;
    summary.totals.updated += c.updated;
    summary.totals.unchanged += c.unchanged;
    summary.totals.deleted += c.deleted;
  }
  summary.totals.conflicts = summary.conflicts.length;
  return summary;
}

const sameSegment = (a: SegState, b: SegState) =>
  a.updated_at === b.updated_at && a.start_ms === b.start_ms && a.end_ms === b.end_ms && a.media_id === b.media_id &&
  a.coder_id === b.coder_id && a.note === b.note && a.created_at === b.created_at && a.codes === b.codes;

type SegState = { media_id: string; coder_id: string; start_ms: number; end_ms: number; note: string; created_at: number; updated_at: number; codes: string };

/** Applies source files one after the other to in-memory indexes of the target and to its tables. */
class Merger {
  private db: ProjectStore['db'];
  private systems: Map<string, SystemRow>;
  private media: Map<string, MediaRow>;
  private coders: Map<string, CoderRow>;
  private codes: Map<string, CodeRow>;
  private segments = new Map<string, SegState>();
  private memos: Map<string, MemoRow>;
  private contradictions: Map<string, ContradictionRow & { evidence: string }>;
  private themes: Map<string, ThemeRow & { codes: string }>;
  private tombs = new Map<string, { table_name: string; deleted_at: number }>();
  private file = '';
  /** The coder of the file being applied (null: a full project file, trusted as a whole). */
  private owner: string | null = null;
  private srcCoders = new Map<string, CoderRow>();

  constructor(private target: ProjectStore, private summary: MergeSummary) {
    const db = (this.db = target.db);
    const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));
    this.systems = byId(listSystemRows(db));
    this.media = byId(listMediaRows(db));
    this.coders = byId(listCoderRows(db));
    this.codes = byId(listCodeRows(db));
    const links = new Map<string, string[]>();
    for (const l of iterateCodeLinks(db)) pushTo(links, l[0], l[1]);
    for (const r of listSegmentRows(db)) {
      const { id, ...rest } = r;
      this.segments.set(id, { ...rest, codes: (links.get(id) ?? []).join(',') });
    }
    this.memos = byId(listMemoRows(db));
    this.contradictions = byId(listContradictionRows(db).map(({ evidence_ids, ...c }) => ({ ...c, evidence: evidence_ids ?? '' })));
    this.themes = byId(listThemeRowsWithLinks(db));
    for (const t of listTombstones(db)) this.tombs.set(t.id, { table_name: t.table_name, deleted_at: t.deleted_at });
  }

  private count(kind: MergeKind, what: keyof MergeCounts) {
    this.summary.counts[kind][what]++;
  }
  private conflict(kind: MergeConflict['kind'], message: string, ids: string[]) {
    this.summary.conflicts.push({ kind, file: this.file, message, ids });
  }
  private note(kind: MergeNote['kind'], message: string, id: string) {
    this.summary.notes.push({ kind, file: this.file, message, id });
  }
  /**
   * In a coder file, whether writing a record whose coder was `before` (undefined: no such record
   * yet) and becomes `after` touches someone else's work; if so it is reported and must be skipped.
   * A record of nobody (null) is not the coder's either.
   */
  private foreign(what: string, id: string, before: string | null | undefined, after: string | null | undefined, action: 'added' | 'changed' | 'deleted'): boolean {
    if (this.owner === null) return false;
    const other = before !== undefined && before !== this.owner ? before : after !== undefined && after !== this.owner ? after : undefined;
    if (other === undefined) return false;
    const whose = other === null ? 'of no coder' : `of coder "${this.coderName(other)}"`;
    this.notTheirs(`${what} ${id} ${whose}`, action, [id]);
    return true;
  }
  /** Reports a record a coder file may not add, change or delete (see foreign). */
  private notTheirs(record: string, action: 'added' | 'changed' | 'deleted', ids: string[]) {
    const n = this.coderName(this.owner!);
    this.conflict('not_coders_record', `${record} was ${action} in this file; a coder file for "${n}" may only change ${n}'s records, so it was not ${action === 'deleted' ? 'deleted' : 'merged'}`, ids);
  }
  private coderName(id: string): string {
    return this.coders.get(id)?.name ?? this.srcCoders.get(id)?.name ?? id;
  }
  private tombAt(id: string, table: string): number | undefined {
    const t = this.tombs.get(id);
    return t && t.table_name === table ? t.deleted_at : undefined;
  }
  private putTomb(id: string, table: string, at: number) {
    const cur = this.tombs.get(id);
    if (cur && cur.table_name === table && cur.deleted_at >= at) return;
    this.tombs.set(id, { table_name: table, deleted_at: at });
    addTombstone(this.db, id, table, at);
  }
  private dropTomb(id: string) {
    if (this.tombs.delete(id)) deleteTombstone(this.db, id);
  }

  apply(src: SourceData) {
    this.file = src.info.file;
    this.owner = src.info.coderId;
    this.srcCoders = new Map(src.coders.map((c) => [c.id, c]));
    this.applySystems(src);
    const mediaMap = this.applyMedia(src);
    this.applyCoders(src);
    this.applyCodes(src);
    const participants = mergeParticipants(this.db, src.participants, { file: this.file, owner: this.owner, summary: this.summary, segments: src.segments, contradictions: src.contradictions, tombstones: src.tombstones });
    this.applySegments(src, mediaMap);
    this.applyMemos(src, mediaMap);
    this.applyContradictions(src);
    this.applyThemes(src);
    this.applyTombstones(src);
    participants();
  }

  private applySystems(src: SourceData) {
    for (const s of src.systems) {
      const cur = this.systems.get(s.id);
      if (this.owner !== null && (!cur || pickVersion(s, cur) === 'incoming')) {
        this.notTheirs(`Activity system "${s.name}"`, cur ? 'changed' : 'added', [s.id]);
        continue;
      }
      if (!cur) {
        insertSystemRow(this.db, s);
        this.systems.set(s.id, s);
        this.count('systems', 'added');
      } else if (pickVersion(s, cur) === 'incoming') {
        updateSystemRow(this.db, s);
        this.systems.set(s.id, s);
        this.count('systems', 'updated');
      } else this.count('systems', 'unchanged');
    }
  }

  /** Returns source media id → target media id. Paths and playback positions stay local. */
  private applyMedia(src: SourceData): Map<string, string> {
    const map = new Map<string, string>();
    for (const m of src.media) {
      let cur = this.media.get(m.id);
      if (!cur && m.fingerprint !== '') {
        cur = [...this.media.values()].find((t) => t.fingerprint === m.fingerprint);
        if (cur) this.note('media_matched_by_fingerprint', `"${m.name}" matched the project's "${cur.name}" by content (the paths differ)`, cur.id);
      }
      if (!cur) {
        insertMediaRow(this.db, { ...m, last_position_ms: 0 });
        this.media.set(m.id, { ...m, last_position_ms: 0 });
        map.set(m.id, m.id);
        this.count('media', 'added');
        this.note('media_added', `Media "${m.name}" was added; locate its file on this computer to play it`, m.id);
        continue;
      }
      map.set(m.id, cur.id);
      const patch: Partial<MediaRow> = {};
      if (cur.fingerprint === '' && m.fingerprint !== '') Object.assign(patch, { fingerprint: m.fingerprint, size: m.size, ...(cur.path === '' ? { path: m.path } : {}) });
      else if (cur.fingerprint !== '' && m.fingerprint !== '' && cur.fingerprint !== m.fingerprint) {
        this.conflict('media_fingerprint', `Media "${m.name}" has the same id as the project's "${cur.name}" but different content; the project's recording is kept`, [cur.id]);
      }
      if (cur.duration_ms === null && m.duration_ms !== null) patch.duration_ms = m.duration_ms;
      if (cur.frame_rate === null && m.frame_rate !== null) patch.frame_rate = m.frame_rate;
      if (Object.keys(patch).length === 0) {
        this.count('media', 'unchanged');
        continue;
      }
      const next = { ...cur, ...patch, updated_at: Math.max(cur.updated_at, m.updated_at) };
      updateMediaFromMerge(this.db, next);
      this.media.set(cur.id, next);
      this.count('media', 'updated');
    }
    return map;
  }

  private applyCoders(src: SourceData) {
    for (const raw of src.coders) {
      const cur = this.coders.get(raw.id);
      // a coder file's own coder may rename and recolour itself, nothing more (whether a coder
      // still codes is the study's decision)
      const c = this.owner !== null && cur ? { ...raw, is_consensus: cur.is_consensus, active: cur.active } : raw;
      if (this.owner !== null && c.id !== this.owner && (!cur || pickVersion(c, cur) === 'incoming')) {
        this.notTheirs(`Coder "${c.name}"`, cur ? 'changed' : 'added', [c.id]);
        continue;
      }
      if (!cur) {
        const twin = [...this.coders.values()].find((t) => t.name.trim().toLocaleLowerCase() === c.name.trim().toLocaleLowerCase());
        insertCoderRow(this.db, c);
        this.coders.set(c.id, c);
        this.count('coders', 'added');
        if (twin) this.conflict('same_coder_name', `Coder "${c.name}" has the same name as another coder but is a different person (other id); both are kept and shown apart`, [twin.id, c.id]);
        else this.note('coder_added', `Coder "${c.name}" was added`, c.id);
      } else if (pickVersion(c, cur) === 'incoming') {
        updateCoderRow(this.db, c);
        this.coders.set(c.id, c);
        this.count('coders', 'updated');
      } else this.count('coders', 'unchanged');
    }
  }

  private codePathName(id: string | null, extra?: Map<string, CodeRow>): string {
    const parts: string[] = [];
    const seen = new Set<string>();
    for (let cur = id; cur && !seen.has(cur); ) {
      seen.add(cur);
      const c = this.codes.get(cur) ?? extra?.get(cur);
      if (!c) break;
      parts.unshift(c.name);
      cur = c.parent_id;
    }
    return parts.join('/');
  }

  private applyCodes(src: SourceData) {
    const srcById = new Map(src.codes.map((c) => [c.id, c]));
    // codes the file's segments and themes use, with their ancestors: restored if the project deleted them
    const used = new Set<string>();
    const addUsed = (id: string) => {
      for (let cur: string | null = id; cur && !used.has(cur); cur = srcById.get(cur)?.parent_id ?? null) used.add(cur);
    };
    // (in a coder file, only by what it may add: its coder's segments; its themes are not merged)
    const own = this.owner === null ? null : new Set(src.segments.filter((s) => s.coder_id === this.owner).map((s) => s.id));
    for (const [seg, list] of src.segmentCodes) if (!own || own.has(seg)) list.forEach(addUsed);
    if (!own) for (const list of src.themeCodes.values()) list.forEach((t) => addUsed(t.code_id));
    // parents before children
    const depth = (c: CodeRow) => {
      let d = 0;
      for (let p = c.parent_id; p && d < 1000; p = srcById.get(p)?.parent_id ?? null) d++;
      return d;
    };
    const ordered = [...src.codes].sort((a, b) => depth(a) - depth(b) || (a.id < b.id ? -1 : 1));
    const fit = (c: CodeRow): CodeRow => {
      const out = { ...c };
      if (out.system_id && !this.systems.has(out.system_id)) out.system_id = null;
      if (out.parent_id && !this.codes.has(out.parent_id)) out.parent_id = null;
      if (out.hotkey) {
        const other = [...this.codes.values()].find((t) => t.hotkey === out.hotkey && t.id !== c.id);
        if (other) {
          this.conflict('hotkey', `Code "${c.name}" uses hotkey "${c.hotkey}", already taken by "${other.name}"; it gets none`, [c.id, other.id]);
          out.hotkey = null;
        }
      }
      return out;
    };
    for (const c of ordered) {
      const cur = this.codes.get(c.id);
      if (cur) {
        if (pickVersion(c, cur) === 'incoming') {
          const next = fit(c);
          if (next.parent_id && this.wouldCycle(c.id, next.parent_id)) next.parent_id = cur.parent_id;
          updateCodeRow(this.db, next);
          this.codes.set(c.id, next);
          this.count('codes', 'updated');
        } else this.count('codes', 'unchanged');
        continue;
      }
      const deletedAt = this.tombAt(c.id, 'codes');
      if (tombstoneWins(deletedAt, c.updated_at)) {
        if (!used.has(c.id)) {
          this.count('codes', 'unchanged');
          continue;
        }
        this.dropTomb(c.id);
        const next = fit(c);
        insertCodeRow(this.db, next);
        this.codes.set(c.id, next);
        this.count('codes', 'added');
        this.conflict('code_restored', `Code "${this.codePathName(c.id)}" was deleted in the project but is used in this file; it was restored`, [c.id]);
        continue;
      }
      const next = fit(c);
      const twin = [...this.codes.values()].find((t) => t.parent_id === next.parent_id && t.name.trim().toLocaleLowerCase() === c.name.trim().toLocaleLowerCase());
      insertCodeRow(this.db, next);
      this.codes.set(c.id, next);
      this.count('codes', 'added');
      const where = this.codePathName(c.id);
      if (twin) this.conflict('duplicate_code_name', `Code "${where}" has the same name as another code under the same parent but is a different code (other id); both are kept, not fused`, [twin.id, c.id]);
      else this.note('code_added', `Code "${where}" was added by the coder`, c.id);
    }
    // codebook deletions in the file are not applied: report them
    for (const t of src.tombstones) {
      if (t.table_name !== 'codes') continue;
      const cur = this.codes.get(t.id);
      if (cur && !srcById.has(t.id)) {
        this.conflict('code_deleted_in_file', `Code "${this.codePathName(t.id)}" was deleted in this file; codebook deletions are not merged, so it is kept (delete it in the project if intended)`, [t.id]);
      }
    }
  }

  private wouldCycle(id: string, parent: string): boolean {
    const seen = new Set<string>();
    for (let p: string | null = parent; p && !seen.has(p); p = this.codes.get(p)?.parent_id ?? null) {
      if (p === id) return true;
      seen.add(p);
    }
    return false;
  }

  private applySegments(src: SourceData, mediaMap: Map<string, string>) {
    const text = (s: SegState) => JSON.stringify([s.media_id, s.coder_id, s.start_ms, s.end_ms, s.note, s.created_at, s.codes]);
    const fresh = new Map<string, { seg: SegState; codeIds: string[] }>();
    const freshUncoded: string[] = []; // new segments the file lists no code link for
    for (const s of src.segments) {
      const listed = src.segmentCodes.get(s.id);
      // (the file's own list when every code is in the project: it is never changed)
      const codeIds = !listed ? [] : listed.every((c) => this.codes.has(c)) ? listed : listed.filter((c) => this.codes.has(c));
      const next: SegState = {
        media_id: mediaMap.get(s.media_id)!, coder_id: s.coder_id, start_ms: s.start_ms, end_ms: s.end_ms, note: s.note,
        created_at: s.created_at, updated_at: s.updated_at, codes: codeIds.join(','),
      };
      const cur = this.segments.get(s.id);
      if (!cur) {
        if (tombstoneWins(this.tombAt(s.id, 'segments'), s.updated_at)) {
          this.count('segments', 'unchanged');
          continue;
        }
        if (this.foreign('Segment', s.id, undefined, s.coder_id, 'added')) continue;
        fresh.set(s.id, { seg: next, codeIds });
        if (!listed) freshUncoded.push(s.id);
        this.segments.set(s.id, next);
        this.count('segments', 'added');
      } else if (!sameSegment(next, cur) && pickVersion(next, cur, text) === 'incoming') {
        if (this.foreign('Segment', s.id, cur.coder_id, next.coder_id, 'changed')) continue;
        const pending = fresh.get(s.id); // (an id listed twice in a hand-made file: not written yet)
        if (pending) {
          pending.seg = next;
          pending.codeIds = codeIds;
        } else updateSegmentRow(this.db, { id: s.id, media_id: next.media_id, coder_id: next.coder_id, start_ms: next.start_ms, end_ms: next.end_ms, note: next.note, created_at: next.created_at, updated_at: next.updated_at });
        if (!pending && cur.codes !== next.codes) replaceCodes(this.db, s.id, codeIds, s.updated_at);
        this.segments.set(s.id, next);
        this.count('segments', 'updated');
      } else this.count('segments', 'unchanged');
    }
    // New segments and their links are written in id order (each row lands next to the previous
    // one in the B-trees), many rows per statement: the per-statement cost of a row-by-row insert
    // is most of the time of a merge of tens of thousands of segments. The file's links were read
    // in segment id order, so the segments with links come in id order already; the few without
    // are sorted and merged in.
    freshUncoded.sort();
    const segValues: unknown[] = [];
    const linkValues: unknown[] = [];
    const write = (id: string) => {
      const f = fresh.get(id);
      if (!f) return;
      fresh.delete(id);
      const n = f.seg;
      segValues.push(id, n.media_id, n.coder_id, n.start_ms, n.end_ms, n.note, n.created_at, n.updated_at);
      for (const c of f.codeIds) linkValues.push(id, c, n.updated_at);
    };
    let u = 0;
    for (const id of src.segmentCodes.keys()) {
      while (u < freshUncoded.length && freshUncoded[u]! < id) write(freshUncoded[u++]!);
      write(id);
    }
    while (u < freshUncoded.length) write(freshUncoded[u++]!);
    insertSegmentsMany(this.db, segValues, linkValues);
  }

  private applyMemos(src: SourceData, mediaMap: Map<string, string>) {
    for (const raw of src.memos) {
      const m = { ...raw, media_id: raw.media_id ? mediaMap.get(raw.media_id)! : null };
      if (m.segment_id && !this.segments.has(m.segment_id)) {
        this.conflict('dangling', `A memo ("${m.title || m.body.slice(0, 40)}") is on a segment that is no longer in the project; it was not merged`, [m.id]);
        continue;
      }
      const cur = this.memos.get(m.id);
      if (!cur) {
        if (tombstoneWins(this.tombAt(m.id, 'memos'), m.updated_at)) {
          this.count('memos', 'unchanged');
          continue;
        }
        if (this.foreign('Memo', m.id, undefined, m.coder_id, 'added')) continue;
        insertMemoRow(this.db, m);
        this.memos.set(m.id, m);
        this.count('memos', 'added');
      } else if (pickVersion(m, cur) === 'incoming') {
        if (this.foreign('Memo', m.id, cur.coder_id, m.coder_id, 'changed')) continue;
        updateMemoRow(this.db, m);
        this.memos.set(m.id, m);
        this.count('memos', 'updated');
      } else this.count('memos', 'unchanged');
    }
  }

  private applyContradictions(src: SourceData) {
    for (const c of src.contradictions) {
      const ev = (src.evidence.get(c.id) ?? []).filter((s) => this.segments.has(s)).sort();
      const next = { ...c, system_a: c.system_a && this.systems.has(c.system_a) ? c.system_a : null, system_b: c.system_b && this.systems.has(c.system_b) ? c.system_b : null, evidence: ev.join(',') };
      const cur = this.contradictions.get(c.id);
      const write = () => replaceEvidence(this.db, c.id, ev);
      if (!cur) {
        if (tombstoneWins(this.tombAt(c.id, 'contradictions'), c.updated_at)) {
          this.count('contradictions', 'unchanged');
          continue;
        }
        if (this.foreign('Contradiction', c.id, undefined, c.coder_id, 'added')) continue;
        const { evidence: _e, ...row } = next;
        insertContradictionRow(this.db, row);
        write();
        this.contradictions.set(c.id, next);
        this.count('contradictions', 'added');
      } else if (pickVersion(next, cur) === 'incoming') {
        if (this.foreign('Contradiction', c.id, cur.coder_id, c.coder_id, 'changed')) continue;
        const { evidence: _e, ...row } = next;
        updateContradictionRow(this.db, row);
        write();
        this.contradictions.set(c.id, next);
        this.count('contradictions', 'updated');
      } else this.count('contradictions', 'unchanged');
    }
  }

  private applyThemes(src: SourceData) {
    for (const t of src.themes) {
      const list = (src.themeCodes.get(t.id) ?? []).filter((x) => this.codes.has(x.code_id));
      const next = { ...t, codes: list.map((x) => `${x.code_id}:${x.sort_order}`).join(',') };
      const cur = this.themes.get(t.id);
      const write = () => setThemeCodes(this.db, t.id, list.map((x) => ({ codeId: x.code_id, sortOrder: x.sort_order })));
      if (this.owner !== null && (cur ? pickVersion(next, cur) === 'incoming' : !tombstoneWins(this.tombAt(t.id, 'themes'), t.updated_at))) {
        this.notTheirs(`Theme "${t.name}"`, cur ? 'changed' : 'added', [t.id]);
        continue;
      }
      if (!cur) {
        if (tombstoneWins(this.tombAt(t.id, 'themes'), t.updated_at)) {
          this.count('themes', 'unchanged');
          continue;
        }
        insertThemeRow(this.db, t);
        write();
        this.themes.set(t.id, next);
        this.count('themes', 'added');
      } else if (pickVersion(next, cur) === 'incoming') {
        updateThemeRow(this.db, t);
        write();
        this.themes.set(t.id, next);
        this.count('themes', 'updated');
      } else this.count('themes', 'unchanged');
    }
  }

  /** Deletions made in the file: a tombstone not older than the project's record deletes it. */
  private applyTombstones(src: SourceData) {
    type Rec = { updated_at: number; coder_id?: string | null; name?: string };
    const tables: Record<string, { kind: MergeKind; what: string; map: Map<string, Rec>; remove: (db: Db, id: string) => void }> = {
      segments: { kind: 'segments', what: 'Segment', map: this.segments, remove: deleteSegmentRow },
      memos: { kind: 'memos', what: 'Memo', map: this.memos, remove: deleteMemoRow },
      contradictions: { kind: 'contradictions', what: 'Contradiction', map: this.contradictions, remove: deleteContradictionRow },
      themes: { kind: 'themes', what: 'Theme', map: this.themes, remove: deleteThemeRow },
    };
    for (const t of src.tombstones) {
      const spec = tables[t.table_name];
      if (!spec) continue; // codebook deletions are reported in applyCodes, not applied
      const cur = spec.map.get(t.id);
      // another coder's record (themes have no coder: never a coder file's to delete) is neither
      // deleted nor tombstoned; a tombstone of an id the project does not hold is kept as before
      if (cur && t.table_name === 'themes' && this.owner !== null) {
        this.notTheirs(`Theme "${cur.name}"`, 'deleted', [t.id]);
        continue;
      }
      if (cur && t.table_name !== 'themes' && this.foreign(spec.what, t.id, cur.coder_id ?? null, undefined, 'deleted')) continue;
      if (cur && tombstoneWins(t.deleted_at, cur.updated_at)) {
        spec.remove(this.db, t.id);
        spec.map.delete(t.id);
        this.count(spec.kind, 'deleted');
        if (t.table_name === 'segments') this.forgetSegment(t.id);
      }
      // kept even when the record is newer: the set of tombstones must not depend on the merge order
      this.putTomb(t.id, t.table_name, t.deleted_at);
    }
  }

  /** Memos on a deleted segment went with it (foreign key cascade); keep the index in step. */
  private forgetSegment(id: string) {
    for (const [mid, m] of this.memos) if (m.segment_id === id) this.memos.delete(mid);
    for (const c of this.contradictions.values()) {
      if (c.evidence.split(',').includes(id)) c.evidence = c.evidence.split(',').filter((x) => x !== id).join(',');
    }
  }
}
