/**
 * The contradictions export reads only the evidence segments (not a whole project's segments):
 * its files are byte for byte those written from the full snapshot.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProjectStore } from '../../src/main/db/store';
import { buildExport, exportFiles } from '../../src/main/features/export/export';
import { readSnapshot } from '../../src/main/features/export/snapshot';
import { tmpDir } from '../helpers/tmp';

describe('contradictions export on evidence segments only', () => {
  it('holds only the evidence segments and writes the same bytes as from every segment', () => {
    const store = ProjectStore.create(path.join(tmpDir(), 'c.triangulate'));
    const media = store.insertMedia({ path: '', name: 'w.mp4', fingerprint: '', size: 0, durationMs: 600_000 });
    const amina = store.insertCoder({ name: 'Amina' });
    const codes = store.listCodes().filter((c) => c.element);
    const segs = Array.from({ length: 40 }, (_, i) =>
      store.insertSegment({ mediaId: media.id, coderId: amina.id, startMs: i * 10_000, endMs: i * 10_000 + 5000, codeIds: [codes[i % codes.length]!.id], note: i % 3 ? '' : `n${i}` }),
    );
    store.insertContradiction({ level: 'primary', elementA: 'tools', systemA: null, coderId: amina.id, note: 'p', evidenceSegmentIds: [segs[3]!.id, segs[17]!.id] });
    store.insertContradiction({ level: 'secondary', elementA: 'tools', systemA: null, elementB: 'rules', systemB: null, coderId: amina.id, note: 's', evidenceSegmentIds: [segs[30]!.id] });
    const narrow = readSnapshot(store, { segments: 'evidence' });
    expect(narrow.segments.map((s) => s.id)).toEqual([segs[3]!.id, segs[17]!.id, segs[30]!.id]);
    expect(narrow.segments[0]).toEqual(segs[3]);
    const full = exportFiles(readSnapshot(store), 'contradictions', { bom: true });
    const got = buildExport(store, 'contradictions', { bom: true });
    expect(got).toEqual(full);
    expect(got[0]!.text.split('\r\n').length).toBe(4); // header, two rows, trailing empty
    store.close();
  });
});
