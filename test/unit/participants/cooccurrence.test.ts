/**
 * The co-occurrence table's fast computation (a sweep for the counts, U(A) ∩ U(B) per layer, or
 * per participant, for the shared time) against the definition taken literally: every pair of
 * codings of one coder on one media, tested one by one, the shared time the union of the pairs'
 * overlaps. Random small studies (fast-check).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ProjectSnapshot } from '../../../src/shared/domain';
import { compareCellSegments, compareMatrix, cooccur } from '../../../src/shared/participants/compare';
import { unionMs } from '../../../src/shared/csv/thematic';
import { CODES, randomStudy, segmentArb } from '../../helpers/randomStudy';

/** The definition, pair by pair. */
function literal(p: ProjectSnapshot, sameParticipants: boolean) {
  const codings = p.segments.flatMap((s) => s.codeIds.map((c) => ({ s, c, a: s.startMs, b: s.endMs })));
  const cells = new Map<string, { rows: Set<string>; ids: Set<string>; ranges: Map<string, [number, number][]> }>();
  const at = (a: string, b: string) => cells.get(`${a}|${b}`) ?? cells.set(`${a}|${b}`, { rows: new Set(), ids: new Set(), ranges: new Map() }).get(`${a}|${b}`)!;
  for (const x of codings) {
    for (const y of codings) {
      if (x === y || x.c === y.c || x.s.mediaId !== y.s.mediaId || x.s.coderId !== y.s.coderId) continue;
      const same = x.s === y.s;
      if (!same && sameParticipants && !x.s.participantIds!.some((q) => y.s.participantIds!.includes(q))) continue;
      if (!cooccur(x, y, same)) continue;
      const cell = at(x.c, y.c);
      cell.rows.add(x.s.id);
      cell.ids.add(x.s.id).add(y.s.id);
      const r = cell.ranges.get(x.s.mediaId) ?? cell.ranges.set(x.s.mediaId, []).get(x.s.mediaId)!;
      r.push([Math.max(x.a, y.a), Math.min(x.b, y.b)]);
    }
  }
  return [...cells].map(([k, v]) => ({ key: k, segments: v.rows.size, ids: [...v.ids].sort(), ms: [...v.ranges.values()].reduce((n, r) => n + unionMs(r), 0) })).sort((a, b) => (a.key < b.key ? -1 : 1));
}

describe('code co-occurrence', () => {
  it('equals the pair-by-pair definition (counts, drill-down ids, shared time), with and without same participants', () => {
    fc.assert(
      fc.property(fc.array(segmentArb(['c0', 'c1']), { maxLength: 25 }), fc.boolean(), (rows, same) => {
        const p = randomStudy(rows);
        const req = { rows: 'cooccurrence', cols: 'code', sameParticipants: same } as const;
        const m = compareMatrix(p, req);
        // the drill-down of each cell: asked one cell at a time, as the Compare screen asks on a click
        const ids = (row: string, col: string) => [...compareCellSegments(p, { ...req, row, col }).segmentIds].sort();
        const fast = m.cells.map((c) => ({ key: `${c.row}|${c.col}`, segments: c.segments, ids: ids(c.row, c.col), ms: c.codedMs })).sort((a, b) => (a.key < b.key ? -1 : 1));
        expect(fast).toEqual(literal(p, same));
        // a pair of codes with no cell lists nothing
        for (const a of CODES) for (const b of CODES) if (!m.cells.some((c) => c.row === a && c.col === b)) expect(ids(a, b)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
