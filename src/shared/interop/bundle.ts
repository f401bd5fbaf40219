/**
 * ImportBundle: what every importer (QDPX, EAF, event tables) produces. A partial
 * ProjectSnapshot keyed by UUIDs, to be written in ONE transaction by the database layer.
 *
 * Conventions:
 * - Records in the bundle are records to create (or to upsert by id). Ids referenced by segments
 *   but absent from the bundle (e.g. `codeIds` mapped to codes that already exist, or a
 *   `mediaId` chosen by the user) refer to records already in the target project.
 * - QDPX keeps the file's GUIDs (lower-case, braces stripped) as ids, so a Triangulate → QDPX →
 *   Triangulate round trip keeps every id.
 * - `media` are references only: the importer never touches the file system. The caller
 *   resolves each MediaRef (extracting it from the archive, resolving a relative path next to the
 *   imported file, or asking the user), then fills Media.path/fingerprint/size.
 */
import type { ActivitySystem, Code, Coder, Contradiction, Memo, Segment, Theme, Timestamp, Uuid } from '../domain';
import { LIMITS, nameProblem, quoteShort, textProblem } from '../limits';
import type { ParticipantsBundle } from '../participants/qdpxCases';

export type ImportSourceKind = 'qdpx' | 'eaf' | 'boris' | 'elan-tsv';

