/** The Compare screen's tables: a snapshot with participants, then the pure computation. */
import type { ProjectSnapshot } from '../../../shared/domain';
import { compareMatrix, type CompareMatrix, type MatrixRequest } from '../../../shared/participants/compare';
import { changeKey } from '../../db/tables/participants';
import type { ProjectStore } from '../../db/store';
import { readSnapshot } from '../export/snapshot';

/**
 * The study as plain data (the exports' quick snapshot, one read transaction): it carries the
 * participants, attributes and groups, and the participants of every segment and contradiction.
 */
export function participantSnapshot(store: ProjectStore): ProjectSnapshot {
  return readSnapshot(store);
}

/**
 * The last snapshot of each open study, kept while nothing changed: switching tables, measures
 * or filters on the Compare screen then only computes. The key moves on with every row this
 * connection writes (total_changes) and every commit of another connection (data_version).
 */
const cache = new WeakMap<ProjectStore, { key: string; snapshot: ProjectSnapshot }>();

export function cachedSnapshot(store: ProjectStore): ProjectSnapshot {
  const key = changeKey(store.db);
  const hit = cache.get(store);
  if (hit && hit.key === key) return hit.snapshot;
  const snapshot = participantSnapshot(store);
  cache.set(store, { key, snapshot });
  return snapshot;
}

export function compareMatrixOf(store: ProjectStore, req: MatrixRequest): CompareMatrix {
  return compareMatrix(cachedSnapshot(store), req);
}
