/**
 * Recording order (migration 60): a schema-50 file holding media, coders and segments upgrades
 * with the order the lists used until then (created_at, then name) and its data kept; moving a
 * recording up or down is one undo step each; new recordings go to the end; every list follows.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCoderFile } from '../../src/main/features/merge/coderFile';
import { addMediaFile } from '../../src/main/features/coding/service';
import { exportExchangeKind } from '../../src/main/features/exchange/export';
import { mergeCoderFiles } from '../../src/main/features/merge/merge';
import { importFile } from '../helpers/snapshot';
import { fakeRecording, makeProject, tempDir } from '../helpers/mergeStore';
import { ProjectStore } from '../../src/main/db/store';
import { moveRecording } from '../../src/main/features/studies/recordings';
import { createService } from '../../src/main/service';
import { oldSchemaFile } from '../helpers/oldSchema';
import { LATEST_VERSION } from '../../src/main/db/migrations';

let tick = 1_700_000_000_000;
const clock = () => (tick += 1000);
const fp = (c: string) => c.repeat(64);

function schema50File(): string {
  const { file, db } = oldSchemaFile(50);
  // created_at 3, 1, 2 and two at 5 (tie broken by name: "a" before "b")
  db.exec(`INSERT INTO project_meta VALUES ('project_id','p'),('lineage_id','l'),('name','Old');
    INSERT INTO coders VALUES ('c1','Ana','#111111',0,1,1,1);
    INSERT INTO media VALUES ('m3','/3.mp4','third','${fp('3')}',1,1000,NULL,0,3,3),
      ('m1','/1.mp4','first','${fp('1')}',1,1000,NULL,0,1,1),
      ('m2','/2.mp4','second','${fp('2')}',1,1000,NULL,0,2,2),
      ('m5b','/5b.mp4','b','${fp('b')}',1,1000,NULL,0,5,5),
      ('m5a','/5a.mp4','a','${fp('a')}',1,1000,NULL,0,5,5);
    INSERT INTO segments VALUES ('g1','m2','c1',0,500,'note',1,1);`);
  db.close();
  return file;
}

const order = (store: ProjectStore) => store.listMedia().map((m) => m.name);

describe('migration 60: recording order', () => {
  it('upgrades a schema-50 file holding data: sort_order 0..n from created_at then name, data kept', () => {
    const store = ProjectStore.open(schema50File(), { clock });
    expect(store.schemaVersion).toBe(LATEST_VERSION);
    const rows = store.db.prepare('SELECT id, sort_order FROM media ORDER BY sort_order').all();
    expect(rows).toEqual([{ id: 'm1', sort_order: 0 }, { id: 'm2', sort_order: 1 }, { id: 'm3', sort_order: 2 }, { id: 'm5a', sort_order: 3 }, { id: 'm5b', sort_order: 4 }]);
    expect(store.listSegments().map((s) => [s.id, s.mediaId, s.note])).toEqual([['g1', 'm2', 'note']]);
    store.close();
  });

  it('moves a recording up and down, one undo step each; the ends do nothing; a new recording goes last', async () => {
    const store = ProjectStore.open(schema50File(), { clock });
    const api = createService(store);
    expect(order(store)).toEqual(['first', 'second', 'third', 'a', 'b']);
    expect(moveRecording(store, 'm3', -1).map((m) => m.name)).toEqual(['first', 'third', 'second', 'a', 'b']);
    moveRecording(store, 'm3', -1);
    expect(order(store)).toEqual(['third', 'first', 'second', 'a', 'b']);
    expect((await api.getProject({})).media.map((m) => m.name)).toEqual(['third', 'first', 'second', 'a', 'b']);
    const steps = store.db.prepare('SELECT COUNT(*) AS n FROM undo_log').get();
    moveRecording(store, 'm3', -1); // already first: nothing, no undo step
    moveRecording(store, 'm5b', 1); // already last
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM undo_log').get()).toEqual(steps);
    expect(order(store)).toEqual(['third', 'first', 'second', 'a', 'b']);
    store.undoLog!.undo();
    expect(order(store)).toEqual(['first', 'third', 'second', 'a', 'b']);
    store.undoLog!.undo();
    expect(order(store)).toEqual(['first', 'second', 'third', 'a', 'b']);
    store.undoLog!.redo();
    expect(order(store)).toEqual(['first', 'third', 'second', 'a', 'b']);
    store.insertMedia({ path: '/new.mp4', name: 'new', fingerprint: fp('9'), size: 1, durationMs: 1000 });
    expect(order(store).at(-1)).toBe('new');
    expect(() => moveRecording(store, 'nope', 1)).toThrow(/No media nope/);
    store.close();
  });
});

describe('recordings brought in by a merge go to the end of the list', () => {
  it('a recording a coder file adds is listed after the study\'s own, not first (sort_order 0)', () => {
    const dir = tempDir();
    const p = makeProject(dir, ['amina']);
    fs.writeFileSync(path.join(dir, 'second.mp4'), fakeRecording(5000));
    addMediaFile(p.store, path.join(dir, 'second.mp4'), 60_000, 25);
    const out = path.join(dir, 'amina.triangulate');
    createCoderFile(p.store, 'amina', out);
    const coderStore = ProjectStore.open(out);
    fs.writeFileSync(path.join(dir, 'third.mp4'), fakeRecording(6000));
    addMediaFile(coderStore, path.join(dir, 'third.mp4'), 30_000, 25);
    coderStore.close();
    mergeCoderFiles(p.store, [out]);
    expect(order(p.store)).toEqual(['workshop.mp4', 'second.mp4', 'third.mp4']);
    p.store.close();
  });
});

describe('recordings brought in by an exchange import go to the end of the list', () => {
  it('a QDPX import into a study with recordings lists the imported one last', () => {
    const dir = tempDir();
    const src = makeProject(fs.mkdtempSync(path.join(dir, 'src-')), ['amina']);
    src.store.close();
    const qdpx = path.join(dir, 'out.qdpx');
    exportExchangeKind(src.file, 'qdpx', qdpx);
    const target = ProjectStore.create(path.join(dir, 'target.triangulate'));
    fs.writeFileSync(path.join(dir, 'a.mp4'), fakeRecording(5000));
    fs.writeFileSync(path.join(dir, 'b.mp4'), fakeRecording(6000));
    addMediaFile(target, path.join(dir, 'a.mp4'), 60_000, 25);
    addMediaFile(target, path.join(dir, 'b.mp4'), 60_000, 25);
    target.close();
    importFile(path.join(dir, 'target.triangulate'), qdpx);
    const after = ProjectStore.open(path.join(dir, 'target.triangulate'));
    expect(order(after)).toEqual(['a.mp4', 'b.mp4', 'workshop.mp4']);
    after.close();
  });
});
