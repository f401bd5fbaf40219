/** codes: the codebook (CHAT elements, contradiction levels, markers, custom codes), nested by parent_id. */
import { randomUUID } from 'node:crypto';
import type { Code, Uuid } from '../../../shared/domain';
import { UserError } from '../../../shared/errors';
import { checkText, cleanName, LIMITS } from '../../../shared/limits';
import type { CodeRow } from '../../../shared/merge/rows';
import { inTransaction, now, stmt, type Db } from '../connection';
import { addTombstone } from './tombstones';

export type { CodeRow };

export interface NewCode {
  id?: Uuid;
  name: string;
  kind?: Code['kind'];
  element?: Code['element'];
  systemId?: Uuid | null;
  contradictionLevel?: Code['contradictionLevel'];
  parentId?: Uuid | null;
  color?: string;
  hotkey?: string | null;
  definition?: string;
}

export type CodePatch = Partial<Pick<Code, 'name' | 'color' | 'parentId' | 'hotkey' | 'definition' | 'element' | 'systemId' | 'sortOrder'>>;

export const toCode = (r: CodeRow): Code => ({
  id: r.id, createdAt: r.created_at, updatedAt: r.updated_at, name: r.name, kind: r.kind, element: r.element, systemId: r.system_id,
  contradictionLevel: r.contradiction_level, parentId: r.parent_id, color: r.color, hotkey: r.hotkey,
  definition: r.definition, sortOrder: r.sort_order,
});
export const fromCode = (c: Code): CodeRow => ({
  id: c.id, created_at: c.createdAt, updated_at: c.updatedAt, name: c.name, kind: c.kind, element: c.element, system_id: c.systemId,
  contradiction_level: c.contradictionLevel, parent_id: c.parentId, color: c.color, hotkey: c.hotkey, definition: c.definition, sort_order: c.sortOrder,
});

export function listCodeRows(db: Db): CodeRow[] {
  return stmt(db, 'SELECT * FROM codes ORDER BY sort_order, created_at').all() as CodeRow[];
}

export function listCodes(db: Db): Code[] {
  return listCodeRows(db).map(toCode);
}

export function getCode(db: Db, id: Uuid): Code {
  const row = stmt(db, 'SELECT * FROM codes WHERE id = ?').get(id) as CodeRow | undefined;
  if (!row) throw new UserError('not_found', `No code ${id} in the codebook`);
  return toCode(row);
}

export function codeExists(db: Db, id: Uuid): boolean {
  return stmt(db, 'SELECT 1 FROM codes WHERE id = ?').get(id) !== undefined;
}

/** The one INSERT of a code (every column given). */
export function insertCodeRow(db: Db, r: CodeRow): void {
  stmt(db, `INSERT INTO codes (id, name, kind, element, system_id, contradiction_level, parent_id, color, hotkey, definition, sort_order, created_at, updated_at)
    VALUES (@id, @name, @kind, @element, @system_id, @contradiction_level, @parent_id, @color, @hotkey, @definition, @sort_order, @created_at, @updated_at)`).run(r);
}

export const insertCode = (db: Db, c: Code): void => insertCodeRow(db, fromCode(c));

/** Writes every column of an existing code. */
export function updateCodeRow(db: Db, r: CodeRow): void {
  stmt(db, `UPDATE codes SET name = @name, kind = @kind, element = @element, system_id = @system_id, contradiction_level = @contradiction_level,
    parent_id = @parent_id, color = @color, hotkey = @hotkey, definition = @definition, sort_order = @sort_order, created_at = @created_at, updated_at = @updated_at WHERE id = @id`).run(r);
}

/** The next sort_order among the children of `parentId` (null: the top level). */
export function nextCodeSort(db: Db, parentId: Uuid | null): number {
  return (stmt(db, 'SELECT coalesce(max(sort_order) + 1, 0) AS n FROM codes WHERE parent_id IS ?').get(parentId) as { n: number }).n;
}

export function usedHotkeys(db: Db): Set<string> {
  return new Set((stmt(db, 'SELECT hotkey FROM codes WHERE hotkey IS NOT NULL').all() as { hotkey: string }[]).map((r) => r.hotkey));
}

/** The sort_order of the last top-level group of an activity system (-1 when none). */
export function lastSystemGroupSort(db: Db): number {
  return (stmt(db, "SELECT coalesce(max(sort_order), -1) AS m FROM codes WHERE parent_id IS NULL AND kind = 'group' AND system_id IS NOT NULL").get() as { m: number }).m;
}

/** Moves the top-level codes after sort_order `after` one place down. */
export function shiftTopLevelCodes(db: Db, after: number, at: number): void {
  stmt(db, 'UPDATE codes SET sort_order = sort_order + 1, updated_at = ? WHERE parent_id IS NULL AND sort_order > ?').run(at, after);
}

/** Renames the codebook group standing for an activity system (when it still has the system's old name). */
export function renameSystemGroup(db: Db, systemId: Uuid, oldName: string, name: string, at: number): void {
  stmt(db, "UPDATE codes SET name = ?, updated_at = ? WHERE kind = 'group' AND system_id = ? AND name = ?").run(name, at, systemId, oldName);
}

