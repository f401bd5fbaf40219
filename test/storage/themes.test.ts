/**
 * Theme operations on a real SQLite project file: create, rename, describe, reorder, delete,
 * add/remove/reorder codes (a code in several themes), each persisted (checked after reopening the
 * file) and each refused cleanly (nothing changed) on bad input. Also through the service (the
 * transports' entry point, with the contract's payload validation).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProjectStore } from '../../src/main/db/store';
import { addCodeToTheme, createTheme, deleteTheme, removeCodeFromTheme, reorderThemeCodes, reorderThemes, updateTheme } from '../../src/main/features/themes/themes';
import { createService } from '../../src/main/service';
import { parseInput } from '../../src/shared/contract';
import type { Code } from '../../src/shared/domain';

let dir: string;
let file: string;
let store: ProjectStore;
let byPath: Map<string, Code>;

const code = (p: string) => byPath.get(p)!.id;

function reopen(): void {
  store.close();
  store = ProjectStore.open(file);
}

/** Themes as plain names and code paths, as stored in the file. */
function stored(): { name: string; description: string; codes: string[] }[] {
  const names = new Map([...byPath.entries()].map(([p, c]) => [c.id, p]));
  return store.listThemes().map((t) => ({ name: t.name, description: t.description, codes: t.codeIds.map((id) => names.get(id)!) }));
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triangulate-themes-'));
  file = path.join(dir, 'p.triangulate');
  store = ProjectStore.create(file, { name: 'Themes' });
  const codes = store.listCodes();
  const byId = new Map(codes.map((c) => [c.id, c]));
  const pathOf = (c: Code): string => (c.parentId ? `${pathOf(byId.get(c.parentId)!)}/${c.name}` : c.name);
  byPath = new Map(codes.map((c) => [pathOf(c), c]));
});
afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('theme operations (real SQLite file)', () => {
  it('creates, renames, describes and orders themes; a code may sit in several', () => {
    const a = createTheme(store, { name: '  Whose brief?  ', description: 'Ownership of the object' });
    const b = createTheme(store, { name: 'Tools as constraints', codeIds: [code('Researchers/Tools'), code('Practitioners/Rules')] });
    expect(a.name).toBe('Whose brief?');
    addCodeToTheme(store, a.id, code('Shared object'));
    addCodeToTheme(store, a.id, code('Researchers/Tools')); // also in b
    addCodeToTheme(store, a.id, code('Researchers/Object'), 0); // at the front
    updateTheme(store, b.id, { name: 'Templates as constraints' });
    updateTheme(store, a.id, { description: 'Who owns the brief: "with you, not for you"' });
    reopen();
    expect(stored()).toEqual([
      { name: 'Whose brief?', description: 'Who owns the brief: "with you, not for you"', codes: ['Researchers/Object', 'Shared object', 'Researchers/Tools'] },
      { name: 'Templates as constraints', description: '', codes: ['Researchers/Tools', 'Practitioners/Rules'] },
    ]);

    reorderThemes(store, [b.id, a.id]);
    reorderThemeCodes(store, a.id, [code('Researchers/Tools'), code('Researchers/Object'), code('Shared object')]);
    // dropping a code that is already in the theme moves it
    addCodeToTheme(store, a.id, code('Researchers/Tools'), 2);
    removeCodeFromTheme(store, b.id, code('Practitioners/Rules'));
    reopen();
    expect(stored()).toEqual([
      { name: 'Templates as constraints', description: '', codes: ['Researchers/Tools'] },
      { name: 'Whose brief?', description: 'Who owns the brief: "with you, not for you"', codes: ['Researchers/Object', 'Shared object', 'Researchers/Tools'] },
    ]);
    expect(store.listThemes().map((t) => t.sortOrder)).toEqual([0, 1]);
  });

  it('deletes a theme (tombstone, codes untouched, order kept dense); deleting a code takes it out of every theme', () => {
    const a = createTheme(store, { name: 'A', codeIds: [code('Researchers/Tools')] });
    const b = createTheme(store, { name: 'B', codeIds: [code('Researchers/Tools'), code('Shared object')] });
    const c = createTheme(store, { name: 'C' });
    deleteTheme(store, a.id);
    expect(store.listThemes().map((t) => [t.name, t.sortOrder])).toEqual([
      ['B', 0],
      ['C', 1],
    ]);
    expect(store.db.prepare('SELECT table_name FROM tombstones WHERE id = ?').get(a.id)).toEqual({ table_name: 'themes' });
    expect(store.getCode(code('Researchers/Tools')).name).toBe('Tools');
    expect(store.codeUsage(code('Shared object')).themes).toBe(1);
    store.deleteCode(code('Shared object'));
    reopen();
    expect(stored().map((t) => [t.name, t.codes])).toEqual([
      ['B', ['Researchers/Tools']],
      ['C', []],
    ]);
    expect(b.id).not.toBe(c.id);
  });

  it('refuses bad input with one clear line and changes nothing', () => {
    const a = createTheme(store, { name: 'Tensions', codeIds: [code('Researchers/Tools')] });
    const b = createTheme(store, { name: 'Ownership' });
    const before = JSON.stringify(store.listThemes());
    const refuse = (f: () => unknown, msg: RegExp) => {
      expect(f).toThrow(msg);
      expect(JSON.stringify(store.listThemes())).toBe(before);
    };
    refuse(() => createTheme(store, { name: '   ' }), /^A theme needs a name$/);
    refuse(() => createTheme(store, { name: 'tensions' }), /^A theme named "Tensions" already exists$/);
    refuse(() => updateTheme(store, b.id, { name: 'TENSIONS' }), /already exists/);
    refuse(() => createTheme(store, { name: 'New', codeIds: [code('Shared object'), '00000000-0000-4000-8000-000000000000'] }), /No code 0{8}-/);
    refuse(() => addCodeToTheme(store, a.id, '00000000-0000-4000-8000-000000000000'), /No code/);
    refuse(() => addCodeToTheme(store, '00000000-0000-4000-8000-000000000000', code('Shared object')), /No theme/);
    refuse(() => removeCodeFromTheme(store, b.id, code('Researchers/Tools')), /^Code "Tools" is not in theme "Ownership"$/);
    refuse(() => reorderThemes(store, [a.id]), /lists 1 of the 2 themes/);
    refuse(() => reorderThemes(store, [a.id, a.id]), /appears twice/);
    refuse(() => reorderThemeCodes(store, a.id, [code('Shared object')]), /exactly the 1 codes of theme "Tensions"/);
    refuse(() => deleteTheme(store, '00000000-0000-4000-8000-000000000000'), /No theme/);
    // "New" was never created: the failed transaction rolled back its insert
    expect(store.listThemes().map((t) => t.name)).toEqual(['Tensions', 'Ownership']);
  });

  it('each edit is one undo step', () => {
    const t = createTheme(store, { name: 'Undoable', codeIds: [code('Researchers/Tools')] });
    addCodeToTheme(store, t.id, code('Shared object'));
    updateTheme(store, t.id, { name: 'Renamed' });
    expect(store.undoLog!.state().undo!.label).toBe('Rename theme');
    store.undoLog!.undo();
    expect(stored()).toEqual([{ name: 'Undoable', description: '', codes: ['Researchers/Tools', 'Shared object'] }]);
    store.undoLog!.undo();
    expect(stored()).toEqual([{ name: 'Undoable', description: '', codes: ['Researchers/Tools'] }]);
    store.undoLog!.undo();
    expect(stored()).toEqual([]);
    store.undoLog!.redo();
    reopen();
    expect(stored()).toEqual([{ name: 'Undoable', description: '', codes: ['Researchers/Tools'] }]);
  });

  it('is reachable through the service with the contract validating payloads', async () => {
    const api = createService(store);
    const t = await api.createTheme(parseInput('createTheme', { name: 'Via service', codeIds: [code('Researchers/Tools')] }));
    await api.addCodeToTheme(parseInput('addCodeToTheme', { themeId: t.id, codeId: code('Shared object') }));
    const board = await api.themeBoard(parseInput('themeBoard', {}));
    expect(board.themes.map((x) => [x.name, x.codeIds])).toEqual([['Via service', [code('Researchers/Tools'), code('Shared object')]]]);
    expect(board.figures.themes).toEqual([{ themeId: t.id, segments: 0, consensusSegments: 0, codedMs: 0, coderIds: [], mediaIds: [], contradictionIds: [] }]);
    expect(() => parseInput('createTheme', { name: '' })).toThrow(/createTheme: invalid name/);
    expect(() => parseInput('addCodeToTheme', { themeId: t.id, codeId: 'not-a-uuid' })).toThrow(/invalid codeId/);
    await api.deleteTheme(parseInput('deleteTheme', { id: t.id }));
    expect(store.listThemes()).toEqual([]);
  });
});