export interface MediaRef {
  id: Uuid;
  /** Display name (file name). */
  name: string;
  /** The path exactly as written in the imported file (e.g. "internal://x.mp4", "file:///…", "C:\…"). */
  originalPath: string | null;
  /**
   * - `archive`: inside the imported .qdpx; `archivePath` is the entry ("Sources/x.mp4").
   * - `absolute`: an absolute path on the machine that wrote the file (`path`; may not exist here).
   * - `relative`: relative to the imported file's folder (or the project's basePath) (`path`).
   * - `unknown`: no usable path; ask the user.
   */
  location: 'archive' | 'absolute' | 'relative' | 'unknown';
  archivePath: string | null;
  /** Absolute or relative file-system path with "/" separators ("C:/x/y.mp4" stays as is). */
  path: string | null;
  /** Present when the file was written by Triangulate (from its metadata). */
  fingerprint: string | null;
  size: number | null;
  durationMs: number | null;
  /** Frames per second when the file says (BORIS FPS column, Triangulate metadata). */
  frameRate: number | null;
  mimeType: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

/** One transcript cue (also the input format of exportQdpx's transcripts). */
export interface TranscriptCue {
  startMs: number;
  endMs: number;
  speaker: string;
  text: string;
}

export interface ImportBundle {
  source: ImportSourceKind;
  projectName: string | null;
  systems: ActivitySystem[];
  coders: Coder[];
  codes: Code[];
  media: MediaRef[];
  segments: Segment[];
  memos: Memo[];
  contradictions: Contradiction[];
  themes: Theme[];
  /** Per media id, the transcript cues (QDPX only). */
  transcripts: Record<Uuid, TranscriptCue[]>;
  /** Things that were skipped or approximated, one line each, for the import report. */
  warnings: string[];
  /** Participants, attributes, groups and who each segment is about (QDPX Cases and Variables). */
  participants?: ParticipantsBundle;
}

export function emptyBundle(source: ImportSourceKind): ImportBundle {
  return {
    source,
    projectName: null,
    systems: [],
    coders: [],
    codes: [],
    media: [],
    segments: [],
    memos: [],
    contradictions: [],
    themes: [],
    transcripts: {},
    warnings: [],
  };
}

/**
 * The first record of a bundle over the input limits (shared/limits.ts), worded for the user
 * ('coder "am\u0000ina": name contains the control character U+0000 …'), or null. Importers
 * build names from tiers, subjects and values of files made elsewhere: checked before anything
 * is written, the same way as every other entry point.
 */
export function bundleProblem(b: ImportBundle): string | null {
  const name = (what: string, v: string, max: number = LIMITS.name) => {
    const p = nameProblem(v.trim(), max);
    return p ? `${what} ${quoteShort(v)}: name ${p}` : null;
  };
  const text = (what: string, field: string, v: string, max: number) => {
    const p = textProblem(v, max);
    return p ? `${what}: ${field} ${p}` : null;
  };
  const checks: (() => string | null)[] = [
    ...b.systems.map((s) => () => name('activity system', s.name)),
    ...b.coders.map((c) => () => name('coder', c.name)),
    ...b.codes.map((c) => () => name('code', c.name) ?? text(`code ${quoteShort(c.name)}`, 'definition', c.definition, LIMITS.definition)),
    ...b.media.map((m) => () => name('media', m.name, LIMITS.fileName)),
    ...b.segments.map((s) => () => text(`segment at ${s.startMs} ms`, 'note', s.note, LIMITS.note)),
    ...b.memos.map((m) => () => text(`memo ${quoteShort(m.title)}`, 'title', m.title, LIMITS.memoTitle) ?? text(`memo ${quoteShort(m.title)}`, 'text', m.body, LIMITS.memoBody)),
    ...b.contradictions.map((c) => () => text(`contradiction ${c.id}`, 'note', c.note, LIMITS.note)),
    ...b.themes.map((t) => () => name('theme', t.name) ?? text(`theme ${quoteShort(t.name)}`, 'description', t.description, LIMITS.definition)),
    ...(b.participants?.participants ?? []).map((p) => () => name('participant', p.name)),
    ...(b.participants?.attributes ?? []).map((a) => () => name('participant attribute', a.name)),
    ...(b.participants?.groups ?? []).map((g) => () => name('group', g.name)),
  ];
  for (const check of checks) {
    const p = check();
    if (p) return p;
  }
  return null;
}

/** File name of a path or URL ("file:///a/b%20c.mp4" → "b c.mp4"). */
export function baseName(pathOrUrl: string): string {
  const clean = pathOrUrl.replace(/[?#].*$/, '').replace(/\\/g, '/');
  const last = clean.split('/').filter(Boolean).pop() ?? clean;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/**
 * Classifies a media path as written by another tool: "file:///C:/x.mp4", "file:/x.mp4",
 * "/abs/x.mp4", "C:\\x.mp4", "./x.mp4", "x.mp4", "internal://x.mp4" (QDPX), "relative://x.mp4",
 * "absolute://…".
 */
export function classifyMediaPath(raw: string | null | undefined): Pick<MediaRef, 'location' | 'archivePath' | 'path'> {
  if (!raw || !raw.trim()) return { location: 'unknown', archivePath: null, path: null };
  let p = raw.trim();
  const internal = /^internal:\/\/(.+)$/i.exec(p);
  if (internal) return { location: 'archive', archivePath: `Sources/${internal[1].replace(/^\/+/, '')}`, path: null };
  const rel = /^relative:\/\/(.+)$/i.exec(p);
  if (rel) return { location: 'relative', archivePath: null, path: rel[1].replace(/\\/g, '/') };
  const abs = /^absolute:\/\/(.+)$/i.exec(p);
  if (abs) p = abs[1];
  if (/^file:/i.test(p)) {
    p = p.replace(/^file:(\/\/localhost)?/i, '').replace(/^\/\/+/, '/');
    try {
      p = decodeURIComponent(p);
    } catch {
      /* keep as is */
    }
    if (/^\/[A-Za-z]:/.test(p)) p = p.slice(1); // "/C:/x" → "C:/x"
  }
  p = p.replace(/\\/g, '/');
  if (p.startsWith('/') || /^[A-Za-z]:\//.test(p) || p.startsWith('//')) return { location: 'absolute', archivePath: null, path: p };
  return { location: 'relative', archivePath: null, path: p.replace(/^\.\//, '') };
}
