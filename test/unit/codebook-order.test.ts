/**
 * One codebook order and one code-path form for every caller (the agreement dashboard, the
 * agreement CSV, the codebook file, name resolving, EAF import). Expected orders are written
 * out by hand from the trees below.
 */
import { describe, expect, it } from 'vitest';
import { codebookOrder, codeLabel, displayPath, normaliseCodePath } from '../../src/shared/codebook';
import type { Code } from '../../src/shared/domain';

function code(id: string, name: string, parentId: string | null, sortOrder: number): Code {
  return { id, name, parentId, sortOrder, kind: 'element', element: null, systemId: null, contradictionLevel: null, color: '#000000', hotkey: null, definition: '', createdAt: 0, updatedAt: 0 };
}

describe('codebookOrder', () => {
  // Root R (0) with children B (1), A (1), C (0); root S (1) with child D. A and B share a sortOrder,
  // so name decides: C, A, B. Two roots named "Twin" share sortOrder 5: the id decides (t1 before t2).
  const tree = [
    code('s', 'S', null, 1),
    code('b', 'B', 'r', 1),
    code('t2', 'Twin', null, 5),
    code('d', 'D', 's', 0),
    code('a', 'A', 'r', 1),
    code('r', 'R', null, 0),
    code('t1', 'Twin', null, 5),
    code('c', 'C', 'r', 0),
  ];
  const expected = ['r', 'c', 'a', 'b', 's', 'd', 't1', 't2'];

  it('walks depth first, parents before children, siblings by sortOrder then name then id', () => {
    expect(codebookOrder(tree).map((c) => c.id)).toEqual(expected);
  });

  it('gives the same order whatever order the codes were read in (siblings sharing sortOrder and name)', () => {
    expect(codebookOrder([...tree].reverse()).map((c) => c.id)).toEqual(expected);
  });

  it('a code whose parent is missing counts as a root', () => {
    expect(codebookOrder([code('x', 'X', 'gone', 0), code('w', 'W', null, 1)]).map((c) => c.id)).toEqual(['x', 'w']);
  });

  it('keeps every code of a parent cycle (a damaged file), each once, after the tree', () => {
    // P → Q → P, and K under Q; root Z. Unreached, by sortOrder: P (0), Q (1), K (2). The walk
    // starts at P, goes to its child Q, then to Q's children P (already out) and K: P, Q, K.
    const damaged = [code('q', 'Q', 'p', 1), code('k', 'K', 'q', 2), code('z', 'Z', null, 9), code('p', 'P', 'q', 0)];
    expect(codebookOrder(damaged).map((c) => c.id)).toEqual(['z', 'p', 'q', 'k']);
  });
});

describe('code paths as typed and as shown', () => {
  it('normalises separators, spaces and case the same way for every reader', () => {
    expect(normaliseCodePath('  Researchers › Tools ')).toBe('researchers/tools');
    expect(normaliseCodePath('Researchers > Tools')).toBe('researchers/tools');
    expect(normaliseCodePath('Researchers/ Tools/Slide deck')).toBe('researchers/tools/slide deck');
  });

  it('shows a path with › between its parts', () => {
    const parent = code('p', 'Researchers', null, 0);
    const child = code('c', 'Tools', 'p', 0);
    expect(codeLabel(child, new Map([['p', parent], ['c', child]]))).toBe('Researchers › Tools');
    expect(displayPath('Contradictions/Primary')).toBe('Contradictions › Primary');
  });
});
