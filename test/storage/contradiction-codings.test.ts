/**
 * Contradictions as one idea: contradiction codings become relations (one undo step for all),
 * and the demo ships its coders' contradiction codings as relations.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProjectStore } from '../../src/main/db/store';
import { writeDemoProject } from '../../src/main/features/studies/demo';
import { createService } from '../../src/main/service';
import { proposeContradictions } from '../../src/shared/contradictions/fromCodings';
import { tmpDir } from '../helpers/tmp';

const codeId = (store: ProjectStore, pathName: string) => {
  const codes = store.listCodes();
  const [parent, name] = pathName.split('/');
  return codes.find((c) => c.name === name && codes.find((p) => p.id === c.parentId)?.name === parent)!.id;
};

describe('contradiction codings → relations', () => {
  it('the demo ships its 12 contradiction codings as relations with hand-chosen ends (every coding covered)', () => {
    const store = ProjectStore.open(writeDemoProject(path.join(tmpDir(), 'demo')));
    const ks = store.listContradictions();
    const systems = new Map(store.listSystems().map((s) => [s.id, s.name]));
    // amina 4, ben 3, chen 5 contradiction codings in assets/demo/coders/*.csv
    expect(ks).toHaveLength(12);
    const amina = store.listCoders().find((c) => c.name === 'amina')!.id;
    const primary = ks.find((k) => k.coderId === amina && k.level === 'primary')!;
    expect([systems.get(primary.systemA!), primary.elementA, primary.elementB]).toEqual(['Researchers', 'tools', 'tools']);
    expect(ks.filter((k) => k.level === 'quaternary').every((k) => k.systemA !== k.systemB)).toBe(true);
    // nothing is left to convert
    expect(proposeContradictions(store.listSegments(), store.listCodes(), ks, store.listSystems().map((s) => s.id))).toEqual([]);
    store.close();
  });

  it('converts a media\'s uncovered codings in one undo step, ends from the coder\'s overlapping element codes', async () => {
    const file = path.join(tmpDir(), 's.triangulate');
    const store = ProjectStore.create(file);
    const api = createService(store);
    const media = await (async () => {
      const { addMediaFile } = await import('../../src/main/service');
      const { demoAssetsDir } = await import('../../src/main/features/studies/demo');
      return addMediaFile(store, path.join(demoAssetsDir(), 'workshop.mp4'), 120_000, 25);
    })();
    const a = await api.createCoder({ name: 'a' });
    const add = (s: number, e: number, code: string, note = '') => api.createSegment({ mediaId: media.id, coderId: a.id, startMs: s, endMs: e, codeIds: [codeId(store, code)], note });
    // a secondary contradiction 10–20 s; Researchers/Rules overlaps 8 s, Researchers/Object 5 s,
    // Practitioners/Tools 9 s (another system: not allowed for a secondary)
    const k = await add(10_000, 20_000, 'Contradictions/Secondary', 'rules vs brief');
    await add(12_000, 20_000, 'Researchers/Rules');
    await add(15_000, 20_000, 'Researchers/Object');
    await add(11_000, 20_000, 'Practitioners/Tools');
    const before = (await api.undoState({})).undo?.label;
    expect(await api.convertContradictionCodings({ mediaId: media.id })).toEqual({ created: 1 });
    const [rel] = store.listContradictions();
    const sys = new Map(store.listSystems().map((s) => [s.id, s.name]));
    // A = the longest overlap (Practitioners/Tools, 9 s); B must be another element of A's system:
    // none overlaps, so the default, Practitioners' object
    expect([rel!.level, sys.get(rel!.systemA!), rel!.elementA, sys.get(rel!.systemB!), rel!.elementB, rel!.note, rel!.evidenceSegmentIds]).toEqual([
      'secondary', 'Practitioners', 'tools', 'Practitioners', 'object', 'rules vs brief', [k.id],
    ]);
    expect((await api.undoState({})).undo?.label).toBe('Convert 1 contradiction coding to relations');
    // converting again finds nothing; one undo removes the relation
    expect(await api.convertContradictionCodings({ mediaId: media.id })).toEqual({ created: 0 });
    await api.undo({});
    expect(store.listContradictions()).toEqual([]);
    expect((await api.undoState({})).undo?.label).toBe(before);
    store.close();
  });
});
