/** A study file of an older schema: a fresh database migrated only up to `version`, for migration tests. */
import path from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../src/main/db/migrations';
import { tmpDir } from './tmp';

export function oldSchemaFile(version: number): { file: string; db: Database.Database } {
  const file = path.join(tmpDir(), 'old.triangulate');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`application_id = ${0x54726961}`);
  for (const m of MIGRATIONS.filter((x) => x.version <= version)) db.transaction(() => { m.up(db); db.pragma(`user_version = ${m.version}`); })();
  return { file, db };
}