/** Deletes (with tombstones) the codes of an activity system. */
export function deleteCodesOfSystem(db: Db, systemId: Uuid, at: number): void {
  for (const c of stmt(db, 'SELECT id FROM codes WHERE system_id = ?').all(systemId) as { id: string }[]) addTombstone(db, c.id, 'codes', at);
  stmt(db, 'DELETE FROM codes WHERE system_id = ?').run(systemId);
}

/** Deletes the whole codebook (a new study replacing it with a copy). */
export function deleteAllCodes(db: Db): void {
  stmt(db, 'DELETE FROM codes').run();
}

export function createCode(db: Db, input: NewCode): Code {
  const name = input.name.trim();
  if (!name) throw new UserError('invalid', 'A code needs a name');
  cleanName(name, 'code name');
  checkText(input.definition ?? '', 'code definition', LIMITS.definition);
  return inTransaction(db, () => {
    if (input.parentId) getCode(db, input.parentId);
    checkHotkeyFree(db, input.hotkey ?? null, null);
    const at = now(db);
    const siblings = (stmt(db, 'SELECT count(*) AS n FROM codes WHERE parent_id IS ?').get(input.parentId ?? null) as { n: number }).n;
    const code: Code = {
      id: input.id ?? randomUUID(), createdAt: at, updatedAt: at, name, kind: input.kind ?? 'custom',
      element: input.element ?? null, systemId: input.systemId ?? null, contradictionLevel: input.contradictionLevel ?? null,
      parentId: input.parentId ?? null, color: input.color ?? '#888888', hotkey: input.hotkey ?? null,
      definition: input.definition ?? '', sortOrder: siblings,
    };
    insertCode(db, code);
    return code;
  });
}

export function updateCode(db: Db, id: Uuid, patch: CodePatch): Code {
  return inTransaction(db, () => {
    const cur = getCode(db, id);
    if (patch.name !== undefined && !patch.name.trim()) throw new UserError('invalid', 'A code needs a name');
    if (patch.name !== undefined) cleanName(patch.name, 'code name');
    if (patch.definition !== undefined) checkText(patch.definition, 'code definition', LIMITS.definition);
    if (patch.parentId) {
      // nesting a code under itself or one of its descendants would make a cycle
      for (let p: string | null = patch.parentId; p; p = getCode(db, p).parentId) {
        if (p === id) throw new UserError('invalid', `Cannot nest "${cur.name}" inside itself or one of its sub-codes`);
      }
    }
    if (patch.hotkey !== undefined) checkHotkeyFree(db, patch.hotkey, id);
    const next = { ...cur, ...patch, name: patch.name?.trim() ?? cur.name };
    stmt(db, 'UPDATE codes SET name = ?, color = ?, parent_id = ?, hotkey = ?, definition = ?, element = ?, system_id = ?, sort_order = ?, updated_at = ? WHERE id = ?')
      .run(next.name, next.color, next.parentId, next.hotkey, next.definition, next.element, next.systemId, next.sortOrder, now(db), id);
    return getCode(db, id);
  });
}

function checkHotkeyFree(db: Db, hotkey: string | null, selfId: Uuid | null): void {
  if (!hotkey) return;
  const other = stmt(db, 'SELECT name FROM codes WHERE hotkey = ? AND id IS NOT ?').get(hotkey, selfId) as { name: string } | undefined;
  if (other) throw new UserError('conflict', `Hotkey "${hotkey}" is already used by "${other.name}"`);
}

/** The code and all its descendants. */
export function codeSubtree(db: Db, id: Uuid): Uuid[] {
  return (stmt(db, 'WITH RECURSIVE sub(id) AS (SELECT ? UNION ALL SELECT c.id FROM codes c JOIN sub ON c.parent_id = sub.id) SELECT id FROM sub')
    .all(id) as { id: string }[]).map((r) => r.id);
}

/** How many segment links and sub-codes a delete would remove (asked before deleting). */
export function codeUsage(db: Db, id: Uuid): { links: number; segments: number; descendants: number; themes: number } {
  getCode(db, id);
  const ids = codeSubtree(db, id);
  // one statement per subtree size (the few sizes a codebook has), each prepared once
  const ph = ids.map(() => '?').join(',');
  const links = (stmt(db, `SELECT count(*) AS n FROM segment_codes WHERE code_id IN (${ph})`).get(...ids) as { n: number }).n;
  const segments = (stmt(db, `SELECT count(DISTINCT segment_id) AS n FROM segment_codes WHERE code_id IN (${ph})`).get(...ids) as { n: number }).n;
  const themes = (stmt(db, `SELECT count(*) AS n FROM theme_codes WHERE code_id IN (${ph})`).get(...ids) as { n: number }).n;
  return { links, segments, descendants: ids.length - 1, themes };
}

/**
 * Deletes a code, its sub-codes and every link to them (foreign keys cascade), in one transaction.
 * Segments left with no code keep existing (their times and notes are work too).
 */
export function deleteCode(db: Db, id: Uuid): { deletedCodes: number; deletedLinks: number } {
  return inTransaction(db, () => {
    const usage = codeUsage(db, id);
    const ids = codeSubtree(db, id);
    const at = now(db);
    for (const cid of ids) addTombstone(db, cid, 'codes', at);
    stmt(db, 'DELETE FROM codes WHERE id = ?').run(id);
    return { deletedCodes: ids.length, deletedLinks: usage.links };
  });
}
