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
import type { Media, Uuid } from '../../../shared/domain';
import { UserError } from '../../../shared/errors';
import type { ImportBundle, MediaRef } from '../../../shared/interop';
import { InteropError, listZipEntries, readQdpxEntry } from '../../../shared/interop';
import type { ProjectStore } from '../../db/store';
import { fingerprintFile, sniffFile } from '../../media';
import { SNIFF_BYTES, sniffMedia } from '../../../shared/media/sniff';
import { MEDIA_HOW_LABEL, type ImportReport as ApplyReport, type MediaHow } from '../../../shared/contract/exchange';
import { IMPORT_ZIP_LIMITS } from './limits';
import { plural } from '../../../shared/plural';
import { writeBundle, type ResolvedMedia } from './write';

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

interface MediaContext {
  opts: ApplyOptions;
  /** Files extracted so far (removed again if the import fails). */
  created: string[];
  existing: Media[];
  byId: Map<Uuid, Media>;
  byFingerprint: Map<string, Media>;
  projectDir: string;
  sourceDir: string | null;
}

/** Works out where each media of the bundle is; may extract files (returned to clean up on failure). */
function resolveMedia(store: ProjectStore, bundle: ImportBundle, opts: ApplyOptions, created: string[]): ResolvedMedia[] {
  const existing = store.listMedia();
  const ctx: MediaContext = {
    opts, created, existing,
    byId: new Map(existing.map((m) => [m.id, m])),
    byFingerprint: new Map(existing.filter((m) => m.fingerprint).map((m) => [m.fingerprint, m])),
    projectDir: path.dirname(store.file),
    sourceDir: opts.sourceFile ? path.dirname(path.resolve(opts.sourceFile)) : null,
  };
  return bundle.media.map((ref) => resolveOne(ref, ctx));
}

/** The user's choice, the same id, the same fingerprint; else an embedded or linked file; else a media of that name; else a placeholder. */
function resolveOne(ref: MediaRef, ctx: MediaContext): ResolvedMedia {
  const known = knownMedia(ref, ctx);
  if (known) return known;
  const embedded = ref.location === 'archive' && ref.archivePath && ctx.opts.archive ? ref.archivePath : null;
  if (embedded && ctx.opts.dryRun) return { ref, how: 'extracted', existingId: null, file: embeddedTarget(ref, embedded, ctx.projectDir), fingerprint: '', size: 0 };
  const extracted = embedded ? extractEmbedded(ref, embedded, ctx) : null;
  const found = extracted ? { file: extracted, how: 'extracted' as MediaHow } : findOnDisk(ref, ctx);
  if (found) return withFile(ref, found.file, found.how, ctx);
  // no file: a media of the project with that name, or a placeholder
  const named = ctx.existing.filter((m) => norm(m.name) === norm(ref.name));
  if (named.length === 1) return { ref, how: 'name', existingId: named[0]!.id, file: named[0]!.path, fingerprint: named[0]!.fingerprint, size: named[0]!.size };
  return { ref, how: 'placeholder', existingId: null, file: null, fingerprint: '', size: 0 };
}

function knownMedia(ref: MediaRef, ctx: MediaContext): ResolvedMedia | null {
  const chosen = ctx.opts.mediaChoice?.[ref.id];
  if (chosen) {
    if (!ctx.byId.has(chosen)) throw new UserError('not_found', `No media ${chosen} in this project`);
    return { ref, how: 'chosen', existingId: chosen, file: null, fingerprint: '', size: 0 };
  }
  if (ctx.byId.has(ref.id)) return { ref, how: 'existing', existingId: ref.id, file: ctx.byId.get(ref.id)!.path, fingerprint: '', size: 0 };
  const m = ref.fingerprint ? ctx.byFingerprint.get(ref.fingerprint) : undefined;
  if (m) return { ref, how: 'fingerprint', existingId: m.id, file: m.path, fingerprint: m.fingerprint, size: m.size };
  return null;
}

