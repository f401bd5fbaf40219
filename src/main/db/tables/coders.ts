/** coders: the people who code (and the one consensus layer reconciliation writes to). */
import { randomUUID } from 'node:crypto';
import type { Coder, Uuid } from '../../../shared/domain';
import { UserError } from '../../../shared/errors';
import { cleanName } from '../../../shared/limits';
import type { CoderRow } from '../../../shared/merge/rows';
import { inTransaction, now, stmt, type Db } from '../connection';
import { addTombstone } from './tombstones';

export type { CoderRow };

export const CODER_COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#17becf'];
export const CONSENSUS_COLOR = '#222222';

/** `active` is absent before migration 50 (a read-only older file): such coders are all active. */
export const toCoder = (r: Omit<CoderRow, 'active'> & { active?: number }): Coder => ({
  id: r.id, createdAt: r.created_at, updatedAt: r.updated_at, name: r.name, color: r.color, isConsensus: r.is_consensus === 1, active: r.active !== 0,
});

export function listCoderRows(db: Db): CoderRow[] {
  return stmt(db, 'SELECT * FROM coders ORDER BY is_consensus, created_at, name').all() as CoderRow[];
}

export function listCoders(db: Db): Coder[] {
  return listCoderRows(db).map(toCoder);
}

export function getCoder(db: Db, id: Uuid): Coder {
  const row = stmt(db, 'SELECT * FROM coders WHERE id = ?').get(id) as CoderRow | undefined;
  if (!row) throw new UserError('not_found', `No coder ${id} in this project`);
  return toCoder(row);
}

export function coderExists(db: Db, id: Uuid): boolean {
  return stmt(db, 'SELECT 1 FROM coders WHERE id = ?').get(id) !== undefined;
}

/** The one INSERT of a coder (every column given). */
export function insertCoderRow(db: Db, r: CoderRow): void {
  stmt(db, 'INSERT INTO coders (id, name, color, is_consensus, active, created_at, updated_at) VALUES (@id, @name, @color, @is_consensus, @active, @created_at, @updated_at)').run(r);
}

/** Writes every column of an existing coder. */
export function updateCoderRow(db: Db, r: CoderRow): void {
  stmt(db, 'UPDATE coders SET name = @name, color = @color, is_consensus = @is_consensus, active = @active, created_at = @created_at, updated_at = @updated_at WHERE id = @id').run(r);
}

/** Adds a coder (a colour of their own unless given). */
export function insertCoder(db: Db, c: { id?: Uuid; name: string; color?: string; isConsensus?: boolean }): Coder {
  const name = c.name.trim();
  if (!name) throw new UserError('invalid', 'A coder needs a name');
  cleanName(name, 'coder name');
  const at = now(db);
  const id = c.id ?? randomUUID();
  const count = (stmt(db, 'SELECT count(*) AS n FROM coders').get() as { n: number }).n;
  const color = c.color ?? (c.isConsensus ? CONSENSUS_COLOR : CODER_COLORS[count % CODER_COLORS.length]!);
  insertCoderRow(db, { id, name, color, is_consensus: c.isConsensus ? 1 : 0, active: 1, created_at: at, updated_at: at });
  return getCoder(db, id);
}

/** Renames, recolours or (de)activates a coder. The consensus layer is never deactivated. */
export function updateCoder(db: Db, id: Uuid, patch: { name?: string; color?: string; active?: boolean }): Coder {
  const name = patch.name?.trim();
  if (patch.name !== undefined && !name) throw new UserError('invalid', 'A coder needs a name');
  if (name) cleanName(name, 'coder name');
  return inTransaction(db, () => {
    const cur = getCoder(db, id);
    if (patch.active === false && cur.isConsensus) throw new UserError('invalid', 'The consensus layer cannot be marked as not coding');
    const active = patch.active ?? cur.active !== false;
    stmt(db, 'UPDATE coders SET name = ?, color = ?, active = ?, updated_at = ? WHERE id = ?')
      .run(name ?? cur.name, patch.color ?? cur.color, active ? 1 : 0, now(db), id);
    return getCoder(db, id);
  });
}

/** Deletes a coder who has no segments and no contradictions (their memos stay, without a coder). */
export function deleteCoder(db: Db, id: Uuid): void {
  inTransaction(db, () => {
    const cur = getCoder(db, id);
    if (cur.isConsensus) throw new UserError('invalid', 'The consensus layer cannot be deleted');
    const segs = (stmt(db, 'SELECT count(*) AS n FROM segments WHERE coder_id = ?').get(id) as { n: number }).n;
    const contra = (stmt(db, 'SELECT count(*) AS n FROM contradictions WHERE coder_id = ?').get(id) as { n: number }).n;
    if (segs || contra) {
      throw new UserError('in_use', `"${cur.name}" has ${segs} segment(s) and ${contra} contradiction(s); mark them as not coding instead, or delete their work first`);
    }
    addTombstone(db, id, 'coders', now(db));
    stmt(db, 'DELETE FROM coders WHERE id = ?').run(id);
  });
}

/** Whether a consensus coder goes by this name. */
export function isConsensusName(db: Db, name: string): boolean {
  return stmt(db, 'SELECT 1 FROM coders WHERE is_consensus = 1 AND name = ?').get(name) !== undefined;
}

/** Takes back a coder created for a failed operation, unless they have segments by now. */
export function deleteCoderWithoutSegments(db: Db, id: Uuid): void {
  stmt(db, 'DELETE FROM coders WHERE id = ? AND NOT EXISTS (SELECT 1 FROM segments WHERE coder_id = ?)').run(id, id);
}
