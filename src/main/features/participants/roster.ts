/** Roster CSV import (see shared/participants/roster.ts for the format): checked whole, then written in one undo step. */
import fs from 'node:fs';
import path from 'node:path';
import type { RosterImportResult } from '../../../shared/contract/participants';
import type { Uuid } from '../../../shared/domain';
import { UserError, isUserError } from '../../../shared/errors';
import { decodeUtf8 } from '../../../shared/limits';
import { foldName } from '../../../shared/participants/names';
import { parseRoster, type RosterPlan } from '../../../shared/participants/roster';
import type { ProjectStore } from '../../db/store';
import * as t from '../../db/tables/participants';

const MAX_BYTES = 20_000_000;

function readSource(src: { path?: string; text?: string; fileName?: string }): { file: string; text: string } {
  if (src.text !== undefined) return { file: src.fileName ?? 'roster.csv', text: src.text };
  const file = path.resolve(src.path!);
  let bytes: Buffer;
  try {
    if (fs.statSync(file).size > MAX_BYTES) throw new UserError('too_large', `${file}: larger than ${MAX_BYTES / 1e6} MB; is it a roster?`);
    bytes = fs.readFileSync(file);
  } catch (e) {
    if (isUserError(e)) throw e;
    throw new UserError('not_found', `${file}: cannot read the roster (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); check the path`);
  }
  return { file, text: decodeUtf8(bytes, file) };
}

function plan(store: ProjectStore, src: { path?: string; text?: string; fileName?: string }): { file: string; plan: RosterPlan } {
  const { file, text } = readSource(src);
  try {
    return { file, plan: parseRoster(text, { systems: store.listSystems(), attributes: t.listAttributes(store.db) }) };
  } catch (e) {
    if (isUserError(e)) throw new UserError('bad_roster', `${file}: ${(e as Error).message}`);
    throw e;
  }
}

/** What an import would do, from the study as it is. */
function summarise(store: ProjectStore, file: string, p: RosterPlan): RosterImportResult {
  const known = new Set(t.listParticipants(store.db).map((x) => foldName(x.name)));
  const groups = new Set(t.listGroups(store.db).map((g) => foldName(g.name)));
  const newGroups = new Set(p.rows.flatMap((r) => r.groups.map(foldName)).filter((g) => !groups.has(g)));
  const updated = p.rows.filter((r) => known.has(foldName(r.name))).length;
  return {
    file, participantsAdded: p.rows.length - updated, participantsUpdated: updated, groupsAdded: newGroups.size,
    attributesAdded: p.attributes.filter((a) => a.attributeId === null).length, memberships: p.rows.reduce((n, r) => n + r.groups.length, 0),
  };
}

export function previewRoster(store: ProjectStore, src: { path?: string; text?: string; fileName?: string }): RosterImportResult {
  const { file, plan: p } = plan(store, src);
  return summarise(store, file, p);
}

export function importRoster(store: ProjectStore, src: { path?: string; text?: string; fileName?: string }): RosterImportResult {
  const { file, plan: p } = plan(store, src);
  const result = summarise(store, file, p);
  store.recordEdit(`Import roster ${path.basename(file)}`, () => apply(store, p, store.now()));
  return result;
}

function apply(store: ProjectStore, p: RosterPlan, now: number): void {
  const db = store.db;
  const attrIds = p.attributes.map((a) => a.attributeId ?? t.insertAttribute(db, { name: a.name, type: a.type }, now).id);
  const people = new Map(t.listParticipants(db).map((x) => [foldName(x.name), x.id]));
  const groups = new Map(t.listGroups(db).map((g) => [foldName(g.name), g]));
  for (const r of p.rows) {
    const attributes = Object.fromEntries([...r.values].map(([k, v]) => [attrIds[k]!, v]));
    const fields = { role: r.role, systemId: r.systemId, attributes };
    const id = people.get(foldName(r.name));
    const pid: Uuid = id ? t.updateParticipant(db, id, fields, now).id : t.insertParticipant(db, { name: r.name, ...fields }, now).id;
    people.set(foldName(r.name), pid);
    for (const g of r.groups) {
      const cur = groups.get(foldName(g)) ?? t.insertGroup(db, { name: g }, now);
      if (!cur.memberIds.includes(pid)) cur.memberIds.push(pid);
      groups.set(foldName(g), cur);
      t.setGroupMembers(db, cur.id, cur.memberIds, now);
    }
  }
}
