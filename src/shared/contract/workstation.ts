/** The coding workstation: undo/redo, batch segment edits, contradictions, memos, transcripts, media probing. */
import { z } from 'zod';
import { call } from './call';
import { LIMITS, zText } from '../limits';
import { CHAT_ELEMENTS, CONTRADICTION_LEVELS, CONTRADICTION_STATUSES, MEMO_SCOPES, type Contradiction, type Memo, type Segment, type Uuid } from '../domain';
import type { Transcript } from '../transcript/types';

const id = z.string().uuid();
const ms = z.number().int().min(0).max(1000 * 3600 * 1000);
const element = z.enum(CHAT_ELEMENTS);

export interface UndoStepInfo {
  label: string;
  createdAt: number;
}

export interface UndoState {
  undo: UndoStepInfo | null;
  redo: UndoStepInfo | null;
}

export interface UndoOutcome extends UndoState {
  /** The edit that was undone or redone. */
  label: string;
  /** Tables whose rows changed: the renderer reloads what shows them. */
  tables: string[];
  segmentIds: Uuid[];
}

export interface MediaProbe {
  mediaId: Uuid;
  /** Human name of the video codec (e.g. "HEVC/H.265"), null when unknown. */
  videoCodec: string | null;
  audioCodec: string | null;
  /** "ffprobe" when ffprobe answered, "header" when read from the MP4 sample description. */
  source: 'ffprobe' | 'header' | 'none';
  /** false when the codec is known not to play in the built-in player. */
  playable: boolean | null;
  /** The ffmpeg command converting it to H.264/AAC MP4. */
  convertCommand: string;
}

export const workstationContract = {
  undoState: call<UndoState>()(z.object({}).strict()),
  undo: call<UndoOutcome>()(z.object({}).strict()),
  redo: call<UndoOutcome>()(z.object({}).strict()),

  /** Replaces the codes of several segments at once (one undo step). */
  recodeSegments: call<Segment[]>()(z.object({ ids: z.array(id).min(1).max(100_000), codeIds: z.array(id).max(100) }).strict()),
  /** Deletes several segments at once (one undo step). */
  deleteSegments: call<{ ids: Uuid[] }>()(z.object({ ids: z.array(id).min(1).max(100_000) }).strict()),

  listMemos: call<Memo[]>()(z.object({ query: z.string().max(1000).optional() }).strict()),
  createMemo: call<Memo>()(
    z.object({
      scope: z.enum(MEMO_SCOPES),
      mediaId: id.nullable().optional(),
      segmentId: id.nullable().optional(),
      coderId: id.nullable().optional(),
      timeMs: ms.nullable().optional(),
      title: zText(LIMITS.memoTitle),
      body: zText(LIMITS.memoBody),
    }).strict(),
  ),
  updateMemo: call<Memo>()(z.object({ id, title: zText(LIMITS.memoTitle).optional(), body: zText(LIMITS.memoBody).optional(), timeMs: ms.nullable().optional() }).strict()),
  deleteMemo: call<{ id: Uuid }>()(z.object({ id }).strict()),

  listContradictions: call<Contradiction[]>()(z.object({}).strict()),
  /** Contradiction codings of a media (of these coders) become relations, one undo step for all. */
  convertContradictionCodings: call<{ created: number }>()(z.object({ mediaId: id, coderIds: z.array(id).max(1000).optional() }).strict()),
  createContradiction: call<Contradiction>()(
    z.object({
      level: z.enum(CONTRADICTION_LEVELS),
      elementA: element,
      systemA: id.nullable(),
      elementB: element.optional(),
      systemB: id.nullable().optional(),
      coderId: id,
      status: z.enum(CONTRADICTION_STATUSES).optional(),
      note: zText(LIMITS.note).optional(),
      evidenceSegmentIds: z.array(id).min(1, 'attach at least one evidence segment').max(10_000),
    }).strict(),
  ),
  updateContradiction: call<Contradiction>()(
    z.object({
      id,
      level: z.enum(CONTRADICTION_LEVELS).optional(),
      elementA: element.optional(),
      systemA: id.nullable().optional(),
      elementB: element.optional(),
      systemB: id.nullable().optional(),
      status: z.enum(CONTRADICTION_STATUSES).optional(),
      note: zText(LIMITS.note).optional(),
      evidenceSegmentIds: z.array(id).min(1, 'attach at least one evidence segment').max(10_000).optional(),
    }).strict(),
  ),
  deleteContradiction: call<{ id: Uuid }>()(z.object({ id }).strict()),

  listTranscripts: call<Transcript[]>()(z.object({ mediaId: id }).strict()),
  /** Imports a WebVTT or SRT file's text for a media (format from the header or the file name). */
  importTranscript: call<Transcript>()(
    z.object({ mediaId: id, fileName: z.string().min(1).max(1000), text: z.string().max(50_000_000) }).strict(),
  ),
  deleteTranscript: call<{ id: Uuid }>()(z.object({ id }).strict()),

  /** What codec a media holds (ffprobe, else the MP4 header), to explain a playback failure. */
  probeMedia: call<MediaProbe>()(z.object({ mediaId: id }).strict()),
} as const;
