/**
 * The write half of an import (apply.ts works out the media first): one method per table, in
 * the order the bundle's references need them (systems, codes, coders, media, segments, then
 * memos, contradictions, themes, transcripts). Each table's step fills the id map that the later
 * steps remap the bundle's references through. Runs inside the caller's transaction.
 */
import path from 'node:path';
import { codePath, type Code, type Coder, type Segment, type Uuid } from '../../../shared/domain';
import { UserError } from '../../../shared/errors';
import type { ImportBundle, MediaRef } from '../../../shared/interop';
import { formatTimecode } from '../../../shared/time';
import type { ImportReport as ApplyReport, MediaHow } from '../../../shared/contract/exchange';
import type { ProjectStore } from '../../db/store';
import { fromCode, insertCode, updateCodeRow } from '../../db/tables/codes';
import { CODER_COLORS, insertCoderRow, updateCoderRow } from '../../db/tables/coders';
import { contradictionExists, getContradiction, insertContradictionRow, replaceEvidence, updateContradictionRow } from '../../db/tables/contradictions';
import { insertMediaRow } from '../../db/tables/media';
import { getMemo, insertMemoRow, memoExists, updateMemoRow } from '../../db/tables/memos';
import { insertSegmentRow, linkCodes, replaceCodes, updateSegmentRow } from '../../db/tables/segments';
import { fromSystem, insertSystemRow, updateSystemRow } from '../../db/tables/systems';
import { insertThemeRow, setThemeCodeOrder, themeExists, updateThemeRow } from '../../db/tables/themes';
import { hasTranscript, insertTranscriptRows } from '../../db/tables/transcripts';
import { applyImportedLinks } from '../sync/importLinks';
import { importParticipants } from '../../db/tables/participants';

const norm = (s: string): string => s.trim().toLowerCase();
const normPath = (s: string): string => s.split('/').map(norm).join('/');

/** Where apply.ts found one media of the bundle. */
export interface ResolvedMedia {
  ref: MediaRef;
  how: MediaHow;
  /** Existing media the ref maps to. */
  existingId: Uuid | null;
  file: string | null;
  fingerprint: string;
  size: number;
}

type BundleSegment = ImportBundle['segments'][number];
interface Span { id: Uuid; codes: Set<Uuid>; notes: Set<string> }

const spanKey = (m: Uuid, c: Uuid, a: number, b: number): string => JSON.stringify([m, c, a, b]);
const sameCodes = (a: Uuid[], b: Uuid[]): boolean => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());

function emptyReport(bundle: ImportBundle): ApplyReport {
  return {
    source: bundle.source, segmentsCreated: 0, segmentsUpdated: 0, segmentsUnchanged: 0, codesCreated: [], codesMatched: 0, codersCreated: [], codersMatched: [],
    media: [], memos: 0, contradictions: 0, themes: 0, transcriptCues: 0, participants: 0, warnings: [...bundle.warnings],
  };
}

/** Writes the bundle into the store (inside the caller's transaction) and reports what it did. */
export function writeBundle(store: ProjectStore, bundle: ImportBundle, resolved: ResolvedMedia[]): ApplyReport {
  return new BundleWriter(store, bundle).write(resolved);
}

class BundleWriter {
  private db: ProjectStore['db'];
  private now: number;
  private report: ApplyReport;
  /** The coder this file is a coder file of (then the import may bring no other coder). */
  private onlyCoder: Uuid | null;
  private systemMap = new Map<Uuid, Uuid>();
  private systems: { id: Uuid; name: string }[] = [];
  private codeMap = new Map<Uuid, Uuid>();
  private projectCodes = new Map<Uuid, Code>();
  private coderMap = new Map<Uuid, Uuid>();
  private coderExists = new Set<Uuid>();
  private mediaMap = new Map<Uuid, Uuid>();
  private mediaExists = new Set<Uuid>();
  private durations = new Map<Uuid, { name: string; durationMs: number | null }>();
  private segMap = new Map<Uuid, Uuid>();
  private segExists = new Set<Uuid>();

  constructor(private store: ProjectStore, private bundle: ImportBundle) {
    this.db = store.db;
    this.now = store.now();
    this.report = emptyReport(bundle);
    this.onlyCoder = store.getMeta('coder_file_for') ?? null;
  }

