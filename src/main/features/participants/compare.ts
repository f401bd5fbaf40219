/** The Compare screen's tables: a snapshot with participants, then the pure computation. */
import type { ProjectSnapshot } from '../../../shared/domain';
import { compareMatrix, type CompareMatrix, type MatrixRequest } from '../../../shared/participants/compare';
import type { ProjectStore } from '../../db/store';
import { attachContradictionParticipants, hasParticipantTables, listAttributes, listGroups, listParticipants } from '../../db/tables/participants';

/**
 * The study as plain data with participants, attributes and groups, and the participants of every
 * segment (the store's reads fill them) and contradiction.
 */
export function participantSnapshot(store: ProjectStore): ProjectSnapshot {
  const snap = store.snapshot();
  if (!hasParticipantTables(store.db)) return { ...snap, participants: [], attributes: [], groups: [] };
  attachContradictionParticipants(store.db, snap.contradictions);
  return { ...snap, participants: listParticipants(store.db), attributes: listAttributes(store.db), groups: listGroups(store.db) };
}

export function compareMatrixOf(store: ProjectStore, req: MatrixRequest): CompareMatrix {
  return compareMatrix(participantSnapshot(store), req);
}
