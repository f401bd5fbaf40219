/**
 * segmentsById: a panel's link to a segment outside the coding screen's held window gets the
 * segment itself, from a real project file: the ones that exist, in the order asked, each once,
 * with their codes and note; a deleted one is left out; a malformed request is refused by the
 * contract before the service sees it.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProjectStore } from '../../src/main/db/store';
import { dispatch } from '../../src/main/dispatch';
import { createService } from '../../src/main/service';
import type { Segment } from '../../src/shared/domain';
import { tmpDir } from '../helpers/tmp';

function study() {
  const store = ProjectStore.create(path.join(tmpDir(), 'far.triangulate'));
  const media = store.insertMedia({ path: '/videos/w.mp4', name: 'w.mp4', fingerprint: 'f'.repeat(64), size: 10, durationMs: 5 * 3600_000 });
  const ana = store.insertCoder({ name: 'Ana' });
  const [tools, rules] = store.listCodes().filter((c) => c.kind === 'element');
  const near = store.insertSegment({ mediaId: media.id, coderId: ana.id, startMs: 1_000, endMs: 4_000, codeIds: [tools!.id] });
  // three hours away: far outside any window listSegments answers around the start
  const far = store.insertSegment({ mediaId: media.id, coderId: ana.id, startMs: 3 * 3600_000, endMs: 3 * 3600_000 + 5_000, codeIds: [tools!.id, rules!.id], note: 'the far one' });
  const gone = store.insertSegment({ mediaId: media.id, coderId: ana.id, startMs: 2_000, endMs: 3_000, codeIds: [] });
  store.deleteSegment(gone.id);
  return { store, api: createService(store), near, far, gone };
}

describe('segmentsById', () => {
  it('answers the segments that exist, in the order asked, each once, whole', async () => {
    const { store, api, near, far, gone } = study();
    const got = (await dispatch(api, 'segmentsById', { ids: [far.id, gone.id, near.id, far.id] })) as Segment[];
    expect(got.map((s) => s.id)).toEqual([far.id, near.id]);
    expect(got[0]).toMatchObject({ startMs: 10_800_000, endMs: 10_805_000, note: 'the far one', mediaId: far.mediaId, coderId: far.coderId });
    expect([...got[0]!.codeIds].sort()).toEqual([...far.codeIds].sort());
    expect(got[0]!.codeIds).toHaveLength(2);
    // the window around the start does not hold it: that is why the call exists
    const windowed = (await dispatch(api, 'listSegments', { mediaId: far.mediaId, fromMs: 0, toMs: 3_600_000 })) as Segment[];
    expect(windowed.map((s) => s.id)).toEqual([near.id]);
    store.close();
  });

  it('answers an empty list when every segment asked for is gone', async () => {
    const { store, api, gone } = study();
    expect(await dispatch(api, 'segmentsById', { ids: [gone.id] })).toEqual([]);
    store.close();
  });

  it.each([
    ['no ids', { ids: [] }, /segmentsById: invalid ids/],
    ['an id that is not a UUID', { ids: ['1 OR 1=1'] }, /segmentsById: invalid ids\.0/],
    ['an extra field', { ids: [], all: true }, /segmentsById: invalid/],
  ])('refuses %s in one line', async (_what, payload, msg) => {
    const { store, api } = study();
    await expect(dispatch(api, 'segmentsById', payload)).rejects.toThrow(msg);
    store.close();
  });
});
