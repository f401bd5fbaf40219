/**
 * code × participant / group: each cell's drill-down (compareCellSegments, asked one cell at a
 * time) and the table's numbers against the definition taken literally: the segments carrying the
 * row's code, naming a member of the column, by a coder in scope (consensus only: the consensus
 * layer). Random small studies (fast-check).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Segment } from '../../../src/shared/domain';
import { compareCellSegments, compareMatrix, type MatrixRequest } from '../../../src/shared/participants/compare';
import { unionMs } from '../../../src/shared/csv/thematic';
import { CODES, GROUPS, PEOPLE, randomStudy, segmentArb } from '../../helpers/randomStudy';

const FILTERS = fc.constantFrom<MatrixRequest['filters']>({}, { coderIds: ['c0'] }, { consensusOnly: true }, { coderIds: ['c1', 'cons'] });

describe('compare: a code × column cell, one at a time', () => {
  it('lists exactly the segments of the definition, and the table counts them (segments, consensus, coded time)', () => {
    fc.assert(
      fc.property(fc.array(segmentArb(['c0', 'c1', 'cons']), { maxLength: 25 }), fc.constantFrom('participant', 'group' as const), FILTERS, (rows, cols, filters) => {
        const p = randomStudy(rows, true);
        const req: MatrixRequest = { rows: 'code', cols, filters };
        const m = compareMatrix(p, req);
        const members = new Map(cols === 'participant' ? PEOPLE.map((x) => [x, [x]]) : GROUPS);
        const inScope = (s: Segment) => (filters?.consensusOnly ? s.coderId === 'cons' : !filters?.coderIds || filters.coderIds.includes(s.coderId));
        for (const k of CODES) {
          for (const [col, who] of members) {
            const want = p.segments.filter((s) => s.codeIds.includes(k) && s.participantIds!.some((x) => who.includes(x)) && inScope(s));
            const got = compareCellSegments(p, { ...req, row: k, col }).segmentIds;
            expect([...got].sort()).toEqual(want.map((s) => s.id).sort());
            const cell = m.cells.find((c) => c.row === k && c.col === col);
            if (want.length === 0) {
              expect(cell).toBeUndefined();
              continue;
            }
            const cons = want.filter((s) => s.coderId === 'cons').length;
            const ms = ['m0', 'm1'].reduce((n, md) => n + unionMs(want.filter((s) => s.mediaId === md).map((s) => [s.startMs, s.endMs])), 0);
            expect(cell).toMatchObject({ segments: filters?.consensusOnly ? cons : want.length - cons, consensusSegments: cons, codedMs: ms });
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
