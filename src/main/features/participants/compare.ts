/** The Compare screen's tables: a snapshot with participants, then the pure computation. */
import type { ProjectSnapshot } from '../../../shared/domain';
import { compareMatrix, type CompareMatrix, type MatrixRequest } from '../../../shared/participants/compare';
import type { ProjectStore } from '../../db/store';
import { readSnapshot } from '../../ops/exportSnapshot';
import { attachContradictionParticipants, attachSegmentParticipants, hasParticipantTables, listAttributes, listGroups, listParticipants } from '../../db/tables/participants';

/**
 * The study as plain data (the exports' quick snapshot, one read transaction) with participants,
 * attributes and groups, and the participants of every segment and contradiction.
 */
export function participantSnapshot(store: ProjectStore, opts: { segments?: boolean } = {}): ProjectSnapshot {
  return store.db.transaction(() => {
    const snap = readSnapshot(store, { segments: opts.segments ?? true });
    if (!hasParticipantTables(store.db)) return { ...snap, participants: [], attributes: [], groups: [] };
    attachSegmentParticipants(store.db, snap.segments);
    attachContradictionParticipants(store.db, snap.contradictions);
    return { ...snap, participants: listParticipants(store.db), attributes: listAttributes(store.db), groups: listGroups(store.db) };
  })();
}

export function compareMatrixOf(store: ProjectStore, req: MatrixRequest): CompareMatrix {
  return compareMatrix(participantSnapshot(store), req);
}
