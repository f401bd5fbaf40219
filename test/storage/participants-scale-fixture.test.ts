/**
 * The scale bench's links (db/tables/participants spreadSegmentParticipants) on 20 segments and
 * four participants p0..p3 (dyads p0+p1, p2+p3), worked by hand from the rule: segment of rowid r
 * (not a multiple of 10) is about p[(7r) mod 4]; when r mod 10 is 1, 2 or 3 also about that
 * participant's partner (index xor 1).
 *   r=1: 7 mod 4 = 3 → p3, partner p2      r=2: 14 mod 4 = 2 → p2, partner p3
 *   r=4: 28 mod 4 = 0 → p0                 r=5: 35 mod 4 = 3 → p3
 *   r=10, r=20: nobody                     r=11: 77 mod 4 = 1 → p1, partner p0
 * 18 segments linked, 6 of them twice: 24 links. The segments export then names them (by the
 * segments query's who column), the same as the whole-study map says.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { segmentParticipantMap, spreadSegmentParticipants } from '../../src/main/db/tables/participants';
import { createService } from '../../src/main/service';
import { cli } from '../helpers/cli';
import { codeId, makeProject } from '../helpers/mergeStore';
import { tmpDir } from '../helpers/tmp';

describe('spreadSegmentParticipants (scale bench fixture)', () => {
  it('links segments by rowid as the rule says, and the segments export names them', async () => {
    const dir = tmpDir();
    const p = makeProject(dir, ['amina']);
    const api = createService(p.store);
    const T = codeId(p.store, 'Researchers/Tools');
    const people: string[] = [];
    for (const name of ['P0', 'P1', 'P2', 'P3']) people.push((await api.addParticipant({ name })).id);
    await api.addGroup({ name: 'Dyad A', memberIds: [people[0]!, people[1]!] });
    await api.addGroup({ name: 'Dyad B', memberIds: [people[2]!, people[3]!] });
    for (let i = 0; i < 20; i++) await api.createSegment({ mediaId: p.mediaId, coderId: p.coderIds.amina!, startMs: i * 1000, endMs: i * 1000 + 500, codeIds: [T] });
    const byRowid = new Map(p.store.db.prepare('SELECT rowid, id FROM segments').raw(true).all() as [number, string][]);
    expect(p.store.tx(() => spreadSegmentParticipants(p.store.db, people, 1))).toBe(24);

    const map = segmentParticipantMap(p.store.db);
    const who = (r: number) => (map.get(byRowid.get(r)!) ?? []).map((id) => `P${people.indexOf(id)}`).sort();
    expect(map.size).toBe(18);
    expect([1, 2, 4, 5, 10, 11, 20].map(who)).toEqual([['P2', 'P3'], ['P2', 'P3'], ['P0'], ['P3'], [], ['P0', 'P1'], []]);
    p.store.close();

    const out = path.join(dir, 'segments.csv');
    expect((await cli('export', p.file, '--kind', 'segments', '--out', out)).code).toBe(0);
    const lines = fs.readFileSync(out, 'utf8').trim().split('\r\n');
    // rows in start order: segment i starts at i s and has rowid i + 1; the last two cells are participants, groups
    const last2 = (r: number) => lines[r]!.split(',').slice(-2);
    expect([1, 4, 5, 10, 11].map(last2)).toEqual([['P2; P3', 'Dyad B'], ['P0', 'Dyad A'], ['P3', 'Dyad B'], ['', ''], ['P0; P1', 'Dyad A']]);
  });
});
