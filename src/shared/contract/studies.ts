/** Study lifecycle calls: the start screen, new/open/close/switch, recent studies, safety copies, the in-app file browser, recordings. */
import { z } from 'zod';
import { call } from './call';
import { zName, zPath } from '../limits';
import type { Media } from '../domain';

const filePath = zPath();
const id = z.string().uuid();

export interface RecentStudyInfo {
  file: string;
  name: string;
  lastOpened: number;
  segments: number;
  coders: number;
  /** The file is not there any more. */
  missing: boolean;
}

export interface OpenStudyInfo {
  file: string;
  name: string;
  /** Opened read-only (the file cannot be written): edits are refused, a banner says why. */
  readOnly: boolean;
  isDemo: boolean;
}

export interface StudyState {
  study: OpenStudyInfo | null;
  recent: RecentStudyInfo[];
  backupsEnabled: boolean;
  /** Why no study is open (e.g. the last study is gone), or a read-only reason; null when nothing to say. */
  message: string | null;
}

export interface FolderEntry {
  name: string;
  kind: 'folder' | 'file';
  size: number;
  modifiedMs: number;
}

export interface FolderListing {
  path: string;
  parent: string | null;
  home: string;
  entries: FolderEntry[];
  truncated: boolean;
}

export interface BackupEntry {
  file: string;
  day: string;
  size: number;
}

export interface MediaUsage {
  segments: number;
  memos: number;
  transcripts: number;
  contradictions: number;
  /** Links to angle recordings (as primary or as angle) removed with it. */
  links: number;
}

export interface AddMediaResult {
  added: Media[];
  refused: { path: string; message: string }[];
}

export const STARTING_CODEBOOKS = ['default', 'study', 'qdc'] as const;

export const studiesContract = {
  studyState: call<StudyState>()(z.object({}).strict()),
  newStudy: call<StudyState>()(
    z.object({ file: filePath, name: zName(), codebook: z.enum(STARTING_CODEBOOKS).default('default'), codebookFile: filePath.optional() }).strict()
      .refine((v) => v.codebook === 'default' || !!v.codebookFile, { message: 'choose the file to take the codebook from', path: ['codebookFile'] }),
  ),
  openStudy: call<StudyState>()(z.object({ file: filePath }).strict()),
  openDemo: call<StudyState>()(z.object({}).strict()),
  closeStudy: call<StudyState>()(z.object({}).strict()),
  forgetRecent: call<StudyState>()(z.object({ file: filePath }).strict()),
  setBackups: call<StudyState>()(z.object({ enabled: z.boolean() }).strict()),
  saveCopy: call<{ file: string }>()(z.object({ file: filePath }).strict()),
  listBackups: call<BackupEntry[]>()(z.object({ file: filePath }).strict()),
  restoreBackup: call<StudyState>()(z.object({ backup: filePath, file: filePath }).strict()),
  listFolder: call<FolderListing>()(
    z.object({ path: filePath.optional(), accept: z.array(z.string().regex(/^\.[a-z0-9]{1,12}$/i)).max(32).default([]), showHidden: z.boolean().optional() }).strict(),
  ),
  addMediaFiles: call<AddMediaResult>()(z.object({ paths: z.array(filePath).min(1).max(500) }).strict()),
  renameMedia: call<Media>()(z.object({ mediaId: id, name: zName() }).strict()),
  /** Moves a recording one place up (-1) or down (+1); the media lists follow; one undo step. */
  moveMedia: call<Media[]>()(z.object({ mediaId: id, delta: z.union([z.literal(-1), z.literal(1)]) }).strict()),
  mediaUsage: call<MediaUsage>()(z.object({ mediaId: id }).strict()),
  removeMedia: call<MediaUsage>()(z.object({ mediaId: id }).strict()),
} as const;
