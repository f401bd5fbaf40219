/** The Compare screen's tables: a snapshot with participants, then the pure computation. */
import type { ProjectSnapshot } from '../../../shared/domain';
import { compareMatrix, type CompareMatrix, type MatrixRequest } from '../../../shared/participants/compare';
import type { ProjectStore } from '../../db/store';
import { readSnapshot } from '../../ops/exportSnapshot';

/**
 * The study as plain data (the exports' quick snapshot, one read transaction): it carries the
 * participants, attributes and groups, and the participants of every segment and contradiction.
 */
export function participantSnapshot(store: ProjectStore): ProjectSnapshot {
  return readSnapshot(store);
}

export function compareMatrixOf(store: ProjectStore, req: MatrixRequest): CompareMatrix {
  return compareMatrix(participantSnapshot(store), req);
}
