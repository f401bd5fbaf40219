/**
 * Agreement by participant or group: the segments about the chosen participants (or any member
 * of the chosen groups), to which the agreement of a selection is restricted, so a team can report
 * reliability per dyad (`agreement --participants … --groups …`, the Agreement screen).
 */
import { findByName } from '../../../shared/participants/names';
import type { Uuid } from '../../../shared/domain';
import { UserError } from '../../../shared/errors';
import type { ProjectStore } from '../../db/store';
import { hasParticipantTables, listGroups, listParticipants, segmentIdsAbout } from '../../db/tables/participants';

export interface PeopleSelection {
  participantIds?: Uuid[];
  groupIds?: Uuid[];
  /** By name (CLI; ignoring case). */
  participantNames?: string[];
  groupNames?: string[];
}

/** The participant ids a selection stands for; undefined when it chooses nobody (no restriction). */
function chosenParticipants(store: ProjectStore, sel: PeopleSelection, where: string): Set<Uuid> | undefined {
  const any = [sel.participantIds, sel.groupIds, sel.participantNames, sel.groupNames].some((x) => x && x.length > 0);
  if (!any) return undefined;
  const people = hasParticipantTables(store.db) ? listParticipants(store.db) : [];
  const groups = hasParticipantTables(store.db) ? listGroups(store.db) : [];
  const out = new Set<Uuid>();
  const find = <T extends { id: string; name: string }>(list: T[], key: string, what: string, flag: string): T => {
    const hit = list.find((x) => x.id === key) ?? findByName(list, key);
    if (!hit) throw new UserError('invalid', `${where}: ${flag}: unknown ${what} "${key}" (the study has: ${list.map((x) => x.name).join(', ') || 'none'})`);
    return hit;
  };
  for (const p of [...(sel.participantIds ?? []), ...(sel.participantNames ?? [])]) out.add(find(people, p, 'participant', '--participants').id);
  for (const g of [...(sel.groupIds ?? []), ...(sel.groupNames ?? [])]) for (const m of find(groups, g, 'group', '--groups').memberIds) out.add(m);
  return out;
}

/** The ids of the segments about the selection's participants; undefined when it restricts nothing. */
export function segmentsAbout(store: ProjectStore, sel: PeopleSelection, where = store.file): Set<Uuid> | undefined {
  const people = chosenParticipants(store, sel, where);
  if (!people) return undefined;
  return new Set(segmentIdsAbout(store.db, [...people]));
}
