/** In the segment editor: who the segment is about, one toggle per participant (the mouse twin of Alt + key). */
import type { Segment } from '../../../shared/domain';
import { displayChord } from '../../../shared/keymap';
import { useApp } from '../../store';
import { useParticipantLooks } from './chips';

export function SegmentParticipants({ segment }: { segment: Segment }) {
  const participants = useApp((s) => s.people.participants);
  const looks = useParticipantLooks();
  if (participants.length === 0) return null;
  const on = new Set(segment.participantIds ?? []);
  const toggle = (pid: string) => {
    const ids = on.has(pid) ? [...on].filter((x) => x !== pid) : [...on, pid];
    void useApp.getState().setSegmentParticipants(segment.id, ids);
  };
  return (
    <div className="row pt-members" role="group" aria-label="Participants this segment is about">
      {participants.map((p) => (
        <button
          type="button" key={p.id} className={`pt-member${on.has(p.id) ? ' on' : ''}`} aria-pressed={on.has(p.id)} onClick={() => toggle(p.id)}
          style={{ borderColor: looks.get(p.id)?.color }}
          title={p.key ? `${displayChord(`Alt+${p.key}`)} toggles ${p.name}` : `Toggle ${p.name}`}
        >
          {p.name}
        </button>
      ))}
    </div>
  );
}
