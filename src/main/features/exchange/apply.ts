/**
 * Writes an ImportBundle (QDPX, EAF, BORIS / ELAN tables) into a project in ONE transaction.
 *
 * - Records are upserted by id. Records whose id is new are matched before being created:
 *   activity systems by name, codes by their full path ("Researchers/Tools"), coders by name
 *   (case-insensitive); the bundle's references are remapped to the matched ids.
 * - Media are resolved before the transaction: a file embedded in the .qdpx (Sources/…) is
 *   extracted next to the project file after the archive checks of readQdpxEntry; an absolute
 *   path, a path relative to the imported file or to the project, or the bare file name next to
 *   either is used when the file exists there; a file whose content fingerprint matches a media
 *   of the project maps to that media. Otherwise the media is added as a placeholder
 *   (fingerprint '' = "locate it later"; the app's Locate action fills it in). The report says
 *   which way each one went.
 * - Segments are checked (whole ms, 0 ≤ start ≤ end, not past the media's end) and a segment
 *   identical to one already in the project (media, coder, times, codes) is not added twice.
 * Any error rolls everything back and removes any file extracted for this import.
 */
import fs from 'node:fs';
import path from 'node:path';
import { codePath, type Code, type Uuid } from '../../../shared/domain';
import { UserError } from '../../../shared/errors';
import type { ImportBundle, MediaRef } from '../../../shared/interop';
import { InteropError, listZipEntries, readQdpxEntry } from '../../../shared/interop';
import { formatTimecode } from '../../../shared/time';
import type { ProjectStore } from '../../db/store';
import { fromCode, insertCode, updateCodeRow } from '../../db/tables/codes';
import { CODER_COLORS, insertCoderRow, updateCoderRow } from '../../db/tables/coders';
import { contradictionExists, getContradiction, insertContradictionRow, replaceEvidence, updateContradictionRow } from '../../db/tables/contradictions';
import { insertMediaRow } from '../../db/tables/media';
import { getMemo, insertMemoRow, memoExists, updateMemoRow } from '../../db/tables/memos';
import { hasTable } from '../../db/tables/meta';
import { insertSegmentRow, linkCodes, replaceCodes, updateSegmentRow } from '../../db/tables/segments';
import { fromSystem, insertSystemRow, updateSystemRow } from '../../db/tables/systems';
import { insertThemeRow, setThemeCodeOrder, themeExists, updateThemeRow } from '../../db/tables/themes';
import { hasTranscript, insertTranscriptRows } from '../../db/tables/transcripts';
import { fingerprintFile, sniffFile } from '../../media';
import { SNIFF_BYTES, sniffMedia } from '../../../shared/media/sniff';
import { MEDIA_HOW_LABEL, type ImportReport as ApplyReport, type MediaHow } from '../../../shared/contract/exchange';
import { IMPORT_ZIP_LIMITS } from './limits';
import { plural } from '../../../shared/plural';
import { importParticipants } from '../../db/tables/participants';

export type { ImportReport as ApplyReport, MediaHow, MediaResolution } from '../../../shared/contract/exchange';
export { MEDIA_HOW_LABEL };

export interface ApplyOptions {
  /** The imported file: relative media paths are resolved from its folder. */
  sourceFile?: string | null;
  /** The .qdpx bytes, to extract embedded media from. */
  archive?: Uint8Array | null;
  /** Bundle media id → existing project media id (the user's choice). */
  mediaChoice?: Record<Uuid, Uuid>;
  /** Work everything out and roll back: nothing is written, no file is extracted (previews). */
  dryRun?: boolean;
}

const MAX_MEDIA_RATIO = 10;
const MEDIA_RATIO_MIN_BYTES = 1024 * 1024;

const ROLLBACK = new Error('dry run: roll back');

const norm = (s: string): string => s.trim().toLowerCase();
const normPath = (s: string): string => s.split('/').map(norm).join('/');

