/**
 * Tombstones: the ids of deleted records with when they were deleted, so a merge can carry
 * deletions between coder files (a tombstone not older than a record deletes it).
 */
import type { TombstoneRow } from '../../../shared/merge/rows';
import { stmt, type Db } from '../connection';

export type { TombstoneRow };

/** Records (or moves forward) the deletion of `id` from `table`. */
export function addTombstone(db: Db, id: string, table: string, deletedAt: number): void {
  stmt(db, 'INSERT INTO tombstones (id, table_name, deleted_at) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET table_name = excluded.table_name, deleted_at = excluded.deleted_at')
    .run(id, table, deletedAt);
}

export function deleteTombstone(db: Db, id: string): void {
  stmt(db, 'DELETE FROM tombstones WHERE id = ?').run(id);
}

export function listTombstones(db: Db): TombstoneRow[] {
  return stmt(db, 'SELECT id, table_name, deleted_at FROM tombstones').all() as TombstoneRow[];
}
