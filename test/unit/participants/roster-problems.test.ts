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
