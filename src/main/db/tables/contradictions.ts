/** contradictions and contradiction_evidence: CHAT tensions between elements, with the segments that show them. */
import { randomUUID } from 'node:crypto';
import type { Contradiction, Uuid } from '../../../shared/domain';
import { UserError } from '../../../shared/errors';
import type { ContradictionRow } from '../../../shared/merge/rows';
import { inTransaction, now, stmt, type Db } from '../connection';
import { getCoder } from './coders';
import { getSegment } from './segments';
import { systemExists } from './systems';
import { addTombstone } from './tombstones';
import { attachContradictionParticipants } from './participants';

export type { ContradictionRow };
/** A contradiction row with its evidence segment ids (sorted, comma-joined; null: none). */
export type ContradictionEvidenceRow = ContradictionRow & { evidence_ids: string | null };

export interface NewContradiction {
  id?: Uuid;
  level: Contradiction['level'];
  elementA: Contradiction['elementA'];
  systemA?: Uuid | null;
  elementB?: Contradiction['elementB'];
  systemB?: Uuid | null;
  coderId: Uuid;
  status?: Contradiction['status'];
  note?: string;
  evidenceSegmentIds: Uuid[];
}

export type ContradictionPatch = Partial<Pick<Contradiction, 'level' | 'elementA' | 'systemA' | 'elementB' | 'systemB' | 'status' | 'note' | 'evidenceSegmentIds'>>;

export const toContradiction = (r: ContradictionEvidenceRow): Contradiction => ({
  id: r.id, createdAt: r.created_at, updatedAt: r.updated_at, level: r.level, elementA: r.element_a, systemA: r.system_a, elementB: r.element_b, systemB: r.system_b,
  coderId: r.coder_id, status: r.status, note: r.note, evidenceSegmentIds: r.evidence_ids ? r.evidence_ids.split(',') : [],
});

const CONTRADICTION_SELECT = `
  SELECT c.*, (SELECT group_concat(segment_id ORDER BY segment_id) FROM contradiction_evidence e WHERE e.contradiction_id = c.id) AS evidence_ids
  FROM contradictions c`;

export function listContradictionRows(db: Db): ContradictionEvidenceRow[] {
  return stmt(db, `${CONTRADICTION_SELECT} ORDER BY created_at`).all() as ContradictionEvidenceRow[];
}

export function listContradictions(db: Db): Contradiction[] {
  return attachContradictionParticipants(db, listContradictionRows(db).map(toContradiction));
}

export function getContradiction(db: Db, id: Uuid): Contradiction {
  const row = stmt(db, `${CONTRADICTION_SELECT} WHERE c.id = ?`).get(id) as ContradictionEvidenceRow | undefined;
  if (!row) throw new UserError('not_found', `No contradiction ${id}`);
  return attachContradictionParticipants(db, [toContradiction(row)])[0]!;
}

export function contradictionExists(db: Db, id: Uuid): boolean {
  return stmt(db, 'SELECT 1 FROM contradictions WHERE id = ?').get(id) !== undefined;
}

/** The one INSERT of a contradiction (its evidence apart: replaceEvidence). */
export function insertContradictionRow(db: Db, r: ContradictionRow): void {
  stmt(db, `INSERT INTO contradictions (id, level, element_a, system_a, element_b, system_b, coder_id, status, note, created_at, updated_at)
    VALUES (@id, @level, @element_a, @system_a, @element_b, @system_b, @coder_id, @status, @note, @created_at, @updated_at)`).run(r);
}

/** Writes every column of an existing contradiction. */
export function updateContradictionRow(db: Db, r: ContradictionRow): void {
  stmt(db, `UPDATE contradictions SET level = @level, element_a = @element_a, system_a = @system_a, element_b = @element_b, system_b = @system_b,
    coder_id = @coder_id, status = @status, note = @note, created_at = @created_at, updated_at = @updated_at WHERE id = @id`).run(r);
}

/** Sets a contradiction's evidence to exactly these segments (deleting all, then inserting). */
export function replaceEvidence(db: Db, id: Uuid, segmentIds: Iterable<Uuid>): void {
  stmt(db, 'DELETE FROM contradiction_evidence WHERE contradiction_id = ?').run(id);
  const add = stmt(db, 'INSERT INTO contradiction_evidence (contradiction_id, segment_id) VALUES (?, ?)');
  for (const s of segmentIds) add.run(id, s);
}

