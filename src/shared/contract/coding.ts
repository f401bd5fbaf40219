/** Core calls: the project, codebook, coders, media and segments. */
import { z } from 'zod';
import { call } from './call';
import { LIMITS, zName, zPath, zText } from '../limits';
import {
  CHAT_ELEMENTS,
  CODE_KINDS,
  type ActivitySystem,
  type Code,
  type Coder,
  type Media,
  type Segment,
  type SegmentMarks,
  type Uuid,
} from '../domain';

const id = z.string().uuid();
const ms = z.number().int().min(0).max(1000 * 3600 * 1000);
const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #1f77b4');
const hotkey = z.string().regex(/^[a-z0-9]$/, 'one lower-case letter or digit').nullable();
const name = zName();
const note = zText(LIMITS.note);
const definition = zText(LIMITS.definition);
const filePath = zPath();

/** The widest time window one listSegments call answers: the web API pages a media's segments. */
export const SEGMENT_WINDOW_MAX_MS = 60 * 60_000;

export interface ProjectInfo {
  projectId: Uuid;
  name: string;
  file: string;
  schemaVersion: number;
  systems: ActivitySystem[];
  media: Media[];
  coders: Coder[];
  codes: Code[];
  /** Set in a coder file: the only coder who may code in it. */
  coderFileFor: Uuid | null;
  segmentCount: number;
  /**
   * Blind coding (study setting, on in new studies): the Code screen hides other coders'
   * segments, notes and lanes, except for coders in `blindRevealedFor` who turned it off for
   * themselves.
   */
  blindCoding: boolean;
  blindRevealedFor: Uuid[];
}

export type MediaStatus =
  | { state: 'ok'; mediaId: Uuid }
  | { state: 'missing'; mediaId: Uuid; path: string; message: string }
  | { state: 'changed'; mediaId: Uuid; path: string; message: string };

export interface CodeUsage {
  links: number;
  segments: number;
  descendants: number;
  themes: number;
}

export const codingContract = {
  getProject: call<ProjectInfo>()(z.object({}).strict()),
  /** The segments overlapping a time window of one media (at most SEGMENT_WINDOW_MAX_MS wide). */
  listSegments: call<Segment[]>()(
    z.object({ mediaId: id, fromMs: ms, toMs: ms })
      .strict()
      .refine((v) => v.toMs >= v.fromMs, { message: 'toMs must not be before fromMs', path: ['toMs'] })
      .refine((v) => v.toMs - v.fromMs <= SEGMENT_WINDOW_MAX_MS, { message: `a window of at most ${SEGMENT_WINDOW_MAX_MS / 60_000} minutes`, path: ['toMs'] }),
  ),
  /** The whole media's segments without ids or notes, for the seek bar and zoomed-out timeline. */
  segmentMarks: call<SegmentMarks>()(z.object({ mediaId: id }).strict()),
  createSegment: call<Segment>()(
    // addIdentical: add it even when the coder has an identical segment (else refused: identical_segment)
    z.object({ mediaId: id, coderId: id, startMs: ms, endMs: ms, codeIds: z.array(id).max(100), note: note.optional(), addIdentical: z.boolean().optional() })
      .strict()
      .refine((v) => v.endMs >= v.startMs, { message: 'endMs must not be before startMs', path: ['endMs'] }),
  ),
  updateSegment: call<Segment>()(
    z.object({ id, startMs: ms.optional(), endMs: ms.optional(), note: note.optional(), codeIds: z.array(id).max(100).optional() }).strict(),
  ),
  deleteSegment: call<{ id: Uuid }>()(z.object({ id }).strict()),
  createCoder: call<Coder>()(z.object({ name, color: color.optional() }).strict()),
  createCode: call<Code>()(
    z.object({
      name,
      parentId: id.nullable().optional(),
      color: color.optional(),
      hotkey: hotkey.optional(),
      definition: definition.optional(),
      kind: z.enum(CODE_KINDS).optional(),
      element: z.enum(CHAT_ELEMENTS).nullable().optional(),
      systemId: id.nullable().optional(),
    }).strict(),
  ),
  updateCode: call<Code>()(
    z.object({ id, name: name.optional(), parentId: id.nullable().optional(), color: color.optional(), hotkey: hotkey.optional(), definition: definition.optional() }).strict(),
  ),
  codeUsage: call<CodeUsage>()(z.object({ id }).strict()),
  deleteCode: call<{ deletedCodes: number; deletedLinks: number }>()(z.object({ id }).strict()),
  renameSystem: call<ActivitySystem>()(z.object({ id, name }).strict()),
  mediaStatus: call<MediaStatus>()(z.object({ mediaId: id }).strict()),
  locateMedia: call<Media>()(z.object({ mediaId: id, path: filePath }).strict()),
  addMedia: call<Media>()(z.object({ path: filePath }).strict()),
  reportMediaInfo: call<Media>()(z.object({ mediaId: id, durationMs: ms, frameRate: z.number().positive().max(1000).optional() }).strict()),
  savePosition: call<{ ok: true }>()(z.object({ mediaId: id, positionMs: ms }).strict()),
  /** Turns the study's blind coding setting on or off (for every coder). */
  setBlindCoding: call<{ blindCoding: boolean }>()(z.object({ on: z.boolean() }).strict()),
  /** One coder's own choice: see the other coders (reveal) or stay blind. */
  setBlindReveal: call<{ blindRevealedFor: Uuid[] }>()(z.object({ coderId: id, reveal: z.boolean() }).strict()),
} as const;