  write(resolved: ResolvedMedia[]): ApplyReport {
    this.writeSystems();
    for (const c of this.store.listCodes()) this.projectCodes.set(c.id, c);
    new CodePlacer(this.db, this.now, this.report, this.projectCodes, this.codeMap, (id) => this.sys(id)).placeAll(this.bundle.codes);
    this.writeCoders();
    this.writeMedia(resolved);
    this.writeSegments();
    this.writeMemos();
    this.writeContradictions();
    this.writeParticipants();
    this.writeThemes();
    this.writeTranscripts();
    return this.report;
  }

  // ---- the id maps: a bundle id → the project id it became (or itself when the project has it)
  sys(id: Uuid | null): Uuid | null {
    if (!id) return null;
    if (this.systemMap.has(id)) return this.systemMap.get(id)!;
    return this.systems.some((x) => x.id === id) ? id : null;
  }
  private code = (id: Uuid): Uuid | null => this.codeMap.get(id) ?? (this.projectCodes.has(id) ? id : null);
  private coder = (id: Uuid): Uuid | null => this.coderMap.get(id) ?? (this.coderExists.has(id) ? id : null);
  private media = (id: Uuid): Uuid | null => this.mediaMap.get(id) ?? (this.mediaExists.has(id) ? id : null);
  private seg = (id: Uuid | null): Uuid | null => (id ? this.segMap.get(id) ?? (this.segExists.has(id) ? id : null) : null);

  /** Activity systems: upserted by id, else matched by name, else created. */
  private writeSystems(): void {
    const systems = this.store.listSystems();
    this.systems = systems;
    for (const s of this.bundle.systems) {
      const cur = systems.find((x) => x.id === s.id);
      if (cur) {
        updateSystemRow(this.db, fromSystem({ ...cur, name: s.name, sortOrder: s.sortOrder, updatedAt: this.now }));
        this.systemMap.set(s.id, s.id);
        continue;
      }
      const same = systems.find((x) => norm(x.name) === norm(s.name));
      if (same) {
        this.systemMap.set(s.id, same.id);
        continue;
      }
      insertSystemRow(this.db, fromSystem(s));
      systems.push({ ...s });
      this.systemMap.set(s.id, s.id);
    }
  }

  /** Coders: upserted by id, else matched by name (case-insensitive), else created (not into a coder file). */
  private writeCoders(): void {
    const coders = this.store.listCoders();
    for (const c of this.bundle.coders) {
      const byId = coders.find((x) => x.id === c.id);
      if (byId) {
        updateCoderRow(this.db, { id: c.id, name: c.name, color: byId.color, is_consensus: c.isConsensus ? 1 : 0, active: byId.active === false ? 0 : 1, created_at: byId.createdAt, updated_at: this.now });
        this.coderMap.set(c.id, c.id);
        this.report.codersMatched.push(c.name);
        continue;
      }
      const byName = coders.filter((x) => norm(x.name) === norm(c.name));
      if (byName.length >= 1) {
        this.coderMap.set(c.id, byName[0]!.id);
        this.report.codersMatched.push(byName[0]!.name);
        continue;
      }
      this.createCoder(c, coders);
    }
    this.coderExists = new Set(coders.map((c) => c.id));
  }

  private createCoder(c: Coder, coders: Coder[]): void {
    if (this.onlyCoder) throw new UserError('forbidden', `This coder file belongs to one coder; the file brings another coder ("${c.name}"). Import into the main project instead.`);
    const color = /^#[0-9a-fA-F]{6}$/.test(c.color) && !coders.some((x) => x.color === c.color) ? c.color : CODER_COLORS[coders.length % CODER_COLORS.length]!;
    insertCoderRow(this.db, { id: c.id, name: c.name.trim() || 'Imported', color, is_consensus: c.isConsensus ? 1 : 0, active: 1, created_at: c.createdAt, updated_at: c.updatedAt });
    coders.push({ ...c, color });
    this.coderMap.set(c.id, c.id);
    this.report.codersCreated.push(c.name);
  }

