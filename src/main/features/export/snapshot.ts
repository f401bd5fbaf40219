/** The project snapshot an export reads (db/tables/snapshot.ts, the one snapshot reader). */
import type { ProjectSnapshot } from '../../../shared/domain';
import type { ProjectStore } from '../../db/store';
import { readSnapshot as readDb, type SnapshotOptions } from '../../db/tables/snapshot';

export const readSnapshot = (store: ProjectStore, opts: SnapshotOptions = {}): ProjectSnapshot => readDb(store.db, opts);
