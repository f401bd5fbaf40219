/**
 * Who is in the moment: the people seen in a study's recordings (participants), what is known of
 * them (attributes), the sets they form (groups: dyads, tables, cohorts), and which of them a
 * segment or a contradiction is about. Pure TypeScript: no DOM, no Node.
 */
import type { Stamped, Uuid } from '../domain';

export const ATTRIBUTE_TYPES = ['text', 'number', 'date', 'boolean'] as const;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

/** One attribute the study records for every participant (e.g. school, years of experience). */
export interface AttributeDef extends Stamped {
  name: string;
  type: AttributeType;
  sortOrder: number;
}

/**
 * A value of an attribute: text → string; number → number; date → 'YYYY-MM-DD' string;
 * boolean → boolean. A participant without a value for an attribute has no entry.
 */
export type AttributeValue = string | number | boolean;

export interface Participant extends Stamped {
  name: string;
  /** Free text, e.g. "researcher", "STEM coach"; '' when none. */
  role: string;
  /** The activity system the participant belongs to, or null. */
  systemId: Uuid | null;
  /** The participant's hotkey in the participant layer (Alt + key): one lower-case letter or digit; null when none. */
  key: string | null;
  sortOrder: number;
  /** Attribute id → value. */
  attributes: Record<Uuid, AttributeValue>;
}

/** A named set of participants (a dyad, a table, a cohort); a participant may be in several. */
export interface Group extends Stamped {
  name: string;
  sortOrder: number;
  /** Member participant ids, in the participants' order. */
  memberIds: Uuid[];
}

/** Everything the Study settings' Participants panel shows. */
export interface ParticipantsState {
  participants: Participant[];
  attributes: AttributeDef[];
  groups: Group[];
}

/** A speaker named in the media's transcripts, offered as a participant. */
export interface TranscriptSpeaker {
  /** As written in the transcript (`<v Lena>` → "Lena", `LENA:` → "LENA"). */
  speaker: string;
  /** How many cues carry it. */
  cues: number;
  /** The participant whose name matches it (case-insensitive), or null when none does yet. */
  participantId: Uuid | null;
}
