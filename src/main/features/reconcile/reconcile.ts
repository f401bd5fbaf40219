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
import { findDisagreements, type AgreementSegment, type AgreedRange, type Disagreement } from '../../../shared/agreement';
import { codePath, type Coder } from '../../../shared/domain';
import { formatHms } from '../../../shared/time';
import { UserError } from '../../../shared/errors';
import { coderLabels } from '../../../shared/merge/coderLabels';
import { consensusRanges } from '../../../shared/merge/consensus';
import type { DecisionAction, DecisionInfo, DecisionLogEntry, QueueItem, ReconcileAction, ReconcileQueue } from '../../../shared/merge/types';
import { CONSENSUS_COLOR, type ProjectStore } from '../../db/store';
import { activeDecisions, consensusSegmentsOf, decisionSourceIds, getDecision, insertDecision, insertDecisionSource, linkConsensusSegment, listDecisions, markDecisionUndone, type DecisionRow } from '../../db/tables/reconcile';
import { deleteSegmentRow, insertSegmentRow, linkCodes } from '../../db/tables/segments';
import { addTombstone } from '../../db/tables/tombstones';
import { plural } from '../../../shared/plural';

export const CONSENSUS_NAME = 'Consensus';

export function findConsensusCoder(store: ProjectStore): Coder | null {
  return store.listCoders().find((c) => c.isConsensus) ?? null;
}

function ensureConsensusCoder(store: ProjectStore): Coder {
  return findConsensusCoder(store) ?? store.insertCoder({ name: CONSENSUS_NAME, isConsensus: true, color: CONSENSUS_COLOR });
}

function toInfo(store: ProjectStore, r: DecisionRow): DecisionInfo {
  return {
    id: r.id, action: r.action, startMs: r.start_ms, endMs: r.end_ms, chosenCoderId: r.chosen_coder_id, rationale: r.rationale,
    by: r.decided_by_name, at: r.decided_at, consensusSegmentIds: consensusSegmentsOf(store.db, r.id),
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
    activeDecisions(store.db, mediaId).map((r) => [r.item_key, r]),
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
  insertDecision(db, {
    id, media_id: mediaId, code_id: item.codeId, item_key: item.key, item_kind: item.kind, item_start_ms: item.startMs, item_end_ms: item.endMs,
    action, start_ms: start, end_ms: end, chosen_coder_id: action === 'accept' ? input.chosenCoderId ?? null : null, rationale: input.rationale.trim(),
    decided_by_id: input.decidedBy, decided_by_name: by, decided_at: now, created_at: now, updated_at: now,
  });
  for (const s of item.segments) insertDecisionSource(db, id, s);
  for (const r of ranges) {
    const sid = randomUUID();
    insertSegmentRow(db, { id: sid, media_id: mediaId, coder_id: consensus.id, start_ms: r.startMs, end_ms: r.endMs, note: input.rationale.trim(), created_at: now, updated_at: now });
    linkCodes(db, sid, [item.codeId], now);
    linkConsensusSegment(db, sid, id);
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
    return toInfo(store, getDecision(store.db, id)!);
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
    const d = getDecision(store.db, decisionId);
    if (!d) throw new UserError('not_found', `No decision ${decisionId}`);
    if (d.undone_at !== null) throw new UserError('conflict', 'This decision was already undone');
    const now = store.now();
    const segs = consensusSegmentsOf(store.db, decisionId);
    for (const s of segs) {
      addTombstone(store.db, s, 'segments', now);
      deleteSegmentRow(store.db, s);
    }
    markDecisionUndone(store.db, decisionId, byName(store, undoneBy), now);
    return { id: decisionId, removedSegments: segs.length };
  });
}

/** The decision log, oldest first (an undo is shown on its decision: undoneAt, undoneBy). */
export function decisionLog(store: ProjectStore, mediaId?: string): DecisionLogEntry[] {
  const rows = listDecisions(store.db, mediaId);
  const codes = store.listCodes();
  const codeById = new Map(codes.map((c) => [c.id, c]));
  const media = new Map(store.listMedia().map((m) => [m.id, m.name]));
  const labels = coderLabels(store.listCoders());
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
      sourceSegmentIds: decisionSourceIds(store.db, r.id),
    };
  });
}
