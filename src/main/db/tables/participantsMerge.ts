/**
 * Merging participants (ops/merge.ts calls this once per file): participants, attribute
 * definitions, groups and who segments and contradictions are about travel by id like every
 * other record.
 * - a participant, attribute or group the file adds is added (in a coder file too, like a code);
 *   a changed one follows the later-edit rule (pickVersion: later updated_at wins, equal stamps
 *   the larger canonical text), a participant together with its attribute values and a group
 *   together with its members;
 * - a participant (group) of an unknown id whose name, trimmed and ignoring case, is a live
 *   participant's (group's) is fused into it, as MAXQDA and ATLAS.ti users expect when two coders
 *   added the same person: it becomes an edit of that record (the later edit wins, name included),
 *   its links, memberships and values follow it, and the report notes "fused N participants by
 *   name (…)". Fusing is by name at every merge (no alias is stored): the same file merged again
 *   fuses the same way. A rename that still collides is reported (`same_participant_name`); a
 *   participant-layer key already taken is dropped (`hotkey`);
 * - deletions travel through tombstones (a tombstone not older than the record deletes it; a
 *   record older than a tombstone does not come back); a coder file's deletions of participants,
 *   attributes or groups are reported, not applied;
 * - the participants of a segment (contradiction) follow the segment's version as it was before
 *   this file: a newer segment in the file brings its set, an older one leaves the project's, equal
 *   stamps keep the larger set text. A coder file sets them only on its own coder's segments.
 */
import { z } from 'zod';
import { pushTo } from '../../../shared/collections';
import { parseRows } from '../../../shared/merge/rows';
import type { MergeConflict, MergeKind, MergeNote, MergeSummary } from '../../../shared/merge/types';
import { pickVersion, tombstoneWins } from '../../../shared/merge/version';
import { LIMITS } from '../../../shared/limits';
import { stmt, type Db } from '../connection';
import { namedLike } from './participants';

const id = z.string().min(1).max(200);
const int = z.number().int();
const name = z.string().min(1).max(LIMITS.name);
const stamps = { id, created_at: int, updated_at: int };
const participantRow = z.object({ ...stamps, name, role: z.string().max(200), system_id: id.nullable(), hotkey: z.string().regex(/^[a-z0-9]$/).nullable(), sort_order: int }).strip();
const attributeRow = z.object({ ...stamps, name, type: z.enum(['text', 'number', 'date', 'boolean']), sort_order: int }).strip();
const valueRow = z.object({ participant_id: id, attribute_id: id, value: z.string().max(1000), updated_at: int }).strip();
const groupRow = z.object({ ...stamps, name, sort_order: int }).strip();
const memberRow = z.object({ group_id: id, participant_id: id }).strip();
const linkRow = z.object({ owner_id: id, participant_id: id }).strip();

type ParticipantRow = z.infer<typeof participantRow>;
type AttributeRow = z.infer<typeof attributeRow>;
type GroupRow = z.infer<typeof groupRow>;

export interface ParticipantSource {
  participants: ParticipantRow[];
  attributes: AttributeRow[];
  /** Participant id → "attributeId=value" entries, sorted. */
  values: Map<string, string[]>;
  valueRows: z.infer<typeof valueRow>[];
  groups: GroupRow[];
  members: Map<string, string[]>;
  segmentLinks: Map<string, string[]>;
  contradictionLinks: Map<string, string[]>;
}

