/**
 * Migration 80 (linked recordings, waveform cache): a file of the version before it, holding a
 * recording and a coded segment, opens migrated with its data intact; the new tables are STRICT,
 * their foreign keys cascade with the recording, and their CHECKs hold.
 */
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/main/db/migrations';
import { ProjectStore } from '../../src/main/db/store';
import { oldSchemaFile } from '../helpers/oldSchema';

// the version just before 80, whatever it is on this branch (70 once participants land)
const previous = Math.max(...MIGRATIONS.map((m) => m.version).filter((v) => v < 80));

describe('migration 80', () => {
  it(`migrates a version-${previous} study keeping its data and adds STRICT media_links and waveforms`, () => {
    const { file, db } = oldSchemaFile(previous);
    db.exec(`INSERT INTO project_meta (key, value) VALUES ('project_id', 'p1'), ('lineage_id', 'l1'), ('name', 'Old');
      INSERT INTO media (id, path, name, fingerprint, size, duration_ms, frame_rate, last_position_ms, created_at, updated_at) VALUES
        ('m1', '/room.mp4', 'room.mp4', 'f1', 1, 60000, 25, 0, 1, 1), ('m2', '/table.mp4', 'table.mp4', 'f2', 1, 60000, 25, 0, 1, 1);
      INSERT INTO coders (id, name, color, is_consensus, created_at, updated_at) VALUES ('c1', 'amina', '#1f77b4', 0, 1, 1);
      INSERT INTO segments (id, media_id, coder_id, start_ms, end_ms, note, created_at, updated_at) VALUES ('s1', 'm1', 'c1', 100, 500, 'kept', 1, 1);`);
    db.close();

    const store = ProjectStore.open(file);
    try {
      expect(store.schemaVersion).toBe(MIGRATIONS[MIGRATIONS.length - 1]!.version);
      expect(store.getSegment('s1')).toMatchObject({ mediaId: 'm1', startMs: 100, endMs: 500, note: 'kept' });
      expect(store.listMedia().map((m) => m.name)).toEqual(['room.mp4', 'table.mp4']);
      const sql = store.db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name IN ('media_links', 'waveforms') ORDER BY name").all() as { name: string; sql: string }[];
      expect(sql.map((t) => t.name)).toEqual(['media_links', 'waveforms']);
      for (const t of sql) expect(t.sql).toMatch(/\)\s*STRICT$/);
      const link = store.db.prepare('INSERT INTO media_links (id, primary_media_id, angle_media_id, offset_ms, created_at, updated_at) VALUES (?, ?, ?, ?, 1, 1)');
      expect(() => link.run('k1', 'm1', 'm2', '3.25 s')).toThrow(/cannot store TEXT value in INTEGER column/);
      expect(() => link.run('k1', 'm1', 'nope', 3250)).toThrow(/FOREIGN KEY constraint failed/);
      expect(() => link.run('k1', 'm1', 'm2', 86_400_001)).toThrow(/CHECK constraint failed/);
      link.run('k1', 'm1', 'm2', 3250);
      const wave = store.db.prepare('INSERT INTO waveforms (media_id, fingerprint, rate_hz, sample_count, envelope, created_at) VALUES (?, ?, 100, ?, ?, 1)');
      expect(() => wave.run('m2', 'f2', 2, Buffer.alloc(4))).toThrow(/CHECK constraint failed/);
      wave.run('m2', 'f2', 1, Buffer.alloc(4));
      // both go with the recording
      store.db.prepare("DELETE FROM media WHERE id = 'm2'").run();
      expect(store.db.prepare('SELECT (SELECT count(*) FROM media_links) + (SELECT count(*) FROM waveforms) AS n').get()).toEqual({ n: 0 });
    } finally {
      store.close();
    }
  });
});
