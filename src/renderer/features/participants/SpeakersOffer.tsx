/** The transcripts' speakers who are not participants yet, added as participants in one step. */
import { useEffect } from 'react';
import { useApp } from '../../store';

export function SpeakersOffer() {
  const speakers = useApp((s) => s.speakers);
  const participants = useApp((s) => s.people.participants);
  useEffect(() => void useApp.getState().loadSpeakers().catch(() => undefined), [participants]);
  const fresh = speakers.filter((s) => !s.participantId);
  if (fresh.length === 0) return null;
  return (
    <div className="st-row pt-speakers" data-testid="speakers-offer">
      <span className="st-grow">
        Transcript speakers not yet participants: {fresh.map((s) => `${s.speaker} (${s.cues} cue${s.cues === 1 ? '' : 's'})`).join(', ')}
      </span>
      <button onClick={() => void useApp.getState().addSpeakers(fresh.map((s) => s.speaker))}>Add {fresh.length} speaker{fresh.length === 1 ? '' : 's'} as participants</button>
    </div>
  );
}
