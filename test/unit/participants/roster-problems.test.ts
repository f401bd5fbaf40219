/** A refused roster's message shown as one line per problem. */
import { describe, expect, it } from 'vitest';
import { parseRoster } from '../../../src/shared/participants/roster';
import { rosterProblems } from '../../../src/renderer/features/participants/rosterProblems';

describe('roster problems', () => {
  it('lists each row and column the parser names', () => {
    let message = '';
    try {
      parseRoster('participant,role,system,years:number\nLena,r,Researchers,12\nOmar,c,Teachers,four\n,c,,\n', {
        systems: [{ id: 's', name: 'Researchers', sortOrder: 0, createdAt: 0, updatedAt: 0 }] as never,
        attributes: [],
      });
    } catch (e) {
      message = `bad.csv: ${(e as Error).message}`;
    }
    const r = rosterProblems(message);
    expect(r.head).toBe('bad.csv: roster refused, nothing imported (3 problems)');
    expect(r.problems).toHaveLength(3);
    expect(r.problems[0]).toMatch(/^line 3, column "system": no activity system "Teachers"/);
    expect(r.problems[1]).toBe('line 3, column "years": "four" is not a number');
    expect(r.problems[2]).toBe('line 4, column "participant": the name is empty');
  });

  it('keeps any other message whole', () => {
    expect(rosterProblems('/x/r.csv: cannot read the roster (ENOENT); check the path')).toEqual({ head: '/x/r.csv: cannot read the roster (ENOENT); check the path', problems: [] });
  });
});

describe('roster: activity systems by name', () => {
  const sys = (id: string, name: string) => ({ id, name, sortOrder: 0, createdAt: 0, updatedAt: 0 });
  const systems = [sys('r', 'Researchers'), sys('c', 'STEM coaches'), sys('e', 'École partenaire')] as never;
  const refusal = (csv: string, study = { systems, attributes: [] }) => {
    try {
      parseRoster(csv, study);
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error('not refused');
  };

  it('match ignoring case, the ends, inner runs of spaces (a no-break space too) and the Unicode form', () => {
    const csv = 'participant,system\nA,researchers\nB, RESEARCHERS \nC,STEM  coaches\nD,stem\u00a0Coaches\nE,e\u0301cole partenaire\nF,ÉCOLE PARTENAIRE\nG,\n';
    expect(parseRoster(csv, { systems, attributes: [] }).rows.map((r) => [r.name, r.systemId])).toEqual([
      ['A', 'r'], ['B', 'r'], ['C', 'c'], ['D', 'c'], ['E', 'e'], ['F', 'e'], ['G', undefined],
    ]);
  });

  it('refuse a name not in the study, row by row, naming it and listing the study\'s systems (all or none)', () => {
    expect(refusal('participant,system\nA,Researchers\nB,Teachers\nC,Researcher\n')).toBe(
      'roster refused, nothing imported (2 problems): ' +
        'line 3, column "system": no activity system "Teachers" in this study (Researchers, STEM coaches, École partenaire); ' +
        'line 4, column "system": no activity system "Researcher" in this study (Researchers, STEM coaches, École partenaire)',
    );
    expect(refusal('participant,system\nA,Researchers\n', { systems: [] as never, attributes: [] })).toBe(
      'roster refused, nothing imported (1 problem): line 2, column "system": no activity system "Researchers": this study has none yet (add them in Study settings, or leave the cell empty)',
    );
  });

  it('a participant named twice in other spellings is refused', () => {
    expect(refusal('participant\nLena Smith\n LENA  smith\u00a0\n')).toBe('roster refused, nothing imported (1 problem): line 3, column "participant": "LENA  smith" is also on line 2');
  });
});
