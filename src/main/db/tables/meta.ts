/** project_meta (key/value settings of a study) and questions about the schema itself. */
import { stmt, type Db } from '../connection';

export function getMeta(db: Db, key: string): string | undefined {
  const row = stmt(db, 'SELECT value FROM project_meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value;
}

export function setMeta(db: Db, key: string, value: string): void {
  stmt(db, 'INSERT INTO project_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}

/** The rest of each key `prefix…` whose value is `value`, in key order. */
export function metaKeysWith(db: Db, prefix: string, value: string): string[] {
  const rows = stmt(db, "SELECT key FROM project_meta WHERE substr(key, 1, length(?)) = ? AND value = ? ORDER BY key").all(prefix, prefix, value) as { key: string }[];
  return rows.map((r) => r.key.slice(prefix.length));
}

/** Whether the file has this table (an older schema may not). */
export function hasTable(db: Db, name: string): boolean {
  return stmt(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

/** The columns a table has in this file (an older schema may lack some). */
export function tableColumns(db: Db, table: string): string[] {
  return (stmt(db, 'SELECT name FROM pragma_table_info(?)').all(table) as { name: string }[]).map((c) => c.name);
}
