/**
 * The participants tables (migration 70): participants, attribute definitions and values, groups
 * and their members, and who a segment or contradiction is about. Plain functions taking the
 * connection first; statements prepared once per connection (stmt). Callers run writes inside a
 * transaction (recordEdit); these functions do not open one themselves.
 */
import { randomUUID } from 'node:crypto';
import type { Contradiction, Segment, Uuid } from '../../../shared/domain';
import { UserError } from '../../../shared/errors';
import { cleanName } from '../../../shared/limits';
import { attributeFromText, attributeText, parseAttributeValue } from '../../../shared/participants/attributes';
import { findByName } from '../../../shared/participants/names';
import type { AttributeDef, AttributeType, AttributeValue, Group, Participant } from '../../../shared/participants/types';
import { pushTo } from '../../../shared/collections';
import { stmt, type Db } from '../connection';

interface ParticipantRow { id: string; name: string; role: string; system_id: string | null; hotkey: string | null; sort_order: number; created_at: number; updated_at: number }
interface AttributeRow { id: string; name: string; type: AttributeType; sort_order: number; created_at: number; updated_at: number }
interface GroupRow { id: string; name: string; sort_order: number; created_at: number; updated_at: number }

const toAttribute = (r: AttributeRow): AttributeDef => ({ id: r.id, name: r.name, type: r.type, sortOrder: r.sort_order, createdAt: r.created_at, updatedAt: r.updated_at });

