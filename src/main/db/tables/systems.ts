/** activity_systems: the interacting activity systems a study codes (e.g. Researchers, Practitioners). */
import { randomUUID } from 'node:crypto';
import { freeHotkeys, systemCodes } from '../../../shared/codebook';
import type { ActivitySystem, Uuid } from '../../../shared/domain';
import { UserError } from '../../../shared/errors';
import { cleanName } from '../../../shared/limits';
import type { SystemRow } from '../../../shared/merge/rows';
import { inTransaction, now, stmt, type Db } from '../connection';
import { deleteCodesOfSystem, insertCode, lastSystemGroupSort, renameSystemGroup, shiftTopLevelCodes, usedHotkeys } from './codes';
import { addTombstone } from './tombstones';

export type { SystemRow };

export const toSystem = (r: SystemRow): ActivitySystem => ({ id: r.id, createdAt: r.created_at, updatedAt: r.updated_at, name: r.name, sortOrder: r.sort_order });
export const fromSystem = (s: ActivitySystem): SystemRow => ({ id: s.id, created_at: s.createdAt, updated_at: s.updatedAt, name: s.name, sort_order: s.sortOrder });

export function listSystemRows(db: Db): SystemRow[] {
  return stmt(db, 'SELECT * FROM activity_systems ORDER BY sort_order, name').all() as SystemRow[];
}

export function listSystems(db: Db): ActivitySystem[] {
  return listSystemRows(db).map(toSystem);
}

export function systemExists(db: Db, id: Uuid): boolean {
  return stmt(db, 'SELECT 1 FROM activity_systems WHERE id = ?').get(id) !== undefined;
}

/** The one INSERT of an activity system. */
export function insertSystemRow(db: Db, r: SystemRow): void {
  stmt(db, 'INSERT INTO activity_systems (id, name, sort_order, created_at, updated_at) VALUES (@id, @name, @sort_order, @created_at, @updated_at)').run(r);
}

/** Writes every column of an existing activity system. */
export function updateSystemRow(db: Db, r: SystemRow): void {
  stmt(db, 'UPDATE activity_systems SET name = @name, sort_order = @sort_order, created_at = @created_at, updated_at = @updated_at WHERE id = @id').run(r);
}

function systemName(db: Db, id: Uuid): string {
  const row = stmt(db, 'SELECT name FROM activity_systems WHERE id = ?').get(id) as { name: string } | undefined;
  if (!row) throw new UserError('not_found', `No activity system ${id}`);
  return row.name;
}

/** Renames an activity system and the codebook group that stands for it. */
export function renameSystem(db: Db, id: Uuid, name: string): ActivitySystem {
  const clean = name.trim();
  if (!clean) throw new UserError('invalid', 'An activity system needs a name');
  cleanName(clean, 'activity system name');
  return inTransaction(db, () => {
    const at = now(db);
    const old = systemName(db, id);
    stmt(db, 'UPDATE activity_systems SET name = ?, updated_at = ? WHERE id = ?').run(clean, at, id);
    renameSystemGroup(db, id, old, clean, at);
    return toSystem(stmt(db, 'SELECT * FROM activity_systems WHERE id = ?').get(id) as SystemRow);
  });
}

/**
 * Adds an activity system after the others, with its group and the seven CHAT element codes,
 * each on a hotkey nobody uses yet (none when the free keys run out).
 */
export function addSystem(db: Db, name: string): ActivitySystem {
  const clean = cleanName(name.trim(), 'activity system name');
  if (!clean) throw new UserError('invalid', 'An activity system needs a name');
  return inTransaction(db, () => {
    if (stmt(db, 'SELECT 1 FROM activity_systems WHERE lower(name) = lower(?)').get(clean)) {
      throw new UserError('exists', `There is already an activity system called "${clean}"; choose another name`);
    }
    const at = now(db);
    const count = stmt(db, 'SELECT count(*) AS n, coalesce(max(sort_order) + 1, 0) AS next FROM activity_systems').get() as { n: number; next: number };
    const system: ActivitySystem = { id: randomUUID(), name: clean, sortOrder: count.next, createdAt: at, updatedAt: at };
    insertSystemRow(db, fromSystem(system));
    const used = usedHotkeys(db);
    const lastGroup = lastSystemGroupSort(db);
    // the new group goes right after the other systems' groups in the codebook
    shiftTopLevelCodes(db, lastGroup, at);
    for (const c of systemCodes(system, count.n, freeHotkeys(used, 7), { newId: randomUUID, now: at, groupSort: lastGroup + 1 })) insertCode(db, c);
    return system;
  });
}

/** Puts the activity systems in the given order (every system once). */
export function reorderSystems(db: Db, ids: Uuid[]): ActivitySystem[] {
  return inTransaction(db, () => {
    const current = listSystems(db);
    const same = ids.length === current.length && new Set(ids).size === ids.length && current.every((s) => ids.includes(s.id));
    if (!same) throw new UserError('invalid', 'Reorder needs every activity system exactly once');
    const at = now(db);
    const upd = stmt(db, 'UPDATE activity_systems SET sort_order = ?, updated_at = ? WHERE id = ? AND sort_order IS NOT ?');
    ids.forEach((id, i) => upd.run(i, at, id, i));
    return listSystems(db);
  });
}

/** What keeps an activity system from being deleted: coded segments and contradictions naming it. */
export function systemUsage(db: Db, id: Uuid): { segments: number; contradictions: number; themes: number } {
  const codes = 'SELECT id FROM codes WHERE system_id = ?';
  const segments = (stmt(db, `SELECT count(DISTINCT segment_id) AS n FROM segment_codes WHERE code_id IN (${codes})`).get(id) as { n: number }).n;
  const contradictions = (stmt(db, 'SELECT count(*) AS n FROM contradictions WHERE system_a = ? OR system_b = ?').get(id, id) as { n: number }).n;
  const themes = (stmt(db, `SELECT count(DISTINCT theme_id) AS n FROM theme_codes WHERE code_id IN (${codes})`).get(id) as { n: number }).n;
  return { segments, contradictions, themes };
}

/** Deletes an unused activity system with its codes (refused while anything is coded with them). */
export function deleteSystem(db: Db, id: Uuid): void {
  inTransaction(db, () => {
    const name = systemName(db, id);
    const u = systemUsage(db, id);
    if (u.segments || u.contradictions) {
      throw new UserError('in_use', `"${name}" is in use (${u.segments} coded segment(s), ${u.contradictions} contradiction(s)); delete or re-code them first`);
    }
    if ((stmt(db, 'SELECT count(*) AS n FROM activity_systems').get() as { n: number }).n <= 1) {
      throw new UserError('invalid', `"${name}" is the only activity system; add another before deleting it`);
    }
    const at = now(db);
    deleteCodesOfSystem(db, id, at);
    addTombstone(db, id, 'activity_systems', at);
    stmt(db, 'DELETE FROM activity_systems WHERE id = ?').run(id);
  });
}

/** Deletes every activity system (a new study replacing its codebook with a copy). */
export function deleteAllSystems(db: Db): void {
  stmt(db, 'DELETE FROM activity_systems').run();
}
