/** Interoperability: REFI-QDA (.qdpx), ELAN (.eaf) and event-table (BORIS, ELAN) import/export. */
import { z } from 'zod';
import { call } from './call';
import { LIMITS, zName, zPath } from '../limits';

export type ImportKind = 'qdpx' | 'eaf' | 'boris' | 'elan-tsv';

/** How a media of the imported file was resolved. */
export type MediaHow = 'existing' | 'chosen' | 'fingerprint' | 'extracted' | 'path' | 'relative' | 'name' | 'placeholder';

/** Words for the report. */
export const MEDIA_HOW_LABEL: Record<MediaHow, string> = {
  existing: 'already in the project',
  chosen: 'attached to the chosen media',
  fingerprint: 'same recording as a project media',
  extracted: 'extracted from the archive next to the project',
  path: 'found at its path',
  relative: 'found next to the file',
  name: 'matched by name',
  placeholder: 'not found: locate it later',
};

export interface MediaResolution {
  /** Name as written in the imported file. */
  name: string;
  mediaId: string;
  how: MediaHow;
  /** The file used, when one was found (or, in a preview, where an embedded file would go). */
  path: string | null;
}

export interface ImportReport {
  source: ImportKind;
  segmentsCreated: number;
  segmentsUpdated: number;
  /** Already in the project (same id and content, or same media, coder, times and codes). */
  segmentsUnchanged: number;
  /** Full paths of the codes created. */
  codesCreated: string[];
  codesMatched: number;
  codersCreated: string[];
  codersMatched: string[];
  media: MediaResolution[];
  memos: number;
  contradictions: number;
  themes: number;
  transcriptCues: number;
  /** Participants written (QDPX cases); absent in reports from before they were imported. */
  participants?: number;
  warnings: string[];
}

/** The mapping choices of an import (all optional: the defaults are what the CLI does). */
export interface ImportChoices {
  /** EAF: the tiers to import (default: every tier with annotations). */
  tiers?: string[];
  /** One coder name for everything (EAF: every chosen tier; tables: every subject/tier). */
  coder?: string;
  /** Per tier (EAF) or subject/tier (tables): the coder name, or 'skip' (tables). */
  coders?: Record<string, string>;
  /** Per annotation value / behaviour: a code (id, path or unique name), 'new' or 'skip'. */
  values?: Record<string, string>;
  /** An existing media (id or name) that every segment belongs to. */
  media?: string;
}

export interface ImportSourceInfo {
  /** Tier id (EAF) or subject / tier (tables). */
  id: string;
  /** EAF: ANNOTATOR (or PARTICIPANT); tables: ''. */
  annotator: string;
  annotations: number;
  /** The coder the tier/subject goes to with the current choices ('skip' = not imported). */
  coder: string;
  /** Part of the import with the current choices. */
  chosen: boolean;
  values: string[];
}

export interface ImportValueInfo {
  value: string;
  count: number;
  /** With the current choices: the code it becomes, 'new' (with the path it will get), 'skip', or (EAF, empty value) an uncoded segment. */
  target: { kind: 'code'; codeId: string; path: string } | { kind: 'new'; path: string } | { kind: 'skip' } | { kind: 'uncoded' };
}

export interface ImportPreview {
  kind: ImportKind;
  fileName: string;
  /** EAF tiers or table subjects/tiers (empty for QDPX). */
  sources: ImportSourceInfo[];
  /** Annotation values / behaviours (empty for QDPX). */
  values: ImportValueInfo[];
  /** A dry run of the import with the current choices (rolled back). */
  report: ImportReport;
  /** The file does not say which video it codes: choose `media` (the preview used the first one). */
  needsMedia: boolean;
  /** QDPX: what the file holds. */
  contents: { codes: number; coders: string[]; media: string[]; segments: number; memos: number; contradictions: number; themes: number; transcripts: number } | null;
}

export interface ExportResult {
  fileName: string;
  size: number;
  /** The file's bytes (base64) for a download; null when saved to a path only. */
  base64: string | null;
  savedTo: string | null;
  summary: string;
}

const uuid = z.string().uuid();
const source = z.union([
  z.object({ path: zPath() }).strict(),
  z.object({ uploadId: uuid }).strict(),
]);
const choices = z
  .object({
    tiers: z.array(z.string().max(1000)).max(10_000).optional(),
    coder: zName().optional(),
    coders: z.record(z.string().max(1000), zName()).optional(),
    values: z.record(z.string().max(10_000), z.string().min(1).max(10_000)).optional(),
    media: zPath().optional(),
  })
  .strict();

export const exchangeContract = {
  /**
   * Uploads a file for import in chunks (web mode has no file paths): the first chunk has no
   * uploadId; every chunk gives its byte offset. At most 200 MB in all.
   */
  exchangeUpload: call<{ uploadId: string; size: number }>()(
    z.object({
      uploadId: uuid.optional(),
      name: zName(LIMITS.fileName),
      offset: z.number().int().min(0),
      // 8 MiB of bytes per chunk (the web transport takes 16 MiB bodies)
      data: z.string().max(Math.ceil((8 * 1024 * 1024) / 3) * 4).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64'),
    }).strict(),
  ),
  exchangePreview: call<ImportPreview>()(z.object({ source, choices: choices.optional() }).strict()),
  exchangeImport: call<{ report: ImportReport; summary: string }>()(z.object({ source, choices: choices.optional() }).strict()),
  exchangeExport: call<ExportResult>()(
    z.object({
      kind: z.enum(['qdpx', 'eaf']),
      mediaId: uuid.optional(),
      embedMedia: z.boolean().optional(),
      /** Also (or only) save to this path. */
      savePath: zPath().optional(),
      /** Return the bytes for a download (default true). */
      download: z.boolean().optional(),
    }).strict(),
  ),
} as const;