/** Reads and checks a coder file's participant tables (empty when the file has none). */
export function readParticipantSource(db: Db, fail: (message: string) => Error): ParticipantSource {
  const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'participants'").get();
  const all = (sql: string) => (has ? db.prepare(sql).all() : []);
  const participants = parseRows('participants', participantRow, all('SELECT * FROM participants'), fail);
  const attributes = parseRows('participant_attributes', attributeRow, all('SELECT * FROM participant_attributes'), fail);
  const valueRows = parseRows('participant_attribute_values', valueRow, all('SELECT * FROM participant_attribute_values ORDER BY participant_id, attribute_id'), fail);
  const groups = parseRows('groups', groupRow, all('SELECT * FROM groups'), fail);
  const members = parseRows('group_members', memberRow, all('SELECT group_id, participant_id FROM group_members ORDER BY group_id, participant_id'), fail);
  const seg = parseRows('segment_participants', linkRow, all('SELECT segment_id AS owner_id, participant_id FROM segment_participants ORDER BY segment_id, participant_id'), fail);
  const con = parseRows('contradiction_participants', linkRow, all('SELECT contradiction_id AS owner_id, participant_id FROM contradiction_participants ORDER BY contradiction_id, participant_id'), fail);
  const pids = new Set(participants.map((p) => p.id));
  const aids = new Set(attributes.map((a) => a.id));
  const gids = new Set(groups.map((g) => g.id));
  const ref = (table: string, ok: boolean, what: string) => {
    if (!ok) throw fail(`table ${table}: refers to a ${what} that is not in the file`);
  };
  const values = new Map<string, string[]>();
  for (const v of valueRows) {
    ref('participant_attribute_values', pids.has(v.participant_id) && aids.has(v.attribute_id), 'participant or attribute');
    pushTo(values, v.participant_id, `${v.attribute_id}=${v.value}`);
  }
  const group = (rows: { owner_id: string; participant_id: string }[], table: string) => {
    const m = new Map<string, string[]>();
    for (const r of rows) {
      ref(table, pids.has(r.participant_id), 'participant');
      pushTo(m, r.owner_id, r.participant_id);
    }
    return m;
  };
  for (const m of members) ref('group_members', gids.has(m.group_id), 'group');
  return {
    participants, attributes, values, valueRows, groups,
    members: group(members.map((m) => ({ owner_id: m.group_id, participant_id: m.participant_id })), 'group_members'),
    segmentLinks: group(seg, 'segment_participants'), contradictionLinks: group(con, 'contradiction_participants'),
  };
}

export interface ParticipantMergeContext {
  file: string;
  /** The coder of a coder file (null: a full project file). */
  owner: string | null;
  summary: MergeSummary;
  /** The file's segments and contradictions (id, coder, stamp) and tombstones. */
  segments: { id: string; coder_id: string; updated_at: number }[];
  contradictions: { id: string; coder_id: string; updated_at: number }[];
  tombstones: { id: string; table_name: string; deleted_at: number }[];
}

/**
 * Call before the file's segments and contradictions are merged (it notes their stamps as they
 * are), then call the function it returns after them: it merges the participant records and then
 * the segment and contradiction links.
 */
export function mergeParticipants(db: Db, src: ParticipantSource, ctx: ParticipantMergeContext): () => void {
  const before = {
    segments: stampsOf(db, 'segments', ctx.segments.map((s) => s.id)),
    contradictions: stampsOf(db, 'contradictions', ctx.contradictions.map((c) => c.id)),
  };
  return () => {
    const m = new ParticipantMerger(db, src, ctx);
    m.attributes();
    m.participants();
    m.groups();
    m.tombstones();
    m.links('segment_participants', 'segment_id', 'segments', ctx.segments, src.segmentLinks, before.segments);
    m.links('contradiction_participants', 'contradiction_id', 'contradictions', ctx.contradictions, src.contradictionLinks, before.contradictions);
  };
}

/** id → updated_at of the rows of `table` among `ids` (one read). */
function stampsOf(db: Db, table: 'segments' | 'contradictions', ids: string[]): Map<string, number> {
  const rows = stmt(db, `SELECT id, updated_at FROM ${table} WHERE id IN (SELECT value FROM json_each(?))`).raw(true).all(JSON.stringify(ids)) as [string, number][];
  return new Map(rows);
}

const KIND: Record<string, MergeKind> = { participants: 'participants', participant_attributes: 'attributes', groups: 'groups' };

class ParticipantMerger {
  /** The file's participant (group) id → the project's record it was fused into. */
  private readonly alias = { participants: new Map<string, string>(), groups: new Map<string, string>() };

  constructor(private db: Db, private src: ParticipantSource, private ctx: ParticipantMergeContext) {}

  /** The project's live participant or group that an incoming record of unknown id is, by name. */
  private fuseTarget(table: 'participants' | 'groups', row: { id: string; name: string }): string | null {
    if (this.exists(table, row.id) || this.tombAt(row.id, table) !== undefined) return null;
    return namedLike(this.db, table, row.name, row.id) ?? null;
  }

  /** Fuses `row` into the record of the same name, if any: returns the row to merge (its id remapped). */
  private fused<T extends { id: string; name: string }>(table: 'participants' | 'groups', row: T, names: string[]): T {
    const target = this.fuseTarget(table, row);
    if (!target) return row;
    this.alias[table].set(row.id, target);
    names.push(row.name);
    return { ...row, id: target };
  }

  private noteFused(kind: MergeNote['kind'], what: string, names: string[]): void {
    if (!names.length) return;
    const message = `fused ${names.length} ${what}${names.length === 1 ? '' : 's'} by name (${names.join(', ')})`;
    this.ctx.summary.notes.push({ kind, file: this.ctx.file, message, id: '' });
  }

