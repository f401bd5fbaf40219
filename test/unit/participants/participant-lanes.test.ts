/** The timeline's participant mode: one lane per participant, segments about two people on both lanes, the rest on "About nobody yet". */
import { describe, expect, it } from 'vitest';
import type { Code, Segment } from '../../../src/shared/domain';
import { addParticipantChips, chipText, layoutParticipantLanes, participantTracks } from '../../../src/shared/timeline/participantLanes';

const code = (id: string, name: string, color: string) => ({ id, name, color }) as Code;
const seg = (id: string, startMs: number, endMs: number, codeIds: string[], participantIds?: string[]) =>
  ({ id, startMs, endMs, codeIds, participantIds, mediaId: 'm', coderId: 'c', note: '', createdAt: 0, updatedAt: 0 }) as Segment;

describe('participant lanes', () => {
  const people = [{ id: 'p1', name: 'Lena', color: '#111111' }, { id: 'p2', name: 'Maya Chen', color: '#222222' }];
  const lanes = layoutParticipantLanes(people, 16);

  it('lay out one lane per participant, then nobody, then contradictions', () => {
    expect(lanes.rows.map((r) => [r.key, r.label, r.kind, r.y])).toEqual([
      ['participant:p1', 'Lena', 'track', 0],
      ['participant:p2', 'Maya Chen', 'track', 16],
      ['participant:none', 'About nobody yet', 'track', 32],
      ['contradictions', 'Contradictions', 'contradictions', 48],
    ]);
    expect(lanes.height).toBe(64);
    expect(lanes.rows.every((r) => r.codeId === null && r.coderId === null)).toBe(true); // dragging marks a range, never codes
  });

  it('put each segment on the lanes of the people it is about, coloured by its first code', () => {
    const codes = new Map([['t', code('t', 'Tools', '#ff0000')], ['r', code('r', 'Rules', '#00ff00')]]);
    const segments = [
      seg('a', 0, 1000, ['t'], ['p1']),
      seg('b', 500, 2000, ['r', 't'], ['p1', 'p2']),
      seg('c', 3000, 4000, ['t']),
      seg('d', 3500, 3500, ['r'], ['p-gone']), // a participant not in the list: nobody's lane
    ];
    const k = [{ id: 'k', startMs: 0, endMs: 1000, color: '#000', label: 'k' }];
    const tracks = participantTracks(lanes, segments, codes, k);
    expect(tracks.map((t) => t.items.map((i) => i.id))).toEqual([['a', 'b'], ['b'], ['c', 'd'], ['k']]);
    expect(tracks[1]!.items[0]).toMatchObject({ color: '#00ff00', label: 'Rules, Tools' });
  });

  it('chips carry the initials and colour of each participant of a segment', () => {
    expect(chipText('Lena')).toBe('Le');
    expect(chipText('Maya Chen')).toBe('MC');
    expect(chipText('  ')).toBe('?');
    const segments = [seg('b', 500, 2000, ['t'], ['p2', 'p1']), seg('c', 0, 10, ['t'])];
    const tracks = participantTracks(lanes, segments, new Map(), []);
    addParticipantChips(tracks, new Map(segments.map((s) => [s.id, s])), new Map(people.map((p) => [p.id, p])));
    expect(tracks[0]!.items[0]!.chips).toEqual([{ text: 'MC', color: '#222222' }, { text: 'Le', color: '#111111' }]);
    expect(tracks[2]!.items[0]!.chips).toBeUndefined();
  });
});