/** A file name safe to create in a folder: no separators, no control characters, not empty. */
export function safeFileName(name: string, fallbackExt = ''): string {
  let n = name.replace(/[\\/]/g, '_').replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_').trim();
  n = n.replace(/^\.+/, '');
  if (!n) n = `media${fallbackExt}`;
  if (n.length > 180) n = n.slice(0, 180);
  if (!/\.[A-Za-z0-9]{1,8}$/.test(n) && fallbackExt) n += fallbackExt;
  return n;
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

/** A file a media reference may be linked to: one that is there and is a recording (not, say, /etc/passwd). */
function isRecording(p: string): boolean {
  try {
    return isFile(p) && sniffFile(p).media;
  } catch {
    return false;
  }
}

function uniquePath(dir: string, name: string): string {
  const ext = path.extname(name);
  const stem = name.slice(0, name.length - ext.length);
  let candidate = path.join(dir, name);
  for (let i = 2; fs.existsSync(candidate); i++) candidate = path.join(dir, `${stem} (${i})${ext}`);
  return candidate;
}

interface ResolvedMedia {
  ref: MediaRef;
  how: MediaHow;
  /** Existing media the ref maps to. */
  existingId: Uuid | null;
  file: string | null;
  fingerprint: string;
  size: number;
}

/** Works out where each media of the bundle is; may extract files (returned to clean up on failure). */
function resolveMedia(store: ProjectStore, bundle: ImportBundle, opts: ApplyOptions, created: string[]): ResolvedMedia[] {
  const existing = store.listMedia();
  const byId = new Map(existing.map((m) => [m.id, m]));
  const byFingerprint = new Map(existing.filter((m) => m.fingerprint).map((m) => [m.fingerprint, m]));
  const projectDir = path.dirname(store.file);
  const sourceDir = opts.sourceFile ? path.dirname(path.resolve(opts.sourceFile)) : null;
  const out: ResolvedMedia[] = [];
  for (const ref of bundle.media) {
    const chosen = opts.mediaChoice?.[ref.id];
    if (chosen) {
      if (!byId.has(chosen)) throw new UserError('not_found', `No media ${chosen} in this project`);
      out.push({ ref, how: 'chosen', existingId: chosen, file: null, fingerprint: '', size: 0 });
      continue;
    }
    if (byId.has(ref.id)) {
      out.push({ ref, how: 'existing', existingId: ref.id, file: byId.get(ref.id)!.path, fingerprint: '', size: 0 });
      continue;
    }
    if (ref.fingerprint && byFingerprint.has(ref.fingerprint)) {
      const m = byFingerprint.get(ref.fingerprint)!;
      out.push({ ref, how: 'fingerprint', existingId: m.id, file: m.path, fingerprint: m.fingerprint, size: m.size });
      continue;
    }
    let file: string | null = null;
    let how: MediaHow = 'placeholder';
    if (ref.location === 'archive' && ref.archivePath && opts.archive && opts.dryRun) {
      const ext = path.extname(ref.archivePath).toLowerCase();
      out.push({ ref, how: 'extracted', existingId: null, file: path.join(projectDir, safeFileName(path.basename(ref.name || ref.archivePath), ext)), fingerprint: '', size: 0 });
      continue;
    }
    if (ref.location === 'archive' && ref.archivePath && opts.archive) {
      // readQdpxEntry re-checks the whole archive (names, sizes, ratios, overlaps) and the CRC;
      // media are already compressed, so an entry that claims to shrink more than 10:1 is a bomb
      const entry = listZipEntries(opts.archive, IMPORT_ZIP_LIMITS).find((e) => e.name === ref.archivePath);
      if (entry && entry.size > MEDIA_RATIO_MIN_BYTES && entry.size / Math.max(1, entry.compressedSize) > MAX_MEDIA_RATIO) {
        throw new InteropError(`The archive entry "${entry.name}" claims to compress ${Math.round(entry.size / Math.max(1, entry.compressedSize))}:1, which no video does; refused as a possible zip bomb.`);
      }
      const bytes = readQdpxEntry(opts.archive, ref.archivePath, IMPORT_ZIP_LIMITS);
      // an embedded "video" that is not a recording is not written out: the media stays to be located
      if (sniffMedia(bytes.subarray(0, SNIFF_BYTES)).media) {
        const ext = path.extname(ref.archivePath).toLowerCase();
        const target = path.join(projectDir, safeFileName(path.basename(ref.name || ref.archivePath), ext));
        const tmp = path.join(projectDir, `.${path.basename(target)}.${process.pid}.import.tmp`);
        created.push(tmp);
        fs.writeFileSync(tmp, bytes);
        const fp = fingerprintFile(tmp);
        if (isFile(target) && fingerprintFile(target).fingerprint === fp.fingerprint) {
          fs.rmSync(tmp, { force: true });
          file = target; // the same recording is already there
        } else {
          file = uniquePath(projectDir, path.basename(target));
          fs.renameSync(tmp, file);
          created.push(file);
        }
        how = 'extracted';
      }
    }
    if (!file) {
      const candidates: { p: string; how: MediaHow }[] = [];
      if (ref.path && ref.location === 'absolute') candidates.push({ p: ref.path, how: 'path' });
      if (ref.path && ref.location === 'relative') {
        if (sourceDir) candidates.push({ p: path.resolve(sourceDir, ref.path), how: 'relative' });
        candidates.push({ p: path.resolve(projectDir, ref.path), how: 'relative' });
      }
      const base = path.basename((ref.path ?? ref.name ?? '').replace(/\\/g, '/'));
      if (base) {
        if (sourceDir) candidates.push({ p: path.join(sourceDir, base), how: 'relative' });
        candidates.push({ p: path.join(projectDir, base), how: 'relative' });
      }
      const hit = candidates.find((c) => (path.isAbsolute(c.p) || /^[A-Za-z]:\//.test(c.p)) && isRecording(c.p));
      if (hit) {
        file = path.resolve(hit.p);
        how = hit.how;
      }
    }
    if (file) {
      const fp = fingerprintFile(file);
      const same = byFingerprint.get(fp.fingerprint);
      if (same) {
        if (created.includes(file)) {
          fs.rmSync(file, { force: true });
          created.splice(created.indexOf(file), 1);
        }
        out.push({ ref, how: 'fingerprint', existingId: same.id, file: same.path, fingerprint: same.fingerprint, size: same.size });
        continue;
      }
      out.push({ ref, how, existingId: null, file, fingerprint: fp.fingerprint, size: fp.size });
      continue;
    }
    // no file: a media of the project with that name, or a placeholder
    const named = existing.filter((m) => norm(m.name) === norm(ref.name));
    if (named.length === 1) {
      out.push({ ref, how: 'name', existingId: named[0]!.id, file: named[0]!.path, fingerprint: named[0]!.fingerprint, size: named[0]!.size });
      continue;
    }
    out.push({ ref, how: 'placeholder', existingId: null, file: null, fingerprint: '', size: 0 });
  }
  // two refs resolving to the same new file become one media
  return out;
}

const importLabel = (source: string, r: ApplyReport) =>
  `Import ${source.toUpperCase()} (${r.segmentsCreated} new, ${plural(r.segmentsUpdated, 'changed segment')})`;

/** Applies the bundle in one transaction. Throws UserError / InteropError; then nothing changed. */
export function applyBundle(store: ProjectStore, bundle: ImportBundle, opts: ApplyOptions = {}): ApplyReport {
  const created: string[] = [];
  try {
    const resolved = resolveMedia(store, bundle, opts, created);
    // an import is one step of the undo history (the media rows it adds stay on undo)
    if (!opts.dryRun) return store.recordEdit((r) => importLabel(bundle.source, r), () => write(store, bundle, resolved));
    let report: ApplyReport | null = null;
    try {
      store.tx(() => {
        report = write(store, bundle, resolved);
        throw ROLLBACK;
      });
    } catch (e) {
      if (e !== ROLLBACK) throw e;
    }
    return report!;
  } catch (e) {
    for (const f of created) fs.rmSync(f, { force: true });
    throw e;
  }
}

function write(store: ProjectStore, bundle: ImportBundle, resolved: ResolvedMedia[]): ApplyReport {
  const db = store.db;
  const now = store.now();
  const report: ApplyReport = {
    source: bundle.source,
    segmentsCreated: 0,
    segmentsUpdated: 0,
    segmentsUnchanged: 0,
    codesCreated: [],
    codesMatched: 0,
    codersCreated: [],
    codersMatched: [],
    media: [],
    memos: 0,
    contradictions: 0,
    themes: 0,
    transcriptCues: 0,
    participants: 0,
    warnings: [...bundle.warnings],
  };

  // ---------- activity systems ----------
  const systemMap = new Map<Uuid, Uuid>();
  const systems = store.listSystems();
  for (const s of bundle.systems) {
    if (systems.some((x) => x.id === s.id)) {
      const cur = systems.find((x) => x.id === s.id)!;
      updateSystemRow(db, fromSystem({ ...cur, name: s.name, sortOrder: s.sortOrder, updatedAt: now }));
      systemMap.set(s.id, s.id);
      continue;
    }
    const same = systems.find((x) => norm(x.name) === norm(s.name));
    if (same) {
      systemMap.set(s.id, same.id);
      continue;
    }
    insertSystemRow(db, fromSystem(s));
    systems.push({ ...s });
    systemMap.set(s.id, s.id);
  }
  const sys = (id: Uuid | null): Uuid | null => {
    if (!id) return null;
    if (systemMap.has(id)) return systemMap.get(id)!;
    return systems.some((x) => x.id === id) ? id : null;
  };

  // ---------- codes (parents first) ----------
  const codeMap = new Map<Uuid, Uuid>();
  const projectCodes = new Map(store.listCodes().map((c) => [c.id, c]));
  const pathIndex = new Map<string, Uuid>();
  for (const c of projectCodes.values()) pathIndex.set(normPath(codePath(c, projectCodes)), c.id);
  const usedHotkeys = new Map<string, Uuid>();
  for (const c of projectCodes.values()) if (c.hotkey) usedHotkeys.set(c.hotkey, c.id);
  const bundleCodes = new Map(bundle.codes.map((c) => [c.id, c]));
  const done = new Set<Uuid>();
  const visiting = new Set<Uuid>();
  const placeCode = (c: Code): void => {
    if (done.has(c.id)) return;
    if (visiting.has(c.id)) throw new UserError('invalid', `The codebook in the file has a cycle at "${c.name}"`);
    visiting.add(c.id);
    let parentId: Uuid | null = null;
    if (c.parentId) {
      const bp = bundleCodes.get(c.parentId);
      if (bp) {
        placeCode(bp);
        parentId = codeMap.get(bp.id)!;
      } else if (projectCodes.has(c.parentId)) parentId = c.parentId;
      else report.warnings.push(`Code "${c.name}" refers to a parent that is not in the file; it was placed at the top level.`);
    }
    const parentPath = parentId ? codePath(projectCodes.get(parentId)!, projectCodes) : '';
    const fullPath = parentPath ? `${parentPath}/${c.name}` : c.name;
    const hotkeyFor = (selfId: Uuid): string | null => {
      if (!c.hotkey) return null;
      const owner = usedHotkeys.get(c.hotkey);
      if (owner && owner !== selfId) {
        report.warnings.push(`Hotkey "${c.hotkey}" of "${fullPath}" is already used in this project; the imported code has none.`);
        return null;
      }
      return c.hotkey;
    };
    if (projectCodes.has(c.id)) {
      // upsert: same record from an earlier import or export of this project
      const cur = projectCodes.get(c.id)!;
      let parent = parentId;
      for (let p = parent; p; p = projectCodes.get(p)?.parentId ?? null) {
        if (p === c.id) {
          parent = cur.parentId; // would nest the code inside itself: keep its place
          break;
        }
      }
      const hotkey = c.hotkey === cur.hotkey ? cur.hotkey : hotkeyFor(c.id) ?? cur.hotkey;
      const next: Code = { ...cur, name: c.name, kind: c.kind, element: c.element, systemId: sys(c.systemId), contradictionLevel: c.contradictionLevel, parentId: parent, color: c.color, hotkey, definition: c.definition, sortOrder: c.sortOrder, updatedAt: now };
      updateCodeRow(db, fromCode(next));
      if (cur.hotkey && cur.hotkey !== hotkey) usedHotkeys.delete(cur.hotkey);
      if (hotkey) usedHotkeys.set(hotkey, c.id);
      projectCodes.set(c.id, next);
      codeMap.set(c.id, c.id);
      report.codesMatched++;
    } else if (pathIndex.has(normPath(fullPath))) {
      codeMap.set(c.id, pathIndex.get(normPath(fullPath))!);
      report.codesMatched++;
    } else {
      const next: Code = { ...c, systemId: sys(c.systemId), parentId, hotkey: hotkeyFor(c.id) };
      insertCode(db, next);
      if (next.hotkey) usedHotkeys.set(next.hotkey, next.id);
      projectCodes.set(next.id, next);
      pathIndex.set(normPath(fullPath), next.id);
      codeMap.set(c.id, next.id);
      report.codesCreated.push(fullPath);
    }
    visiting.delete(c.id);
    done.add(c.id);
  };
  for (const c of bundle.codes) placeCode(c);
  const code = (id: Uuid): Uuid | null => codeMap.get(id) ?? (projectCodes.has(id) ? id : null);

  // ---------- coders ----------
  const coderMap = new Map<Uuid, Uuid>();
  const coders = store.listCoders();
  const onlyCoder = store.getMeta('coder_file_for') ?? null;
  for (const c of bundle.coders) {
    const byId = coders.find((x) => x.id === c.id);
    if (byId) {
      updateCoderRow(db, { id: c.id, name: c.name, color: byId.color, is_consensus: c.isConsensus ? 1 : 0, active: byId.active === false ? 0 : 1, created_at: byId.createdAt, updated_at: now });
      coderMap.set(c.id, c.id);
      report.codersMatched.push(c.name);
      continue;
    }
    const byName = coders.filter((x) => norm(x.name) === norm(c.name));
    if (byName.length >= 1) {
      coderMap.set(c.id, byName[0]!.id);
      report.codersMatched.push(byName[0]!.name);
      continue;
    }
    if (onlyCoder) throw new UserError('forbidden', `This coder file belongs to one coder; the file brings another coder ("${c.name}"). Import into the main project instead.`);
    const color = /^#[0-9a-fA-F]{6}$/.test(c.color) && !coders.some((x) => x.color === c.color) ? c.color : CODER_COLORS[coders.length % CODER_COLORS.length]!;
    insertCoderRow(db, { id: c.id, name: c.name.trim() || 'Imported', color, is_consensus: c.isConsensus ? 1 : 0, active: 1, created_at: c.createdAt, updated_at: c.updatedAt });
    coders.push({ ...c, color });
    coderMap.set(c.id, c.id);
    report.codersCreated.push(c.name);
  }
  const coderExists = new Set(coders.map((c) => c.id));
  const coder = (id: Uuid): Uuid | null => coderMap.get(id) ?? (coderExists.has(id) ? id : null);

  // ---------- media ----------
  const mediaMap = new Map<Uuid, Uuid>();
  const mediaList = store.listMedia();
  const durations = new Map(mediaList.map((m) => [m.id, { name: m.name, durationMs: m.durationMs }]));
  const newByFile = new Map<string, Uuid>();
  for (const r of resolved) {
    let id = r.existingId;
    if (!id && r.file && newByFile.has(r.file)) id = newByFile.get(r.file)!;
    if (!id) {
      id = r.ref.id;
      const name = r.file ? path.basename(r.file) : r.ref.name;
      const frameRate = r.ref.frameRate && r.ref.frameRate > 0 && r.ref.frameRate <= 1000 ? r.ref.frameRate : null;
      const durationMs = r.ref.durationMs !== null && r.ref.durationMs >= 0 ? Math.round(r.ref.durationMs) : null;
      insertMediaRow(db, {
        id, path: r.file ?? r.ref.path ?? '', name, fingerprint: r.fingerprint, size: r.size, duration_ms: durationMs, frame_rate: frameRate,
        last_position_ms: 0, created_at: r.ref.createdAt, updated_at: r.ref.updatedAt,
      });
      durations.set(id, { name, durationMs });
      if (r.file) newByFile.set(r.file, id);
    }
    mediaMap.set(r.ref.id, id);
    report.media.push({ name: r.ref.name, mediaId: id, how: r.how, path: r.file });
  }
  // the EAF importer's hint about RELATIVE_MEDIA_URL only matters when the media was not found
  if (resolved.every((r) => r.how !== 'placeholder')) report.warnings = report.warnings.filter((w) => !w.startsWith('The media may also be next to'));
  const mediaExists = new Set(mediaList.map((m) => m.id));
  const media = (id: Uuid): Uuid | null => mediaMap.get(id) ?? (mediaExists.has(id) ? id : null);

  // ---------- segments ----------
  const segMap = new Map<Uuid, Uuid>();
  const existingSegs = new Map(store.listSegments().map((s) => [s.id, s]));
  const sameKey = (m: Uuid, c: Uuid, a: number, b: number, codes: Uuid[]): string => JSON.stringify([m, c, a, b, [...codes].sort()]);
  // codes and notes already on each span of a coder: a new segment that adds none of its own is a
  // duplicate (an EAF or event table carries codings, not segments: two segments of one span come
  // back as one). A REFI-QDA selection is a segment with its own guid: never folded into another.
  const foldBySpan = bundle.source !== 'qdpx';
  const spanKey = (m: Uuid, c: Uuid, a: number, b: number): string => JSON.stringify([m, c, a, b]);
  const spanCodes = new Map<string, { id: Uuid; codes: Set<Uuid>; notes: Set<string> }>();
  const addSpan = (s: { id: Uuid; note: string }, m: Uuid, c: Uuid, a: number, b: number, codes: Uuid[]): void => {
    const k = spanKey(m, c, a, b);
    const cur = spanCodes.get(k) ?? { id: s.id, codes: new Set<Uuid>(), notes: new Set<string>() };
    for (const x of codes) cur.codes.add(x);
    cur.notes.add(s.note);
    spanCodes.set(k, cur);
  };
  const isDuplicate = (span: { codes: Set<Uuid>; notes: Set<string> } | undefined, codeIds: Uuid[], note: string): boolean =>
    !!span && foldBySpan && (note === '' || span.notes.has(note)) && (codeIds.length ? codeIds.every((c) => span.codes.has(c)) : span.codes.size === 0);
  for (const s of existingSegs.values()) addSpan(s, s.mediaId, s.coderId, s.startMs, s.endMs, s.codeIds);
  for (const s of bundle.segments) {
    const mediaId = media(s.mediaId);
    const coderId = coder(s.coderId);
    const where = `Segment ${formatTimecode(Math.max(0, s.startMs))}–${formatTimecode(Math.max(0, s.endMs))}`;
    if (!mediaId) throw new UserError('invalid', `${where} belongs to a media that is not in the file or the project`);
    if (!coderId) throw new UserError('invalid', `${where} belongs to a coder that is not in the file or the project`);
    if (onlyCoder && coderId !== onlyCoder) throw new UserError('forbidden', `${where} belongs to another coder than this coder file's`);
    if (!Number.isInteger(s.startMs) || !Number.isInteger(s.endMs)) throw new UserError('invalid', `${where}: times must be whole milliseconds`);
    if (s.startMs < 0) throw new UserError('invalid', `${where}: the start is negative`);
    if (s.endMs < s.startMs) throw new UserError('invalid', `${where}: the end is before the start`);
    const d = durations.get(mediaId)!;
    if (d.durationMs !== null && s.endMs > d.durationMs + 1000) {
      throw new UserError('invalid', `${where} ends after the end of ${d.name} (${formatTimecode(d.durationMs)}); choose the right media`);
    }
    const codeIds: Uuid[] = [];
    for (const cid of s.codeIds) {
      const m = code(cid);
      if (!m) throw new UserError('invalid', `${where} uses a code that is not in the file or the project`);
      if (!codeIds.includes(m)) codeIds.push(m);
    }
    const cur = existingSegs.get(s.id);
    if (cur) {
      const same = cur.mediaId === mediaId && cur.coderId === coderId && cur.startMs === s.startMs && cur.endMs === s.endMs && cur.note === s.note && sameKey('', '', 0, 0, cur.codeIds) === sameKey('', '', 0, 0, codeIds);
      if (same) report.segmentsUnchanged++;
      else {
        updateSegmentRow(db, { id: s.id, media_id: mediaId, coder_id: coderId, start_ms: s.startMs, end_ms: s.endMs, note: s.note, created_at: cur.createdAt, updated_at: now });
        replaceCodes(db, s.id, codeIds, now);
        report.segmentsUpdated++;
      }
      segMap.set(s.id, s.id);
      continue;
    }
    const span = spanCodes.get(spanKey(mediaId, coderId, s.startMs, s.endMs));
    if (span && isDuplicate(span, codeIds, s.note)) {
      segMap.set(s.id, span.id);
      report.segmentsUnchanged++;
      continue;
    }
    insertSegmentRow(db, { id: s.id, media_id: mediaId, coder_id: coderId, start_ms: s.startMs, end_ms: s.endMs, note: s.note, created_at: s.createdAt, updated_at: s.updatedAt });
    linkCodes(db, s.id, codeIds, s.createdAt);
    addSpan(s, mediaId, coderId, s.startMs, s.endMs, codeIds);
    segMap.set(s.id, s.id);
    report.segmentsCreated++;
  }
  const segExists = new Set(existingSegs.keys());
  const seg = (id: Uuid | null): Uuid | null => (id ? segMap.get(id) ?? (segExists.has(id) ? id : null) : null);

  // ---------- memos ----------
  for (const m of bundle.memos) {
    let scope = m.scope;
    const mediaId = m.mediaId ? media(m.mediaId) : null;
    const segmentId = seg(m.segmentId);
    if ((scope === 'media' && !mediaId) || (scope === 'segment' && !segmentId)) scope = 'project';
    const row = {
      id: m.id, scope, media_id: scope === 'project' ? null : mediaId, segment_id: scope === 'segment' ? segmentId : null, coder_id: m.coderId ? coder(m.coderId) : null,
      time_ms: m.timeMs, title: m.title, body: m.body,
    };
    const cur = memoExists(db, m.id) ? getMemo(db, m.id) : null;
    if (cur) updateMemoRow(db, { ...row, created_at: cur.createdAt, updated_at: now });
    else insertMemoRow(db, { ...row, created_at: m.createdAt, updated_at: m.updatedAt });
    report.memos++;
  }

  // ---------- contradictions ----------
  for (const c of bundle.contradictions) {
    const coderId = coder(c.coderId);
    if (!coderId) {
      report.warnings.push(`Contradiction "${c.level}" has no known coder; skipped.`);
      continue;
    }
    const row = { id: c.id, level: c.level, element_a: c.elementA, system_a: sys(c.systemA), element_b: c.elementB, system_b: sys(c.systemB), coder_id: coderId, status: c.status, note: c.note };
    const cur = contradictionExists(db, c.id) ? getContradiction(db, c.id) : null;
    if (cur) updateContradictionRow(db, { ...row, created_at: cur.createdAt, updated_at: now });
    else insertContradictionRow(db, { ...row, created_at: c.createdAt, updated_at: c.updatedAt });
    replaceEvidence(db, c.id, new Set(c.evidenceSegmentIds.map(seg).filter((x): x is Uuid => !!x)));
    report.contradictions++;
  }

  // ---------- participants (QDPX cases) ----------
  if (bundle.participants) report.participants = importParticipants(db, bundle.participants, seg, sys, now);

  // ---------- themes ----------
  for (const t of bundle.themes) {
    const row = { id: t.id, name: t.name, description: t.description, sort_order: t.sortOrder };
    const cur = themeExists(db, t.id) ? store.listThemes().find((x) => x.id === t.id)! : null;
    if (cur) updateThemeRow(db, { ...row, created_at: cur.createdAt, updated_at: now });
    else insertThemeRow(db, { ...row, created_at: t.createdAt, updated_at: t.updatedAt });
    setThemeCodeOrder(db, t.id, [...new Set(t.codeIds.map(code).filter((x): x is Uuid => !!x))]);
    report.themes++;
  }

  // ---------- transcripts (when the project has the tables: migration 40) ----------
  const entries = Object.entries(bundle.transcripts).filter(([, cues]) => cues.length > 0);
  if (entries.length) {
    const hasTables = hasTable(db, 'transcript_cues');
    if (!hasTables) report.warnings.push('The file has transcripts, but this project file has no transcript tables; they were skipped.');
    else {
      for (const [refId, cues] of entries) {
        const mediaId = media(refId);
        if (!mediaId) continue;
        if (hasTranscript(db, mediaId)) {
          report.warnings.push(`${durations.get(mediaId)?.name ?? 'A media'} already has a transcript; the one in the file was not added.`);
          continue;
        }
        // the transcripts table only knows 'vtt' and 'srt'; cues from QDPX are timed cues like WebVTT's
        const timed = cues.map((c) => {
          const a = Math.max(0, Math.round(c.startMs));
          return { startMs: a, endMs: Math.max(a, Math.round(c.endMs)), speaker: c.speaker, text: c.text };
        });
        insertTranscriptRows(db, { mediaId, name: 'Transcript (REFI-QDA)', format: 'vtt', cues: timed }, now);
        report.transcriptCues += cues.length;
      }
    }
  }
  return report;
}

/** One line (or a few) describing what an import did, for the CLI and the app. */
export function describeReport(r: ApplyReport, file: string): string {
  const parts: string[] = [];
  parts.push(`Imported ${plural(r.segmentsCreated, 'segment')} from ${file}`);
  if (r.segmentsUpdated) parts.push(`${r.segmentsUpdated} updated`);
  if (r.segmentsUnchanged) parts.push(`${r.segmentsUnchanged} already present`);
  if (r.codesCreated.length) parts.push(`new codes: ${r.codesCreated.join(', ')}`);
  if (r.codersCreated.length) parts.push(`new coders: ${r.codersCreated.join(', ')}`);
  if (r.media.length) parts.push(`media: ${r.media.map((m) => `${m.name} (${MEDIA_HOW_LABEL[m.how]})`).join(', ')}`);
  const extra = [r.memos && plural(r.memos, 'memo'), r.contradictions && plural(r.contradictions, 'contradiction'), r.themes && plural(r.themes, 'theme'), r.transcriptCues && plural(r.transcriptCues, 'transcript cue'), r.participants && plural(r.participants, 'participant')].filter(Boolean);
  if (extra.length) parts.push(extra.join(', '));
  return parts.join('; ');
}
