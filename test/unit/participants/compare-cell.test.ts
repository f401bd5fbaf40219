/**
 * code × participant / group: each cell's drill-down (compareCellSegments, asked one cell at a
 * time) and the table's numbers against the definition taken literally: the segments carrying the
 * row's code, naming a member of the column, by a coder in scope (consensus only: the consensus
 * layer). Random small studies (fast-check).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Code, Coder, Media, ProjectSnapshot, Segment } from '../../../src/shared/domain';
import type { Group, Participant } from '../../../src/shared/participants/types';
import { compareCellSegments, compareMatrix, type MatrixRequest } from '../../../src/shared/participants/compare';
import { unionMs } from '../../../src/shared/csv/thematic';

const CODES = ['k0', 'k1', 'k2'];
const PEOPLE = ['p0', 'p1', 'p2'];
const GROUPS: [string, string[]][] = [['g0', ['p0', 'p1']], ['g1', ['p1', 'p2']]];
const stamp = { createdAt: 0, updatedAt: 0 };
const code = (id: string): Code => ({ id, name: id, kind: 'custom', element: null, systemId: null, contradictionLevel: null, parentId: null, color: '#888888', hotkey: null, definition: '', sortOrder: 0, ...stamp });
const coder = (id: string, isConsensus = false): Coder => ({ id, name: id, color: '#000000', isConsensus, ...stamp });
const media = (id: string): Media => ({ id, name: id, path: '', fingerprint: '', size: 0, durationMs: 1000, frameRate: null, lastPositionMs: 0, ...stamp });
const person = (id: string, i: number): Participant => ({ id, name: id, role: '', systemId: null, key: null, sortOrder: i, attributes: {}, ...stamp });
const group = ([id, memberIds]: [string, string[]], i: number): Group => ({ id, name: id, sortOrder: i, memberIds, ...stamp });

const segmentArb = fc.record({
  media: fc.constantFrom('m0', 'm1'),
  coder: fc.constantFrom('c0', 'c1', 'cons'),
  start: fc.integer({ min: 0, max: 40 }),
  len: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 15 })),
  codes: fc.subarray(CODES, { minLength: 1 }),
  people: fc.subarray(PEOPLE),
});
type Row = { media: string; coder: string; start: number; len: number; codes: string[]; people: string[] };

function snapshot(rows: Row[]): ProjectSnapshot {
  const segments: Segment[] = rows
    .map((r, i) => ({ id: `s${String(i).padStart(3, '0')}`, mediaId: r.media, coderId: r.coder, startMs: r.start, endMs: r.start + r.len, note: '', codeIds: r.codes, participantIds: [...r.people].sort(), ...stamp }))
    .sort((a, b) => (a.mediaId < b.mediaId ? -1 : a.mediaId > b.mediaId ? 1 : a.startMs - b.startMs || a.endMs - b.endMs));
  const coders = [coder('c0'), coder('c1'), coder('cons', true)];
  return { projectId: 'p', name: 'p', systems: [], media: [media('m0'), media('m1')], coders, codes: CODES.map(code), segments, memos: [], contradictions: [], themes: [], participants: PEOPLE.map(person), groups: GROUPS.map(group) };
}

const FILTERS = fc.constantFrom<MatrixRequest['filters']>({}, { coderIds: ['c0'] }, { consensusOnly: true }, { coderIds: ['c1', 'cons'] });

describe('compare: a code × column cell, one at a time', () => {
  it('lists exactly the segments of the definition, and the table counts them (segments, consensus, coded time)', () => {
    fc.assert(
      fc.property(fc.array(segmentArb, { maxLength: 25 }), fc.constantFrom('participant', 'group' as const), FILTERS, (rows, cols, filters) => {
        const p = snapshot(rows);
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
