import { describe, expect, it } from 'vitest';
import { defaultCodebook } from '../../src/shared/codebook';
import { makeCodeResolver } from '../../src/shared/codebook';
import { CHAT_ELEMENTS, codePath } from '../../src/shared/domain';

let n = 0;
const seq = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;

describe('default CHAT codebook (chat-primer.md)', () => {
  const { systems, codes } = defaultCodebook(seq, 1000);
  const byId = new Map(codes.map((c) => [c.id, c]));

  it('has two activity systems named Researchers and Practitioners', () => {
    expect(systems.map((s) => s.name)).toEqual(['Researchers', 'Practitioners']);
  });

  it('has the seven elements for each system, a shared object, four levels and three markers', () => {
    for (const s of systems) {
      const elements = codes.filter((c) => c.kind === 'element' && c.systemId === s.id).map((c) => c.element);
      expect(elements).toEqual([...CHAT_ELEMENTS]);
    }
    const shared = codes.filter((c) => c.kind === 'element' && c.systemId === null);
    expect(shared.map((c) => [c.name, c.element])).toEqual([['Shared object', 'object']]);
    expect(codes.filter((c) => c.kind === 'contradiction').map((c) => c.contradictionLevel)).toEqual(['primary', 'secondary', 'tertiary', 'quaternary']);
    expect(codes.filter((c) => c.kind === 'marker').map((c) => c.name)).toEqual(['Challenge', 'Artifact', 'Moment of clarity']);
    // 2 system groups + 14 elements + shared object + contradictions group + 4 levels + markers group + 3 markers
    expect(codes).toHaveLength(26);
  });

  it('nests elements under their system and gives paths like Researchers/Tools', () => {
    const tools = codes.filter((c) => c.element === 'tools').map((c) => codePath(c, byId));
    expect(tools).toEqual(['Researchers/Tools', 'Practitioners/Tools']);
    expect(codePath(codes.find((c) => c.name === 'Secondary')!, byId)).toBe('Contradictions/Secondary');
  });

  it('gives unique hotkeys that avoid the transport keys', () => {
    const keys = codes.map((c) => c.hotkey).filter((k): k is string => k !== null);
    expect(new Set(keys).size).toBe(keys.length);
    for (const reserved of ['i', 'o', 'j', 'k', 'l', ' ', ',', '.', '[', ']', '?']) expect(keys).not.toContain(reserved);
  });
});

describe('code name resolution', () => {
  const { codes } = defaultCodebook(seq, 1000);
  const resolve = makeCodeResolver(codes);

  it('finds a code by full path, case-insensitively, with › or / separators', () => {
    const a = resolve('Researchers/Tools');
    const b = resolve(' researchers › tools ');
    expect(a.ok && b.ok && a.code.id === b.code.id).toBe(true);
  });
  it('finds a code by a unique leaf name', () => {
    const r = resolve('Moment of clarity');
    expect(r.ok && r.code.kind).toBe('marker');
  });
  it('reports an ambiguous leaf name with its candidates', () => {
    expect(resolve('Tools')).toEqual({ ok: false, reason: 'ambiguous', candidates: ['Researchers/Tools', 'Practitioners/Tools'] });
  });
  it('reports an unknown name', () => {
    expect(resolve('Nope')).toMatchObject({ ok: false, reason: 'unknown' });
  });
});