  /** Participant ids as the project knows them (fused ones remapped), each once, sorted. */
  private people(ids: readonly string[]): string[] {
    return [...new Set(ids.map((p) => this.alias.participants.get(p) ?? p))].sort();
  }

  private count(table: string, what: 'added' | 'updated' | 'unchanged' | 'deleted') {
    this.ctx.summary.counts[KIND[table]!][what]++;
  }
  private conflict(kind: MergeConflict['kind'], message: string, ids: string[]) {
    this.ctx.summary.conflicts.push({ kind, file: this.ctx.file, message, ids });
  }
  private tombAt(rid: string, table: string): number | undefined {
    const t = stmt(this.db, 'SELECT deleted_at FROM tombstones WHERE id = ? AND table_name = ?').get(rid, table) as { deleted_at: number } | undefined;
    return t?.deleted_at;
  }
  private exists(table: string, rid: string): boolean {
    return stmt(this.db, `SELECT 1 FROM ${table} WHERE id = ?`).get(rid) !== undefined;
  }

  attributes() {
    const cols = 'id, name, type, sort_order, created_at, updated_at';
    for (const a of this.src.attributes) this.record('participant_attributes', cols, a, (cur) => canon(cur ?? a));
  }

  participants() {
    const cols = 'id, name, role, system_id, hotkey, sort_order, created_at, updated_at';
    const fusedNames: string[] = [];
    for (const raw of this.src.participants) {
      const p = this.fitParticipant(this.fused('participants', raw, fusedNames));
      const values = (this.src.values.get(raw.id) ?? []).filter((v) => this.exists('participant_attributes', v.slice(0, v.indexOf('='))));
      const text = (r: ParticipantRow, vals: string[]) => canon({ ...r, values: vals.join('\n') });
      const changed = this.record('participants', cols, p, (cur) => (cur ? text(cur as ParticipantRow, this.currentValues(p.id)) : text(p, values)), () => {
        stmt(this.db, 'DELETE FROM participant_attribute_values WHERE participant_id = ?').run(p.id);
        const ins = stmt(this.db, 'INSERT INTO participant_attribute_values (participant_id, attribute_id, value, updated_at) VALUES (?, ?, ?, ?)');
        for (const v of values) ins.run(p.id, v.slice(0, v.indexOf('=')), v.slice(v.indexOf('=') + 1), p.updated_at);
      });
      if (changed !== 'unchanged') {
        const twin = namedLike(this.db, 'participants', p.name, p.id);
        if (twin) this.conflict('same_participant_name', `Participant "${p.name}" has the same name as another participant but a different id; both are kept`, [twin, p.id]);
      }
    }
    this.noteFused('participants_fused', 'participant', fusedNames);
  }

  private currentValues(pid: string): string[] {
    return (stmt(this.db, 'SELECT attribute_id, value FROM participant_attribute_values WHERE participant_id = ? ORDER BY attribute_id').raw(true).all(pid) as [string, string][]).map(([a, v]) => `${a}=${v}`);
  }

  /** A participant as the project can take it: an unknown system dropped, a taken key dropped (reported). */
  private fitParticipant(p: ParticipantRow): ParticipantRow {
    const out = { ...p };
    if (out.system_id && !this.exists('activity_systems', out.system_id)) out.system_id = null;
    if (out.hotkey) {
      const other = stmt(this.db, 'SELECT name FROM participants WHERE hotkey = ? AND id <> ?').get(out.hotkey, out.id) as { name: string } | undefined;
      if (other) {
        this.conflict('hotkey', `Participant "${p.name}": key "${p.hotkey}" is already used by "${other.name}"; it was merged without a key`, [p.id]);
        out.hotkey = null;
      }
    }
    return out;
  }

  groups() {
    const cols = 'id, name, sort_order, created_at, updated_at';
    const fusedNames: string[] = [];
    for (const raw of this.src.groups) {
      const g = this.fused('groups', raw, fusedNames);
      const members = this.people(this.src.members.get(raw.id) ?? []).filter((p) => this.exists('participants', p));
      const current = (gid: string) => stmt(this.db, 'SELECT participant_id FROM group_members WHERE group_id = ? ORDER BY participant_id').pluck().all(gid) as string[];
      this.record('groups', cols, g, (cur) => canon({ ...(cur ?? g), members: (cur ? current(g.id) : members).join(',') }), () => {
        stmt(this.db, 'DELETE FROM group_members WHERE group_id = ?').run(g.id);
        const ins = stmt(this.db, 'INSERT INTO group_members (group_id, participant_id, created_at) VALUES (?, ?, ?)');
        for (const p of members) ins.run(g.id, p, g.updated_at);
      });
    }
    this.noteFused('groups_fused', 'group', fusedNames);
  }

