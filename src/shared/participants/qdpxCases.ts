/**
 * Participants in REFI-QDA (schemas/refi-qda/Project.xsd):
 * - each attribute is a <Variable> (text → Text, number → Float, date → Date, boolean → Boolean);
 * - each participant is a <Case> (guid = participant id, Description = role) holding a
 *   <VariableValue> per attribute value and a <SelectionRef> per segment about them (the
 *   segment's <VideoSelection> guid) and a <SourceRef> per contradiction about them (the
 *   contradiction's <Note> guid: a Note is a text source);
 * - each group is a <Case> too (a case of cases, as NVivo and MAXQDA users make them) whose
 *   selections are its members' segments; its members travel in its Triangulate-Meta line.
 * Triangulate-only facts (activity system, key, order, stamps, which cases are groups) travel in
 * the Description's Triangulate-Meta line (interop/meta.ts). Another tool's cases import as
 * participants with their variables as attributes.
 */
import type { Contradiction, Segment, Uuid } from '../domain';
import { pushTo } from '../collections';
import { normalizeGuid } from '../interop/ids';
import { metaNumber, metaString, splitMeta, withMeta, type Meta } from '../interop/meta';
import { attr, childText, kid, kids, text, type XmlNode, type XmlWriter } from '../interop/xml';
import { parseAttributeValue } from './attributes';
import type { AttributeDef, AttributeType, AttributeValue, Group, Participant } from './types';

/** What a QDPX file brings of participants (ImportBundle.participants). */
export interface ParticipantsBundle {
  attributes: AttributeDef[];
  participants: Participant[];
  groups: Group[];
  /** Segment id → participant ids. */
  segmentParticipants: Record<Uuid, Uuid[]>;
  /** Contradiction id → participant ids (the contradiction's own links, apart from its evidence's). */
  contradictionParticipants: Record<Uuid, Uuid[]>;
}

const TO_REFI: Record<AttributeType, string> = { text: 'Text', number: 'Float', date: 'Date', boolean: 'Boolean' };
const FROM_REFI: Record<string, AttributeType> = { Text: 'text', Float: 'number', Integer: 'number', Date: 'date', DateTime: 'date', Boolean: 'boolean' };
const VALUE_EL: Record<AttributeType, string> = { text: 'TextValue', number: 'FloatValue', date: 'DateValue', boolean: 'BooleanValue' };

interface Snapshot {
  segments: Pick<Segment, 'id' | 'participantIds'>[];
  participants?: Participant[];
  attributes?: AttributeDef[];
  groups?: Group[];
  contradictions: Pick<Contradiction, 'id' | 'participantIds'>[];
}

/**
 * <Variables> and <Cases> (they come after <CodeBook> and before <Sources>); `noteOf` gives a
 * contradiction's <Note> guid.
 */
export function writeParticipantCases(w: XmlWriter, s: Snapshot, gid: (id: string) => string, noteOf: (contradictionId: Uuid) => string): void {
  const attributes = s.attributes ?? [];
  const participants = s.participants ?? [];
  if (attributes.length) {
    w.open('Variables');
    for (const a of attributes) {
      w.open('Variable', { guid: gid(a.id), name: a.name, typeOfVariable: TO_REFI[a.type] });
      w.textEl('Description', withMeta('', 'Participant attribute.', { type: 'attribute', attributeType: a.type, sortOrder: a.sortOrder, createdAt: a.createdAt, updatedAt: a.updatedAt }));
      w.close();
    }
    w.close();
  }
  if (!participants.length) return;
  const segmentsOf = new Map<Uuid, Uuid[]>();
  for (const seg of s.segments) for (const p of seg.participantIds ?? []) pushTo(segmentsOf, p, seg.id);
  const notesOf = new Map<Uuid, string[]>();
  for (const k of s.contradictions) for (const p of k.participantIds ?? []) pushTo(notesOf, p, noteOf(k.id));
  const types = new Map(attributes.map((a) => [a.id, a.type]));
  w.open('Cases');
  for (const p of participants) {
    w.open('Case', { guid: gid(p.id), name: p.name });
    w.textEl('Description', withMeta(p.role, 'Participant.', { type: 'participant', role: p.role, systemId: p.systemId, key: p.key, sortOrder: p.sortOrder, createdAt: p.createdAt, updatedAt: p.updatedAt }));
    for (const [aid, v] of Object.entries(p.attributes)) {
      const t = types.get(aid);
      if (!t) continue;
      w.open('VariableValue');
      w.empty('VariableRef', { targetGUID: gid(aid) });
      w.textEl(VALUE_EL[t], String(v));
      w.close();
    }
    for (const note of notesOf.get(p.id) ?? []) w.empty('SourceRef', { targetGUID: note });
    for (const id of segmentsOf.get(p.id) ?? []) w.empty('SelectionRef', { targetGUID: gid(id) });
    w.close();
  }
  for (const g of s.groups ?? []) {
    w.open('Case', { guid: gid(g.id), name: g.name });
    w.textEl('Description', withMeta('', 'Group of participants.', { type: 'group', members: g.memberIds, sortOrder: g.sortOrder, createdAt: g.createdAt, updatedAt: g.updatedAt }));
    const ids = new Set(g.memberIds.flatMap((m) => segmentsOf.get(m) ?? []));
    for (const id of ids) w.empty('SelectionRef', { targetGUID: gid(id) });
    w.close();
  }
  w.close();
}

