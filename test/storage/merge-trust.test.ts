/**
 * Issue 10 item 4: a coder file is trusted only for its own coder's records. A coder file for
 * amina, handed out by the app and then edited with SQLite outside the app to change and delete
 * ben's records and to add records for chen, must merge only amina's own work; everything else is
 * reported as a conflict with its reason and never applied. A full project file (no coder in it)
 * keeps being merged as a whole.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli';
import { ProjectStore } from '../../src/main/db/store';
import { createCoderFile } from '../../src/main/features/merge/coderFile';
import { mergeCoderFiles } from '../../src/main/features/merge/merge';
import { codeId, makeProject, tempDir, tickingClock } from '../unit/merge/helpers';

const open: ProjectStore[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

const LATER = 9_000_000_000_000; // an updated_at later than anything the project holds

function edit<T>(file: string, fn: (s: ProjectStore) => T): T {
  const s = ProjectStore.open(file, { clock: tickingClock(2_000_000) });
  try {
    return fn(s);
  } finally {
    s.close();
  }
}

/** Raw SQL on a file, as someone with the sqlite3 shell would. */
function forge(file: string, sql: (db: Database.Database) => void) {
  const db = new Database(file);
  try {
    sql(db);
  } finally {
    db.close();
  }
}

/** A project with work by amina, ben and chen, and a not-blind coder file for amina (it holds ben's records too). */
function setup() {
  const dir = tempDir();
  const p = makeProject(dir, ['amina', 'ben', 'chen'], { clock: tickingClock(1_000_000) });
  open.push(p.store);
  const tools = codeId(p.store, 'Researchers/Tools');
  const seg = (coder: string, startMs: number) =>
    p.store.insertSegment({ mediaId: p.mediaId, coderId: p.coderIds[coder]!, startMs, endMs: startMs + 1000, codeIds: [tools], note: `${coder} ${startMs}` });
  const a1 = seg('amina', 0), a2 = seg('amina', 2000), b1 = seg('ben', 4000), b2 = seg('ben', 6000);
  const benMemo = p.store.insertMemo({ scope: 'segment', segmentId: b1.id, coderId: p.coderIds.ben!, title: 'ben', body: 'ben memo' });
  const benContra = p.store.insertContradiction({ level: 'primary', elementA: 'tools', systemA: null, coderId: p.coderIds.ben!, note: 'ben', evidenceSegmentIds: [b1.id] });
  const file = path.join(dir, 'amina.triangulate');
  createCoderFile(p.store, 'amina', file, { blind: false });
  return { ...p, dir, tools, file, a1, a2, b1, b2, benMemo, benContra };
}

type Setup = ReturnType<typeof setup>;

/** amina's own work in her file, through the app. */
function aminaWorks(p: Setup) {
  return edit(p.file, (s) => {
    s.updateSegment(p.a1.id, { startMs: 100, note: 'amina moved it' });
    s.deleteSegment(p.a2.id);
    const a3 = s.insertSegment({ mediaId: p.mediaId, coderId: p.coderIds.amina!, startMs: 8000, endMs: 9000, codeIds: [p.tools] });
    const memo = s.insertMemo({ scope: 'segment', segmentId: a3.id, coderId: p.coderIds.amina!, title: 'mine', body: 'amina memo' });
    const contra = s.insertContradiction({ level: 'primary', elementA: 'rules', systemA: null, coderId: p.coderIds.amina!, note: 'amina', evidenceSegmentIds: [a3.id] });
    return { a3, memo, contra };
  });
}

/** Then, outside the app: ben's segments changed and deleted, a segment added for chen. */
function forgeSegments(p: Setup): string {
  const chenSeg = '00000000-0000-4000-8000-00000000c4e1';
  forge(p.file, (db) => {
    db.prepare('UPDATE segments SET start_ms = 1, note = ?, updated_at = ? WHERE id = ?').run('forged', LATER, p.b1.id);
    db.prepare('DELETE FROM segments WHERE id = ?').run(p.b2.id);
    db.prepare("INSERT INTO tombstones (id, table_name, deleted_at) VALUES (?, 'segments', ?)").run(p.b2.id, LATER);
    db.prepare('INSERT INTO segments (id, media_id, coder_id, start_ms, end_ms, note, created_at, updated_at) VALUES (?, ?, ?, 0, 500, ?, ?, ?)')
      .run(chenSeg, p.mediaId, p.coderIds.chen, 'planted', LATER, LATER);
    db.prepare('INSERT INTO segment_codes (segment_id, code_id, created_at) VALUES (?, ?, ?)').run(chenSeg, p.tools, LATER);
  });
  return chenSeg;
}