  /**
   * Adds or updates one record by the later-edit rule; `text(cur)` is the canonical text of the
   * current record (cur given) or of the incoming one; `children` rewrites its dependent rows.
   */
  private record<T extends { id: string; updated_at: number }>(table: string, cols: string, row: T, text: (cur?: T) => string, children?: () => void): 'added' | 'updated' | 'unchanged' {
    const cur = stmt(this.db, `SELECT ${cols} FROM ${table} WHERE id = ?`).get(row.id) as T | undefined;
    const names = cols.split(', ');
    if (!cur) {
      if (tombstoneWins(this.tombAt(row.id, table), row.updated_at)) return this.unchanged(table);
      stmt(this.db, `INSERT INTO ${table} (${cols}) VALUES (${names.map((n) => `@${n}`).join(', ')})`).run(pick(row, names));
      children?.();
      this.count(table, 'added');
      return 'added';
    }
    if (pickVersion({ ...row, t: text() }, { ...cur, t: text(cur) }, (r) => r.t) !== 'incoming') return this.unchanged(table);
    stmt(this.db, `UPDATE ${table} SET ${names.filter((n) => n !== 'id').map((n) => `${n} = @${n}`).join(', ')} WHERE id = @id`).run(pick(row, names));
    children?.();
    this.count(table, 'updated');
    return 'updated';
  }
  private unchanged(table: string): 'unchanged' {
    this.count(table, 'unchanged');
    return 'unchanged';
  }

  tombstones() {
    for (const t of this.ctx.tombstones) {
      if (!KIND[t.table_name]) continue;
      const cur = stmt(this.db, `SELECT name, updated_at FROM ${t.table_name} WHERE id = ?`).get(t.id) as { name: string; updated_at: number } | undefined;
      if (this.ctx.owner !== null) {
        if (cur) this.conflict('not_coders_record', `"${cur.name}" (${t.table_name}) was deleted in this coder file; participants, attributes and groups are deleted in the main study, so it was kept`, [t.id]);
        continue;
      }
      if (cur && tombstoneWins(t.deleted_at, cur.updated_at)) {
        stmt(this.db, `DELETE FROM ${t.table_name} WHERE id = ?`).run(t.id);
        this.count(t.table_name, 'deleted');
      }
      stmt(this.db, `INSERT INTO tombstones (id, table_name, deleted_at) VALUES (?, ?, ?)
        ON CONFLICT(id) DO UPDATE SET table_name = excluded.table_name, deleted_at = max(deleted_at, excluded.deleted_at)`).run(t.id, t.table_name, t.deleted_at);
    }
  }

  links(table: string, col: string, owners: string, rows: { id: string; coder_id: string; updated_at: number }[], incoming: Map<string, string[]>, before: Map<string, number>) {
    const current = stmt(this.db, `SELECT participant_id FROM ${table} WHERE ${col} = ? ORDER BY participant_id`).pluck();
    const del = stmt(this.db, `DELETE FROM ${table} WHERE ${col} = ?`);
    const ins = stmt(this.db, `INSERT INTO ${table} (${col}, participant_id, created_at) VALUES (?, ?, ?)`);
    const exists = stmt(this.db, `SELECT 1 FROM ${owners} WHERE id = ?`);
    const isParticipant = stmt(this.db, 'SELECT 1 FROM participants WHERE id = ?');
    for (const r of rows) {
      if (this.ctx.owner !== null && r.coder_id !== this.ctx.owner) continue;
      if (!exists.get(r.id)) continue;
      const want = this.people(incoming.get(r.id) ?? []).filter((p) => isParticipant.get(p));
      const have = current.all(r.id) as string[];
      const was = before.get(r.id);
      const take = was === undefined || r.updated_at > was || (r.updated_at === was && want.join(',') > have.join(','));
      if (!take || want.join(',') === have.join(',')) continue;
      del.run(r.id);
      for (const p of want) ins.run(r.id, p, r.updated_at);
    }
  }
}

function pick(row: object, names: string[]): Record<string, unknown> {
  const r = row as Record<string, unknown>;
  return Object.fromEntries(names.map((n) => [n, r[n] ?? null]));
}

/** Canonical text of a record for the equal-stamp tie-break (keys sorted). */
function canon(r: object): string {
  return JSON.stringify(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : 1)));
}
