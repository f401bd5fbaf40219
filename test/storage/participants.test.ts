/**
 * Participants on a real SQLite file, through the service: participants, attributes and groups
 * persist and are checked; toggling a participant on segments is one undo step; the roster CSV is
 * imported whole or refused whole naming row and column; transcript speakers become participants
 * and coding a cue takes its speaker; migration 70 upgrades a schema-60 file holding data.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProjectStore } from '../../src/main/db/store';
import { LATEST_VERSION } from '../../src/main/db/migrations';
import { createService } from '../../src/main/service';
import { parseInput } from '../../src/shared/contract';
import { codeId, makeProject } from '../helpers/mergeStore';
import { oldSchemaFile, seedCoreRows } from '../helpers/oldSchema';
import { fileHash, tmpDir } from '../helpers/tmp';

function study() {
  const dir = tmpDir();
  const p = makeProject(dir, ['amina']);
  return { ...p, dir, api: createService(p.store), T: codeId(p.store, 'Researchers/Tools') };
}

describe('participants, attributes and groups', () => {
  it('are stored, checked and kept after reopening', async () => {
    const s = study();
    const years = await s.api.addAttribute({ name: 'Years', type: 'number' });
    const prior = await s.api.addAttribute({ name: 'Prior relationship', type: 'boolean' });
    const since = await s.api.addAttribute({ name: 'Since', type: 'date' });
    const lena = await s.api.addParticipant({ name: 'Lena', role: 'researcher', key: 'l', attributes: { [years.id]: 12, [prior.id]: false, [since.id]: '2021-09-01' } });
    expect(lena).toMatchObject({ name: 'Lena', role: 'researcher', key: 'l', attributes: { [years.id]: 12, [prior.id]: false, [since.id]: '2021-09-01' } });
    await expect(s.api.addParticipant({ name: 'lena' })).rejects.toThrow('There is already a participant called "lena"');
    await expect(s.api.addParticipant({ name: 'Omar', key: 'l' })).rejects.toThrow('Participant key "l" is already used by "Lena"');
    await expect(s.api.updateParticipant({ id: lena.id, attributes: { [years.id]: 'ten' } })).rejects.toThrow('Attribute "Years" (number): "ten" is not a number');
    await expect(s.api.updateParticipant({ id: lena.id, attributes: { [since.id]: '2021-02-30' } })).rejects.toThrow(/is not a date/);
    const omar = await s.api.addParticipant({ name: 'Omar', role: 'STEM coach' });
    const dyad = await s.api.addGroup({ name: 'Dyad 1', memberIds: [omar.id, lena.id] });
    expect(dyad.memberIds).toEqual([lena.id, omar.id]);
    await s.api.updateParticipant({ id: lena.id, attributes: { [prior.id]: null, [years.id]: 13 } });
    s.store.close();
    const again = createService(ProjectStore.open(s.file));
    const st = await again.listParticipants({});
    expect(st.participants.map((p) => [p.name, p.attributes])).toEqual([['Lena', { [years.id]: 13, [since.id]: '2021-09-01' }], ['Omar', {}]]);
    expect(st.attributes.map((a) => [a.name, a.type])).toEqual([['Years', 'number'], ['Prior relationship', 'boolean'], ['Since', 'date']]);
    expect(st.groups.map((g) => [g.name, g.memberIds])).toEqual([['Dyad 1', [lena.id, omar.id]]]);
  });

  it('toggles a participant on segments in one undo step; deleting a participant drops its links', async () => {
    const s = study();
    const a = await s.api.createSegment({ mediaId: s.mediaId, coderId: s.coderIds.amina!, startMs: 0, endMs: 1000, codeIds: [s.T] });
    const b = await s.api.createSegment({ mediaId: s.mediaId, coderId: s.coderIds.amina!, startMs: 2000, endMs: 3000, codeIds: [s.T] });
    const lena = await s.api.addParticipant({ name: 'Lena' });
    const on = await s.api.toggleSegmentParticipant({ segmentIds: [a.id, b.id], participantId: lena.id });
    expect(on.map((x) => x.participantIds)).toEqual([[lena.id], [lena.id]]);
    const listed = await s.api.listSegments({ mediaId: s.mediaId, fromMs: 0, toMs: 10_000 });
    expect(listed.map((x) => x.participantIds)).toEqual([[lena.id], [lena.id]]);
    const off = await s.api.toggleSegmentParticipant({ segmentIds: [a.id, b.id], participantId: lena.id });
    expect(off.map((x) => x.participantIds)).toEqual([[], []]);
    const undone = await s.api.undo({});
    expect(undone.label).toBe('Remove participant "Lena"');
    expect(s.store.getSegment(a.id).participantIds).toEqual([lena.id]);
    expect(s.store.getSegment(b.id).participantIds).toEqual([lena.id]);
    await s.api.deleteParticipant({ id: lena.id });
    expect(s.store.getSegment(a.id).participantIds).toEqual([]);
    await s.api.undo({});
    expect(s.store.getSegment(a.id).participantIds).toEqual([lena.id]);
  });
});

describe('roster CSV', () => {
  it('imports participants, roles, systems, groups and typed attributes in one undo step', async () => {
    const s = study();
    const csv = path.join(s.dir, 'roster.csv');
    fs.writeFileSync(csv, 'participant,role,system,group,school,years:number,prior:boolean\n' +
      'Lena,researcher,Researchers,Dyad 1;Cohort,Uni,12,no\n' +
      'Omar,STEM coach,,Dyad 1,Ridge High,4,yes\n' +
      'Ria,STEM coach,,Cohort,,,\n');
    const preview = await s.api.previewRoster({ path: csv });
    expect(preview).toMatchObject({ participantsAdded: 3, participantsUpdated: 0, groupsAdded: 2, attributesAdded: 3, memberships: 4 });
    expect((await s.api.listParticipants({})).participants).toEqual([]);
    await s.api.importRoster({ path: csv });
    const st = await s.api.listParticipants({});
    const attr = (n: string) => st.attributes.find((a) => a.name === n)!.id;
    const researchers = s.store.listSystems().find((x) => x.name === 'Researchers')!.id;
    expect(st.participants.map((p) => ({ name: p.name, role: p.role, systemId: p.systemId, attributes: p.attributes }))).toEqual([
      { name: 'Lena', role: 'researcher', systemId: researchers, attributes: { [attr('school')]: 'Uni', [attr('years')]: 12, [attr('prior')]: false } },
      { name: 'Omar', role: 'STEM coach', systemId: null, attributes: { [attr('school')]: 'Ridge High', [attr('years')]: 4, [attr('prior')]: true } },
      { name: 'Ria', role: 'STEM coach', systemId: null, attributes: {} },
    ]);
    const id = (n: string) => st.participants.find((p) => p.name === n)!.id;
    expect(st.groups.map((g) => [g.name, g.memberIds])).toEqual([['Dyad 1', [id('Lena'), id('Omar')]], ['Cohort', [id('Lena'), id('Ria')]]]);
    expect((await s.api.undo({})).label).toBe('Import roster roster.csv');
    expect((await s.api.listParticipants({})).participants).toEqual([]);
  });

  it('refuses a roster with bad rows whole, naming each row and column, changing nothing', async () => {
    const s = study();
    const csv = path.join(s.dir, 'bad.csv');
    fs.writeFileSync(csv, 'participant,role,system,group,years:number,since:date\n' +
      'Lena,researcher,Researchers,Dyad 1,12,2021-09-01\n' +
      'Omar,coach,Teachers,Dyad 1,four,2021-09-01\n' +
      ',coach,,,,\n' +
      'Ria,coach,,,3,2021-13-01\n');
    s.store.db.pragma('wal_checkpoint(TRUNCATE)');
    const before = fileHash(s.file);
    const err = await s.api.importRoster({ path: csv }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    const msg = (err as Error).message;
    expect(msg).toContain('bad.csv: roster refused, nothing imported (4 problems)');
    expect(msg).toContain('line 3, column "system": no activity system "Teachers"');
    expect(msg).toContain('line 3, column "years": "four" is not a number');
    expect(msg).toContain('line 4, column "participant": the name is empty');
    expect(msg).toContain('line 5, column "since": "2021-13-01" is not a date like 2024-03-01');
    expect(msg.split('\n')).toHaveLength(1);
    s.store.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(fileHash(s.file)).toBe(before);
    expect((await s.api.listParticipants({})).participants).toEqual([]);
    await expect(s.api.importRoster({ text: 'role,group\nx,y\n', fileName: 'r.csv' })).rejects.toThrow('r.csv: roster refused, nothing imported (1 problem): line 1: the header has no "participant" column');
    expect(() => parseInput('importRoster', {})).toThrow(/importRoster: invalid path: give either path or text/);
  });
});

describe('one name, one participant', () => {
  it('names compare ignoring case in any script, inner spaces and Unicode form: the service, the roster and the speakers never make a second one', async () => {
    const s = study();
    const elodie = await s.api.addParticipant({ name: 'Élodie Martin', role: 'researcher' });
    // SQLite's lower() folds ASCII only: "ÉLODIE" was taken as a new name
    await expect(s.api.addParticipant({ name: 'ÉLODIE  martin' })).rejects.toThrow('There is already a participant called "ÉLODIE  martin"; choose another name');
    await expect(s.api.addParticipant({ name: 'E\u0301lodie Martin' })).rejects.toThrow(/There is already a participant called/);
    const g = await s.api.addGroup({ name: 'Équipe A', memberIds: [] });
    await expect(s.api.addGroup({ name: 'ÉQUIPE a', memberIds: [] })).rejects.toThrow(/already/);
    // the roster updates her and joins the group whatever the spelling
    await s.api.importRoster({ text: 'participant,role,group\n ÉLODIE\u00a0 MARTIN ,lead researcher,équipe  A\n', fileName: 'r.csv' });
    // and the transcript speakers' "add" finds her too
    await s.api.addSpeakersAsParticipants({ speakers: ['élodie martin'] });
    const st = await s.api.listParticipants({});
    expect(st.participants.map((p) => [p.id, p.name, p.role])).toEqual([[elodie.id, 'Élodie Martin', 'lead researcher']]);
    expect(st.groups.map((x) => [x.id, x.memberIds])).toEqual([[g.id, [elodie.id]]]);
  });
});

describe('transcript speakers', () => {
  it('are offered as participants in one step, and coding a cue takes its speaker', async () => {
    const s = study();
    const vtt = 'WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Lena>We start with the tablets.\n\n00:00:04.000 --> 00:00:06.000\nOMAR: Who decides?\n\n00:00:07.000 --> 00:00:08.000\n<v Lena>The school does.\n';
    const t = await s.api.importTranscript({ mediaId: s.mediaId, fileName: 'w.vtt', text: vtt });
    expect(await s.api.transcriptSpeakers({ mediaId: s.mediaId })).toEqual([
      { speaker: 'Lena', cues: 2, participantId: null },
      { speaker: 'OMAR', cues: 1, participantId: null },
    ]);
    const added = await s.api.addSpeakersAsParticipants({ speakers: ['Lena', 'OMAR'] });
    expect(added.map((p) => p.name)).toEqual(['Lena', 'OMAR']);
    expect((await s.api.undo({})).label).toBe('Add 2 speakers as participants');
    await s.api.redo({});
    const speakers = await s.api.transcriptSpeakers({});
    expect(speakers.every((x) => x.participantId !== null)).toBe(true);
    // an existing "Omar" matches "OMAR" ignoring case: adding again adds nothing
    expect((await s.api.addSpeakersAsParticipants({ speakers: ['omar'] })).map((p) => p.name)).toEqual(['OMAR']);
    const seg = await s.api.codeCues({ mediaId: s.mediaId, coderId: s.coderIds.amina!, cueIds: [t.cues[1]!.id, t.cues[2]!.id], codeIds: [s.T] });
    expect(seg).toMatchObject({ startMs: 4000, endMs: 8000, codeIds: [s.T] });
    expect(seg.participantIds).toEqual([added[0]!.id, added[1]!.id].sort());
    expect((await s.api.undo({})).label).toBe('Code transcript cues');
    expect(s.store.countSegments()).toBe(0);
  });
});

describe('migration 70', () => {
  it('upgrades a schema-60 file holding data; the new tables are STRICT with foreign keys', () => {
    const { file, db } = oldSchemaFile(60);
    seedCoreRows(db);
    db.close();
    const store = ProjectStore.open(file);
    try {
      expect(store.schemaVersion).toBe(LATEST_VERSION);
      expect(store.getSegment('s1')).toMatchObject({ startMs: 0, endMs: 500, note: 'kept', codeIds: ['k1'], participantIds: [] });
      const tables = store.db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND (name LIKE '%participant%' OR name LIKE 'group%') ORDER BY name").all() as { name: string; sql: string }[];
      expect(tables.map((t) => t.name)).toEqual(['contradiction_participants', 'group_members', 'groups', 'participant_attribute_values', 'participant_attributes', 'participants', 'segment_participants']);
      for (const t of tables) expect(t.sql).toMatch(/\)\s*STRICT/);
      const link = store.db.prepare("INSERT INTO segment_participants (segment_id, participant_id, created_at) VALUES ('s1', ?, ?)");
      expect(() => link.run('nobody', 1)).toThrow(/FOREIGN KEY constraint failed/);
      store.db.prepare("INSERT INTO participants (id, name, created_at, updated_at) VALUES ('p1', 'Lena', 1, 1)").run();
      expect(() => link.run('p1', 'one')).toThrow(/cannot store TEXT value in INTEGER column/);
      expect(() => store.db.prepare("INSERT INTO participants (id, name, hotkey, created_at, updated_at) VALUES ('p2', 'X', 'AB', 1, 1)").run()).toThrow(/CHECK constraint failed/);
      link.run('p1', 1);
      expect(store.getSegment('s1').participantIds).toEqual(['p1']);
      store.db.prepare("DELETE FROM segments WHERE id = 's1'").run();
      expect(store.db.prepare('SELECT count(*) AS n FROM segment_participants').get()).toEqual({ n: 0 });
    } finally {
      store.close();
    }
  });
});
