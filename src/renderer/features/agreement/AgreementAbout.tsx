/** The Agreement screen's "About" choice: agreement on everyone's segments, or only those about one participant or group (reliability per dyad). */
import { useEffect } from 'react';
import { useApp } from '../../store';
import type { AgreementAbout as About } from './slice';
import { useParticipantsLoaded } from '../participants/useParticipantsLoaded';

const encode = (a: About | null | undefined) => (a ? `${a.kind}:${a.id}` : '');

export function AgreementAbout() {
  useParticipantsLoaded();
  const people = useApp((s) => s.people);
  const about = useApp((s) => s.agreementSelection.about);
  const setSel = useApp((s) => s.setAgreementSelection);
  const known = !about || (about.kind === 'participant' ? people.participants : people.groups).some((x) => x.id === about.id);
  const loaded = useApp((s) => s.peopleFor !== null);
  useEffect(() => {
    if (loaded && !known) setSel({ about: null }); // a remembered participant or group that is gone
  }, [loaded, known, setSel]);
  if (people.participants.length === 0) return null;
  return (
    <label title="Only the segments about this participant, or about a member of this group (agreement per dyad)">
      About{' '}
      <select
        aria-label="Segments about" data-testid="ag-about" value={encode(about)}
        onChange={(e) => {
          const [kind, id] = e.target.value.split(':') as ['participant' | 'group', string];
          setSel({ about: e.target.value ? { kind, id } : null });
        }}
      >
        <option value="">everyone</option>
        {people.groups.length > 0 && (
          <optgroup label="Groups">{people.groups.map((g) => <option key={g.id} value={`group:${g.id}`}>{g.name}</option>)}</optgroup>
        )}
        <optgroup label="Participants">{people.participants.map((p) => <option key={p.id} value={`participant:${p.id}`}>{p.name}</option>)}</optgroup>
      </select>
    </label>
  );
}

/** The agreement command's options for the restriction, e.g. `--groups "Dyad 1"`. */
export function aboutOptions(about: About | null | undefined, people: { participants: { id: string; name: string }[]; groups: { id: string; name: string }[] }, quote: (s: string) => string): string[] {
  if (!about) return [];
  const list = about.kind === 'participant' ? people.participants : people.groups;
  const name = list.find((x) => x.id === about.id)?.name;
  return name ? [about.kind === 'participant' ? '--participants' : '--groups', quote(name)] : [];
}
