/** themes and theme_codes: candidate themes grouping codes, each in the user's order. */
import type { Theme, Uuid } from '../../../shared/domain';
import type { ThemeRow } from '../../../shared/merge/rows';
import { stmt, type Db } from '../connection';

export type { ThemeRow };
/** A theme row with its code ids in the theme's order (comma-joined; null: none). */
export type ThemeCodesRow = ThemeRow & { code_ids: string | null };

export const toTheme = (r: ThemeCodesRow): Theme => ({
  id: r.id, createdAt: r.created_at, updatedAt: r.updated_at, name: r.name, description: r.description, sortOrder: r.sort_order,
  codeIds: r.code_ids ? r.code_ids.split(',') : [],
});

export function listThemes(db: Db): Theme[] {
  return (stmt(db, `SELECT t.*, (SELECT group_concat(code_id ORDER BY sort_order, code_id) FROM theme_codes tc WHERE tc.theme_id = t.id) AS code_ids
    FROM themes t ORDER BY sort_order, created_at`).all() as ThemeCodesRow[]).map(toTheme);
}

/**
 * Every theme row with its links as "code_id:sort_order" (by sort order, then code id,
 * comma-joined; '' when none): what a merge compares.
 */
export function listThemeRowsWithLinks(db: Db): (ThemeRow & { codes: string })[] {
  return stmt(db, `SELECT t.*, coalesce((SELECT group_concat(code_id || ':' || sort_order, ',') FROM (SELECT code_id, sort_order FROM theme_codes tc WHERE tc.theme_id = t.id ORDER BY sort_order, code_id)), '') AS codes FROM themes t`)
    .all() as (ThemeRow & { codes: string })[];
}

export function themeExists(db: Db, id: Uuid): boolean {
  return stmt(db, 'SELECT 1 FROM themes WHERE id = ?').get(id) !== undefined;
}

/** The name of another theme called `name` (case-insensitively), if any. */
export function themeNamedLike(db: Db, name: string, selfId: Uuid | null): string | undefined {
  return (stmt(db, 'SELECT name FROM themes WHERE lower(name) = lower(?) AND id IS NOT ?').get(name, selfId) as { name: string } | undefined)?.name;
}

export function nextThemeSort(db: Db): number {
  return (stmt(db, 'SELECT coalesce(max(sort_order) + 1, 0) AS n FROM themes').get() as { n: number }).n;
}

/** The one INSERT of a theme (its codes apart: setThemeCodes). */
export function insertThemeRow(db: Db, r: ThemeRow): void {
  stmt(db, 'INSERT INTO themes (id, name, description, sort_order, created_at, updated_at) VALUES (@id, @name, @description, @sort_order, @created_at, @updated_at)').run(r);
}

/** Writes every column of an existing theme. */
export function updateThemeRow(db: Db, r: ThemeRow): void {
  stmt(db, 'UPDATE themes SET name = @name, description = @description, sort_order = @sort_order, created_at = @created_at, updated_at = @updated_at WHERE id = @id').run(r);
}

export function setThemeText(db: Db, id: Uuid, name: string, description: string, at: number): void {
  stmt(db, 'UPDATE themes SET name = ?, description = ?, updated_at = ? WHERE id = ?').run(name, description, at, id);
}

export function touchTheme(db: Db, id: Uuid, at: number): void {
  stmt(db, 'UPDATE themes SET updated_at = ? WHERE id = ?').run(at, id);
}

/** Puts the themes in this order (sort_order 0, 1, …), stamping `at` when given on those that move. */
export function setThemeOrder(db: Db, ids: Uuid[], at?: number): void {
  if (at === undefined) {
    const up = stmt(db, 'UPDATE themes SET sort_order = ? WHERE id = ? AND sort_order IS NOT ?');
    ids.forEach((id, i) => up.run(i, id, i));
    return;
  }
  const up = stmt(db, 'UPDATE themes SET sort_order = ?, updated_at = ? WHERE id = ? AND sort_order IS NOT ?');
  ids.forEach((id, i) => up.run(i, at, id, i));
}

export function deleteThemeRow(db: Db, id: Uuid): void {
  stmt(db, 'DELETE FROM themes WHERE id = ?').run(id);
}

/** Sets a theme's codes to exactly these, with their sort orders. */
export function setThemeCodes(db: Db, themeId: Uuid, codes: { codeId: Uuid; sortOrder: number }[]): void {
  stmt(db, 'DELETE FROM theme_codes WHERE theme_id = ?').run(themeId);
  const ins = stmt(db, 'INSERT INTO theme_codes (theme_id, code_id, sort_order) VALUES (?, ?, ?)');
  for (const c of codes) ins.run(themeId, c.codeId, c.sortOrder);
}

/** setThemeCodes with the codes in the given order (sort_order 0, 1, …). */
export const setThemeCodeOrder = (db: Db, themeId: Uuid, codeIds: Uuid[]): void => setThemeCodes(db, themeId, codeIds.map((codeId, sortOrder) => ({ codeId, sortOrder })));
