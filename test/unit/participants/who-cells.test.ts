/**
 * whoCells: a segment's participants and groups cells, each in the study's order (not the list's),
 * worked by hand; answers are kept per list object (the segments export shares one list among
 * the segments naming the same people), so asking again, or with another list, must not mix them.
 */
import { describe, expect, it } from 'vitest';
import { peopleIndex, whoCells } from '../../../src/shared/participants/who';
import type { Group, Participant } from '../../../src/shared/participants/types';

const person = (id: string, name: string): Participant => ({ id, name, role: '', systemId: null, key: null, sortOrder: 0, attributes: {}, createdAt: 0, updatedAt: 0 });
const group = (id: string, name: string, memberIds: string[]): Group => ({ id, name, sortOrder: 0, memberIds, createdAt: 0, updatedAt: 0 });

describe('whoCells', () => {
  const ix = peopleIndex({
    participants: [person('p1', 'Lena'), person('p2', 'Omar'), person('p3', 'Ria')],
    groups: [group('g1', 'Dyad A', ['p1', 'p2']), group('g2', 'Dyad B', ['p1', 'p3'])],
  });

  it('names the participants and their groups in the study order, each group once', () => {
    const omarLena = ['p2', 'p1'];
    const ria = ['p3'];
    expect(whoCells(omarLena, ix)).toEqual(['Lena; Omar', 'Dyad A; Dyad B']);
    expect(whoCells(ria, ix)).toEqual(['Ria', 'Dyad B']);
    // the same lists again, and a new list with other people: each its own answer
    expect(whoCells(omarLena, ix)).toEqual(['Lena; Omar', 'Dyad A; Dyad B']);
    expect(whoCells(['p2'], ix)).toEqual(['Omar', 'Dyad A']);
    expect(whoCells(ria, ix)).toEqual(['Ria', 'Dyad B']);
  });

  it('leaves out unknown ids and gives empty cells for nobody', () => {
    expect(whoCells(['gone', 'p3'], ix)).toEqual(['Ria', 'Dyad B']);
    expect(whoCells([], ix)).toEqual(['', '']);
    expect(whoCells(undefined, ix)).toEqual(['', '']);
  });
});
