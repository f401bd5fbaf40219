/**
 * Theme edits (Braun & Clarke's candidate themes): each call is one transaction with bound
 * parameters on the themes / theme_codes tables (migration 20). A code may sit in several
 * themes; within a theme, codes keep the order the user gives them (theme_codes.sort_order).
 * Theme names are trimmed, non-empty and unique (case-insensitively) so scripts can name them
 * (`export --themes NAME`). Deleting a theme leaves a tombstone (like segments and codes) so a
 * merge does not bring it back; its codes are untouched. Every edit goes through
 * store.recordEdit, so it is one undo step (Ctrl+Z) like a coding edit.
 */
import { randomUUID } from 'node:crypto';
import type { Theme, Uuid } from '../../../shared/domain';
import { UserError } from '../../../shared/errors';
import type { ProjectStore } from '../../db/store';
import { deleteThemeRow, insertThemeRow, nextThemeSort, setThemeCodeOrder, setThemeOrder, setThemeText, themeNamedLike, touchTheme } from '../../db/tables/themes';
import { addTombstone } from '../../db/tables/tombstones';

export const MAX_THEME_NAME = 200;
export const MAX_THEME_DESCRIPTION = 10_000;

export function getTheme(store: ProjectStore, id: Uuid): Theme {
  const t = store.listThemes().find((x) => x.id === id);
  if (!t) throw new UserError('not_found', `No theme ${id}`);
  return t;
}

function cleanName(store: ProjectStore, name: string, selfId: Uuid | null): string {
  const clean = name.trim();
  if (!clean) throw new UserError('invalid', 'A theme needs a name');
  if (clean.length > MAX_THEME_NAME) throw new UserError('invalid', `A theme name has at most ${MAX_THEME_NAME} characters`);
  const other = themeNamedLike(store.db, clean, selfId);
  if (other !== undefined) throw new UserError('conflict', `A theme named "${other}" already exists`);
  return clean;
}

function checkDescription(d: string): void {
  if (d.length > MAX_THEME_DESCRIPTION) throw new UserError('invalid', `A theme description has at most ${MAX_THEME_DESCRIPTION} characters`);
}

function checkCode(store: ProjectStore, codeId: Uuid): void {
  store.getCode(codeId);
}

/** Creates a theme at the end of the list (or at `index`), optionally with codes. */
export function createTheme(store: ProjectStore, input: { name: string; description?: string; codeIds?: Uuid[]; id?: Uuid }): Theme {
  return store.recordEdit(`Create theme "${input.name.trim()}"`, () => {
    const name = cleanName(store, input.name, null);
    const description = input.description ?? '';
    checkDescription(description);
    const codeIds = [...new Set(input.codeIds ?? [])];
    for (const c of codeIds) checkCode(store, c);
    const now = store.now();
    const id = input.id ?? randomUUID();
    insertThemeRow(store.db, { id, name, description, sort_order: nextThemeSort(store.db), created_at: now, updated_at: now });
    setThemeCodeOrder(store.db, id, codeIds);
    return getTheme(store, id);
  });
}

/** Renames and/or describes a theme. */
export function updateTheme(store: ProjectStore, id: Uuid, patch: { name?: string; description?: string }): Theme {
  return store.recordEdit(patch.name !== undefined ? 'Rename theme' : 'Describe theme', () => {
    const cur = getTheme(store, id);
    const name = patch.name !== undefined ? cleanName(store, patch.name, id) : cur.name;
    const description = patch.description ?? cur.description;
    checkDescription(description);
    setThemeText(store.db, id, name, description, store.now());
    return getTheme(store, id);
  });
}

/** Puts the themes in the given order: `ids` must list every theme exactly once. */
export function reorderThemes(store: ProjectStore, ids: Uuid[]): Theme[] {
  return store.recordEdit('Reorder themes', () => {
    const all = store.listThemes();
    const known = new Set(all.map((t) => t.id));
    const given = new Set(ids);
    if (given.size !== ids.length) throw new UserError('invalid', 'A theme appears twice in the new order');
    for (const id of ids) if (!known.has(id)) throw new UserError('not_found', `No theme ${id}`);
    if (given.size !== known.size) throw new UserError('invalid', `The new order lists ${given.size} of the ${known.size} themes; list them all`);
    setThemeOrder(store.db, ids, store.now());
    return store.listThemes();
  });
}

/** Deletes a theme (its code links go with it; the codes stay). */
export function deleteTheme(store: ProjectStore, id: Uuid): { id: Uuid } {
  return store.recordEdit('Delete theme', () => {
    getTheme(store, id);
    addTombstone(store.db, id, 'themes', store.now());
    deleteThemeRow(store.db, id);
    // keep sort_order dense
    setThemeOrder(store.db, store.listThemes().map((t) => t.id));
    return { id };
  });
}

function writeCodeOrder(store: ProjectStore, themeId: Uuid, codeIds: Uuid[]): void {
  setThemeCodeOrder(store.db, themeId, codeIds);
  touchTheme(store.db, themeId, store.now());
}

/**
 * Puts a code into a theme at `index` (default: at the end). A code already in the theme is
 * moved to `index` (so a drop onto the same card reorders).
 */
export function addCodeToTheme(store: ProjectStore, themeId: Uuid, codeId: Uuid, index?: number): Theme {
  return store.recordEdit('Put a code in a theme', () => {
    const theme = getTheme(store, themeId);
    checkCode(store, codeId);
    const rest = theme.codeIds.filter((c) => c !== codeId);
    const at = index === undefined ? rest.length : Math.max(0, Math.min(rest.length, Math.trunc(index)));
    rest.splice(at, 0, codeId);
    writeCodeOrder(store, themeId, rest);
    return getTheme(store, themeId);
  });
}

/** Takes a code out of a theme (an error when it is not in it). */
export function removeCodeFromTheme(store: ProjectStore, themeId: Uuid, codeId: Uuid): Theme {
  return store.recordEdit('Take a code out of a theme', () => {
    const theme = getTheme(store, themeId);
    if (!theme.codeIds.includes(codeId)) {
      const name = (() => {
        try {
          return `"${store.getCode(codeId).name}"`;
        } catch {
          return codeId;
        }
      })();
      throw new UserError('not_found', `Code ${name} is not in theme "${theme.name}"`);
    }
    writeCodeOrder(store, themeId, theme.codeIds.filter((c) => c !== codeId));
    return getTheme(store, themeId);
  });
}

/** Reorders a theme's codes: `codeIds` must be exactly the theme's codes. */
export function reorderThemeCodes(store: ProjectStore, themeId: Uuid, codeIds: Uuid[]): Theme {
  return store.recordEdit("Reorder a theme's codes", () => {
    const theme = getTheme(store, themeId);
    const cur = new Set(theme.codeIds);
    const given = new Set(codeIds);
    if (given.size !== codeIds.length) throw new UserError('invalid', 'A code appears twice in the new order');
    if (given.size !== cur.size || codeIds.some((c) => !cur.has(c))) {
      throw new UserError('invalid', `The new order must list exactly the ${cur.size} codes of theme "${theme.name}"`);
    }
    writeCodeOrder(store, themeId, codeIds);
    return getTheme(store, themeId);
  });
}
