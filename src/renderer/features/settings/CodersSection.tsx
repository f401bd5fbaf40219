/** Coders: add, rename, recolour, mark as not coding any more, delete (only without segments). */
import { useCoderLabels } from '../../hooks/useCoderLabels';
import { useState } from 'react';
import { useApp } from '../../store';
import { AddForm } from '../../components/AddForm';
import { NameField } from '../../components/NameField';

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
                <ActiveToggle active={c.active !== false} onChange={(active) => edit((api) => api.updateCoder({ id: c.id, active }))} />
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

/**
 * The "coding" checkbox shows the new state at once while the edit is saved (a controlled checkbox
 * bound only to the store would spring back until the project is reloaded), and the stored state
 * again once the edit is done or refused.
 */
function ActiveToggle({ active, onChange }: { active: boolean; onChange: (active: boolean) => Promise<unknown> }) {
  const [pending, setPending] = useState<boolean | null>(null);
  return (
    <label className="st-inline">
      <input
        type="checkbox"
        checked={pending ?? active}
        onChange={(e) => {
          const next = e.target.checked;
          setPending(next);
          void onChange(next).finally(() => setPending(null));
        }}
      /> coding
    </label>
  );
}
