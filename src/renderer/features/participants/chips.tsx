/** Participants as small chips (segment list, drill-down lists), each in the participant's colour. */
import './participants.css';
import { useMemo } from 'react';
import * as d3 from 'd3';
import { useApp } from '../../store';

const PALETTE = [...d3.schemeTableau10, '#6b7280', '#0e7490', '#a16207', '#7c3aed'];

export interface ParticipantLook {
  name: string;
  color: string;
  key: string | null;
}

/** Participant id → name, colour (by position in the study's list) and layer key. */
export function useParticipantLooks(): Map<string, ParticipantLook> {
  const list = useApp((s) => s.people.participants);
  return useMemo(() => new Map(list.map((p, i) => [p.id, { name: p.name, color: PALETTE[i % PALETTE.length]!, key: p.key }])), [list]);
}

export function ParticipantChips({ ids, looks }: { ids: readonly string[] | undefined; looks: Map<string, ParticipantLook> }) {
  if (!ids?.length) return null;
  return (
    <span className="pt-chips" data-testid="participant-chips">
      {ids.map((id) => {
        const p = looks.get(id);
        return (
          <span key={id} className="pt-chip" style={{ borderColor: p?.color }} title={p ? `About ${p.name}` : undefined}>
            {p?.name ?? '?'}
          </span>
        );
      })}
    </span>
  );
}
