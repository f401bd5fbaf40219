/** One participant in Study settings: name, role, activity system, Alt+ key, attribute values, delete (after saying what it is linked to). */
import type { Participant } from '../../../shared/participants/types';
import { layerKeyProblem } from '../../../shared/keymap/participantLayer';
import type { Api } from '../../../shared/contract';
import { useApp } from '../../store';
import { client } from '../../store/client';
import { NameField } from '../../components/NameField';
import { AttributeInput } from './AttributeInput';
import { TextField } from './TextField';

type UpdateInput = Parameters<Api['updateParticipant']>[0];

export function ParticipantRow({ p, taken }: { p: Participant; taken: Map<string, string> }) {
  const systems = useApp((s) => s.project!.systems);
  const attributes = useApp((s) => s.people.attributes);
  const edit = useApp((s) => s.peopleEdit);
  const update = (patch: Omit<UpdateInput, 'id'>) => void edit((api) => api.updateParticipant({ id: p.id, ...patch }));
  const setKey = (raw: string) => {
    const key = raw.trim().toLowerCase();
    if (key === (p.key ?? '')) return;
    const problem = key ? layerKeyProblem(key, taken) : null;
    if (problem) return useApp.getState().showBanner({ kind: 'error', message: `${p.name}: ${problem}` });
    update({ key: key || null });
  };
  return (
    <tr data-testid={`participant-${p.name}`}>
      <td><NameField value={p.name} label={`Name of ${p.name}`} onSave={(name) => update({ name })} /></td>
      <td><TextField value={p.role} label={`Role of ${p.name}`} placeholder="e.g. researcher" onSave={(role) => update({ role })} /></td>
      <td>
        <select aria-label={`Activity system of ${p.name}`} value={p.systemId ?? ''} onChange={(e) => update({ systemId: e.target.value || null })}>
          <option value="">—</option>
          {systems.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
        </select>
      </td>
      <td className="pt-key">
        <span aria-hidden="true">Alt+</span>
        <TextField className="pt-key-input" value={p.key ?? ''} label={`Alt key of ${p.name}`} onSave={setKey} />
      </td>
      {attributes.map((a) => (
        <td key={a.id}><AttributeInput def={a} value={p.attributes[a.id]} who={p.name} onSave={(v) => update({ attributes: { [a.id]: v } })} /></td>
      ))}
      <td><button className="danger" aria-label={`Delete ${p.name}`} onClick={() => void confirmDelete(p)}>Delete</button></td>
    </tr>
  );
}

/** Says what the participant is linked to before deleting (the banner's action deletes). */
async function confirmDelete(p: Participant): Promise<void> {
  const s = useApp.getState();
  const u = await s.track(client().api.participantUsage({ id: p.id })).catch(() => null);
  if (!u) return;
  const del = () => { s.showBanner(null); void s.peopleEdit((api) => api.deleteParticipant({ id: p.id })); };
  if (u.segments + u.contradictions + u.groups === 0) return del();
  s.showBanner({
    kind: 'info',
    message: `${p.name} is named on ${u.segments} segment(s) and ${u.contradictions} contradiction(s) and is in ${u.groups} group(s); deleting removes those links (undo brings them back).`,
    action: { label: `Delete ${p.name}`, run: del },
  });
}
