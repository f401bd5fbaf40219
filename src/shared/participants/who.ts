/**
 * Who a segment is about, as export cells: its participants' names and the names of the groups
 * they are in, each list in the study's order and joined with "; ". Pure.
 */
import { pushTo } from '../collections';
import type { Uuid } from '../domain';
import type { Group, Participant } from './types';

export interface PeopleIndex {
  /** Participant id → [order, name]. */
  participants: Map<Uuid, [number, string]>;
  /** Participant id → the groups they are in (indices into groups). */
  groupsOf: Map<Uuid, number[]>;
  groups: Group[];
  /** whoCells' answers by list (the export's decoder shares one list among the segments naming the same participants). */
  cells: WeakMap<readonly Uuid[], [string, string]>;
}

export function peopleIndex(p: { participants?: Participant[]; groups?: Group[] }): PeopleIndex {
  const groups = p.groups ?? [];
  const groupsOf = new Map<Uuid, number[]>();
  groups.forEach((g, i) => g.memberIds.forEach((m) => pushTo(groupsOf, m, i)));
  return { participants: new Map((p.participants ?? []).map((x, i) => [x.id, [i, x.name]])), groupsOf, groups, cells: new WeakMap() };
}

/** [participants, groups] cells of a segment naming `ids`. */
export function whoCells(ids: readonly Uuid[] | undefined, ix: PeopleIndex): [string, string] {
  if (!ids || ids.length === 0) return ['', ''];
  let cells = ix.cells.get(ids);
  if (!cells) ix.cells.set(ids, (cells = namesOf(ids, ix)));
  return cells;
}

function namesOf(ids: readonly Uuid[], ix: PeopleIndex): [string, string] {
  const known = ids.map((id) => ix.participants.get(id)).filter((x): x is [number, string] => x !== undefined).sort((a, b) => a[0] - b[0]);
  const groups = [...new Set(ids.flatMap((id) => ix.groupsOf.get(id) ?? []))].sort((a, b) => a - b);
  return [known.map((x) => x[1]).join('; '), groups.map((g) => ix.groups[g]!.name).join('; ')];
}

/** The thematic export's per-group column names, `group_<name>` ("_2", "_3" for a repeated name). */
export function groupColumnNames(groups: readonly Group[]): string[] {
  const seen = new Map<string, number>();
  return groups.map((g) => {
    const n = (seen.get(g.name) ?? 0) + 1;
    seen.set(g.name, n);
    return n === 1 ? `group_${g.name}` : `group_${g.name}_${n}`;
  });
}

/**
 * Per group, how many of the codings (coders' segment × code pairs; the consensus layer is never
 * counted as a coder) are about at least one of its members.
 */
export function groupCounts(codings: readonly { segment: { participantIds?: Uuid[] }; coder: { isConsensus: boolean } }[], groups: readonly Group[]): number[] {
  const members = groupMembers(groups);
  const out = new Array<number>(groups.length).fill(0);
  for (const c of codings) if (!c.coder.isConsensus) countGroups(out, members, c.segment.participantIds);
  return out;
}

/** Each group's members as a set (countGroups' second argument). */
export function groupMembers(groups: readonly Group[]): Set<Uuid>[] {
  return groups.map((g) => new Set(g.memberIds));
}

/** Adds one coding about `ids` to each group with a member among them. */
export function countGroups(perGroup: number[], members: readonly Set<Uuid>[], ids: readonly Uuid[] | undefined): void {
  if (!ids || ids.length === 0) return;
  members.forEach((m, i) => {
    if (ids.some((p) => m.has(p))) perGroup[i]!++;
  });
}