function readVariables(project: XmlNode, now: number): AttributeDef[] {
  return kids(kid(project, 'Variables'), 'Variable').flatMap((v, i) => {
    const id = normalizeGuid(attr(v, 'guid'));
    const name = attr(v, 'name')?.trim();
    if (!id || !name) return [];
    const { meta } = splitMeta(childText(v, 'Description'));
    const ours = metaString(meta, 'attributeType') as AttributeType | null;
    const type = ours && ours in TO_REFI ? ours : FROM_REFI[attr(v, 'typeOfVariable') ?? ''] ?? 'text';
    return [{ id, name, type, sortOrder: metaNumber(meta, 'sortOrder') ?? i, createdAt: metaNumber(meta, 'createdAt') ?? now, updatedAt: metaNumber(meta, 'updatedAt') ?? now }];
  });
}

function caseValues(c: XmlNode, defs: Map<Uuid, AttributeDef>, warn: (m: string) => void): Record<Uuid, AttributeValue> {
  const out: Record<Uuid, AttributeValue> = {};
  for (const vv of kids(c, 'VariableValue')) {
    const def = defs.get(normalizeGuid(attr(kid(vv, 'VariableRef'), 'targetGUID')) ?? '');
    const el = ['TextValue', 'FloatValue', 'IntegerValue', 'DateValue', 'DateTimeValue', 'BooleanValue'].map((n) => kid(vv, n)).find((x) => x);
    if (!def || !el) continue;
    const raw = text(el) ?? '';
    const r = parseAttributeValue(def.type, def.type === 'date' ? raw.slice(0, 10) : raw);
    if ('problem' in r) warn(`Case "${attr(c, 'name') ?? ''}": variable "${def.name}": ${r.problem}; skipped.`);
    else out[def.id] = r.value;
  }
  return out;
}

/**
 * The participants, attributes and groups of a project.qde (segment ids: those the file holds;
 * `contradictionOfNote`: the contradiction a <Note> guid holds, if any).
 */
export function readParticipantCases(project: XmlNode, segmentIds: ReadonlySet<Uuid>, contradictionOfNote: ReadonlyMap<Uuid, Uuid>, now: number, warn: (m: string) => void): ParticipantsBundle {
  const attributes = readVariables(project, now);
  const defs = new Map(attributes.map((a) => [a.id, a]));
  const out: ParticipantsBundle = { attributes, participants: [], groups: [], segmentParticipants: {}, contradictionParticipants: {} };
  kids(kid(project, 'Cases'), 'Case').forEach((c, i) => {
    const id = normalizeGuid(attr(c, 'guid'));
    const name = attr(c, 'name')?.trim();
    if (!id || !name) return warn('A <Case> without guid or name was skipped.');
    const { text: description, meta } = splitMeta(childText(c, 'Description'));
    const stamps = { sortOrder: metaNumber(meta, 'sortOrder') ?? i, createdAt: metaNumber(meta, 'createdAt') ?? now, updatedAt: metaNumber(meta, 'updatedAt') ?? now };
    if (metaString(meta, 'type') === 'group') {
      out.groups.push({ id, name, memberIds: memberIds(meta), ...stamps });
      return;
    }
    const role = metaString(meta, 'role') ?? description.trim().slice(0, 200);
    const key = metaString(meta, 'key');
    out.participants.push({ id, name, role, systemId: normalizeGuid(metaString(meta, 'systemId')), key: key && /^[a-z0-9]$/.test(key) ? key : null, attributes: caseValues(c, defs, warn), ...stamps });
    for (const r of kids(c, 'SelectionRef')) {
      const seg = normalizeGuid(attr(r, 'targetGUID'));
      if (seg && segmentIds.has(seg)) (out.segmentParticipants[seg] ??= []).push(id);
    }
    for (const r of kids(c, 'SourceRef')) {
      const k = contradictionOfNote.get(normalizeGuid(attr(r, 'targetGUID')) ?? '');
      if (k) (out.contradictionParticipants[k] ??= []).push(id);
    }
  });
  const known = new Set(out.participants.map((p) => p.id));
  for (const g of out.groups) g.memberIds = g.memberIds.filter((m) => known.has(m));
  return out;
}

function memberIds(meta: Meta | null): Uuid[] {
  const m = meta?.members;
  return Array.isArray(m) ? m.map((x) => normalizeGuid(String(x))).filter((x): x is Uuid => !!x) : [];
}
