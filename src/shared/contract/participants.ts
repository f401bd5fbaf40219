/**
 * Participants calls: the people in the recordings, their attributes and groups (Study settings),
 * who a segment or contradiction is about (coding), the roster CSV, transcript speakers, and the
 * comparison tables (the Compare screen).
 */
import { z } from 'zod';
import { call } from './call';
import { exportFiltersSchema, type ExportResult } from './export';
import { zName, zPath } from '../limits';
import type { Contradiction, Segment, Uuid } from '../domain';
import { ATTRIBUTE_TYPES, type AttributeDef, type Group, type Participant, type ParticipantsState, type TranscriptSpeaker } from '../participants/types';
import { MATRIX_COLS, MATRIX_MEASURES, MATRIX_ROWS, type CompareMatrix } from '../participants/compare';

const id = z.string().uuid();
const role = z.string().trim().max(200);
const key = z.string().regex(/^[a-z0-9]$/, 'one lower-case letter or digit').nullable();
/** Attribute id → value (text, number, 'YYYY-MM-DD' date, boolean); null removes the value. */
const attributeValues = z.record(id, z.union([z.string().max(1000), z.number().finite(), z.boolean(), z.null()]));
const ids = (max: number) => z.array(id).max(max);
/** A roster CSV: a file path, or its text as read by the renderer (with the file's name for messages). */
const rosterSource = z
  .object({ path: zPath().optional(), text: z.string().max(20_000_000).optional(), fileName: z.string().max(255).optional() })
  .strict()
  .refine((v) => (v.path === undefined) !== (v.text === undefined), { message: 'give either path or text', path: ['path'] });

/** A comparison table request (MatrixRequest); also the start of a cell's request (contract/compare.ts). */
export const matrixFields = z.object({
  rows: z.enum(MATRIX_ROWS),
  cols: z.enum(MATRIX_COLS),
  measure: z.enum(MATRIX_MEASURES).optional(),
  filters: exportFiltersSchema.optional(),
  sameParticipants: z.boolean().optional(),
  columnIds: ids(10_000).optional(),
});
export const codeColumns = (v: { rows: string; cols: string }) => (v.rows === 'cooccurrence') === (v.cols === 'code');
export const codeColumnsMessage = { message: "a co-occurrence table has codes as columns (cols 'code'); other tables participants or groups", path: ['cols'] };

export interface RosterImportResult {
  file: string;
  participantsAdded: number;
  participantsUpdated: number;
  groupsAdded: number;
  attributesAdded: number;
  memberships: number;
}

export interface ParticipantUsage {
  segments: number;
  contradictions: number;
  groups: number;
}

export const participantsContract = {
  listParticipants: call<ParticipantsState>()(z.object({}).strict()),
  addParticipant: call<Participant>()(
    z.object({ name: zName(), role: role.optional(), systemId: id.nullable().optional(), key: key.optional(), attributes: attributeValues.optional() }).strict(),
  ),
  /** Attributes given are set (null clears one); others are kept. */
  updateParticipant: call<Participant>()(
    z.object({ id, name: zName().optional(), role: role.optional(), systemId: id.nullable().optional(), key: key.optional(), attributes: attributeValues.optional() }).strict(),
  ),
  participantUsage: call<ParticipantUsage>()(z.object({ id }).strict()),
  /** Deletes a participant with their links to segments, contradictions and groups. */
  deleteParticipant: call<{ id: Uuid }>()(z.object({ id }).strict()),
  reorderParticipants: call<Participant[]>()(z.object({ ids: ids(10_000).min(1) }).strict()),
  addAttribute: call<AttributeDef>()(z.object({ name: zName(), type: z.enum(ATTRIBUTE_TYPES) }).strict()),
  updateAttribute: call<AttributeDef>()(z.object({ id, name: zName() }).strict()),
  /** Deletes an attribute definition with every participant's value of it. */
  deleteAttribute: call<{ id: Uuid }>()(z.object({ id }).strict()),
  addGroup: call<Group>()(z.object({ name: zName(), memberIds: ids(10_000).optional() }).strict()),
  updateGroup: call<Group>()(z.object({ id, name: zName().optional(), memberIds: ids(10_000).optional() }).strict()),
  deleteGroup: call<{ id: Uuid }>()(z.object({ id }).strict()),
  /** Sets the participants a segment is about (replaces the set); one undo step. */
  setSegmentParticipants: call<Segment>()(z.object({ segmentId: id, participantIds: ids(1_000) }).strict()),
  /**
   * Toggles one participant on segments (the Alt+key layer): on = true adds, false removes,
   * absent = added to all when any of them lacks it, else removed from all. One undo step.
   */
  toggleSegmentParticipant: call<Segment[]>()(z.object({ segmentIds: ids(10_000).min(1), participantId: id, on: z.boolean().optional() }).strict()),
  setContradictionParticipants: call<Contradiction>()(z.object({ contradictionId: id, participantIds: ids(1_000) }).strict()),
  /** Checks a roster CSV (`participant,role,system,group,<attribute>…`) without changing anything. */
  previewRoster: call<RosterImportResult>()(rosterSource),
  /** Imports a roster CSV: all rows or none (errors name the row and column); one undo step. */
  importRoster: call<RosterImportResult>()(rosterSource),
  /** The speakers of the transcripts (of one media, or all), with the participant each matches. */
  transcriptSpeakers: call<TranscriptSpeaker[]>()(z.object({ mediaId: id.optional() }).strict()),
  /** Adds the named transcript speakers as participants (those not already there), in one undo step. */
  addSpeakersAsParticipants: call<Participant[]>()(z.object({ speakers: z.array(zName()).min(1).max(1_000) }).strict()),
  /**
   * Codes transcript cues: one segment from the first cue's start to the last cue's end, about
   * the participants whose names match the cues' speakers (case-insensitive), in one undo step.
   */
  codeCues: call<Segment>()(
    z.object({ mediaId: id, coderId: id, cueIds: ids(10_000).min(1), codeIds: ids(100), participantIds: ids(1_000).optional() }).strict(),
  ),
  /** One comparison table: each cell's numbers, no id lists (a cell's segments: compareCell). */
  compareMatrix: call<CompareMatrix>()(matrixFields.strict().refine(codeColumns, codeColumnsMessage)),
  /** One comparison table as CSV (tidy `row,column,measure,value`, or wide); the renderer saves the text. */
  exportMatrix: call<ExportResult>()(matrixFields.extend({ wide: z.boolean().optional(), bom: z.boolean().optional() }).strict().refine(codeColumns, codeColumnsMessage)),
} as const;
