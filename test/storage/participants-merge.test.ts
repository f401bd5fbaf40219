/**
 * Participants, attribute values, groups and segment links travel through coder files and merges
 * by id: both merge orders give the same study, merging twice changes nothing, the later edit of a
 * participant wins, a coder file cannot delete participants, and its links follow its segments.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ProjectStore } from '../../src/main/db/store';
import { createCoderFile } from '../../src/main/features/merge/coderFile';
import { mergeCoderFiles } from '../../src/main/features/merge/merge';
import { createService } from '../../src/main/service';
import { codeId, copyProject, makeProject, tempDir, tickingClock } from '../helpers/mergeStore';

const open: ProjectStore[] = [];
const track = (s: ProjectStore) => (open.push(s), s);
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

async function edit<T>(file: string, start: number, fn: (api: ReturnType<typeof createService>, s: ProjectStore) => Promise<T>): Promise<T> {
  const s = ProjectStore.open(file, { clock: tickingClock(start) });
  try {
    return await fn(createService(s), s);
  } finally {
    s.close();
  }
}

/** The participant side of a study, by names (ids kept where they matter). */
async function dump(store: ProjectStore) {
  const api = createService(store);
  const st = await api.listParticipants({});
  const names = new Map(st.participants.map((p) => [p.id, p.name]));
  const attr = new Map(st.attributes.map((a) => [a.id, a.name]));
  return {
    participants: st.participants.map((p) => ({ id: p.id, name: p.name, role: p.role, attributes: Object.entries(p.attributes).map(([k, v]) => `${attr.get(k)}=${v}`).sort() })),
    groups: st.groups.map((g) => ({ name: g.name, members: g.memberIds.map((m) => names.get(m)) })),
    segments: store.listSegments().map((s) => ({ id: s.id, who: (s.participantIds ?? []).map((p) => names.get(p)).sort() })),
  };
}

async function handedOut() {
  const dir = tempDir();
  const p = makeProject(dir, ['amina', 'ben'], { clock: tickingClock(1_000_000) });
  track(p.store);
  const api = createService(p.store);
  const years = await api.addAttribute({ name: 'Years', type: 'number' });
  const lena = await api.addParticipant({ name: 'Lena', role: 'researcher', attributes: { [years.id]: 12 } });
  const omar = await api.addParticipant({ name: 'Omar', role: 'coach' });
  await api.addGroup({ name: 'Dyad 1', memberIds: [lena.id, omar.id] });
  const a = path.join(dir, 'amina.triangulate');
  const b = path.join(dir, 'ben.triangulate');
  createCoderFile(p.store, 'amina', a);
  createCoderFile(p.store, 'ben', b);
  const tools = codeId(p.store, 'Researchers/Tools');
  // amina (earlier): adds Ria, codes a segment about Lena and Ria, gives Lena 13 years, may not delete Omar
  const segA = await edit(a, 2_000_000, async (x) => {
    const ria = await x.addParticipant({ name: 'Ria', role: 'coach' });
    const s = await x.createSegment({ mediaId: p.mediaId, coderId: p.coderIds.amina!, startMs: 0, endMs: 1000, codeIds: [tools] });
    await x.setSegmentParticipants({ segmentId: s.id, participantIds: [lena.id, ria.id] });
    await x.updateParticipant({ id: lena.id, attributes: { [years.id]: 13 } });
    await expect(x.deleteParticipant({ id: omar.id })).rejects.toThrow('This is a coder file; delete participants, attributes and groups in the main study');
    return s.id;
  });
  // a coder file that says it deleted Omar anyway (written by hand): reported, not applied
  await edit(a, 2_500_000, async (_x, s) => {
    s.db.prepare("INSERT INTO tombstones (id, table_name, deleted_at) VALUES (?, 'participants', 2500000)").run(omar.id);
  });
  // ben (later): adds Sam and the group Coaches {Omar, Sam}, codes a segment about Omar, then re-roles Lena
  const segB = await edit(b, 3_000_000, async (x) => {
    const sam = await x.addParticipant({ name: 'Sam', role: 'coach' });
    await x.addGroup({ name: 'Coaches', memberIds: [omar.id, sam.id] });
    const s = await x.createSegment({ mediaId: p.mediaId, coderId: p.coderIds.ben!, startMs: 2000, endMs: 3000, codeIds: [tools] });
    await x.toggleSegmentParticipant({ segmentIds: [s.id], participantId: omar.id });
    await x.updateParticipant({ id: lena.id, role: 'lead researcher' });
    return s.id;
  });
  return { dir, ...p, a, b, segA, segB, lena, omar };
}

