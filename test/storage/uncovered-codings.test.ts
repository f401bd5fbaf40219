/**
 * uncoveredContradictionCodings: the Contradictions panel's "codings on this media without a
 * relation" comes from the whole media in the file, not from the window the screen holds: the
 * count over every coding, the first 20 by time with their start, the coder filter, and the same
 * set that "Convert all" then converts.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProjectStore } from '../../src/main/db/store';
import { dispatch } from '../../src/main/dispatch';
import { createService } from '../../src/main/service';
import type { UncoveredCodings } from '../../src/shared/contract/segments';
import { tmpDir } from '../helpers/tmp';

const H = 3600_000;

function study() {
  const store = ProjectStore.create(path.join(tmpDir(), 'codings.triangulate'));
  const media = store.insertMedia({ path: '/videos/w.mp4', name: 'w.mp4', fingerprint: 'f'.repeat(64), size: 10, durationMs: 5 * H });
  const ana = store.insertCoder({ name: 'Ana' });
  const ben = store.insertCoder({ name: 'Ben' });
  const level = (l: string) => store.listCodes().find((c) => c.contradictionLevel === l)!.id;
  const seg = (coderId: string, startMs: number, code: string) => store.insertSegment({ mediaId: media.id, coderId, startMs, endMs: startMs + 5_000, codeIds: [code] });
  const s1 = seg(ana.id, 10_000, level('secondary'));
  const s2 = seg(ana.id, 3 * H, level('primary'));
  const s3 = seg(ana.id, 1 * H, level('secondary'));
  store.insertContradiction({ level: 'secondary', elementA: 'tools', elementB: 'rules', coderId: ana.id, evidenceSegmentIds: [s3.id] }); // s3 is covered
  const s4 = seg(ben.id, 2 * H, level('tertiary'));
  const late = Array.from({ length: 21 }, (_, i) => seg(ana.id, 4 * H + i * 10_000, level('quaternary')));
  return { store, api: createService(store), media, ana, ben, s1, s2, s4, late };
}

describe('uncoveredContradictionCodings', () => {
  it('counts every uncovered coding of the media and lists the first 20 by time', async () => {
    const { store, api, media, s1, s2, s4, late } = study();
    const r = (await dispatch(api, 'uncoveredContradictionCodings', { mediaId: media.id })) as UncoveredCodings;
    // s1, s2, s4 and the 21 late ones; s3 has a relation
    expect(r.total).toBe(24);
    expect(r.first.map((p) => p.segmentId)).toEqual([s1.id, s4.id, s2.id, ...late.slice(0, 17).map((s) => s.id)]);
    expect(r.first.map((p) => p.startMs).slice(0, 4)).toEqual([10_000, 2 * H, 3 * H, 4 * H]);
    expect(r.first.map((p) => p.level).slice(0, 4)).toEqual(['secondary', 'tertiary', 'primary', 'quaternary']);
    store.close();
  });

  it('of one coder, and exactly what Convert all then converts', async () => {
    const { store, api, media, ana, ben, s1, s2, late } = study();
    const mine = (await dispatch(api, 'uncoveredContradictionCodings', { mediaId: media.id, coderIds: [ana.id] })) as UncoveredCodings;
    expect(mine.total).toBe(23);
    expect(mine.first.map((p) => p.segmentId)).toEqual([s1.id, s2.id, ...late.slice(0, 18).map((s) => s.id)]);
    expect(await dispatch(api, 'convertContradictionCodings', { mediaId: media.id, coderIds: [ana.id] })).toEqual({ created: 23 });
    expect(((await dispatch(api, 'uncoveredContradictionCodings', { mediaId: media.id, coderIds: [ana.id] })) as UncoveredCodings).total).toBe(0);
    const left = (await dispatch(api, 'uncoveredContradictionCodings', { mediaId: media.id })) as UncoveredCodings;
    expect(left.first.map((p) => p.coderId)).toEqual([ben.id]);
    store.close();
  });

  it('refuses an unknown media in one line', async () => {
    const { store, api } = study();
    await expect(dispatch(api, 'uncoveredContradictionCodings', { mediaId: '3f2b8c1e-1d2a-4c3b-9e4f-5a6b7c8d9e0f' })).rejects.toThrow(/media/i);
    store.close();
  });
});
