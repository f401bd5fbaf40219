/**
 * The timeline's participant mode: one lane per participant (in the study's order) holding every
 * segment about them, whoever coded it, then a lane for segments about nobody yet, then the
 * contradictions track (last, as in the coder mode). A segment about two participants is on both
 * lanes. Also the participant chips drawn on the bars in either mode. Pure.
 */
import type { Code, Segment, Uuid } from '../domain';
import { trackItems, type Item, type TrackItems } from './items';
import type { Lanes, Row } from './lanes';

export interface LaneParticipant {
  id: Uuid;
  name: string;
  color: string;
}

export const NO_PARTICIPANT_ROW = 'participant:none';

export function layoutParticipantLanes(participants: readonly LaneParticipant[], trackH: number): Lanes {
  const rows: Row[] = [];
  const add = (key: string, kind: Row['kind'], label: string) => rows.push({ key, kind, label, coderId: null, systemId: null, codeId: null, collapsed: false, y: rows.length * trackH, h: trackH });
  for (const p of participants) add(`participant:${p.id}`, 'track', p.name);
  add(NO_PARTICIPANT_ROW, 'track', 'About nobody yet');
  add('contradictions', 'contradictions', 'Contradictions');
  return { rows, height: rows.length * trackH, rowFor: () => undefined };
}

/** Items per lane (the last lane, contradictions, gets `contradictionItems`). */
export function participantTracks(lanes: Lanes, segments: readonly Segment[], codes: ReadonlyMap<Uuid, Code>, contradictionItems: Item[]): TrackItems[] {
  const rowOf = new Map(lanes.rows.map((r, i) => [r.key, i]));
  const none = rowOf.get(NO_PARTICIPANT_ROW)!;
  const perRow: Item[][] = lanes.rows.map(() => []);
  for (const s of segments) {
    const first = codes.get(s.codeIds[0] ?? '');
    const label = s.codeIds.map((c) => codes.get(c)?.name ?? '?').join(', ') || '(no code)';
    const rows = (s.participantIds ?? []).map((p) => rowOf.get(`participant:${p}`)).filter((r): r is number => r !== undefined);
    for (const r of rows.length ? rows : [none]) perRow[r]!.push({ id: s.id, startMs: s.startMs, endMs: s.endMs, color: first?.color ?? '#9ca3af', label });
  }
  perRow[lanes.rows.length - 1] = contradictionItems;
  return perRow.map((items) => trackItems(items));
}

/** Initials for a chip: "Lena" → "Le", "Maya Chen" → "MC". */
export function chipText(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length > 1) return (words[0]![0]! + words[1]![0]!).toUpperCase();
  return (words[0] ?? '?').slice(0, 2);
}

/** Puts the participants' chips on every item that is a segment about someone. */
export function addParticipantChips(tracks: readonly (TrackItems | undefined)[], segmentsById: ReadonlyMap<string, Segment>, looks: ReadonlyMap<Uuid, { name: string; color: string }>): void {
  for (const t of tracks) {
    if (!t) continue;
    for (const it of t.items) {
      const ids = segmentsById.get(it.id)?.participantIds;
      if (!ids?.length) continue;
      it.chips = ids.flatMap((id) => {
        const p = looks.get(id);
        return p ? [{ text: chipText(p.name), color: p.color }] : [];
      });
    }
  }
}