describe('merge: participants', () => {
  it('carries participants, values, groups and links; both orders, twice, give the same study', async () => {
    const p = await handedOut();
    const other = track(copyProject(p.store, path.join(p.dir, 'other.triangulate')));
    const r1 = mergeCoderFiles(p.store, [p.a, p.b]);
    mergeCoderFiles(p.store, [p.a, p.b]);
    mergeCoderFiles(other, [p.b, p.a]);
    mergeCoderFiles(other, [p.b]);
    const ab = await dump(p.store);
    expect(await dump(other)).toEqual(ab);
    expect(r1.counts.participants).toMatchObject({ added: 2 });
    expect(r1.counts.groups).toMatchObject({ added: 1 });
    // Omar's deletion in amina's coder file is reported, not applied
    expect(r1.conflicts.filter((c) => c.kind === 'not_coders_record').map((c) => c.message)).toEqual([
      '"Omar" (participants) was deleted in this coder file; participants, attributes and groups are deleted in the main study, so it was kept',
    ]);
    // ben's later edit of Lena (role; his copy still says 12 years) wins over amina's earlier one
    expect(ab.participants.map((x) => [x.name, x.role, x.attributes])).toEqual([
      ['Lena', 'lead researcher', ['Years=12']],
      ['Omar', 'coach', []],
      ['Ria', 'coach', []],
      ['Sam', 'coach', []],
    ]);
    expect(ab.groups).toEqual([{ name: 'Dyad 1', members: ['Lena', 'Omar'] }, { name: 'Coaches', members: ['Omar', 'Sam'] }]);
    expect(ab.segments).toEqual([{ id: p.segA, who: ['Lena', 'Ria'] }, { id: p.segB, who: ['Omar'] }]);
  });

  it("a coder file's later link edit on its own segment is merged; an older one does not undo a newer project edit", async () => {
    const p = await handedOut();
    mergeCoderFiles(p.store, [p.a]);
    // in the project, later than amina's edits: Lena taken off amina's segment
    await edit(p.file, 4_000_000, (x) => x.toggleSegmentParticipant({ segmentIds: [p.segA], participantId: p.lena.id, on: false }));
    mergeCoderFiles(p.store, [p.a]);
    expect((await dump(p.store)).segments.find((s) => s.id === p.segA)!.who).toEqual(['Ria']);
    // amina, later still, makes it about Lena alone in her file
    await edit(p.a, 5_000_000, (x) => x.setSegmentParticipants({ segmentId: p.segA, participantIds: [p.lena.id] }));
    mergeCoderFiles(p.store, [p.a]);
    expect((await dump(p.store)).segments.find((s) => s.id === p.segA)!.who).toEqual(['Lena']);
  });

  it('a full project file deletes a participant through its tombstone', async () => {
    const p = await handedOut();
    const copy = path.join(p.dir, 'copy.triangulate');
    p.store.db.pragma('wal_checkpoint(TRUNCATE)');
    track(copyProject(p.store, copy)).close();
    await edit(copy, 5_000_000, (x) => x.deleteParticipant({ id: p.omar.id }));
    const r = mergeCoderFiles(p.store, [copy]);
    expect(r.counts.participants.deleted).toBe(1);
    expect((await dump(p.store)).participants.map((x) => x.name)).toEqual(['Lena']);
    expect((await dump(p.store)).groups).toEqual([{ name: 'Dyad 1', members: ['Lena'] }]);
  });
});

