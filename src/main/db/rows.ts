/** Row ↔ domain mapping for the project tables. */
import type { ActivitySystem, Code, Coder, Contradiction, Media, Memo, Segment, Theme } from '../../shared/domain';

export interface StampRow { id: string; created_at: number; updated_at: number }
const stamps = (r: StampRow) => ({ id: r.id, createdAt: r.created_at, updatedAt: r.updated_at });

export type SystemRow = StampRow & { name: string; sort_order: number };
export const toSystem = (r: SystemRow): ActivitySystem => ({ ...stamps(r), name: r.name, sortOrder: r.sort_order });

export type MediaRow = StampRow & { path: string; name: string; fingerprint: string; size: number; duration_ms: number | null; frame_rate: number | null; last_position_ms: number };
export const toMedia = (r: MediaRow): Media => ({
  ...stamps(r), path: r.path, name: r.name, fingerprint: r.fingerprint, size: r.size,
  durationMs: r.duration_ms, frameRate: r.frame_rate, lastPositionMs: r.last_position_ms,
});

export type CoderRow = StampRow & { name: string; color: string; is_consensus: number; active?: number };
/** `active` is absent before migration 50 (a read-only older file): such coders are all active. */
export const toCoder = (r: CoderRow): Coder => ({ ...stamps(r), name: r.name, color: r.color, isConsensus: r.is_consensus === 1, active: r.active !== 0 });

export type CodeRow = StampRow & {
  name: string; kind: Code['kind']; element: Code['element']; system_id: string | null;
  contradiction_level: Code['contradictionLevel']; parent_id: string | null; color: string;
  hotkey: string | null; definition: string; sort_order: number;
};
export const toCode = (r: CodeRow): Code => ({
  ...stamps(r), name: r.name, kind: r.kind, element: r.element, systemId: r.system_id,
  contradictionLevel: r.contradiction_level, parentId: r.parent_id, color: r.color, hotkey: r.hotkey,
  definition: r.definition, sortOrder: r.sort_order,
});

export type SegmentRow = StampRow & { media_id: string; coder_id: string; start_ms: number; end_ms: number; note: string; code_ids: string | null };
export const toSegment = (r: SegmentRow): Segment => ({
  ...stamps(r), mediaId: r.media_id, coderId: r.coder_id, startMs: r.start_ms, endMs: r.end_ms, note: r.note,
  codeIds: r.code_ids ? r.code_ids.split(',') : [],
});

export type MemoRow = StampRow & { scope: Memo['scope']; media_id: string | null; segment_id: string | null; coder_id: string | null; time_ms: number | null; title: string; body: string };
export const toMemo = (r: MemoRow): Memo => ({
  ...stamps(r), scope: r.scope, mediaId: r.media_id, segmentId: r.segment_id, coderId: r.coder_id,
  timeMs: r.time_ms, title: r.title, body: r.body,
});

export type ContradictionRow = StampRow & {
  level: Contradiction['level']; element_a: Contradiction['elementA']; system_a: string | null;
  element_b: Contradiction['elementB']; system_b: string | null; coder_id: string; status: Contradiction['status'];
  note: string; evidence_ids: string | null;
};
export const toContradiction = (r: ContradictionRow): Contradiction => ({
  ...stamps(r), level: r.level, elementA: r.element_a, systemA: r.system_a, elementB: r.element_b, systemB: r.system_b,
  coderId: r.coder_id, status: r.status, note: r.note, evidenceSegmentIds: r.evidence_ids ? r.evidence_ids.split(',') : [],
});

export type ThemeRow = StampRow & { name: string; description: string; sort_order: number; code_ids: string | null };
export const toTheme = (r: ThemeRow): Theme => ({
  ...stamps(r), name: r.name, description: r.description, sortOrder: r.sort_order, codeIds: r.code_ids ? r.code_ids.split(',') : [],
});