  /** Media as apply.ts resolved them: mapped to an existing media, or added (two refs to one new file become one media). */
  private writeMedia(resolved: ResolvedMedia[]): void {
    const mediaList = this.store.listMedia();
    for (const m of mediaList) this.durations.set(m.id, { name: m.name, durationMs: m.durationMs });
    const newByFile = new Map<string, Uuid>();
    for (const r of resolved) {
      let id = r.existingId;
      if (!id && r.file && newByFile.has(r.file)) id = newByFile.get(r.file)!;
      if (!id) {
        id = this.insertMedia(r);
        if (r.file) newByFile.set(r.file, id);
      }
      this.mediaMap.set(r.ref.id, id);
      this.report.media.push({ name: r.ref.name, mediaId: id, how: r.how, path: r.file });
    }
    // the EAF importer's hint about RELATIVE_MEDIA_URL only matters when the media was not found
    if (resolved.every((r) => r.how !== 'placeholder')) this.report.warnings = this.report.warnings.filter((w) => !w.startsWith('The media may also be next to'));
    this.mediaExists = new Set(mediaList.map((m) => m.id));
    this.report.warnings.push(...applyImportedLinks(this.db, this.bundle.mediaLinks ?? [], this.media, this.now));
  }

  private insertMedia(r: ResolvedMedia): Uuid {
    const id = r.ref.id;
    const name = r.file ? path.basename(r.file) : r.ref.name;
    const frameRate = r.ref.frameRate && r.ref.frameRate > 0 && r.ref.frameRate <= 1000 ? r.ref.frameRate : null;
    const durationMs = r.ref.durationMs !== null && r.ref.durationMs >= 0 ? Math.round(r.ref.durationMs) : null;
    insertMediaRow(this.db, {
      id, path: r.file ?? r.ref.path ?? '', name, fingerprint: r.fingerprint, size: r.size, duration_ms: durationMs, frame_rate: frameRate,
      last_position_ms: 0, created_at: r.ref.createdAt, updated_at: r.ref.updatedAt,
    });
    this.durations.set(id, { name, durationMs });
    return id;
  }

  /**
   * Segments: checked, then upserted by id; a new one identical to a segment already on its span
   * is not added twice (see SpanIndex).
   */
  private writeSegments(): void {
    const existing = new Map(this.store.listSegments().map((s) => [s.id, s]));
    const spans = new SpanIndex(this.bundle.source !== 'qdpx');
    for (const s of existing.values()) spans.add(s.id, s.note, s.mediaId, s.coderId, s.startMs, s.endMs, s.codeIds);
    for (const s of this.bundle.segments) {
      const { mediaId, coderId, codeIds } = this.checkSegment(s);
      const cur = existing.get(s.id);
      if (cur) this.updateSegment(s, cur, mediaId, coderId, codeIds);
      else this.addSegment(s, spans, mediaId, coderId, codeIds);
    }
    this.segExists = new Set(existing.keys());
  }

  /** The segment's media, coder and codes in the project; throws (one line) when it cannot be placed. */
  private checkSegment(s: BundleSegment): { mediaId: Uuid; coderId: Uuid; codeIds: Uuid[] } {
    const mediaId = this.media(s.mediaId);
    const coderId = this.coder(s.coderId);
    const where = `Segment ${formatTimecode(Math.max(0, s.startMs))}–${formatTimecode(Math.max(0, s.endMs))}`;
    if (!mediaId) throw new UserError('invalid', `${where} belongs to a media that is not in the file or the project`);
    if (!coderId) throw new UserError('invalid', `${where} belongs to a coder that is not in the file or the project`);
    if (this.onlyCoder && coderId !== this.onlyCoder) throw new UserError('forbidden', `${where} belongs to another coder than this coder file's`);
    if (!Number.isInteger(s.startMs) || !Number.isInteger(s.endMs)) throw new UserError('invalid', `${where}: times must be whole milliseconds`);
    if (s.startMs < 0) throw new UserError('invalid', `${where}: the start is negative`);
    if (s.endMs < s.startMs) throw new UserError('invalid', `${where}: the end is before the start`);
    const d = this.durations.get(mediaId)!;
    if (d.durationMs !== null && s.endMs > d.durationMs + 1000) {
      throw new UserError('invalid', `${where} ends after the end of ${d.name} (${formatTimecode(d.durationMs)}); choose the right media`);
    }
    const codeIds: Uuid[] = [];
    for (const cid of s.codeIds) {
      const m = this.code(cid);
      if (!m) throw new UserError('invalid', `${where} uses a code that is not in the file or the project`);
      if (!codeIds.includes(m)) codeIds.push(m);
    }
    return { mediaId, coderId, codeIds };
  }

