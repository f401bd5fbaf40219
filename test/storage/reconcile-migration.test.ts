/** Migration 30 (reconciliation tables): a version-20 file migrates with its data intact; the new tables are STRICT with foreign keys. */
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { APPLICATION_ID } from '../../src/main/db/open';
import { MIGRATIONS } from '../../src/main/db/migrations';
import { ProjectStore } from '../../src/main/db/store';
import { tempDir } from '../helpers/mergeStore';
import { seedCoreRows } from '../helpers/oldSchema';

describe('migration 30', () => {
  it('migrates a version-20 project keeping its data, and adds STRICT decision tables with foreign keys', () => {
    const file = path.join(tempDir(), 'v20.triangulate');
    const db = new Database(file);
    for (const m of MIGRATIONS.filter((x) => x.version <= 20)) m.up(db);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma('user_version = 20');
    seedCoreRows(db);
    db.close();

    const store = ProjectStore.open(file);
    try {
      expect(store.schemaVersion).toBeGreaterThanOrEqual(30);
      expect(store.getSegment('s1')).toMatchObject({ startMs: 0, endMs: 500, note: 'kept', codeIds: ['k1'] });
      const tables = store.db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name IN ('reconcile_decisions', 'reconcile_decision_sources', 'consensus_segments') ORDER BY name").all() as { name: string; sql: string }[];
      expect(tables.map((t) => t.name)).toEqual(['consensus_segments', 'reconcile_decision_sources', 'reconcile_decisions']);
      for (const t of tables) expect(t.sql).toMatch(/\)\s*STRICT/);
      // STRICT: a text time is refused; FK: a decision on unknown media is refused
      const insert = store.db.prepare(`INSERT INTO reconcile_decisions (id, media_id, code_id, item_key, item_kind, item_start_ms, item_end_ms, action, decided_by_name, decided_at, created_at, updated_at)
        VALUES (?, ?, 'k1', 'd-x', 'disagreement', ?, 10, 'drop', 'amina', 1, 1, 1)`);
      expect(() => insert.run('d1', 'm1', 'zero')).toThrow(/cannot store TEXT value in INTEGER column/);
      expect(() => insert.run('d1', 'nope', 0)).toThrow(/FOREIGN KEY constraint failed/);
      insert.run('d1', 'm1', 0);
      // one active decision per item; an undone one frees it
      expect(() => insert.run('d2', 'm1', 0)).toThrow(/UNIQUE constraint failed/);
      store.db.prepare("UPDATE reconcile_decisions SET undone_at = 2, undone_by_name = 'amina' WHERE id = 'd1'").run();
      insert.run('d2', 'm1', 0);
      // a consensus segment link goes with its segment
      store.db.prepare("INSERT INTO consensus_segments (segment_id, decision_id) VALUES ('s1', 'd2')").run();
      store.db.prepare("DELETE FROM segments WHERE id = 's1'").run();
      expect(store.db.prepare('SELECT count(*) AS n FROM consensus_segments').get()).toEqual({ n: 0 });
    } finally {
      store.close();
    }
  });
});
