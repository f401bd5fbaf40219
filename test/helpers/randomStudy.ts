/**
 * Random small studies for the comparison tables' property tests (fast-check): two media, coders
 * c0 and c1 and a consensus layer `cons`, codes k0..k2, participants p0..p2 in groups g0 {p0, p1}
 * and g1 {p1, p2}; segments of 0..15 ms starting at 0..40 ms.
 */
import fc from 'fast-check';
import type { Code, Coder, Media, ProjectSnapshot, Segment } from '../../src/shared/domain';
import type { Group, Participant } from '../../src/shared/participants/types';

export const CODES = ['k0', 'k1', 'k2'];
export const PEOPLE = ['p0', 'p1', 'p2'];
export const GROUPS: [string, string[]][] = [['g0', ['p0', 'p1']], ['g1', ['p1', 'p2']]];

const stamp = { createdAt: 0, updatedAt: 0 };
const code = (id: string): Code => ({ id, name: id, kind: 'custom', element: null, systemId: null, contradictionLevel: null, parentId: null, color: '#888888', hotkey: null, definition: '', sortOrder: 0, ...stamp });
const coder = (id: string): Coder => ({ id, name: id, color: '#000000', isConsensus: id === 'cons', ...stamp });
const media = (id: string): Media => ({ id, name: id, path: '', fingerprint: '', size: 0, durationMs: 1000, frameRate: null, lastPositionMs: 0, ...stamp });
const person = (id: string, i: number): Participant => ({ id, name: id, role: '', systemId: null, key: null, sortOrder: i, attributes: {}, ...stamp });
const group = ([id, memberIds]: [string, string[]], i: number): Group => ({ id, name: id, sortOrder: i, memberIds, ...stamp });

export type Row = { media: string; coder: string; start: number; len: number; codes: string[]; people: string[] };

/** A segment by one of these coders ('c0', 'c1', 'cons'). */
export const segmentArb = (coders: string[]) =>
  fc.record({
    media: fc.constantFrom('m0', 'm1'),
    coder: fc.constantFrom(...coders),
    start: fc.integer({ min: 0, max: 40 }),
    len: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 15 })),
    codes: fc.subarray(CODES, { minLength: 1 }),
    people: fc.subarray(PEOPLE),
  });

/** The study of these rows; `sorted`: its segments in the snapshot's order (media, start, end), as the store gives them. */
export function randomStudy(rows: Row[], sorted = false): ProjectSnapshot {
  const segments: Segment[] = rows.map((r, i) => ({ id: `s${String(i).padStart(3, '0')}`, mediaId: r.media, coderId: r.coder, startMs: r.start, endMs: r.start + r.len, note: '', codeIds: r.codes, participantIds: [...r.people].sort(), ...stamp }));
  if (sorted) segments.sort((a, b) => (a.mediaId < b.mediaId ? -1 : a.mediaId > b.mediaId ? 1 : a.startMs - b.startMs || a.endMs - b.endMs));
  return {
    projectId: 'p', name: 'p', systems: [], media: [media('m0'), media('m1')], coders: ['c0', 'c1', 'cons'].map(coder), codes: CODES.map(code),
    segments, memos: [], contradictions: [], themes: [], participants: PEOPLE.map(person), groups: GROUPS.map(group),
  };
}