describe('merge: the same participant or group added in two coder files', () => {
  /** amina adds Ria (5 years) and the group Coaches {Lena, Ria}; ben, later, adds RIA (7 years) and coaches {RIA}. */
  async function twins() {
    const dir = tempDir();
    const p = makeProject(dir, ['amina', 'ben'], { clock: tickingClock(1_000_000) });
    track(p.store);
    const api = createService(p.store);
    const years = await api.addAttribute({ name: 'Years', type: 'number' });
    const lena = await api.addParticipant({ name: 'Lena', role: 'researcher' });
    const a = path.join(dir, 'amina.triangulate');
    const b = path.join(dir, 'ben.triangulate');
    createCoderFile(p.store, 'amina', a);
    createCoderFile(p.store, 'ben', b);
    const tools = codeId(p.store, 'Researchers/Tools');
    const segment = async (x: ReturnType<typeof createService>, coderId: string, startMs: number, who: string[]) => {
      const s = await x.createSegment({ mediaId: p.mediaId, coderId, startMs, endMs: startMs + 1000, codeIds: [tools] });
      await x.setSegmentParticipants({ segmentId: s.id, participantIds: who });
      return s.id;
    };
    const fromA = await edit(a, 2_000_000, async (x) => {
      const ria = await x.addParticipant({ name: 'Ria', role: 'teacher', attributes: { [years.id]: 5 } });
      await x.addGroup({ name: 'Coaches', memberIds: [lena.id, ria.id] });
      const seg = await segment(x, p.coderIds.amina!, 0, [ria.id]);
      const k = await x.createContradiction({ level: 'primary', elementA: 'tools', systemA: null, elementB: 'tools', systemB: null, coderId: p.coderIds.amina!, evidenceSegmentIds: [seg] });
      await x.setContradictionParticipants({ contradictionId: k.id, participantIds: [ria.id] });
      return { ria: ria.id, seg, k: k.id };
    });
    const fromB = await edit(b, 3_000_000, async (x) => {
      const ria = await x.addParticipant({ name: 'RIA', role: 'coach', attributes: { [years.id]: 7 } });
      await x.addGroup({ name: ' coaches ', memberIds: [ria.id] });
      return { ria: ria.id, seg: await segment(x, p.coderIds.ben!, 2000, [lena.id, ria.id]) };
    });
    return { dir, ...p, a, b, lena: lena.id, fromA, fromB };
  }

  /** The study by names only (which of the two ids survives depends on which file came first). */
  async function byName(store: ProjectStore) {
    const d = await dump(store);
    const names = new Map(d.participants.map((x) => [x.id, x.name]));
    const contradictions = (await createService(store).listContradictions({})).map((k) => ({ id: k.id, who: (k.participantIds ?? []).map((x) => names.get(x)) }));
    return { ...d, participants: d.participants.map(({ id: _id, ...rest }) => rest), contradictions };
  }

  it('fuses them by name (trimmed, ignoring case): one participant and one group, links remapped, the later edit wins; both orders, twice', async () => {
    const t = await twins();
    const other = track(copyProject(t.store, path.join(t.dir, 'other.triangulate')));
    const ab = mergeCoderFiles(t.store, [t.a, t.b]);
    const again = mergeCoderFiles(t.store, [t.a, t.b]);
    const ba = mergeCoderFiles(other, [t.b, t.a]);
    mergeCoderFiles(other, [t.a]);
    const expected = {
      // ben's RIA is the later edit: its name, role and attribute values win in either order
      participants: [
        { name: 'Lena', role: 'researcher', attributes: [] },
        { name: 'RIA', role: 'coach', attributes: ['Years=7'] },
      ],
      // ben's "coaches" {RIA} is the later edit of the group (the service trimmed its name)
      groups: [{ name: 'coaches', members: ['RIA'] }],
      segments: [{ id: t.fromA.seg, who: ['RIA'] }, { id: t.fromB.seg, who: ['Lena', 'RIA'] }],
      contradictions: [{ id: t.fromA.k, who: ['RIA'] }],
    };
    expect(await byName(t.store)).toEqual(expected);
    expect(await byName(other)).toEqual(expected);
    expect(ab.counts.participants).toMatchObject({ added: 1, updated: 1 });
    expect(ba.counts.participants).toMatchObject({ added: 1, updated: 0 });
    expect(ab.notes.map((n) => n.message)).toEqual(expect.arrayContaining(['fused 1 participant by name (RIA)', 'fused 1 group by name (coaches)']));
    expect(ba.notes.map((n) => n.message)).toEqual(expect.arrayContaining(['fused 1 participant by name (Ria)', 'fused 1 group by name (Coaches)']));
    expect([...ab.conflicts, ...ba.conflicts].filter((c) => c.kind === 'same_participant_name')).toEqual([]);
    // merging again changes nothing
    expect(again.counts.participants).toMatchObject({ added: 0, updated: 0 });
    expect(again.counts.groups).toMatchObject({ added: 0, updated: 0 });
  });
});
