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

/** The rows every migration test starts from: one media, coder, code and coded segment 's1' (0–500 ms, note 'kept'). */
export function seedCoreRows(db: Database.Database): void {
  db.exec(`INSERT INTO project_meta (key, value) VALUES ('project_id', 'p1'), ('lineage_id', 'l1'), ('name', 'Old');
    INSERT INTO media (id, path, name, fingerprint, size, duration_ms, frame_rate, last_position_ms, created_at, updated_at) VALUES ('m1', '/v.mp4', 'v.mp4', 'f', 1, 1000, NULL, 0, 1, 1);
    INSERT INTO coders (id, name, color, is_consensus, created_at, updated_at) VALUES ('c1', 'amina', '#1f77b4', 0, 1, 1);
    INSERT INTO codes (id, name, kind, color, created_at, updated_at) VALUES ('k1', 'Tools', 'custom', '#888888', 1, 1);
    INSERT INTO segments (id, media_id, coder_id, start_ms, end_ms, note, created_at, updated_at) VALUES ('s1', 'm1', 'c1', 0, 500, 'kept', 1, 1);
    INSERT INTO segment_codes (segment_id, code_id, created_at) VALUES ('s1', 'k1', 1);`);
}
