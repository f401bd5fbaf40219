/**
 * The reconcile decision log for the `agreement` export (its `-decisions` side file), read from
 * the merge & reconcile feature's `reconcile_decisions` table (migration 30):
 *   at ← decided_at, by ← decided_by_name, media ← media_id (name), code ← code_id (path),
 *   start/end ← item_start_ms/item_end_ms (the reconciled item), action,
 *   result_start/result_end ← start_ms/end_ms (what the consensus layer got; null for a drop),
 *   chosen_coder ← chosen_coder_id (name), rationale, undone_at, undone_by ← undone_by_name.
 * A file without that table (written before reconciliation existed) has an empty log: the side
 * file then holds the header only. Decisions are kept when their media is in the export's media
 * scope and their item overlaps the time window; ordered by decided_at, then id.
 */
import type { ReconcileDecision } from '../../../shared/csv/agreementCsv';
import { clipToScope, indexProject, resolveScope, type ExportFilters } from '../../../shared/csv/scope';
import type { ProjectSnapshot } from '../../../shared/domain';
import type { ProjectStore } from '../../db/store';
import { hasTable } from '../../db/tables/meta';
import { readDecisionColumns } from '../../db/tables/reconcile';

interface DecisionRow {
  id: string;
  media_id: string;
  code_id: string;
  item_start_ms: number;
  item_end_ms: number;
  action: string;
  start_ms: number | null;
  end_ms: number | null;
  chosen_coder_id: string | null;
  rationale: string;
  decided_by_name: string;
  decided_at: number;
  undone_at: number | null;
  undone_by_name: string | null;
}

const COLUMNS: (keyof DecisionRow)[] = [
  'id', 'media_id', 'code_id', 'item_start_ms', 'item_end_ms', 'action', 'start_ms', 'end_ms',
  'chosen_coder_id', 'rationale', 'decided_by_name', 'decided_at', 'undone_at', 'undone_by_name',
];

export function hasDecisionLog(store: ProjectStore): boolean {
  return hasTable(store.db, 'reconcile_decisions');
}

export function readDecisions(store: ProjectStore, snapshot: ProjectSnapshot, filters: ExportFilters): ReconcileDecision[] {
  // (none without the table; columns missing from an older/newer shape read as NULL rather than failing the export)
  const rows = readDecisionColumns<DecisionRow>(store.db, COLUMNS);
  const ix = indexProject(snapshot);
  const scope = resolveScope(snapshot, { mediaIds: filters.mediaIds, fromMs: filters.fromMs, toMs: filters.toMs });
  const out: ReconcileDecision[] = [];
  for (const r of rows) {
    if (scope.media && !scope.media.has(r.media_id)) continue;
    if (r.item_start_ms !== null && r.item_end_ms !== null && !clipToScope(scope, r.item_start_ms, r.item_end_ms)) continue;
    out.push({
      at: r.decided_at ?? '',
      by: r.decided_by_name ?? '',
      media: ix.mediaById.get(r.media_id)?.name ?? r.media_id ?? '',
      code: ix.pathById.get(r.code_id) ?? r.code_id ?? '',
      startMs: r.item_start_ms,
      endMs: r.item_end_ms,
      action: r.action ?? '',
      resultStartMs: r.start_ms,
      resultEndMs: r.end_ms,
      chosenCoder: r.chosen_coder_id ? (ix.coderById.get(r.chosen_coder_id)?.name ?? r.chosen_coder_id) : '',
      rationale: r.rationale ?? '',
      undoneAt: r.undone_at,
      undoneBy: r.undone_by_name ?? '',
    });
  }
  return out;
}