  private updateSegment(s: BundleSegment, cur: Segment, mediaId: Uuid, coderId: Uuid, codeIds: Uuid[]): void {
    const same = cur.mediaId === mediaId && cur.coderId === coderId && cur.startMs === s.startMs && cur.endMs === s.endMs && cur.note === s.note && sameCodes(cur.codeIds, codeIds);
    if (same) this.report.segmentsUnchanged++;
    else {
      updateSegmentRow(this.db, { id: s.id, media_id: mediaId, coder_id: coderId, start_ms: s.startMs, end_ms: s.endMs, note: s.note, created_at: cur.createdAt, updated_at: this.now });
      replaceCodes(this.db, s.id, codeIds, this.now);
      this.report.segmentsUpdated++;
    }
    this.segMap.set(s.id, s.id);
  }

  private addSegment(s: BundleSegment, spans: SpanIndex, mediaId: Uuid, coderId: Uuid, codeIds: Uuid[]): void {
    const dup = spans.duplicateOf(mediaId, coderId, s.startMs, s.endMs, codeIds, s.note);
    if (dup) {
      this.segMap.set(s.id, dup);
      this.report.segmentsUnchanged++;
      return;
    }
    insertSegmentRow(this.db, { id: s.id, media_id: mediaId, coder_id: coderId, start_ms: s.startMs, end_ms: s.endMs, note: s.note, created_at: s.createdAt, updated_at: s.updatedAt });
    linkCodes(this.db, s.id, codeIds, s.createdAt);
    spans.add(s.id, s.note, mediaId, coderId, s.startMs, s.endMs, codeIds);
    this.segMap.set(s.id, s.id);
    this.report.segmentsCreated++;
  }

  /** Memos: upserted by id; a memo whose media or segment is unknown becomes a project memo. */
  private writeMemos(): void {
    for (const m of this.bundle.memos) {
      let scope = m.scope;
      const mediaId = m.mediaId ? this.media(m.mediaId) : null;
      const segmentId = this.seg(m.segmentId);
      if ((scope === 'media' && !mediaId) || (scope === 'segment' && !segmentId)) scope = 'project';
      const row = {
        id: m.id, scope, media_id: scope === 'project' ? null : mediaId, segment_id: scope === 'segment' ? segmentId : null, coder_id: m.coderId ? this.coder(m.coderId) : null,
        time_ms: m.timeMs, title: m.title, body: m.body,
      };
      const cur = memoExists(this.db, m.id) ? getMemo(this.db, m.id) : null;
      if (cur) updateMemoRow(this.db, { ...row, created_at: cur.createdAt, updated_at: this.now });
      else insertMemoRow(this.db, { ...row, created_at: m.createdAt, updated_at: m.updatedAt });
      this.report.memos++;
    }
  }

  /** Contradictions: upserted by id with their evidence remapped; one without a known coder is skipped. */
  private writeContradictions(): void {
    for (const c of this.bundle.contradictions) {
      const coderId = this.coder(c.coderId);
      if (!coderId) {
        this.report.warnings.push(`Contradiction "${c.level}" has no known coder; skipped.`);
        continue;
      }
      const row = { id: c.id, level: c.level, element_a: c.elementA, system_a: this.sys(c.systemA), element_b: c.elementB, system_b: this.sys(c.systemB), coder_id: coderId, status: c.status, note: c.note };
      const cur = contradictionExists(this.db, c.id) ? getContradiction(this.db, c.id) : null;
      if (cur) updateContradictionRow(this.db, { ...row, created_at: cur.createdAt, updated_at: this.now });
      else insertContradictionRow(this.db, { ...row, created_at: c.createdAt, updated_at: c.updatedAt });
      replaceEvidence(this.db, c.id, new Set(c.evidenceSegmentIds.map(this.seg).filter((x): x is Uuid => !!x)));
      this.report.contradictions++;
    }
  }

