/**
 * Reconciliation: the queue of disagreements (from the agreement engine's findDisagreements) for
 * one media and a set of coders, and the decisions that settle them. A decision writes segments
 * of the consensus coder (created as "Consensus" when the project has none), linked to the
 * decision and, through it, to the coders' source segments. Each decision, "Accept N agreed
 * ranges" and "Undo decision" is one step of the study's undo history (store.recordEdit), so
 * Ctrl+Z reverts the latest of them like a coding edit. "Undo decision" removes the decision's
 * consensus segments and marks it undone (the log keeps both); Ctrl+Z of a decision takes the
 * decision back out of the log, as if it had not been made.
 */
import { randomUUID } from 'node:crypto';
import { findDisagreements, type AgreementSegment, type AgreedRange, type Disagreement } from '../../shared/agreement';
import { codePath, type Coder } from '../../shared/domain';
import { formatHms } from '../../shared/time';
import { UserError } from '../../shared/errors';
import { coderLabels } from '../../shared/merge/coderLabels';
import { consensusRanges } from '../../shared/merge/consensus';
import type { DecisionAction, DecisionInfo, DecisionLogEntry, QueueItem, ReconcileAction, ReconcileQueue } from '../../shared/merge/types';
import { CONSENSUS_COLOR, type ProjectStore } from '../db/store';
import { plural } from '../../shared/plural';

export const CONSENSUS_NAME = 'Consensus';

export function findConsensusCoder(store: ProjectStore): Coder | null {
  return store.listCoders().find((c) => c.isConsensus) ?? null;
}

function ensureConsensusCoder(store: ProjectStore): Coder {
  return findConsensusCoder(store) ?? store.insertCoder({ name: CONSENSUS_NAME, isConsensus: true, color: CONSENSUS_COLOR });
}

interface DecisionRow {
  id: string; media_id: string; code_id: string; item_key: string; item_kind: 'disagreement' | 'agreed';
  item_start_ms: number; item_end_ms: number; action: DecisionAction; start_ms: number | null; end_ms: number | null;
  chosen_coder_id: string | null; rationale: string; decided_by_id: string | null; decided_by_name: string;
  decided_at: number; undone_at: number | null; undone_by_name: string | null;
}

function toInfo(store: ProjectStore, r: DecisionRow): DecisionInfo {
  const segs = store.db.prepare('SELECT segment_id FROM consensus_segments WHERE decision_id = ? ORDER BY segment_id').all(r.id) as { segment_id: string }[];
  return {
    id: r.id, action: r.action, startMs: r.start_ms, endMs: r.end_ms, chosenCoderId: r.chosen_coder_id, rationale: r.rationale,
    by: r.decided_by_name, at: r.decided_at, consensusSegmentIds: segs.map((s) => s.segment_id),
  };
}

function checkSelection(store: ProjectStore, mediaId: string, coderIds: readonly string[]) {
  store.getMedia(mediaId);
  if (new Set(coderIds).size !== coderIds.length) throw new UserError('invalid', 'A coder is chosen twice');
  if (coderIds.length < 2) throw new UserError('invalid', 'Choose at least two coders to reconcile');
  for (const id of coderIds) {
    const c = store.getCoder(id);
    if (c.isConsensus) throw new UserError('invalid', `"${c.name}" is the consensus coder; choose the coders whose work is reconciled`);
  }
}

export function buildQueue(store: ProjectStore, mediaId: string, coderIds: readonly string[]): ReconcileQueue {
  checkSelection(store, mediaId, coderIds);
  const chosen = new Set(coderIds);
  const input: AgreementSegment[] = [];
  for (const s of store.listSegments(mediaId)) {
    if (!chosen.has(s.coderId)) continue;
    for (const code of s.codeIds) input.push({ coder: s.coderId, code, startMs: s.startMs, endMs: s.endMs, id: s.id });
  }
  const codes = store.listCodes();
  const codeById = new Map(codes.map((c) => [c.id, c]));
  const result = findDisagreements(input, { coders: coderIds, codes: codes.map((c) => c.id).filter((id) => input.some((s) => s.code === id)) });
  const active = new Map(
    (store.db.prepare('SELECT * FROM reconcile_decisions WHERE media_id = ? AND undone_at IS NULL').all(mediaId) as DecisionRow[]).map((r) => [r.item_key, r]),
  );
  const toItem = (x: Disagreement | AgreedRange, kind: QueueItem['kind']): QueueItem => {
    const seen = new Set<string>();
    const segments = x.segmentRefs.filter((r) => !seen.has(r.id!) && seen.add(r.id!)).map((r) => ({ id: r.id!, coderId: r.coder, startMs: r.startMs, endMs: r.endMs }));
    const d = active.get(x.id);
    const code = codeById.get(x.code)!;
    return {
      key: x.id, kind, codeId: x.code, codeName: codePath(code, codeById), startMs: x.startMs, endMs: x.endMs, pointEvent: x.pointEvent,
      codersApplied: 'codersApplied' in x ? x.codersApplied : x.coders,
      codersNotApplied: 'codersNotApplied' in x ? x.codersNotApplied : [],
      segments, decision: d ? toInfo(store, d) : null,
    };
  };
  const items = result.disagreements.map((d) => toItem(d, 'disagreement'));
  const agreed = result.agreed.map((a) => toItem(a, 'agreed'));
  return {
    mediaId, coderIds: [...coderIds], consensusCoderId: findConsensusCoder(store)?.id ?? null, items, agreed,
    decided: items.filter((i) => i.decision).length, total: items.length, agreedUndecided: agreed.filter((a) => !a.decision).length,
  };
}

