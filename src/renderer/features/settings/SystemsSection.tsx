/** Activity systems: add (with the seven element codes on free hotkeys), rename, reorder, delete when unused. */
import { useApp } from '../../store';
import { AddForm } from '../../components/AddForm';
import { NameField } from '../../components/NameField';

export function SystemsSection() {
  const systems = useApp((s) => s.project!.systems);
  const codes = useApp((s) => s.project!.codes);
  const edit = useApp((s) => s.settingsEdit);
  const move = (i: number, by: number) => {
    const ids = systems.map((s) => s.id);
    const [id] = ids.splice(i, 1);
    ids.splice(i + by, 0, id!);
    void edit((api) => api.reorderSystems({ ids }));
  };
  const keysOf = (systemId: string) => codes.filter((c) => c.systemId === systemId && c.kind === 'element').map((c) => c.hotkey ?? '–').join(' ');
  return (
    <section className="panel st-card" aria-label="Activity systems" data-testid="settings-systems">
      <div className="panel-head"><h2>Activity systems</h2></div>
      <p className="muted st-help">Each system has the seven CHAT elements as codes, with their own hotkeys; the timeline, the diagram and the exports show every system in this order.</p>
      <ol className="st-list">
        {systems.map((s, i) => (
          <li key={s.id} className="st-item" data-testid={`system-${s.name}`}>
            <NameField value={s.name} label={`Name of ${s.name}`} onSave={(n) => void edit((api) => api.renameSystem({ id: s.id, name: n }))} />
            <span className="muted st-keys" title="Hotkeys of its elements (subject … outcome)">keys {keysOf(s.id)}</span>
            <button title="Move up" aria-label={`Move ${s.name} up`} disabled={i === 0} onClick={() => move(i, -1)}>↑</button>
            <button title="Move down" aria-label={`Move ${s.name} down`} disabled={i === systems.length - 1} onClick={() => move(i, 1)}>↓</button>
            <button className="danger" aria-label={`Delete ${s.name}`} onClick={() => void edit((api) => api.deleteSystem({ id: s.id }))}>Delete</button>
          </li>
        ))}
      </ol>
      <AddForm label="New activity system" placeholder="New activity system, e.g. School leaders" action="Add system" onAdd={(n) => edit((api) => api.addSystem({ name: n }))} />
    </section>
  );
}