  /** Themes: upserted by id with their codes remapped (order kept, duplicates dropped). */
  /** Participants, groups and who each segment is about (QDPX cases). */
  private writeParticipants(): void {
    if (this.bundle.participants) this.report.participants = importParticipants(this.db, this.bundle.participants, this.seg, (id) => this.sys(id), this.now);
  }

  private writeThemes(): void {
    for (const t of this.bundle.themes) {
      const row = { id: t.id, name: t.name, description: t.description, sort_order: t.sortOrder };
      const cur = themeExists(this.db, t.id) ? this.store.listThemes().find((x) => x.id === t.id)! : null;
      if (cur) updateThemeRow(this.db, { ...row, created_at: cur.createdAt, updated_at: this.now });
      else insertThemeRow(this.db, { ...row, created_at: t.createdAt, updated_at: t.updatedAt });
      setThemeCodeOrder(this.db, t.id, [...new Set(t.codeIds.map(this.code).filter((x): x is Uuid => !!x))]);
      this.report.themes++;
    }
  }

  /** Transcripts: added to media that have none (every open study has the tables: migrations run on open). */
  private writeTranscripts(): void {
    const entries = Object.entries(this.bundle.transcripts).filter(([, cues]) => cues.length > 0);
    if (!entries.length) return;
    for (const [refId, cues] of entries) {
      const mediaId = this.media(refId);
      if (!mediaId) continue;
      if (hasTranscript(this.db, mediaId)) {
        this.report.warnings.push(`${this.durations.get(mediaId)?.name ?? 'A media'} already has a transcript; the one in the file was not added.`);
        continue;
      }
      // the transcripts table only knows 'vtt' and 'srt'; cues from QDPX are timed cues like WebVTT's
      const timed = cues.map((c) => {
        const a = Math.max(0, Math.round(c.startMs));
        return { startMs: a, endMs: Math.max(a, Math.round(c.endMs)), speaker: c.speaker, text: c.text };
      });
      insertTranscriptRows(this.db, { mediaId, name: 'Transcript (REFI-QDA)', format: 'vtt', cues: timed }, this.now);
      this.report.transcriptCues += cues.length;
    }
  }
}

/**
 * Codes of a new coder's span already in the project: a new segment that adds neither a code nor
 * a note of its own is a duplicate (an EAF or event table carries codings, not segments: two
 * segments of one span come back as one). A REFI-QDA selection is a segment with its own guid:
 * never folded into another (fold = false).
 */
class SpanIndex {
  private spans = new Map<string, Span>();
  constructor(private fold: boolean) {}

  add(id: Uuid, note: string, m: Uuid, c: Uuid, a: number, b: number, codes: Uuid[]): void {
    const k = spanKey(m, c, a, b);
    const cur = this.spans.get(k) ?? { id, codes: new Set<Uuid>(), notes: new Set<string>() };
    for (const x of codes) cur.codes.add(x);
    cur.notes.add(note);
    this.spans.set(k, cur);
  }

  /** The segment a new one duplicates, or null. */
  duplicateOf(m: Uuid, c: Uuid, a: number, b: number, codeIds: Uuid[], note: string): Uuid | null {
    const span = this.spans.get(spanKey(m, c, a, b));
    if (!span || !this.fold) return null;
    if (note !== '' && !span.notes.has(note)) return null;
    const covered = codeIds.length ? codeIds.every((x) => span.codes.has(x)) : span.codes.size === 0;
    return covered ? span.id : null;
  }
}

/**
 * Places the bundle's codes, parents first: upserted by id (never nested inside itself), else
 * matched by full path ("Researchers/Tools", case-insensitive), else created. A hotkey already
 * used by another code of the project is dropped with a warning.
 */
class CodePlacer {
  private pathIndex = new Map<string, Uuid>();
  private usedHotkeys = new Map<string, Uuid>();
  private bundleCodes = new Map<Uuid, Code>();
  private done = new Set<Uuid>();
  private visiting = new Set<Uuid>();