export interface DecideInput {
  mediaId: string;
  coderIds: string[];
  itemKey: string;
  action: ReconcileAction;
  chosenCoderId?: string;
  startMs?: number;
  endMs?: number;
  rationale: string;
  decidedBy: string;
}

function byName(store: ProjectStore, coderId: string): string {
  const label = coderLabels(store.listCoders()).get(coderId);
  if (!label) throw new UserError('not_found', `No coder ${coderId} in this project`);
  return label;
}

function writeDecision(store: ProjectStore, item: QueueItem, mediaId: string, action: DecisionAction, input: Omit<DecideInput, 'mediaId' | 'coderIds' | 'itemKey' | 'action'>): string {
  if (item.decision) throw new UserError('conflict', `This ${item.kind === 'agreed' ? 'agreed range' : 'disagreement'} is already decided (${item.decision.action}); undo that decision first`);
  const ranges = consensusRanges({
    action, segments: item.segments, codersApplied: item.codersApplied, pointEvent: item.pointEvent,
    chosenCoderId: input.chosenCoderId, startMs: input.startMs, endMs: input.endMs,
  });
  if (action === 'accept' && input.chosenCoderId && !item.codersApplied.includes(input.chosenCoderId)) {
    throw new UserError('invalid', 'That coder did not apply this code here');
  }
  const media = store.getMedia(mediaId);
  for (const r of ranges) {
    if (media.durationMs !== null && r.endMs > media.durationMs + 1000) throw new UserError('invalid', `End ${r.endMs} ms is after the end of ${media.name}`);
  }
  const db = store.db;
  const now = store.now();
  const id = randomUUID();
  const by = byName(store, input.decidedBy);
  const consensus = ensureConsensusCoder(store);
  const start = ranges.length ? Math.min(...ranges.map((r) => r.startMs)) : null;
  const end = ranges.length ? Math.max(...ranges.map((r) => r.endMs)) : null;
  db.prepare(`INSERT INTO reconcile_decisions (id, media_id, code_id, item_key, item_kind, item_start_ms, item_end_ms, action, start_ms, end_ms,
      chosen_coder_id, rationale, decided_by_id, decided_by_name, decided_at, undone_at, undone_by_name, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?)`).run(
    id, mediaId, item.codeId, item.key, item.kind, item.startMs, item.endMs, action, start, end,
    action === 'accept' ? input.chosenCoderId ?? null : null, input.rationale.trim(), input.decidedBy, by, now, now, now);
  const src = db.prepare('INSERT INTO reconcile_decision_sources (decision_id, segment_id, coder_id, start_ms, end_ms) VALUES (?, ?, ?, ?, ?)');
  for (const s of item.segments) src.run(id, s.id, s.coderId, s.startMs, s.endMs);
  const seg = db.prepare('INSERT INTO segments (id, media_id, coder_id, start_ms, end_ms, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const link = db.prepare('INSERT INTO segment_codes (segment_id, code_id, created_at) VALUES (?, ?, ?)');
  const own = db.prepare('INSERT INTO consensus_segments (segment_id, decision_id) VALUES (?, ?)');
  for (const r of ranges) {
    const sid = randomUUID();
    seg.run(sid, mediaId, consensus.id, r.startMs, r.endMs, input.rationale.trim(), now, now);
    link.run(sid, item.codeId, now);
    own.run(sid, id);
  }
  return id;
}

/** The undo-history name of a decision: what was done to which code where. */
function decisionLabel(action: DecisionAction, codeName: string, startMs: number, endMs: number): string {
  return `Reconcile ${action}: ${codeName} ${formatHms(startMs)}–${formatHms(endMs)}`;
}

export function decide(store: ProjectStore, input: DecideInput): DecisionInfo {
  let label = 'Reconcile decision';
  return store.recordEdit(() => label, () => {
    const q = buildQueue(store, input.mediaId, input.coderIds);
    const item = q.items.find((i) => i.key === input.itemKey) ?? q.agreed.find((i) => i.key === input.itemKey);
    if (!item) throw new UserError('not_found', 'That disagreement is no longer in the queue (the coders\' segments changed); reload the queue');
    label = decisionLabel(input.action, item.codeName, item.startMs, item.endMs);
    const id = writeDecision(store, item, input.mediaId, input.action, input);
    return toInfo(store, store.db.prepare('SELECT * FROM reconcile_decisions WHERE id = ?').get(id) as DecisionRow);
  });
}

export const bulkAgreeLabel = (n: number) => `Accept ${plural(n, 'agreed range')}`;

/** Accepts every undecided agreed range (all coders matched), one decision each: one undo step. */
export function bulkAgree(store: ProjectStore, input: { mediaId: string; coderIds: string[]; rationale: string; decidedBy: string }): { decided: number } {
  return store.recordEdit((r) => bulkAgreeLabel(r.decided), () => {
    const q = buildQueue(store, input.mediaId, input.coderIds);
    let decided = 0;
    for (const item of q.agreed) {
      if (item.decision) continue;
      writeDecision(store, item, input.mediaId, 'bulk-agree', { rationale: input.rationale || 'All coders agree', decidedBy: input.decidedBy });
      decided++;
    }
    return { decided };
  });
}

export function undoDecision(store: ProjectStore, decisionId: string, undoneBy: string): { id: string; removedSegments: number } {
  return store.recordEdit('Undo reconcile decision', () => {
    const d = store.db.prepare('SELECT * FROM reconcile_decisions WHERE id = ?').get(decisionId) as DecisionRow | undefined;
    if (!d) throw new UserError('not_found', `No decision ${decisionId}`);
    if (d.undone_at !== null) throw new UserError('conflict', 'This decision was already undone');
    const now = store.now();
    const segs = store.db.prepare('SELECT segment_id FROM consensus_segments WHERE decision_id = ?').all(decisionId) as { segment_id: string }[];
    const tomb = store.db.prepare("INSERT INTO tombstones (id, table_name, deleted_at) VALUES (?, 'segments', ?) ON CONFLICT(id) DO UPDATE SET table_name = excluded.table_name, deleted_at = excluded.deleted_at");
    const del = store.db.prepare('DELETE FROM segments WHERE id = ?');
    for (const s of segs) {
      tomb.run(s.segment_id, now);
      del.run(s.segment_id);
    }
    store.db.prepare('UPDATE reconcile_decisions SET undone_at = ?, undone_by_name = ?, updated_at = ? WHERE id = ?').run(now, byName(store, undoneBy), now, decisionId);
    return { id: decisionId, removedSegments: segs.length };
  });
}

/** The decision log, oldest first (an undo is shown on its decision: undoneAt, undoneBy). */
export function decisionLog(store: ProjectStore, mediaId?: string): DecisionLogEntry[] {
  const rows = (mediaId
    ? store.db.prepare('SELECT * FROM reconcile_decisions WHERE media_id = ? ORDER BY decided_at, id').all(mediaId)
    : store.db.prepare('SELECT * FROM reconcile_decisions ORDER BY decided_at, id').all()) as DecisionRow[];
  const codes = store.listCodes();
  const codeById = new Map(codes.map((c) => [c.id, c]));
  const media = new Map(store.listMedia().map((m) => [m.id, m.name]));
  const labels = coderLabels(store.listCoders());
  const sources = store.db.prepare('SELECT segment_id FROM reconcile_decision_sources WHERE decision_id = ? ORDER BY start_ms, segment_id');
  return rows.map((r) => {
    const code = codeById.get(r.code_id);
    return {
      at: r.decided_at,
      by: r.decided_by_name,
      media: media.get(r.media_id) ?? r.media_id,
      code: code ? codePath(code, codeById) : r.code_id,
      startMs: r.item_start_ms,
      endMs: r.item_end_ms,
      action: r.action,
      rationale: r.rationale,
      resultStartMs: r.start_ms,
      resultEndMs: r.end_ms,
      chosenCoder: r.chosen_coder_id ? labels.get(r.chosen_coder_id) ?? r.chosen_coder_id : '',
      undoneAt: r.undone_at,
      undoneBy: r.undone_by_name ?? '',
      decisionId: r.id,
      sourceSegmentIds: (sources.all(r.id) as { segment_id: string }[]).map((s) => s.segment_id),
    };
  });
}
