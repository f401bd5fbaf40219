/**
 * Who a segment or a contradiction is about: one toggle per participant (the mouse twin of the
 * Alt + key layer). Segments: in the segment editor; contradictions: in their list, folded.
 */
import type { Contradiction, Segment } from '../../../shared/domain';
import { displayChord } from '../../../shared/keymap';
import { useApp } from '../../store';
import { ParticipantChips, useParticipantLooks } from './chips';

function ParticipantToggles({ on, label, onChange }: { on: readonly string[]; label: string; onChange: (ids: string[]) => void }) {
  const participants = useApp((s) => s.people.participants);
  const looks = useParticipantLooks();
  const set = new Set(on);
  return (
    <div className="row pt-members" role="group" aria-label={label}>
      {participants.map((p) => (
        <button
          type="button" key={p.id} className={`pt-member${set.has(p.id) ? ' on' : ''}`} aria-pressed={set.has(p.id)}
          onClick={() => onChange(set.has(p.id) ? on.filter((x) => x !== p.id) : [...on, p.id])}
          style={{ borderColor: looks.get(p.id)?.color }}
          title={p.key ? `${displayChord(`Alt+${p.key}`)} toggles ${p.name} on the selected segment` : `Toggle ${p.name}`}
        >
          {p.name}
        </button>
      ))}
    </div>
  );
}

export function SegmentParticipants({ segment }: { segment: Segment }) {
  const any = useApp((s) => s.people.participants.length > 0);
  if (!any) return null;
  return <ParticipantToggles on={segment.participantIds ?? []} label="Participants this segment is about" onChange={(ids) => void useApp.getState().setSegmentParticipants(segment.id, ids)} />;
}

export function ContradictionParticipants({ c }: { c: Contradiction }) {
  const any = useApp((s) => s.people.participants.length > 0);
  const looks = useParticipantLooks();
  if (!any) return null;
  return (
    <details className="pt-about">
      <summary>About {c.participantIds?.length ? <ParticipantChips ids={c.participantIds} looks={looks} /> : <span className="muted">nobody yet</span>}</summary>
      <ParticipantToggles on={c.participantIds ?? []} label="Participants this contradiction is about" onChange={(ids) => void useApp.getState().setContradictionParticipants(c.id, ids)} />
    </details>
  );
}
