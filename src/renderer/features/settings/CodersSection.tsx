/** Coders: add, rename, recolour, mark as not coding any more, delete (only without segments). */
import { useCoderLabels } from '../../hooks/useCoderLabels';
import { useApp } from '../../store';
import { AddForm } from './AddForm';
import { NameField } from './NameField';

export function CodersSection() {
  const coders = useApp((s) => s.project!.coders);
  const edit = useApp((s) => s.settingsEdit);
  const labels = useCoderLabels();
  return (
    <section className="panel st-card" aria-label="Coders" data-testid="settings-coders">
      <div className="panel-head"><h2>Coders</h2></div>
      <p className="muted st-help">A coder who is not coding any more keeps their work, but is left out of the agreement selection, the reconcile queue and the coder picker by default. A coder can be deleted only while they have no segments.</p>
      <ul className="st-list">
        {coders.map((c) => (
          <li key={c.id} className={`st-item${c.active === false ? ' st-off' : ''}`} data-testid={`settings-coder-${labels.get(c.id) ?? c.name}`}>
            <input type="color" value={c.color} aria-label={`Colour of ${c.name}`} onChange={(e) => void edit((api) => api.updateCoder({ id: c.id, color: e.target.value }))} />
            <NameField value={c.name} label={`Name of ${c.name}`} onSave={(n) => void edit((api) => api.updateCoder({ id: c.id, name: n }))} />
            {labels.get(c.id) !== c.name && <span className="muted" title="Another coder has the same name">shown as {labels.get(c.id)}</span>}
            {c.isConsensus ? <span className="muted">consensus layer</span> : (
              <>
                <label className="st-inline">
                  <input type="checkbox" checked={c.active !== false} onChange={(e) => void edit((api) => api.updateCoder({ id: c.id, active: e.target.checked }))} /> coding
                </label>
                <button className="danger" aria-label={`Delete ${c.name}`} onClick={() => void edit((api) => api.deleteCoder({ id: c.id }))}>Delete</button>
              </>
            )}
          </li>
        ))}
      </ul>
      <AddForm label="New coder" placeholder="New coder name" action="Add coder" onAdd={(n) => edit((api) => api.createCoder({ name: n }))} />
    </section>
  );
}