/** Whether the file has the participants tables (a read-only file older than schema 70 has not). */
export function hasParticipantTables(db: Db): boolean {
  return stmt(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'participants'").get() !== undefined;
}

// ---------- reads ----------

export function listAttributes(db: Db): AttributeDef[] {
  return (stmt(db, 'SELECT * FROM participant_attributes ORDER BY sort_order, created_at, id').all() as AttributeRow[]).map(toAttribute);
}

export function listParticipants(db: Db): Participant[] {
  const types = new Map(listAttributes(db).map((a) => [a.id, a.type]));
  const values = new Map<string, [string, string][]>();
  for (const [p, a, v] of stmt(db, 'SELECT participant_id, attribute_id, value FROM participant_attribute_values').raw(true).all() as [string, string, string][]) {
    pushTo(values, p, [a, v]);
  }
  const rows = stmt(db, 'SELECT * FROM participants ORDER BY sort_order, created_at, id').all() as ParticipantRow[];
  return rows.map((r) => {
    const attributes: Record<Uuid, AttributeValue> = {};
    for (const [a, v] of values.get(r.id) ?? []) attributes[a] = attributeFromText(types.get(a) ?? 'text', v);
    return { id: r.id, name: r.name, role: r.role, systemId: r.system_id, key: r.hotkey, sortOrder: r.sort_order, attributes, createdAt: r.created_at, updatedAt: r.updated_at };
  });
}

export function getParticipant(db: Db, id: Uuid): Participant {
  const p = listParticipants(db).find((x) => x.id === id);
  if (!p) throw new UserError('not_found', `No participant ${id} in this study`);
  return p;
}

export function listGroups(db: Db): Group[] {
  const members = new Map<string, string[]>();
  const sql = `SELECT m.group_id, m.participant_id FROM group_members m JOIN participants p ON p.id = m.participant_id ORDER BY p.sort_order, p.created_at, p.id`;
  for (const [g, p] of stmt(db, sql).raw(true).all() as [string, string][]) pushTo(members, g, p);
  return (stmt(db, 'SELECT * FROM groups ORDER BY sort_order, created_at, id').all() as GroupRow[]).map((r) => ({
    id: r.id, name: r.name, sortOrder: r.sort_order, memberIds: members.get(r.id) ?? [], createdAt: r.created_at, updatedAt: r.updated_at,
  }));
}

export function getGroup(db: Db, id: Uuid): Group {
  const g = listGroups(db).find((x) => x.id === id);
  if (!g) throw new UserError('not_found', `No group ${id} in this study`);
  return g;
}

/** Segment id → its participant ids (sorted), in one read: of the given segments, or of all. */
export function segmentParticipantMap(db: Db, segmentIds?: readonly Uuid[]): Map<Uuid, Uuid[]> {
  const out = new Map<Uuid, Uuid[]>();
  if (!hasParticipantTables(db)) return out;
  const rows = segmentIds === undefined
    ? stmt(db, 'SELECT segment_id, participant_id FROM segment_participants ORDER BY segment_id, participant_id').raw(true).all()
    : stmt(db, 'SELECT segment_id, participant_id FROM segment_participants WHERE segment_id IN (SELECT value FROM json_each(?)) ORDER BY segment_id, participant_id')
      .raw(true).all(JSON.stringify(segmentIds));
  for (const [s, p] of rows as [string, string][]) pushTo(out, s, p);
  return out;
}

/**
 * Decodes segments.ts whoColumn (participant rowids joined by commas, or NULL) to participant ids;
 * each distinct text is decoded once (a study has few distinct sets) and the array shared, so
 * callers must not change it.
 */
export function whoDecoder(db: Db): (who: string | null | undefined) => Uuid[] | undefined {
  if (!hasParticipantTables(db)) return () => undefined;
  const ids = new Map(stmt(db, 'SELECT rowid, id FROM participants').raw(true).all() as [number, Uuid][]);
  const seen = new Map<string, Uuid[]>();
  return (who) => {
    if (who === null || who === undefined) return undefined;
    let out = seen.get(who);
    if (!out) {
      if (seen.size > 10_000) seen.clear();
      seen.set(who, (out = who.split(',').map((r) => ids.get(Number(r))!)));
    }
    return out;
  };
}

/** Fills `participantIds` of segments in place (one read: by id for a few, the whole table for many). */
export function attachSegmentParticipants<T extends Segment>(db: Db, segments: T[]): T[] {
  if (segments.length === 0) return segments;
  const map = segmentParticipantMap(db, segments.length <= 2000 ? segments.map((s) => s.id) : undefined);
  for (const s of segments) s.participantIds = map.get(s.id) ?? [];
  return segments;
}

/** Fills `participantIds` of contradictions in place (one read). */
export function attachContradictionParticipants<T extends Contradiction>(db: Db, list: T[]): T[] {
  if (list.length === 0 || !hasParticipantTables(db)) return list;
  const map = new Map<string, string[]>();
  for (const [c, p] of stmt(db, 'SELECT contradiction_id, participant_id FROM contradiction_participants ORDER BY contradiction_id, participant_id').raw(true).all() as [string, string][]) {
    pushTo(map, c, p);
  }
  for (const c of list) c.participantIds = map.get(c.id) ?? [];
  return list;
}

// ---------- participants ----------

export interface ParticipantInput {
  name?: string;
  role?: string;
  systemId?: Uuid | null;
  key?: string | null;
  attributes?: Record<Uuid, AttributeValue | null>;
}

/**
 * The id of another record of `table` (not `id`) whose name is the same as `name` by foldName
 * (SQLite's lower() folds ASCII only: "ÉLODIE" would pass for a new name), or undefined.
 */
export function namedLike(db: Db, table: 'participants' | 'groups' | 'participant_attributes', name: string, id: Uuid | null): Uuid | undefined {
  const rows = stmt(db, `SELECT id, name FROM ${table} WHERE id IS NOT ? ORDER BY id`).all(id) as { id: Uuid; name: string }[];
  return findByName(rows, name)?.id;
}

function checkParticipantFields(db: Db, id: Uuid | null, p: ParticipantInput): void {
  if (p.name !== undefined) {
    const name = cleanName(p.name, 'participant name');
    if (namedLike(db, 'participants', name, id)) throw new UserError('exists', `There is already a participant called "${name}"; choose another name`);
  }
  if (p.systemId && !stmt(db, 'SELECT 1 FROM activity_systems WHERE id = ?').get(p.systemId)) throw new UserError('not_found', `No activity system ${p.systemId}`);
  if (p.key) {
    const other = stmt(db, 'SELECT name FROM participants WHERE hotkey = ? AND id IS NOT ?').get(p.key, id) as { name: string } | undefined;
    if (other) throw new UserError('conflict', `Participant key "${p.key}" is already used by "${other.name}"`);
  }
}

export function insertParticipant(db: Db, p: ParticipantInput & { name: string; id?: Uuid }, now: number): Participant {
  checkParticipantFields(db, null, p);
  const id = p.id ?? randomUUID();
  const next = (stmt(db, 'SELECT coalesce(max(sort_order) + 1, 0) AS n FROM participants').get() as { n: number }).n;
  stmt(db, 'INSERT INTO participants (id, name, role, system_id, hotkey, sort_order, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .run(id, p.name.trim(), (p.role ?? '').trim(), p.systemId ?? null, p.key ?? null, next, now, now);
  setAttributeValues(db, id, p.attributes ?? {}, now);
  return getParticipant(db, id);
}

export function updateParticipant(db: Db, id: Uuid, patch: ParticipantInput, now: number): Participant {
  const cur = getParticipant(db, id);
  checkParticipantFields(db, id, patch);
  stmt(db, 'UPDATE participants SET name = ?, role = ?, system_id = ?, hotkey = ?, updated_at = ? WHERE id = ?').run(
    patch.name?.trim() ?? cur.name, patch.role?.trim() ?? cur.role, patch.systemId !== undefined ? patch.systemId : cur.systemId,
    patch.key !== undefined ? patch.key : cur.key, now, id);
  setAttributeValues(db, id, patch.attributes ?? {}, now);
  return getParticipant(db, id);
}

/** Sets (or, null, clears) a participant's attribute values; each value is checked against its type. */
export function setAttributeValues(db: Db, participantId: Uuid, values: Record<Uuid, AttributeValue | null>, now: number): void {
  const types = new Map(listAttributes(db).map((a) => [a.id, a]));
  for (const [attrId, raw] of Object.entries(values)) {
    const def = types.get(attrId);
    if (!def) throw new UserError('not_found', `No participant attribute ${attrId} in this study`);
    if (raw === null || raw === '') {
      stmt(db, 'DELETE FROM participant_attribute_values WHERE participant_id = ? AND attribute_id = ?').run(participantId, attrId);
      continue;
    }
    const r = parseAttributeValue(def.type, raw);
    if ('problem' in r) throw new UserError('invalid', `Attribute "${def.name}" (${def.type}): ${r.problem}`);
    stmt(db, `INSERT INTO participant_attribute_values (participant_id, attribute_id, value, updated_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (participant_id, attribute_id) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at WHERE value IS NOT excluded.value`)
      .run(participantId, attrId, attributeText(r.value), now);
  }
}

export function participantUsage(db: Db, id: Uuid): { segments: number; contradictions: number; groups: number } {
  getParticipant(db, id);
  const n = (sql: string) => (stmt(db, sql).get(id) as { n: number }).n;
  return {
    segments: n('SELECT count(*) AS n FROM segment_participants WHERE participant_id = ?'),
    contradictions: n('SELECT count(*) AS n FROM contradiction_participants WHERE participant_id = ?'),
    groups: n('SELECT count(*) AS n FROM group_members WHERE participant_id = ?'),
  };
}

/** Deletes a participant; links and values go with it (foreign keys cascade); a tombstone tells merges. */
export function deleteParticipant(db: Db, id: Uuid, now: number): void {
  getParticipant(db, id);
  // the groups lose a member: their version moves on, so a merge carries the smaller set
  stmt(db, 'UPDATE groups SET updated_at = ? WHERE id IN (SELECT group_id FROM group_members WHERE participant_id = ?)').run(now, id);
  tombstone(db, id, 'participants', now);
  stmt(db, 'DELETE FROM participants WHERE id = ?').run(id);
}

export function reorderParticipants(db: Db, ids: Uuid[], now: number): void {
  const current = listParticipants(db).map((p) => p.id);
  if (ids.length !== current.length || new Set(ids).size !== ids.length || !current.every((id) => ids.includes(id))) {
    throw new UserError('invalid', 'Reorder needs every participant exactly once');
  }
  const upd = stmt(db, 'UPDATE participants SET sort_order = ?, updated_at = ? WHERE id = ? AND sort_order IS NOT ?');
  ids.forEach((id, i) => upd.run(i, now, id, i));
}

function tombstone(db: Db, id: Uuid, table: string, now: number): void {
  stmt(db, 'INSERT OR REPLACE INTO tombstones (id, table_name, deleted_at) VALUES (?, ?, ?)').run(id, table, now);
}

// ---------- attribute definitions ----------

export function insertAttribute(db: Db, a: { id?: Uuid; name: string; type: AttributeType }, now: number): AttributeDef {
  const name = cleanName(a.name, 'attribute name');
  if (namedLike(db, 'participant_attributes', name, null)) {
    throw new UserError('exists', `There is already an attribute called "${name}"; choose another name`);
  }
  const id = a.id ?? randomUUID();
  const next = (stmt(db, 'SELECT coalesce(max(sort_order) + 1, 0) AS n FROM participant_attributes').get() as { n: number }).n;
  stmt(db, 'INSERT INTO participant_attributes (id, name, type, sort_order, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(id, name, a.type, next, now, now);
  return getAttribute(db, id);
}

export function getAttribute(db: Db, id: Uuid): AttributeDef {
  const r = stmt(db, 'SELECT * FROM participant_attributes WHERE id = ?').get(id) as AttributeRow | undefined;
  if (!r) throw new UserError('not_found', `No participant attribute ${id} in this study`);
  return toAttribute(r);
}

export function renameAttribute(db: Db, id: Uuid, name: string, now: number): AttributeDef {
  getAttribute(db, id);
  const clean = cleanName(name, 'attribute name');
  if (namedLike(db, 'participant_attributes', clean, id)) {
    throw new UserError('exists', `There is already an attribute called "${clean}"; choose another name`);
  }
  stmt(db, 'UPDATE participant_attributes SET name = ?, updated_at = ? WHERE id = ?').run(clean, now, id);
  return getAttribute(db, id);
}

export function deleteAttribute(db: Db, id: Uuid, now: number): void {
  getAttribute(db, id);
  tombstone(db, id, 'participant_attributes', now);
  stmt(db, 'DELETE FROM participant_attributes WHERE id = ?').run(id);
}

// ---------- groups ----------

function checkGroupName(db: Db, id: Uuid | null, name: string): string {
  const clean = cleanName(name, 'group name');
  if (namedLike(db, 'groups', clean, id)) {
    throw new UserError('exists', `There is already a group called "${clean}"; choose another name`);
  }
  return clean;
}

export function insertGroup(db: Db, g: { id?: Uuid; name: string; memberIds?: Uuid[] }, now: number): Group {
  const name = checkGroupName(db, null, g.name);
  const id = g.id ?? randomUUID();
  const next = (stmt(db, 'SELECT coalesce(max(sort_order) + 1, 0) AS n FROM groups').get() as { n: number }).n;
  stmt(db, 'INSERT INTO groups (id, name, sort_order, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(id, name, next, now, now);
  setGroupMembers(db, id, g.memberIds ?? [], now);
  return getGroup(db, id);
}

export function updateGroup(db: Db, id: Uuid, patch: { name?: string; memberIds?: Uuid[] }, now: number): Group {
  const cur = getGroup(db, id);
  const name = patch.name !== undefined ? checkGroupName(db, id, patch.name) : cur.name;
  stmt(db, 'UPDATE groups SET name = ?, updated_at = ? WHERE id = ?').run(name, now, id);
  if (patch.memberIds) setGroupMembers(db, id, patch.memberIds, now);
  return getGroup(db, id);
}

function checkParticipants(db: Db, ids: readonly Uuid[]): void {
  const exists = stmt(db, 'SELECT 1 FROM participants WHERE id = ?');
  for (const p of ids) if (!exists.get(p)) throw new UserError('not_found', `No participant ${p} in this study`);
}

export function setGroupMembers(db: Db, groupId: Uuid, memberIds: readonly Uuid[], now: number): void {
  checkParticipants(db, memberIds);
  const want = new Set(memberIds);
  const have = new Set((stmt(db, 'SELECT participant_id FROM group_members WHERE group_id = ?').pluck().all(groupId) as string[]));
  const del = stmt(db, 'DELETE FROM group_members WHERE group_id = ? AND participant_id = ?');
  const ins = stmt(db, 'INSERT INTO group_members (group_id, participant_id, created_at) VALUES (?, ?, ?)');
  let changed = false;
  for (const p of have) if (!want.has(p)) changed = del.run(groupId, p).changes > 0 || changed;
  for (const p of want) if (!have.has(p)) changed = ins.run(groupId, p, now).changes > 0 || changed;
  // the members follow the group's version in a merge
  if (changed) stmt(db, 'UPDATE groups SET updated_at = ? WHERE id = ?').run(now, groupId);
}

export function deleteGroup(db: Db, id: Uuid, now: number): void {
  getGroup(db, id);
  tombstone(db, id, 'groups', now);
  stmt(db, 'DELETE FROM groups WHERE id = ?').run(id);
}

// ---------- links ----------

/**
 * Sets who a segment is about. The segment's `updated_at` moves on when the set changes, so a
 * merge carries the set with the segment's later version. Returns whether it changed.
 */
export function setSegmentParticipants(db: Db, segmentId: Uuid, participantIds: readonly Uuid[], now: number): boolean {
  checkParticipants(db, participantIds);
  const changed = setLinks(db, 'segment_participants', 'segment_id', segmentId, participantIds, now);
  if (changed) stmt(db, 'UPDATE segments SET updated_at = ? WHERE id = ?').run(now, segmentId);
  return changed;
}

/** Sets who a contradiction is about (its `updated_at` moves on when the set changes). */
export function setContradictionParticipants(db: Db, contradictionId: Uuid, participantIds: readonly Uuid[], now: number): boolean {
  checkParticipants(db, participantIds);
  const changed = setLinks(db, 'contradiction_participants', 'contradiction_id', contradictionId, participantIds, now);
  if (changed) stmt(db, 'UPDATE contradictions SET updated_at = ? WHERE id = ?').run(now, contradictionId);
  return changed;
}

function setLinks(db: Db, table: 'segment_participants' | 'contradiction_participants', col: string, ownerId: Uuid, ids: readonly Uuid[], now: number): boolean {
  const want = new Set(ids);
  const have = new Set(stmt(db, `SELECT participant_id FROM ${table} WHERE ${col} = ?`).pluck().all(ownerId) as string[]);
  const del = stmt(db, `DELETE FROM ${table} WHERE ${col} = ? AND participant_id = ?`);
  const ins = stmt(db, `INSERT INTO ${table} (${col}, participant_id, created_at) VALUES (?, ?, ?)`);
  let changed = false;
  for (const p of have) if (!want.has(p)) changed = del.run(ownerId, p).changes > 0 || changed;
  for (const p of want) if (!have.has(p)) changed = ins.run(ownerId, p, now).changes > 0 || changed;
  return changed;
}

// ---------- snapshot and import ----------

/** Participants, attribute definitions and groups (empty lists in a file older than schema 70). */
export function participantLists(db: Db): { participants: Participant[]; attributes: AttributeDef[]; groups: Group[] } {
  if (!hasParticipantTables(db)) return { participants: [], attributes: [], groups: [] };
  return { participants: listParticipants(db), attributes: listAttributes(db), groups: listGroups(db) };
}

export interface ParticipantsImport {
  attributes: AttributeDef[];
  participants: Participant[];
  groups: Group[];
  segmentParticipants: Record<Uuid, Uuid[]>;
  /** Contradiction id → participant ids (absent in bundles older than this field). */
  contradictionParticipants?: Record<Uuid, Uuid[]>;
}

/**
 * Writes the participants an exchange file brings (inside the import's transaction): a record
 * with the file's id is updated, else one of the same name (ignoring case) is taken as it, else
 * it is added; segments and contradictions get the participants the file names for them. Returns how many
 * participants were written.
 */
export function importParticipants(db: Db, b: ParticipantsImport, seg: (id: Uuid) => Uuid | null, sys: (id: Uuid | null) => Uuid | null, now: number): number {
  if (!hasParticipantTables(db)) return 0;
  const byName = <T extends { id: string; name: string }>(list: T[], x: { id: string; name: string }) => list.find((c) => c.id === x.id) ?? findByName(list, x.name);
  const attrMap = new Map<Uuid, Uuid>();
  for (const a of b.attributes) {
    const cur = byName(listAttributes(db), a);
    attrMap.set(a.id, cur ? cur.id : insertAttribute(db, { id: a.id, name: a.name, type: a.type }, now).id);
  }
  const pMap = new Map<Uuid, Uuid>();
  for (const p of b.participants) {
    const attributes = Object.fromEntries(Object.entries(p.attributes).map(([k, v]) => [attrMap.get(k)!, v]).filter(([k]) => k));
    const cur = byName(listParticipants(db), p);
    const key = p.key && !stmt(db, 'SELECT 1 FROM participants WHERE hotkey = ? AND id IS NOT ?').get(p.key, cur?.id ?? p.id) ? p.key : undefined;
    const fields = { role: p.role, systemId: sys(p.systemId), key, attributes };
    pMap.set(p.id, cur ? updateParticipant(db, cur.id, fields, now).id : insertParticipant(db, { id: p.id, name: p.name, ...fields }, now).id);
  }
  for (const g of b.groups) {
    const cur = byName(listGroups(db), g);
    const members = [...new Set([...(cur?.memberIds ?? []), ...g.memberIds.map((m) => pMap.get(m)).filter((m): m is Uuid => !!m)])];
    if (cur) updateGroup(db, cur.id, { memberIds: members }, now);
    else insertGroup(db, { id: g.id, name: g.name, memberIds: members }, now);
  }
  const mapped = (pids: Uuid[]) => pids.map((p) => pMap.get(p)).filter((p): p is Uuid => !!p);
  for (const [sid, pids] of Object.entries(b.segmentParticipants)) {
    const target = seg(sid);
    if (target) setSegmentParticipants(db, target, mapped(pids), now);
  }
  for (const [kid, pids] of Object.entries(b.contradictionParticipants ?? {})) {
    if (stmt(db, 'SELECT 1 FROM contradictions WHERE id = ?').get(kid)) setContradictionParticipants(db, kid, mapped(pids), now);
  }
  return b.participants.length;
}

// ---------- reads for the participants feature ----------

/** Transcript speakers with how many cues each carries (of one media, or all). */
export function speakerCounts(db: Db, mediaId: Uuid | null): { speaker: string; n: number }[] {
  return stmt(db, `SELECT c.speaker, count(*) AS n FROM transcript_cues c JOIN transcripts t ON t.id = c.transcript_id
    WHERE c.speaker <> '' AND (@media IS NULL OR t.media_id = @media) GROUP BY c.speaker ORDER BY c.speaker`).all({ media: mediaId }) as { speaker: string; n: number }[];
}

/** One transcript cue with its media, or undefined. */
export function cueWithMedia(db: Db, cueId: Uuid): { start_ms: number; end_ms: number; speaker: string; media_id: string } | undefined {
  return stmt(db, 'SELECT c.start_ms, c.end_ms, c.speaker, t.media_id FROM transcript_cues c JOIN transcripts t ON t.id = c.transcript_id WHERE c.id = ?').get(cueId) as
    { start_ms: number; end_ms: number; speaker: string; media_id: string } | undefined;
}

/** Ids of the segments about any of the participants. */
export function segmentIdsAbout(db: Db, participantIds: readonly Uuid[]): Uuid[] {
  return stmt(db, 'SELECT DISTINCT segment_id FROM segment_participants WHERE participant_id IN (SELECT value FROM json_each(?))').pluck().all(JSON.stringify(participantIds)) as Uuid[];
}

/**
 * A key that changes whenever the study's data may have: every row this connection writes
 * (total_changes) and every commit of another connection (data_version).
 */
export function changeKey(db: Db): string {
  const version = db.pragma('data_version', { simple: true }) as number;
  const changes = stmt(db, 'SELECT total_changes() AS n').get() as { n: number };
  return `${version}:${changes.n}`;
}

// ---------- bench fixture ----------

/**
 * For the scale bench only (no bulk link path in the app is fast enough for a million rows):
 * links every segment whose rowid is not a multiple of 10 to participant (rowid × 7) mod n of
 * `participantIds`, and those with rowid mod 10 in 1..3 also to that participant's partner
 * (index xor 1: the dyads of a roster listed pair by pair). One statement; the caller runs it in
 * a transaction. Returns the number of links written.
 */
export function spreadSegmentParticipants(db: Db, participantIds: readonly Uuid[], now: number): number {
  const sql = `WITH p(k, id) AS (SELECT key, value FROM json_each(@ids)),
    s(id, k, second) AS (SELECT id, (rowid * 7) % @n, rowid % 10 < 4 FROM segments WHERE rowid % 10 <> 0)
    INSERT INTO segment_participants (segment_id, participant_id, created_at)
    SELECT s.id, p.id, @now FROM s JOIN p ON p.k = s.k
    UNION ALL SELECT s.id, p.id, @now FROM s JOIN p ON p.k = s.k + 1 - 2 * (s.k % 2) WHERE s.second
    ORDER BY 1, 2`;
  return stmt(db, sql).run({ ids: JSON.stringify(participantIds), n: participantIds.length, now }).changes;
}
