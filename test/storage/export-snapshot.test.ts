/**
 * What an export reads (features/export/snapshot.ts → db/tables/snapshot.ts) for a small project
 * built by hand with chosen ids, checked against orders worked out by hand from the rules the
 * exports rely on: segments by media id, start, end (then creation); each segment's codes sorted
 * by id; coders with the consensus layer last; a theme's codes in the order the user gave; a
 * contradiction's evidence sorted by id; 'evidence' reads only the evidence segments.
 * (snapshot-reader.test.ts checks ties in insertion order against listSegments.)
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ProjectStore } from '../../src/main/db/store';
import { readSnapshot } from '../../src/main/features/export/snapshot';
import { createTheme } from '../../src/main/features/themes/themes';
import { tmpDir } from '../helpers/tmp';

const open: ProjectStore[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

function handBuilt(): ProjectStore {
  let t = 1_000;
  const store = ProjectStore.create(path.join(tmpDir(), 'snap.triangulate'), { name: 'Snap', clock: () => t++ });
  open.push(store);
  const template = store.listCodes().find((c) => c.kind === 'element')!;
  for (const [id, name] of [['k-z', 'Zeta'], ['k-a', 'Alpha'], ['k-m', 'Mu']] as const) {
    store.insertCodeRow({ ...template, id, name, parentId: null, hotkey: null, sortOrder: 900, createdAt: t, updatedAt: t });
  }
  // m2 is added first: segments still come grouped by media id (m1 before m2)
  store.insertMedia({ id: 'm2', path: '/b.mp4', name: 'b.mp4', fingerprint: 'fb', size: 1, durationMs: 60_000 });
  store.insertMedia({ id: 'm1', path: '/a.mp4', name: 'a.mp4', fingerprint: 'fa', size: 1, durationMs: 60_000 });
  store.insertCoder({ id: 'cz', name: 'Consensus', isConsensus: true });
  store.insertCoder({ id: 'cb', name: 'ben' });
  store.insertCoder({ id: 'ca', name: 'amina' });
  const seg = (id: string, mediaId: string, coderId: string, startMs: number, endMs: number, codeIds: string[]) =>
    store.insertSegment({ id, mediaId, coderId, startMs, endMs, codeIds, note: id });
  seg('s-late', 'm1', 'ca', 5_000, 6_000, ['k-z', 'k-a', 'k-m']);
  seg('s-m2', 'm2', 'cb', 0, 1_000, ['k-a']);
  seg('s-long', 'm1', 'cb', 1_000, 2_000, []);
  seg('s-short', 'm1', 'ca', 1_000, 1_500, ['k-m', 'k-a']);
  seg('s-cons', 'm1', 'cz', 1_000, 1_800, ['k-a']);
  createTheme(store, { name: 'Tools in use', codeIds: ['k-z', 'k-a'] });
  store.insertContradiction({ id: 'x1', level: 'primary', elementA: 'tools', coderId: 'ca', evidenceSegmentIds: ['s-short', 's-late', 's-m2'] });
  store.insertMemo({ id: 'memo1', scope: 'segment', segmentId: 's-late', mediaId: 'm1', title: 'why', body: 'three codes' });
  return store;
}

describe('readSnapshot (the exports\' reader)', () => {
  it('orders segments by media id, start, end with their codes sorted; consensus coder last; theme codes as given; evidence sorted', () => {
    const snap = readSnapshot(handBuilt());
    expect(snap.name).toBe('Snap');
    expect(snap.segments.map((s) => [s.id, s.mediaId, s.coderId, s.startMs, s.endMs, s.note, s.codeIds])).toEqual([
      ['s-short', 'm1', 'ca', 1_000, 1_500, 's-short', ['k-a', 'k-m']],
      ['s-cons', 'm1', 'cz', 1_000, 1_800, 's-cons', ['k-a']],
      ['s-long', 'm1', 'cb', 1_000, 2_000, 's-long', []],
      ['s-late', 'm1', 'ca', 5_000, 6_000, 's-late', ['k-a', 'k-m', 'k-z']],
      ['s-m2', 'm2', 'cb', 0, 1_000, 's-m2', ['k-a']],
    ]);
    expect(snap.coders.map((c) => [c.id, c.isConsensus])).toEqual([['cb', false], ['ca', false], ['cz', true]]);
    expect(snap.media.map((m) => m.id)).toEqual(['m2', 'm1']); // the recordings' own order: as added
    expect(snap.themes.map((x) => [x.name, x.codeIds])).toEqual([['Tools in use', ['k-z', 'k-a']]]);
    expect(snap.contradictions.map((c) => [c.id, c.coderId, c.evidenceSegmentIds])).toEqual([['x1', 'ca', ['s-late', 's-m2', 's-short']]]);
    expect(snap.memos.map((m) => [m.id, m.scope, m.segmentId])).toEqual([['memo1', 'segment', 's-late']]);
    expect(snap.codes.filter((c) => c.id.startsWith('k-')).map((c) => c.id)).toEqual(['k-z', 'k-a', 'k-m']); // sort order tie: as created
  });

  it("reads only the evidence segments with 'evidence', and none with segments: false", () => {
    const store = handBuilt();
    expect(readSnapshot(store, { segments: 'evidence' }).segments.map((s) => s.id)).toEqual(['s-short', 's-late', 's-m2']);
    const none = readSnapshot(store, { segments: false });
    expect(none.segments).toEqual([]);
    expect(none.themes.length).toBe(1);
  });
});
