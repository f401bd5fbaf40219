/**
 * The participants fixture study (real SQLite file): one 120 s recording, coders amina and ben and
 * a consensus layer, participants Lena, Omar and Ria, groups "Dyad A" {Lena, Omar} and "Dyad B"
 * {Lena, Ria}, codes T = Researchers/Tools and R = Researchers/Rules. Segments (seconds):
 *   s1 amina [0, 10)  T   Lena
 *   s2 amina [5, 20)  R   Lena, Omar
 *   s3 ben   [8, 12)  T   Omar
 *   s4 ben   [30, 40) T+R Ria
 *   s5 cons. [0, 10)  T   Lena
 *   s6 amina [50, 60) T   (nobody)
 *   s7 amina [55, 58) R   Omar
 * Contradictions (secondary, Researchers, Tools–Rules): k1 by amina, evidence s2, naming nobody;
 * k2 by ben (written Rules–Tools), evidence s4, naming Lena.
 */
import path from 'node:path';
import { ProjectStore } from '../../src/main/db/store';
import { createService } from '../../src/main/service';
import { codeId, makeProject } from '../unit/merge/helpers';
import { tmpDir } from './tmp';

export async function participantsStudy() {
  const dir = tmpDir();
  const p = makeProject(dir, ['amina', 'ben']);
  const store: ProjectStore = p.store;
  const api = createService(store);
  const cons = store.insertCoder({ name: 'Consensus', isConsensus: true }).id;
  const T = codeId(store, 'Researchers/Tools');
  const R = codeId(store, 'Researchers/Rules');
  const researchers = store.listSystems().find((s) => s.name === 'Researchers')!.id;
  const lena = (await api.addParticipant({ name: 'Lena', role: 'researcher', systemId: researchers })).id;
  const omar = (await api.addParticipant({ name: 'Omar', role: 'STEM coach' })).id;
  const ria = (await api.addParticipant({ name: 'Ria', role: 'STEM coach' })).id;
  const dyadA = (await api.addGroup({ name: 'Dyad A', memberIds: [lena, omar] })).id;
  const dyadB = (await api.addGroup({ name: 'Dyad B', memberIds: [lena, ria] })).id;
  const { amina, ben } = p.coderIds as { amina: string; ben: string };
  const seg = async (coderId: string, a: number, b: number, codeIds: string[], who: string[]) => {
    const s = await api.createSegment({ mediaId: p.mediaId, coderId, startMs: a * 1000, endMs: b * 1000, codeIds });
    if (who.length) await api.setSegmentParticipants({ segmentId: s.id, participantIds: who });
    return s.id;
  };
  const s1 = await seg(amina, 0, 10, [T], [lena]);
  const s2 = await seg(amina, 5, 20, [R], [lena, omar]);
  const s3 = await seg(ben, 8, 12, [T], [omar]);
  const s4 = await seg(ben, 30, 40, [T, R], [ria]);
  const s5 = await seg(cons, 0, 10, [T], [lena]);
  const s6 = await seg(amina, 50, 60, [T], []);
  const s7 = await seg(amina, 55, 58, [R], [omar]);
  const k1 = (await api.createContradiction({ level: 'secondary', elementA: 'tools', systemA: researchers, elementB: 'rules', systemB: researchers, coderId: amina, evidenceSegmentIds: [s2] })).id;
  const k2 = (await api.createContradiction({ level: 'secondary', elementA: 'rules', systemA: researchers, elementB: 'tools', systemB: researchers, coderId: ben, evidenceSegmentIds: [s4] })).id;
  await api.setContradictionParticipants({ contradictionId: k2, participantIds: [lena] });
  return {
    dir, file: p.file, store, api, mediaId: p.mediaId, coders: { amina, ben, cons }, codes: { T, R },
    people: { lena, omar, ria }, groups: { dyadA, dyadB }, segs: { s1, s2, s3, s4, s5, s6, s7 }, contradictions: { k1, k2 },
    reopen: () => ProjectStore.open(path.resolve(p.file)),
  };
}
