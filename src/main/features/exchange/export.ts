/**
 * Export of a project as a REFI-QDA project (.qdpx: project.qde + optionally the media under
 * Sources/ + the transcripts with sync points) or as an ELAN .eaf for one media.
 * `exportExchangeKind` is what `triangulate export --kind qdpx|eaf` runs.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Media, Uuid } from '../../../shared/domain';
import { UserError } from '../../../shared/errors';
import { exportEaf, exportQdpx, type TranscriptCue } from '../../../shared/interop';
import { refuseOverwrite, writeFileAtomic } from '../../cli/io';
import { ProjectStore } from '../../db/store';
import { hasTable } from '../../db/tables/meta';
import { listFirstTranscriptCues } from '../../db/tables/transcripts';
import { sniffFile } from '../../media';
import { MAX_EMBED_BYTES } from './limits';
import { plural } from '../../../shared/plural';

export type ExchangeKind = 'qdpx' | 'eaf';

export interface BuiltExport {
  bytes: Uint8Array;
  /** A suggested file name. */
  fileName: string;
  summary: string;
}

/** Transcript cues per media id, when the project has transcripts (migration 40); else none. */
export function readTranscripts(store: ProjectStore): Record<Uuid, TranscriptCue[]> {
  if (!hasTable(store.db, 'transcript_cues')) return {};
  const rows = listFirstTranscriptCues(store.db);
  const out: Record<Uuid, TranscriptCue[]> = {};
  for (const r of rows) (out[r.mediaId] ??= []).push({ startMs: r.startMs, endMs: r.endMs, speaker: r.speaker, text: r.text });
  return out;
}

function safeStem(s: string): string {
  return s.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').trim() || 'project';
}

/** The one media an EAF export is for: by id, by name, or the project's only media. */
export function pickMedia(media: Media[], wanted: string | undefined): Media {
  if (wanted) {
    const hit = media.find((m) => m.id === wanted) ?? media.find((m) => m.name.toLowerCase() === wanted.toLowerCase());
    if (!hit) throw new UserError('not_found', `No media named "${wanted}" in the project${media.length ? ` (it has: ${media.map((m) => m.name).join(', ')})` : ''}`);
    return hit;
  }
  if (media.length === 1) return media[0]!;
  if (media.length === 0) throw new UserError('invalid', 'The project has no media to export an ELAN file for');
  throw new UserError('invalid', `The project has ${media.length} media; choose one with --media NAME (${media.map((m) => m.name).join(', ')})`);
}

export function buildExchangeExport(store: ProjectStore, kind: ExchangeKind, opts: { media?: string; embedMedia?: boolean; now?: number } = {}): BuiltExport {
  const snapshot = store.snapshot();
  const now = opts.now ?? Date.now();
  const stem = safeStem(snapshot.name);
  if (kind === 'eaf') {
    const media = pickMedia(snapshot.media, opts.media);
    const xml = exportEaf(snapshot, { mediaId: media.id, exportedAt: now });
    const tiers = (xml.match(/<TIER /g) ?? []).length;
    const anns = (xml.match(/<ALIGNABLE_ANNOTATION /g) ?? []).length;
    const segs = snapshot.segments.filter((s) => s.mediaId === media.id).length;
    return {
      bytes: new TextEncoder().encode(xml),
      fileName: `${stem} - ${safeStem(media.name.replace(/\.[^.]+$/, ''))}.eaf`,
      summary: `ELAN file for ${media.name}: ${plural(tiers, 'tier')} (coder × CHAT element), ${plural(anns, 'annotation')} from ${plural(segs, 'segment')}, codebook of ${plural(snapshot.codes.length, 'code')} as a controlled vocabulary`,
    };
  }
  if (opts.media) throw new UserError('invalid', '--media applies to ELAN exports; a REFI-QDA export holds every media');
  const transcripts = readTranscripts(store);
  const sources: Record<Uuid, { bytes: Uint8Array; fileName: string }> = {};
  const skipped = opts.embedMedia ? embedMedia(snapshot.media, sources) : { missing: [], notMedia: [] };
  const bytes = exportQdpx(snapshot, { sources, transcripts, exportedAt: now });
  const cues = Object.values(transcripts).reduce((n, c) => n + c.length, 0);
  const embedded = Object.keys(sources).length;
  const parts = [
    `REFI-QDA project: ${plural(snapshot.codes.length, 'code')}, ${plural(snapshot.coders.length, 'coder')}, ${snapshot.media.length} media${opts.embedMedia ? ` (${embedded} embedded)` : ''}, ${plural(snapshot.segments.length, 'segment')}`,
  ];
  if (snapshot.memos.length) parts.push(plural(snapshot.memos.length, 'memo'));
  if (snapshot.contradictions.length) parts.push(plural(snapshot.contradictions.length, 'contradiction'));
  if (cues) parts.push(plural(cues, 'transcript cue'));
  let summary = parts.join(', ');
  if (skipped.missing.length) summary += `; not embedded (file missing): ${skipped.missing.join(', ')}`;
  if (skipped.notMedia.length) summary += `; not embedded (not a video or audio file): ${skipped.notMedia.join(', ')}`;
  return { bytes, fileName: `${stem}.qdpx`, summary };
}

/**
 * Reads each media file into `sources`, except files that are missing or are not recordings (a
 * row may have been forged to point at any file): those are named in the summary instead.
 */
function embedMedia(media: Media[], sources: Record<Uuid, { bytes: Uint8Array; fileName: string }>): { missing: string[]; notMedia: string[] } {
  const missing: string[] = [];
  const notMedia: string[] = [];
  let total = 0;
  for (const m of media) {
    let size: number;
    let recording: boolean;
    try {
      const st = fs.statSync(m.path);
      if (!st.isFile() || m.fingerprint === '') throw new Error('no file');
      size = st.size;
      recording = sniffFile(m.path).media;
    } catch {
      missing.push(m.name);
      continue;
    }
    if (!recording) {
      notMedia.push(m.name);
      continue;
    }
    total += size;
    if (total > MAX_EMBED_BYTES) throw new UserError('too_large', `The media add up to more than ${MAX_EMBED_BYTES / 2 ** 30} GiB; export without embedding them (the archive then refers to their paths)`);
    sources[m.id] = { bytes: new Uint8Array(fs.readFileSync(m.path)), fileName: path.basename(m.path) };
  }
  return { missing, notMedia };
}

/**
 * `triangulate export <project> --kind qdpx|eaf --out FILE [--media NAME] [--embed-media]`:
 * writes the file atomically and returns the summary line.
 */
export function exportExchangeKind(projectFile: string, kind: ExchangeKind, out: string, opts: { media?: string; embedMedia?: boolean } = {}): string {
  if (kind !== 'qdpx' && kind !== 'eaf') throw new UserError('invalid', `Unknown export kind "${String(kind)}" (expected qdpx or eaf)`);
  if (!out) throw new UserError('invalid', 'Name the output file with --out FILE');
  const dir = path.dirname(path.resolve(out));
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new UserError('not_found', `${out}: the folder ${dir} does not exist`);
  if (fs.existsSync(out) && fs.statSync(out).isDirectory()) throw new UserError('invalid', `${out}: is a folder; name a file`);
  refuseOverwrite(out, [projectFile]);
  const store = ProjectStore.open(projectFile);
  try {
    const built = buildExchangeExport(store, kind, opts);
    writeFileAtomic(out, built.bytes);
    return `Wrote ${out}: ${built.summary}`;
  } finally {
    store.close();
  }
}