  constructor(
    private db: ProjectStore['db'],
    private now: number,
    private report: ApplyReport,
    private projectCodes: Map<Uuid, Code>,
    private codeMap: Map<Uuid, Uuid>,
    private sys: (id: Uuid | null) => Uuid | null,
  ) {
    for (const c of projectCodes.values()) this.pathIndex.set(normPath(codePath(c, projectCodes)), c.id);
    for (const c of projectCodes.values()) if (c.hotkey) this.usedHotkeys.set(c.hotkey, c.id);
  }

  placeAll(codes: Code[]): void {
    this.bundleCodes = new Map(codes.map((c) => [c.id, c]));
    for (const c of codes) this.place(c);
  }

  private place(c: Code): void {
    if (this.done.has(c.id)) return;
    if (this.visiting.has(c.id)) throw new UserError('invalid', `The codebook in the file has a cycle at "${c.name}"`);
    this.visiting.add(c.id);
    const parentId = this.parentOf(c);
    const parentPath = parentId ? codePath(this.projectCodes.get(parentId)!, this.projectCodes) : '';
    const fullPath = parentPath ? `${parentPath}/${c.name}` : c.name;
    if (this.projectCodes.has(c.id)) this.update(c, parentId, fullPath);
    else if (this.pathIndex.has(normPath(fullPath))) {
      this.codeMap.set(c.id, this.pathIndex.get(normPath(fullPath))!);
      this.report.codesMatched++;
    } else this.create(c, parentId, fullPath);
    this.visiting.delete(c.id);
    this.done.add(c.id);
  }

  /** The project id of the code's parent (placing a parent from the bundle first), or null. */
  private parentOf(c: Code): Uuid | null {
    if (!c.parentId) return null;
    const bp = this.bundleCodes.get(c.parentId);
    if (bp) {
      this.place(bp);
      return this.codeMap.get(bp.id)!;
    }
    if (this.projectCodes.has(c.parentId)) return c.parentId;
    this.report.warnings.push(`Code "${c.name}" refers to a parent that is not in the file; it was placed at the top level.`);
    return null;
  }

  private hotkeyFor(c: Code, fullPath: string): string | null {
    if (!c.hotkey) return null;
    const owner = this.usedHotkeys.get(c.hotkey);
    if (owner && owner !== c.id) {
      this.report.warnings.push(`Hotkey "${c.hotkey}" of "${fullPath}" is already used in this project; the imported code has none.`);
      return null;
    }
    return c.hotkey;
  }

  /** Upsert: the same record from an earlier import or export of this project. */
  private update(c: Code, parentId: Uuid | null, fullPath: string): void {
    const cur = this.projectCodes.get(c.id)!;
    let parent = parentId;
    for (let p = parent; p; p = this.projectCodes.get(p)?.parentId ?? null) {
      if (p === c.id) {
        parent = cur.parentId; // would nest the code inside itself: keep its place
        break;
      }
    }
    const hotkey = c.hotkey === cur.hotkey ? cur.hotkey : this.hotkeyFor(c, fullPath) ?? cur.hotkey;
    const next: Code = { ...cur, name: c.name, kind: c.kind, element: c.element, systemId: this.sys(c.systemId), contradictionLevel: c.contradictionLevel, parentId: parent, color: c.color, hotkey, definition: c.definition, sortOrder: c.sortOrder, updatedAt: this.now };
    updateCodeRow(this.db, fromCode(next));
    if (cur.hotkey && cur.hotkey !== hotkey) this.usedHotkeys.delete(cur.hotkey);
    if (hotkey) this.usedHotkeys.set(hotkey, c.id);
    this.projectCodes.set(c.id, next);
    this.codeMap.set(c.id, c.id);
    this.report.codesMatched++;
  }

  private create(c: Code, parentId: Uuid | null, fullPath: string): void {
    const next: Code = { ...c, systemId: this.sys(c.systemId), parentId, hotkey: this.hotkeyFor(c, fullPath) };
    insertCode(this.db, next);
    if (next.hotkey) this.usedHotkeys.set(next.hotkey, next.id);
    this.projectCodes.set(next.id, next);
    this.pathIndex.set(normPath(fullPath), next.id);
    this.codeMap.set(c.id, next.id);
    this.report.codesCreated.push(fullPath);
  }
}
