/** Groups (dyads, tables, cohorts): named sets of participants; a participant may be in several. Members toggle with a click. */
import type { Group } from '../../../shared/participants/types';
import { useApp } from '../../store';
import { AddForm } from '../../components/AddForm';
import { NameField } from '../../components/NameField';

export function GroupsEditor() {
  const groups = useApp((s) => s.people.groups);
  const participants = useApp((s) => s.people.participants);
  const edit = useApp((s) => s.peopleEdit);
  const toggle = (g: Group, pid: string) => {
    const has = g.memberIds.includes(pid);
    const memberIds = has ? g.memberIds.filter((x) => x !== pid) : [...g.memberIds, pid];
    void edit((api) => api.updateGroup({ id: g.id, memberIds }));
  };
  return (
    <div className="pt-box" data-testid="settings-groups">
      <h3 className="st-sub">Groups</h3>
      <ul className="st-list">
        {groups.map((g) => (
          <li key={g.id} className="pt-group" data-testid={`group-${g.name}`}>
            <div className="st-item">
              <NameField value={g.name} label={`Name of the group ${g.name}`} onSave={(n) => void edit((api) => api.updateGroup({ id: g.id, name: n }))} />
              <span className="muted">{g.memberIds.length} member(s)</span>
              <button className="danger" aria-label={`Delete the group ${g.name}`} onClick={() => void edit((api) => api.deleteGroup({ id: g.id }))}>Delete</button>
            </div>
            <div className="pt-members" role="group" aria-label={`Members of ${g.name}`}>
              {participants.map((p) => (
                <button key={p.id} className={`pt-member${g.memberIds.includes(p.id) ? ' on' : ''}`} aria-pressed={g.memberIds.includes(p.id)} onClick={() => toggle(g, p.id)}>
                  {p.name}
                </button>
              ))}
            </div>
          </li>
        ))}
      </ul>
      <AddForm label="New group" placeholder="New group, e.g. Dyad 1" action="Add group" onAdd={(n) => edit((api) => api.addGroup({ name: n }))} />
    </div>
  );
}
