/**
 * Study settings on real project files: activity systems (add with seven element codes on free
 * hotkeys, rename, reorder, delete refused while used), coders (add, rename, recolour, mark as
 * not coding, delete refused while they have segments), the study name, each one undo step;
 * migration 50 on a file of schema 40 holding data; merge carrying the new system and the
 * inactive flag.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ProjectStore } from '../../src/main/db/store';
import { LATEST_VERSION } from '../../src/main/db/migrations';
import { createCoderFile } from '../../src/main/features/merge/coderFile';
import { mergeCoderFiles } from '../../src/main/features/merge/merge';
import { createService } from '../../src/main/service';
import { codePath, type Code } from '../../src/shared/domain';
import { oldSchemaFile } from '../helpers/oldSchema';
import { tmpDir } from '../helpers/tmp';

let tick = 1_700_000_000_000;
const clock = () => (tick += 1000);

function study() {
  const file = path.join(tmpDir(), 'study.triangulate');
  const store = ProjectStore.create(file, { clock });
  return { file, store, api: createService(store) };
}

const pathsOf = (codes: Code[]) => {
  const byId = new Map(codes.map((c) => [c.id, c]));
  return codes.map((c) => codePath(c, byId));
};

function addMediaRow(store: ProjectStore) {
  return store.insertMedia({ path: '/nowhere/v.mp4', name: 'v.mp4', fingerprint: 'f'.repeat(64), size: 1, durationMs: 60_000 });
}

describe('activity systems', () => {
  it('a third system gets its group and the seven element codes on hotkeys nobody uses', async () => {
    const { store, api } = study();
    const sys = await api.addSystem({ name: 'School leaders' });
    expect(store.listSystems().map((s) => [s.name, s.sortOrder])).toEqual([['Researchers', 0], ['Practitioners', 1], ['School leaders', 2]]);
    const codes = store.listCodes().filter((c) => c.systemId === sys.id);
    // by hand: the defaults use 1-8, q w e r t y u, c a m; i o j k l p are player keys; so the
    // pool "1234567890abcdefghmnqrstuvwxyz" leaves 9 0 b d f g h for the seven elements
    expect(codes.filter((c) => c.kind === 'element').map((c) => [c.element, c.hotkey])).toEqual([
      ['subject', '9'], ['object', '0'], ['tools', 'b'], ['rules', 'd'], ['community', 'f'], ['division_of_labor', 'g'], ['outcome', 'h'],
    ]);
    expect(pathsOf(store.listCodes())).toContain('School leaders/Division of labour');
    // the group sits right after the other systems' groups, before the shared object
    const roots = store.listCodes().filter((c) => c.parentId === null).map((c) => c.name);
    expect(roots.slice(0, 4)).toEqual(['Researchers', 'Practitioners', 'School leaders', 'Shared object']);
    // a fourth gets the five keys left (n s v x z) and two elements without one
    const fourth = await api.addSystem({ name: 'Parents' });
    expect(store.listCodes().filter((c) => c.systemId === fourth.id && c.kind === 'element').map((c) => c.hotkey)).toEqual(['n', 's', 'v', 'x', 'z', null, null]);
  });

  it('add is one undo step; a duplicate or blank name is refused with one line', async () => {
    const { store, api } = study();
    const before = store.snapshot();
    await api.addSystem({ name: 'School leaders' });
    await expect(api.addSystem({ name: 'school LEADERS' })).rejects.toThrow('There is already an activity system called "school LEADERS"; choose another name');
    await api.undo({});
    expect(store.snapshot()).toEqual(before);
  });

  it('rename, reorder and undo them', async () => {
    const { store, api } = study();
    const [r, p] = store.listSystems();
    const leaders = await api.addSystem({ name: 'School leaders' });
    await api.renameSystem({ id: leaders.id, name: 'Headteachers' });
    expect(pathsOf(store.listCodes())).toContain('Headteachers/Tools');
    await api.reorderSystems({ ids: [leaders.id, r!.id, p!.id] });
    expect(store.listSystems().map((s) => s.name)).toEqual(['Headteachers', 'Researchers', 'Practitioners']);
    await expect(api.reorderSystems({ ids: [r!.id, p!.id] })).rejects.toThrow('Reorder needs every activity system exactly once');
    await api.undo({});
    expect(store.listSystems().map((s) => s.name)).toEqual(['Researchers', 'Practitioners', 'Headteachers']);
  });

  it('delete is refused while a segment uses its codes or a contradiction names it; unused, it goes with its codes', async () => {
    const { store, api } = study();
    const media = addMediaRow(store);
    const coder = await api.createCoder({ name: 'Ana' });
    const leaders = await api.addSystem({ name: 'School leaders' });
    const tools = store.listCodes().find((c) => c.systemId === leaders.id && c.element === 'tools')!;
    const seg = await api.createSegment({ mediaId: media.id, coderId: coder.id, startMs: 0, endMs: 1000, codeIds: [tools.id] });
    const hash = () => JSON.stringify(store.snapshot());
    const before = hash();
    await expect(api.deleteSystem({ id: leaders.id })).rejects.toThrow('"School leaders" is in use (1 coded segment(s), 0 contradiction(s)); delete or re-code them first');
    expect(hash()).toBe(before);
    await api.deleteSegment({ id: seg.id });
    await api.deleteSystem({ id: leaders.id });
    expect(store.listSystems().map((s) => s.name)).toEqual(['Researchers', 'Practitioners']);
    expect(store.listCodes().some((c) => c.systemId === leaders.id)).toBe(false);
    // tombstones so a merge does not bring them back
    expect((store.db.prepare("SELECT count(*) AS n FROM tombstones WHERE table_name IN ('codes','activity_systems')").get() as { n: number }).n).toBe(9);
    await api.undo({});
    expect(store.listCodes().filter((c) => c.systemId === leaders.id)).toHaveLength(8);
  });
});

describe('coders', () => {
  it('add, rename, recolour, mark as not coding: each one undo step', async () => {
    const { store, api } = study();
    const ana = await api.createCoder({ name: 'Ana' });
    expect(store.getCoder(ana.id).active).toBe(true);
    await api.updateCoder({ id: ana.id, name: 'Ana B.' });
    await api.updateCoder({ id: ana.id, color: '#123456' });
    await api.updateCoder({ id: ana.id, active: false });
    expect(store.getCoder(ana.id)).toMatchObject({ name: 'Ana B.', color: '#123456', active: false });
    expect((await api.undo({})).label).toBe('Mark coder as not coding');
    expect(store.getCoder(ana.id).active).toBe(true);
    await api.undo({});
    await api.undo({});
    expect(store.getCoder(ana.id)).toMatchObject({ name: 'Ana', color: ana.color });
    await api.undo({});
    expect(store.listCoders()).toEqual([]);
  });

  it('a coder not coding any more is left out of the Agreement selection by default, still listed', async () => {
    const { store, api } = study();
    const media = addMediaRow(store);
    const [ana, ben, cy] = [await api.createCoder({ name: 'Ana' }), await api.createCoder({ name: 'Ben' }), await api.createCoder({ name: 'Cy' })];
    // all three coded something here (a coder with no segments in the media is not a default either)
    for (const c of [ana, ben, cy]) await api.createSegment({ mediaId: media.id, coderId: c.id, startMs: 0, endMs: 500, codeIds: [] });
    await api.updateCoder({ id: ben.id, active: false });
    const choices = await api.agreementChoices({ mediaId: media.id });
    expect(choices.defaultCoderIds).toEqual([ana.id, cy.id]);
    expect(choices.coders.map((c) => [c.name, c.active])).toEqual([['Ana', true], ['Ben', false], ['Cy', true]]);
  });

  it('delete is refused while the coder has segments; without any it goes', async () => {
    const { store, api } = study();
    const media = addMediaRow(store);
    const ben = await api.createCoder({ name: 'Ben' });
    const seg = await api.createSegment({ mediaId: media.id, coderId: ben.id, startMs: 0, endMs: 500, codeIds: [] });
    await expect(api.deleteCoder({ id: ben.id })).rejects.toThrow('"Ben" has 1 segment(s) and 0 contradiction(s); mark them as not coding instead, or delete their work first');
    expect(store.listCoders()).toHaveLength(1);
    await api.deleteSegment({ id: seg.id });
    await api.deleteCoder({ id: ben.id });
    expect(store.listCoders()).toEqual([]);
  });

  it('the consensus layer cannot be marked as not coding or deleted', async () => {
    const { store, api } = study();
    const c = store.insertCoder({ name: 'Consensus', isConsensus: true });
    await expect(api.updateCoder({ id: c.id, active: false })).rejects.toThrow('The consensus layer cannot be marked as not coding');
    await expect(api.deleteCoder({ id: c.id })).rejects.toThrow('The consensus layer cannot be deleted');
  });
});

describe('study name', () => {
  it('renames the study, one undo step', async () => {
    const { store, api } = study();
    await api.renameStudy({ name: 'Pilot 2026' });
    expect((await api.getProject({})).name).toBe('Pilot 2026');
    await api.undo({});
    expect(store.getMeta('name')).toBe('study');
  });
});

describe('migration 50', () => {
  it('upgrades a schema-40 file with coders and segments: every coder active, data kept', () => {
    // a schema-40 project made by migrating a fresh database only up to 40
    const { file, db } = oldSchemaFile(40);
    db.exec(`INSERT INTO project_meta VALUES ('project_id','p'),('lineage_id','l'),('name','Old');
      INSERT INTO activity_systems VALUES ('s1','Researchers',0,1,1);
      INSERT INTO coders VALUES ('c1','Ana','#111111',0,1,1), ('c2','Consensus','#222222',1,1,1);
      INSERT INTO media VALUES ('m1','/x.mp4','x.mp4','${'f'.repeat(64)}',1,1000,NULL,0,1,1);
      INSERT INTO segments VALUES ('g1','m1','c1',0,500,'note',1,1);`);
    db.close();
    const store = ProjectStore.open(file, { clock });
    expect(store.schemaVersion).toBe(LATEST_VERSION);
    expect(store.listCoders().map((c) => [c.name, c.active])).toEqual([['Ana', true], ['Consensus', true]]);
    expect(store.listSegments().map((s) => [s.id, s.coderId, s.note])).toEqual([['g1', 'c1', 'note']]);
    store.close();
  });
});

describe('merge carries the settings', () => {
  it('a full study file brings a new system with its codes and a coder marked as not coding, by id', async () => {
    const { store, api, file } = study();
    const ana = await api.createCoder({ name: 'Ana' });
    const copy = path.join(path.dirname(file), 'copy.triangulate');
    store.db.prepare('VACUUM INTO ?').run(copy);
    const other = ProjectStore.open(copy, { clock });
    const otherApi = createService(other);
    const leaders = await otherApi.addSystem({ name: 'School leaders' });
    await otherApi.updateCoder({ id: ana.id, active: false });
    other.close();
    mergeCoderFiles(store, [copy]);
    expect(store.listSystems().map((s) => s.name)).toContain('School leaders');
    expect(store.listCodes().filter((c) => c.systemId === leaders.id)).toHaveLength(8);
    expect(store.getCoder(ana.id).active).toBe(false);
  });

  it("a coder file cannot mark its coder as not coding, nor add a system (reported, not applied)", async () => {
    const { store, api, file } = study();
    await api.createCoder({ name: 'Ana' });
    const out = path.join(path.dirname(file), 'ana.triangulate');
    createCoderFile(store, 'Ana', out);
    const cf = new Database(out);
    cf.prepare('UPDATE coders SET active = 0, updated_at = updated_at + 100000 WHERE name = ?').run('Ana');
    cf.prepare("INSERT INTO activity_systems VALUES ('00000000-0000-4000-8000-000000000001','Rogue',9,1,1)").run();
    cf.close();
    const summary = mergeCoderFiles(store, [out]);
    expect(store.listCoders().find((c) => c.name === 'Ana')!.active).toBe(true);
    expect(store.listSystems().map((s) => s.name)).not.toContain('Rogue');
    expect(summary.conflicts.some((c) => c.kind === 'not_coders_record' && c.message.includes('Activity system "Rogue"'))).toBe(true);
    expect(fs.existsSync(out)).toBe(true);
  });
});
