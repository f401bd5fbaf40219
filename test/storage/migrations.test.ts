/**
 * Migrations 20 and 40 upgrade a file of the previous version that holds data (30, 50 and 60 are
 * covered in reconcile-migration, settings and recording-order tests): nothing written before is
 * lost and the new tables take rows.
 */
import { describe, expect, it } from 'vitest';
import { LATEST_VERSION } from '../../src/main/db/migrations';
import { ProjectStore } from '../../src/main/db/store';
import { oldSchemaFile } from '../helpers/oldSchema';

const CORE_ROWS = `
  INSERT INTO project_meta (key, value) VALUES ('project_id', 'p1'), ('lineage_id', 'l1'), ('name', 'Old');
  INSERT INTO activity_systems (id, name, sort_order, created_at, updated_at) VALUES ('sys1', 'Researchers', 0, 1, 1);
  INSERT INTO media (id, path, name, fingerprint, size, duration_ms, frame_rate, last_position_ms, created_at, updated_at) VALUES ('m1', '/v.mp4', 'v.mp4', 'f', 1, 60000, 25, 1500, 1, 1);
  INSERT INTO coders (id, name, color, is_consensus, created_at, updated_at) VALUES ('c1', 'amina', '#1f77b4', 0, 1, 1);
  INSERT INTO codes (id, name, kind, element, system_id, color, hotkey, created_at, updated_at) VALUES ('k1', 'Tools', 'element', 'tools', 'sys1', '#888888', 't', 1, 1);
  INSERT INTO codes (id, name, kind, element, system_id, color, created_at, updated_at) VALUES ('k2', 'Subject', 'element', 'subject', 'sys1', '#777777', 1, 1);
  INSERT INTO segments (id, media_id, coder_id, start_ms, end_ms, note, created_at, updated_at) VALUES ('s1', 'm1', 'c1', 1000, 2000, 'kept', 1, 1);
  INSERT INTO segment_codes (segment_id, code_id, created_at) VALUES ('s1', 'k1', 1), ('s1', 'k2', 1);
  INSERT INTO memos (id, scope, media_id, segment_id, coder_id, time_ms, title, body, created_at, updated_at) VALUES ('memo1', 'segment', 'm1', 's1', 'c1', 1200, 'T', 'B', 1, 1);
  INSERT INTO tombstones (id, table_name, deleted_at) VALUES ('gone', 'segments', 5);`;

function expectCoreRows(store: ProjectStore) {
  expect(store.getMeta('name')).toBe('Old');
  expect(store.listSystems().map((s) => s.name)).toEqual(['Researchers']);
  expect(store.getMedia('m1')).toMatchObject({ path: '/v.mp4', durationMs: 60000, frameRate: 25, lastPositionMs: 1500 });
  expect(store.listCoders().map((c) => c.name)).toEqual(['amina']);
  expect(store.getCode('k1')).toMatchObject({ name: 'Tools', hotkey: 't', element: 'tools', systemId: 'sys1' });
  expect(store.getSegment('s1')).toMatchObject({ startMs: 1000, endMs: 2000, note: 'kept', codeIds: ['k1', 'k2'] });
  expect(store.getMemo('memo1')).toMatchObject({ scope: 'segment', segmentId: 's1', title: 'T', body: 'B', timeMs: 1200 });
  expect(store.db.prepare('SELECT table_name, deleted_at FROM tombstones').all()).toEqual([{ table_name: 'segments', deleted_at: 5 }]);
}

describe('migration 20', () => {
  it('upgrades a version-10 file keeping its rows; contradictions with evidence and themes can then be written', () => {
    const { file, db } = oldSchemaFile(10);
    db.exec(CORE_ROWS);
    db.close();
    const store = ProjectStore.open(file);
    try {
      expect(store.schemaVersion).toBe(LATEST_VERSION);
      expectCoreRows(store);
      const c = store.insertContradiction({ level: 'secondary', elementA: 'tools', systemA: 'sys1', elementB: 'subject', systemB: 'sys1', coderId: 'c1', evidenceSegmentIds: ['s1'] });
      expect(store.getContradiction(c.id)).toMatchObject({ evidenceSegmentIds: ['s1'], status: 'unresolved' });
      store.db.prepare("INSERT INTO themes (id, name, created_at, updated_at) VALUES ('t1', 'Mediation', 1, 1)").run();
      store.db.prepare("INSERT INTO theme_codes (theme_id, code_id, sort_order) VALUES ('t1', 'k2', 0), ('t1', 'k1', 1)").run();
      expect(store.listThemes().map((t) => [t.name, t.codeIds])).toEqual([['Mediation', ['k2', 'k1']]]);
    } finally {
      store.close();
    }
  });
});

describe('migration 40', () => {
  it('upgrades a version-30 file keeping its rows and reconcile decisions; edits are then undoable and transcripts stored', () => {
    const { file, db } = oldSchemaFile(30);
    db.exec(CORE_ROWS);
    db.exec(`INSERT INTO contradictions (id, level, element_a, system_a, element_b, system_b, coder_id, note, created_at, updated_at) VALUES ('x1', 'primary', 'tools', 'sys1', 'tools', 'sys1', 'c1', 'n', 1, 1);
      INSERT INTO contradiction_evidence (contradiction_id, segment_id) VALUES ('x1', 's1');
      INSERT INTO reconcile_decisions (id, media_id, code_id, item_key, item_kind, item_start_ms, item_end_ms, action, decided_by_name, decided_at, created_at, updated_at)
        VALUES ('d1', 'm1', 'k1', 'key', 'disagreement', 1000, 2000, 'drop', 'amina', 3, 3, 3);`);
    db.close();
    const store = ProjectStore.open(file);
    try {
      expect(store.schemaVersion).toBe(LATEST_VERSION);
      expectCoreRows(store);
      expect(store.getContradiction('x1')).toMatchObject({ level: 'primary', evidenceSegmentIds: ['s1'], note: 'n' });
      expect(store.db.prepare('SELECT id, action FROM reconcile_decisions').all()).toEqual([{ id: 'd1', action: 'drop' }]);
      // the undo history starts empty and records the first edit after the upgrade
      expect(store.undoLog!.state()).toEqual({ undo: null, redo: null });
      store.recordEdit('Edit note', () => store.updateSegment('s1', { note: 'changed' }));
      expect(store.undoLog!.undo().label).toBe('Edit note');
      expect(store.getSegment('s1').note).toBe('kept');
      const t = store.insertTranscript({ mediaId: 'm1', name: 'a.vtt', format: 'vtt', cues: [{ startMs: 0, endMs: 900, speaker: 'Lena', text: 'Hello' }] });
      expect(store.listTranscripts('m1').map((x) => [x.id, x.cues.map((c) => c.text)])).toEqual([[t.id, ['Hello']]]);
    } finally {
      store.close();
    }
  });
});
