/**
 * The raw rows of a table of another project file (a coder file a merge reads), unchecked: the
 * caller validates every row (shared/merge/rows.ts). Link tables come in a fixed order.
 */
import { stmt, type Db } from '../connection';

const ORDERED: Record<string, string> = {
  segment_codes: 'SELECT segment_id, code_id FROM segment_codes ORDER BY segment_id, code_id',
  contradiction_evidence: 'SELECT contradiction_id, segment_id FROM contradiction_evidence ORDER BY contradiction_id, segment_id',
  theme_codes: 'SELECT theme_id, code_id, sort_order FROM theme_codes ORDER BY theme_id, sort_order, code_id',
};

/** Every row of `table` (one of the project's own table names) as SQLite gives it. */
export function readRawRows(db: Db, table: string): unknown[] {
  if (!/^[a-z_]+$/.test(table)) throw new Error(`not a table name: ${table}`);
  return stmt(db, ORDERED[table] ?? `SELECT * FROM ${table}`).all();
}