/**
 * Checks a contradiction's shape against its level (chat-primer): primary = one element of one
 * system (B is A); secondary = two different elements of the same system; quaternary = two
 * different activity systems. Returns the normalised relation.
 */
function checkRelation(db: Db, c: Pick<Contradiction, 'level' | 'elementA' | 'systemA' | 'elementB' | 'systemB'>) {
  for (const sys of [c.systemA, c.systemB]) {
    if (sys && !systemExists(db, sys)) throw new UserError('not_found', `No activity system ${sys}`);
  }
  if (c.level === 'primary') return { ...c, elementB: c.elementA, systemB: c.systemA };
  if (c.level === 'secondary') {
    if (c.elementA === c.elementB) throw new UserError('invalid', 'A secondary contradiction is between two different elements (for a tension inside one element choose primary)');
    if (c.systemA !== c.systemB) throw new UserError('invalid', 'A secondary contradiction is between two elements of the same activity system (between systems choose quaternary)');
  }
  if (c.level === 'quaternary' && c.systemA === c.systemB) throw new UserError('invalid', 'A quaternary contradiction is between two different activity systems');
  return c;
}

/** Sets the evidence of an edited contradiction, touching only the links that change. */
function setEvidence(db: Db, id: Uuid, segmentIds: Uuid[]): void {
  if (segmentIds.length === 0) throw new UserError('invalid', 'A contradiction needs at least one evidence segment');
  for (const s of segmentIds) getSegment(db, s);
  const current = new Set((stmt(db, 'SELECT segment_id FROM contradiction_evidence WHERE contradiction_id = ?').all(id) as { segment_id: string }[]).map((r) => r.segment_id));
  const want = new Set(segmentIds);
  for (const s of current) if (!want.has(s)) stmt(db, 'DELETE FROM contradiction_evidence WHERE contradiction_id = ? AND segment_id = ?').run(id, s);
  for (const s of want) if (!current.has(s)) stmt(db, 'INSERT INTO contradiction_evidence (contradiction_id, segment_id) VALUES (?, ?)').run(id, s);
}

export function insertContradiction(db: Db, c: NewContradiction): Contradiction {
  return inTransaction(db, () => {
    getCoder(db, c.coderId);
    const rel = checkRelation(db, { level: c.level, elementA: c.elementA, systemA: c.systemA ?? null, elementB: c.elementB ?? c.elementA, systemB: c.systemB ?? null });
    const at = now(db);
    const id = c.id ?? randomUUID();
    insertContradictionRow(db, {
      id, level: rel.level, element_a: rel.elementA, system_a: rel.systemA, element_b: rel.elementB, system_b: rel.systemB, coder_id: c.coderId,
      status: c.status ?? 'unresolved', note: c.note ?? '', created_at: at, updated_at: at,
    });
    setEvidence(db, id, c.evidenceSegmentIds);
    return getContradiction(db, id);
  });
}

export function updateContradiction(db: Db, id: Uuid, patch: ContradictionPatch): Contradiction {
  return inTransaction(db, () => {
    const cur = getContradiction(db, id);
    const rel = checkRelation(db, {
      level: patch.level ?? cur.level, elementA: patch.elementA ?? cur.elementA, systemA: patch.systemA !== undefined ? patch.systemA : cur.systemA,
      elementB: patch.elementB ?? cur.elementB, systemB: patch.systemB !== undefined ? patch.systemB : cur.systemB,
    });
    stmt(db, 'UPDATE contradictions SET level = ?, element_a = ?, system_a = ?, element_b = ?, system_b = ?, status = ?, note = ?, updated_at = ? WHERE id = ?')
      .run(rel.level, rel.elementA, rel.systemA, rel.elementB, rel.systemB, patch.status ?? cur.status, patch.note ?? cur.note, now(db), id);
    if (patch.evidenceSegmentIds) setEvidence(db, id, patch.evidenceSegmentIds);
    return getContradiction(db, id);
  });
}

export function deleteContradiction(db: Db, id: Uuid): void {
  inTransaction(db, () => {
    getContradiction(db, id);
    addTombstone(db, id, 'contradictions', now(db));
    deleteContradictionRow(db, id);
  });
}

export function deleteContradictionRow(db: Db, id: Uuid): void {
  stmt(db, 'DELETE FROM contradictions WHERE id = ?').run(id);
}
