/**
 * Triangulate's domain vocabulary (see shared/domain/chat-primer.md).
 * Pure TypeScript: no DOM, no Node. Every time is an integer number of milliseconds.
 */

import type { AttributeDef, Group, Participant } from './participants/types';

export const CHAT_ELEMENTS = [
  'subject',
  'object',
  'tools',
  'rules',
  'community',
  'division_of_labor',
  'outcome',
] as const;
export type ChatElement = (typeof CHAT_ELEMENTS)[number];

export const CHAT_ELEMENT_LABELS: Record<ChatElement, string> = {
  subject: 'Subject',
  object: 'Object',
  tools: 'Tools',
  rules: 'Rules',
  community: 'Community',
  division_of_labor: 'Division of labour',
  outcome: 'Outcome',
};

export const CONTRADICTION_LEVELS = ['primary', 'secondary', 'tertiary', 'quaternary'] as const;
export type ContradictionLevel = (typeof CONTRADICTION_LEVELS)[number];

export const CONTRADICTION_LEVEL_LABELS: Record<ContradictionLevel, string> = {
  primary: 'Primary',
  secondary: 'Secondary',
  tertiary: 'Tertiary',
  quaternary: 'Quaternary',
};

export const CONTRADICTION_STATUSES = [
  'unresolved',
  'emerging',
  'aggravated',
  'being_worked_on',
  'resolved',
] as const;
export type ContradictionStatus = (typeof CONTRADICTION_STATUSES)[number];

/**
 * What a code is:
 * - `group`: a folder in the codebook (e.g. an activity system or "Markers"); can still be applied.
 * - `element`: a CHAT element of one activity system (or the shared object when systemId is null).
 * - `contradiction`: one of the four contradiction levels.
 * - `marker`: an observation marker type; applying it drops a point event (start = end).
 * - `custom`: any user-defined code.
 */
export const CODE_KINDS = ['group', 'element', 'contradiction', 'marker', 'custom'] as const;
export type CodeKind = (typeof CODE_KINDS)[number];

export type Uuid = string;
/** Milliseconds since the Unix epoch. */
export type Timestamp = number;

export interface Stamped {
  id: Uuid;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface ActivitySystem extends Stamped {
  name: string;
  sortOrder: number;
}

export interface Media extends Stamped {
  /** Absolute path on this machine. */
  path: string;
  /** Display name (file name by default). */
  name: string;
  /** sha256 hex of size + first MiB + last MiB. */
  fingerprint: string;
  size: number;
  durationMs: number | null;
  /** Frames per second when known (frame stepping); null = unknown (25 assumed). */
  frameRate: number | null;
  lastPositionMs: number;
}

export interface Coder extends Stamped {
  name: string;
  color: string;
  /** The consensus layer written by reconciliation. */
  isConsensus: boolean;
  /**
   * false = "not coding any more": kept with their work, left out by default where coders are
   * chosen (see isCoding). Absent (imports, older data) means active.
   */
  active?: boolean;
}

export interface Code extends Stamped {
  name: string;
  kind: CodeKind;
  element: ChatElement | null;
  /** Activity system the element belongs to; null for the shared object and non-element codes. */
  systemId: Uuid | null;
  contradictionLevel: ContradictionLevel | null;
  parentId: Uuid | null;
  color: string;
  /** A single key (e.g. "1", "q"); null when none. */
  hotkey: string | null;
  definition: string;
  sortOrder: number;
}

export interface Segment extends Stamped {
  mediaId: Uuid;
  coderId: Uuid;
  startMs: number;
  endMs: number;
  note: string;
  /** Codes applied to this segment (segment-code links). */
  codeIds: Uuid[];
  /** Participants the segment is about (sorted ids); filled by every store read, absent in older data. */
  participantIds?: Uuid[];
}

/**
 * A media's segments in compact form for drawing the whole recording (seek bar, zoomed-out
 * timeline): flat quadruples [startMs, endMs, coderIndex, codeIndex] per segment × code link,
 * indices into coderIds / codeIds (codeIndex -1: a segment without codes). No ids, no notes.
 */
export interface SegmentMarks {
  coderIds: Uuid[];
  codeIds: Uuid[];
  marks: number[];
}

export const MEMO_SCOPES = ['project', 'media', 'segment'] as const;
export type MemoScope = (typeof MEMO_SCOPES)[number];

export interface Memo extends Stamped {
  scope: MemoScope;
  mediaId: Uuid | null;
  segmentId: Uuid | null;
  coderId: Uuid | null;
  /** Moment the memo refers to (media memos), or null. */
  timeMs: number | null;
  title: string;
  body: string;
}

export interface Contradiction extends Stamped {
  level: ContradictionLevel;
  elementA: ChatElement;
  systemA: Uuid | null;
  elementB: ChatElement;
  systemB: Uuid | null;
  coderId: Uuid;
  status: ContradictionStatus;
  note: string;
  evidenceSegmentIds: Uuid[];
  /** Participants the contradiction is about (sorted ids); absent in older data. */
  participantIds?: Uuid[];
}

export interface Theme extends Stamped {
  name: string;
  description: string;
  sortOrder: number;
  codeIds: Uuid[];
}

/**
 * Everything in a project, as plain data. Pure modules (agreement, CSV, EAF, QDPX) work on this,
 * never on the database.
 */
export interface ProjectSnapshot {
  projectId: Uuid;
  name: string;
  systems: ActivitySystem[];
  media: Media[];
  coders: Coder[];
  codes: Code[];
  segments: Segment[];
  memos: Memo[];
  contradictions: Contradiction[];
  themes: Theme[];
  /** Participants, attribute definitions and groups (absent in snapshots built without them). */
  participants?: Participant[];
  attributes?: AttributeDef[];
  groups?: Group[];
}

export function isPointEvent(s: { startMs: number; endMs: number }): boolean {
  return s.startMs === s.endMs;
}

/** Full path of a code in the codebook tree, e.g. "Researchers/Tools". */
export function codePath(code: Code, byId: ReadonlyMap<Uuid, Code>): string {
  const parts: string[] = [];
  let cur: Code | undefined = code;
  const seen = new Set<Uuid>();
  while (cur && !seen.has(cur.id)) {
    seen.add(cur.id);
    parts.unshift(cur.name);
    cur = cur.parentId ? byId.get(cur.parentId) : undefined;
  }
  return parts.join('/');
}

/** Is the coder still coding? Inactive coders are left out of agreement, reconcile and pickers by default. */
export function isCoding(c: Pick<Coder, 'active'>): boolean {
  return c.active !== false;
}
