/**
 * The one snapshot reader (db/tables/snapshot.ts: two plain queries joined in memory) gives the
 * segments listSegments gives (one ordered join), order included: segments tied on media, start,
 * end and creation stamp come in insertion (rowid) order, with their code ids sorted.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ProjectStore } from '../../src/main/db/store';
import { readSnapshot } from '../../src/main/db/tables/snapshot';
import { tmpDir } from '../helpers/tmp';

const open: ProjectStore[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

describe('readSnapshot', () => {
  it('lists segments as listSegments does, ties in insertion order, and the other tables as their list functions', () => {
    const store = ProjectStore.create(path.join(tmpDir(), 's.triangulate'), { clock: () => 1_000 }); // every stamp equal: ties everywhere
    open.push(store);
    const m = store.insertMedia({ path: '/x.mp4', name: 'x.mp4', fingerprint: 'f', size: 1, durationMs: 60_000 });
    const c = store.insertCoder({ name: 'amina' }).id;
    const [k1, k2, k3] = store.listCodes().filter((x) => x.kind === 'element').map((x) => x.id);
    const ids = [
      store.insertSegment({ mediaId: m.id, coderId: c, startMs: 500, endMs: 900, codeIds: [k3!, k1!] }).id,
      store.insertSegment({ mediaId: m.id, coderId: c, startMs: 100, endMs: 900, codeIds: [k2!] }).id,
      store.insertSegment({ mediaId: m.id, coderId: c, startMs: 500, endMs: 900, codeIds: [] }).id,
      store.insertSegment({ mediaId: m.id, coderId: c, startMs: 500, endMs: 900, codeIds: [k2!] }).id,
    ];
    const snap = readSnapshot(store.db);
    // by start, then (same start, end and stamp) in the order they were written
    expect(snap.segments.map((s) => s.id)).toEqual([ids[1], ids[0], ids[2], ids[3]]);
    expect(snap.segments[1]!.codeIds).toEqual([k3!, k1!].sort());
    expect(snap.segments).toEqual(store.listSegments());
    expect(snap.codes).toEqual(store.listCodes());
    expect(snap.coders).toEqual(store.listCoders());
    expect(snap.media).toEqual(store.listMedia());
    expect(readSnapshot(store.db, { segments: false }).segments).toEqual([]);
  });
});