const embeddedTarget = (ref: MediaRef, archivePath: string, dir: string): string =>
  path.join(dir, safeFileName(path.basename(ref.name || archivePath), path.extname(archivePath).toLowerCase()));

/** Writes an embedded recording next to the project (or finds it already there); null when the entry is not a recording. */
function extractEmbedded(ref: MediaRef, archivePath: string, ctx: MediaContext): string | null {
  const archive = ctx.opts.archive!;
  // readQdpxEntry re-checks the whole archive (names, sizes, ratios, overlaps) and the CRC;
  // media are already compressed, so an entry that claims to shrink more than 10:1 is a bomb
  const entry = listZipEntries(archive, IMPORT_ZIP_LIMITS).find((e) => e.name === archivePath);
  if (entry && entry.size > MEDIA_RATIO_MIN_BYTES && entry.size / Math.max(1, entry.compressedSize) > MAX_MEDIA_RATIO) {
    throw new InteropError(`The archive entry "${entry.name}" claims to compress ${Math.round(entry.size / Math.max(1, entry.compressedSize))}:1, which no video does; refused as a possible zip bomb.`);
  }
  const bytes = readQdpxEntry(archive, archivePath, IMPORT_ZIP_LIMITS);
  // an embedded "video" that is not a recording is not written out: the media stays to be located
  if (!sniffMedia(bytes.subarray(0, SNIFF_BYTES)).media) return null;
  const target = embeddedTarget(ref, archivePath, ctx.projectDir);
  const tmp = path.join(ctx.projectDir, `.${path.basename(target)}.${process.pid}.import.tmp`);
  ctx.created.push(tmp);
  fs.writeFileSync(tmp, bytes);
  const fp = fingerprintFile(tmp);
  if (isFile(target) && fingerprintFile(target).fingerprint === fp.fingerprint) {
    fs.rmSync(tmp, { force: true });
    return target; // the same recording is already there
  }
  const file = uniquePath(ctx.projectDir, path.basename(target));
  fs.renameSync(tmp, file);
  ctx.created.push(file);
  return file;
}

/** A recording at the ref's absolute path, its path relative to the imported file or the project, or its bare name next to either. */
function findOnDisk(ref: MediaRef, ctx: MediaContext): { file: string; how: MediaHow } | null {
  const { sourceDir, projectDir } = ctx;
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
  return hit ? { file: path.resolve(hit.p), how: hit.how } : null;
}

/** A found file: the project's media of the same content if there is one (an extracted copy is removed again). */
function withFile(ref: MediaRef, file: string, how: MediaHow, ctx: MediaContext): ResolvedMedia {
  const fp = fingerprintFile(file);
  const same = ctx.byFingerprint.get(fp.fingerprint);
  if (!same) return { ref, how, existingId: null, file, fingerprint: fp.fingerprint, size: fp.size };
  if (ctx.created.includes(file)) {
    fs.rmSync(file, { force: true });
    ctx.created.splice(ctx.created.indexOf(file), 1);
  }
  return { ref, how: 'fingerprint', existingId: same.id, file: same.path, fingerprint: same.fingerprint, size: same.size };
}

const importLabel = (source: string, r: ApplyReport) =>
  `Import ${source.toUpperCase()} (${r.segmentsCreated} new, ${plural(r.segmentsUpdated, 'changed segment')})`;

/** Applies the bundle in one transaction. Throws UserError / InteropError; then nothing changed. */
export function applyBundle(store: ProjectStore, bundle: ImportBundle, opts: ApplyOptions = {}): ApplyReport {
  const created: string[] = [];
  try {
    const resolved = resolveMedia(store, bundle, opts, created);
    // an import is one step of the undo history (the media rows it adds stay on undo)
    if (!opts.dryRun) return store.recordEdit((r) => importLabel(bundle.source, r), () => writeBundle(store, bundle, resolved));
    let report: ApplyReport | null = null;
    try {
      store.tx(() => {
        report = writeBundle(store, bundle, resolved);
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
