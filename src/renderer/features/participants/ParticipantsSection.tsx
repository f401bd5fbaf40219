/**
 * Study settings › Participants: the people in the recordings (name, role, activity system, Alt+
 * key, attribute values), the attributes, the groups, a roster CSV import and the transcript
 * speakers offered as participants. Each change is one undo step.
 */
import { useEffect, useMemo } from 'react';
import { LAYER_KEYS, RESERVED_LAYER_KEYS, freeLayerKey } from '../../../shared/keymap/participantLayer';
import { useApp } from '../../store';
import { AddForm } from '../../components/AddForm';
import { AttributesEditor } from './AttributesEditor';
import { GroupsEditor } from './GroupsEditor';
import { ParticipantRow } from './ParticipantRow';
import { RosterImport } from './RosterImport';
import { SpeakersOffer } from './SpeakersOffer';
import './participants.css';

export function ParticipantsSection() {
  const people = useApp((s) => s.people);
  const edit = useApp((s) => s.peopleEdit);
  useEffect(() => void useApp.getState().loadParticipants().catch(() => undefined), []);
  const keys = useMemo(() => new Map(people.participants.filter((p) => p.key).map((p) => [p.key!, p.name])), [people.participants]);
  const add = (name: string) => {
    const key = freeLayerKey(keys.keys());
    return edit((api) => api.addParticipant({ name, ...(key ? { key } : {}) }));
  };
  return (
    <section className="panel st-card st-wide" aria-label="Participants" data-testid="settings-participants">
      <div className="panel-head"><h2>Participants</h2></div>
      <p className="muted st-help">
        Who is in the recordings. While coding, hold <kbd>Alt</kbd> and press a participant's key to say the selected segment is about them (again to take them off);
        a key is a letter, but not {[...RESERVED_LAYER_KEYS].join(' ').toUpperCase()} (with Alt they open menus), so {LAYER_KEYS.length} people can have one. Groups are named sets (dyads, tables, cohorts); the Compare screen tabulates codes by participant and by group.
      </p>
      <div className="pt-table-wrap">
        <table className="pt-table">
          <thead>
            <tr><th>Name</th><th>Role</th><th>Activity system</th><th>Key</th>{people.attributes.map((a) => <th key={a.id}>{a.name}</th>)}<th><span className="sr-only">Delete</span></th></tr>
          </thead>
          <tbody>
            {people.participants.map((p) => <ParticipantRow key={p.id} p={p} taken={withoutKey(keys, p.key)} />)}
          </tbody>
        </table>
        {people.participants.length === 0 && <p className="empty-hint">No participants yet: add them here, import a roster, or take the transcript's speakers.</p>}
      </div>
      <AddForm label="New participant" placeholder="New participant, e.g. Lena" action="Add participant" onAdd={add} />
      <SpeakersOffer />
      <div className="pt-columns">
        <AttributesEditor />
        <GroupsEditor />
      </div>
      <RosterImport />
    </section>
  );
}

function withoutKey(keys: Map<string, string>, own: string | null): Map<string, string> {
  if (!own) return keys;
  const m = new Map(keys);
  m.delete(own);
  return m;
}
