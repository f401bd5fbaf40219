/** The Compare screen's drill-down call on a real project file: the segments of a cell, listed in the export order. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProjectStore } from '../../src/main/db/store';
import { createService } from '../../src/main/service';
import { tmpDir } from '../helpers/tmp';

describe('compareCell', () => {
  it("lists a cell's segments by media name, start, end and coder, with their code paths", async () => {
    const store = ProjectStore.create(path.join(tmpDir(), 'study.triangulate'));
    const api = createService(store);
    const mk = (name: string) => store.insertMedia({ path: `/nowhere/${name}`, name, fingerprint: name.padEnd(64, 'f'), size: 1, durationMs: 60_000 });
    const b = mk('b.mp4');
    const a = mk('a.mp4');
    const zoe = store.insertCoder({ name: 'zoe' });
    const amy = store.insertCoder({ name: 'amy' });
    const codes = store.listCodes();
    const tools = codes.find((c) => c.name === 'Tools' && c.systemId)!;
    const rules = codes.find((c) => c.name === 'Rules' && c.systemId === tools.systemId)!;
    const system = store.listSystems().find((s) => s.id === tools.systemId)!.name;
    const seg = (mediaId: string, coderId: string, startMs: number, endMs: number, codeIds: string[], note = '') =>
      store.insertSegment({ mediaId, coderId, startMs, endMs, codeIds, note }).id;
    const s1 = seg(b.id, zoe.id, 1000, 2000, [tools.id]);
    const s2 = seg(a.id, zoe.id, 5000, 6000, [rules.id, tools.id], 'both');
    const s3 = seg(a.id, amy.id, 5000, 6000, [tools.id]);
    const s4 = seg(a.id, zoe.id, 1000, 9000, [tools.id]);
    const s5 = seg(a.id, zoe.id, 0, 500, [tools.id]);
    seg(a.id, zoe.id, 0, 500, [rules.id]); // about nobody: in no participant's column
    const lena = await api.addParticipant({ name: 'Lena' });
    for (const id of [s1, s2, s3, s4, s5]) await api.setSegmentParticipants({ segmentId: id, participantIds: [lena.id] });
    const r = await api.compareCell({ rows: 'code', cols: 'participant', row: tools.id, col: lena.id });
    expect(r.total).toBe(5);
    expect(r.segments.map((s) => [s.mediaName, s.startMs, s.endMs, s.coderName])).toEqual([
      ['a.mp4', 0, 500, 'zoe'],
      ['a.mp4', 1000, 9000, 'zoe'],
      ['a.mp4', 5000, 6000, 'amy'],
      ['a.mp4', 5000, 6000, 'zoe'],
      ['b.mp4', 1000, 2000, 'zoe'],
    ]);
    expect(r.segments.map((s) => s.participantIds)).toEqual(Array(5).fill([lena.id]));
    expect(r.segments[3]!.segmentId).toBe(s2);
    expect((await api.compareCell({ rows: 'code', cols: 'participant', row: rules.id, col: lena.id })).segments.map((s) => s.segmentId)).toEqual([s2]);
    expect(r.segments[3]!.codes).toEqual([`${system}/Rules`, `${system}/Tools`]);
    expect(r.segments[3]!.note).toBe('both');
    store.close();
  });

  it('refuses a malformed id with one line naming the field', async () => {
    const { parseInput } = await import('../../src/shared/contract');
    expect(() => parseInput('compareCell', { rows: 'code', cols: 'participant', row: 'x', col: 'x' })).toThrow(/^compareCell: invalid col: /);
  });
});