describe('merge: a coder file changes only its own coder\'s records', () => {
  it('applies amina\'s own edits and reports ben\'s changed and deleted segments and chen\'s added one as conflicts, applying none', () => {
    const p = setup();
    const mine = aminaWorks(p);
    const chenSeg = forgeSegments(p);
    const b1 = p.store.getSegment(p.b1.id), b2 = p.store.getSegment(p.b2.id);

    const r = mergeCoderFiles(p.store, [p.file]);

    expect(p.store.getSegment(p.b1.id)).toEqual(b1);
    expect(p.store.getSegment(p.b2.id)).toEqual(b2);
    expect(p.store.listSegments().filter((s) => s.coderId === p.coderIds.chen)).toEqual([]);
    expect(p.store.db.prepare('SELECT count(*) AS n FROM segments WHERE id = ?').get(chenSeg)).toEqual({ n: 0 });
    // the forged deletion left no tombstone behind that would later hide ben's segment
    expect(p.store.db.prepare('SELECT count(*) AS n FROM tombstones WHERE id = ?').get(p.b2.id)).toEqual({ n: 0 });
    // amina's own work
    expect(p.store.getSegment(p.a1.id)).toMatchObject({ startMs: 100, note: 'amina moved it' });
    expect(() => p.store.getSegment(p.a2.id)).toThrow(/No segment/);
    expect(p.store.getSegment(mine.a3.id).coderId).toBe(p.coderIds.amina);
    expect(r.counts.segments).toMatchObject({ added: 1, updated: 1, deleted: 1 });

    const seg = r.conflicts.filter((c) => c.kind === 'not_coders_record');
    expect(seg.map((c) => [c.ids, c.message])).toEqual([
      [[p.b1.id], `Segment ${p.b1.id} of coder "ben" was changed in this file; a coder file for "amina" may only change amina's records, so it was not merged`],
      [[chenSeg], `Segment ${chenSeg} of coder "chen" was added in this file; a coder file for "amina" may only change amina's records, so it was not merged`],
      [[p.b2.id], `Segment ${p.b2.id} of coder "ben" was deleted in this file; a coder file for "amina" may only change amina's records, so it was not deleted`],
    ]);
    expect(r.totals.conflicts).toBe(3);
    expect(r.conflicts.every((c) => c.file === p.file)).toBe(true);

    // merging the file again changes nothing and reports the same refusals
    const again = mergeCoderFiles(p.store, [p.file]);
    expect(again.totals).toMatchObject({ added: 0, updated: 0, deleted: 0, conflicts: 3 });
    expect(p.store.getSegment(p.b1.id)).toEqual(b1);
  });

  it('the merge command says so: 1 added, 1 updated, 1 deleted (amina\'s) and 3 conflicts', async () => {
    const p = setup();
    aminaWorks(p);
    forgeSegments(p);
    p.store.close();
    const r = await cli('merge', p.file.replace('amina.triangulate', 'lead.triangulate'), p.file);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[1]).toMatch(/^added 3, updated 1, unchanged \d+, deleted 1, conflicts 3$/); // + amina's memo and contradiction
    expect(lines.filter((l) => l.startsWith('conflict (not_coders_record): Segment '))).toHaveLength(3);
  });

  it('also for memos and contradictions: ben\'s are neither changed nor deleted, none is added for chen, amina\'s are merged', () => {
    const p = setup();
    const mine = aminaWorks(p);
    const chenMemo = '00000000-0000-4000-8000-0000000c4e40';
    const chenContra = '00000000-0000-4000-8000-0000000c4e50';
    forge(p.file, (db) => {
      db.prepare('UPDATE memos SET body = ?, updated_at = ? WHERE id = ?').run('forged', LATER, p.benMemo.id);
      db.prepare('DELETE FROM contradictions WHERE id = ?').run(p.benContra.id);
      db.prepare("INSERT INTO tombstones (id, table_name, deleted_at) VALUES (?, 'contradictions', ?)").run(p.benContra.id, LATER);
      db.prepare("INSERT INTO memos (id, scope, media_id, segment_id, coder_id, time_ms, title, body, created_at, updated_at) VALUES (?, 'project', NULL, NULL, ?, NULL, 't', 'planted', ?, ?)")
        .run(chenMemo, p.coderIds.chen, LATER, LATER);
      db.prepare("INSERT INTO contradictions (id, level, element_a, system_a, element_b, system_b, coder_id, status, note, created_at, updated_at) VALUES (?, 'primary', 'tools', NULL, 'tools', NULL, ?, 'unresolved', 'planted', ?, ?)")
        .run(chenContra, p.coderIds.chen, LATER, LATER);
      // taking over ben's contradiction would need it to still exist: steal his memo instead
      db.prepare('UPDATE memos SET coder_id = ?, updated_at = ? WHERE id = ?').run(p.coderIds.amina, LATER + 1, p.benMemo.id);
    });
    const benMemo = p.store.getMemo(p.benMemo.id), benContra = p.store.getContradiction(p.benContra.id);

    const r = mergeCoderFiles(p.store, [p.file]);

    expect(p.store.getMemo(p.benMemo.id)).toEqual(benMemo);
    expect(p.store.getContradiction(p.benContra.id)).toEqual(benContra);
    expect(() => p.store.getMemo(chenMemo)).toThrow();
    expect(() => p.store.getContradiction(chenContra)).toThrow();
    expect(p.store.getMemo(mine.memo.id).body).toBe('amina memo');
    expect(p.store.getContradiction(mine.contra.id).note).toBe('amina');
    expect(r.counts.memos).toMatchObject({ added: 1, updated: 0, deleted: 0 });
    expect(r.counts.contradictions).toMatchObject({ added: 1, updated: 0, deleted: 0 });
    const msgs = r.conflicts.filter((c) => c.kind === 'not_coders_record').map((c) => c.message);
    expect(msgs).toEqual([
      `Memo ${p.benMemo.id} of coder "ben" was changed in this file; a coder file for "amina" may only change amina's records, so it was not merged`,
      `Memo ${chenMemo} of coder "chen" was added in this file; a coder file for "amina" may only change amina's records, so it was not merged`,
      `Contradiction ${chenContra} of coder "chen" was added in this file; a coder file for "amina" may only change amina's records, so it was not merged`,
      `Contradiction ${p.benContra.id} of coder "ben" was deleted in this file; a coder file for "amina" may only change amina's records, so it was not deleted`,
    ]);
  });

  it('does not take coders, themes or activity systems from a coder file: reported, not applied', () => {
    const p = setup();
    const theme = p.store.db.prepare('SELECT count(*) AS n FROM themes').get() as { n: number };
    const systems = p.store.listSystems();
    forge(p.file, (db) => {
      db.prepare('UPDATE coders SET name = ?, is_consensus = 1, updated_at = ? WHERE id = ?').run('ben (fired)', LATER, p.coderIds.ben);
      db.prepare("INSERT INTO coders (id, name, color, is_consensus, created_at, updated_at) VALUES ('00000000-0000-4000-8000-0000000d0a00', 'dora', '#123456', 0, ?, ?)").run(LATER, LATER);
      db.prepare("INSERT INTO themes (id, name, description, sort_order, created_at, updated_at) VALUES ('00000000-0000-4000-8000-0000000e0e00', 'planted', '', 0, ?, ?)").run(LATER, LATER);
      db.prepare('UPDATE activity_systems SET name = ?, updated_at = ? WHERE id = ?').run('Renamed', LATER, systems[0]!.id);
      // amina's own name and colour are hers to change; making herself the consensus layer is not
      db.prepare('UPDATE coders SET name = ?, color = ?, is_consensus = 1, updated_at = ? WHERE id = ?').run('Amina K.', '#654321', LATER, p.coderIds.amina);
    });
    const r = mergeCoderFiles(p.store, [p.file]);
    expect(p.store.getCoder(p.coderIds.ben!)).toMatchObject({ name: 'ben', isConsensus: false });
    expect(p.store.listCoders().map((c) => c.name).sort()).toEqual(['Amina K.', 'ben', 'chen']);
    expect(p.store.getCoder(p.coderIds.amina!)).toMatchObject({ name: 'Amina K.', color: '#654321', isConsensus: false });
    expect(p.store.db.prepare('SELECT count(*) AS n FROM themes').get()).toEqual(theme);
    expect(p.store.listSystems()).toEqual(systems);
    // (amina's new name applies from the moment her coder row is merged)
    expect(r.conflicts.filter((c) => c.kind === 'not_coders_record').map((c) => c.message)).toEqual([
      `Activity system "Renamed" was changed in this file; a coder file for "amina" may only change amina's records, so it was not merged`,
      `Coder "ben (fired)" was changed in this file; a coder file for "Amina K." may only change Amina K.'s records, so it was not merged`,
      `Coder "dora" was added in this file; a coder file for "Amina K." may only change Amina K.'s records, so it was not merged`,
      `Theme "planted" was added in this file; a coder file for "Amina K." may only change Amina K.'s records, so it was not merged`,
    ]);
  });

  it('a code the project deleted is not restored for a record the file may not add', () => {
    const p = setup();
    const rules = codeId(p.store, 'Practitioners/Rules');
    const chenSeg = forgeSegments(p);
    forge(p.file, (db) => db.prepare('INSERT INTO segment_codes (segment_id, code_id, created_at) VALUES (?, ?, ?)').run(chenSeg, rules, LATER));
    p.store.deleteCode(rules);
    const r = mergeCoderFiles(p.store, [p.file]);
    expect(p.store.listCodes().some((c) => c.id === rules)).toBe(false);
    expect(r.conflicts.map((c) => c.kind)).not.toContain('code_restored');
  });

  it('a full project file (not a coder file) is still merged as a whole', () => {
    const p = setup();
    const chenSeg = forgeSegments(p);
    forge(p.file, (db) => db.prepare("DELETE FROM project_meta WHERE key = 'coder_file_for'").run());
    const r = mergeCoderFiles(p.store, [p.file]);
    expect(r.files[0]!.coderId).toBeNull();
    expect(p.store.getSegment(p.b1.id)).toMatchObject({ startMs: 1, note: 'forged' });
    expect(() => p.store.getSegment(p.b2.id)).toThrow(/No segment/);
    expect(p.store.getSegment(chenSeg).coderId).toBe(p.coderIds.chen);
    expect(r.counts.segments).toMatchObject({ added: 1, updated: 1, deleted: 1 });
    expect(r.conflicts).toEqual([]);
  });
});
