import { useMemo, useState } from 'react';
import { useCoderLabels } from '../hooks/useCoderLabels';
import { useApp } from '../store';
import { isCoding } from '../../shared/domain';
import { plural } from '../../shared/plural';
import { Dialog } from './Dialog';

/** Asked at start: who is coding. Shown again when the coder chip is clicked, and then it can be cancelled. */
export function CoderPicker() {
  const all = useApp((s) => s.project?.coders);
  const [showAll, setShowAll] = useState(false);
  const everyone = useMemo(() => (all ?? []).filter((c) => !c.isConsensus), [all]);
  // coders marked as not coding any more are left out unless asked for
  const coders = showAll ? everyone : everyone.filter(isCoding);
  const hidden = everyone.length - everyone.filter(isCoding).length;
  const labels = useCoderLabels();
  const setCoder = useApp((s) => s.setCoder);
  const createCoder = useApp((s) => s.createCoder);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const current = useApp((s) => s.coderId);
  const cancel = current ? () => useApp.getState().setCoderPickerOpen(false) : undefined;

  const add = async () => {
    const clean = name.trim();
    if (!clean) return;
    try {
      setCoder(await createCoder(clean));
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <Dialog labelledBy="coder-picker-title" onClose={cancel} testId="coder-picker">
        <h2 id="coder-picker-title">Who is coding?</h2>
        <p>Everything you code is stored under this name, so agreement between coders can be measured later.</p>
        <ul className="coder-list">
          {coders.map((c) => (
            <li key={c.id}>
              <button className="coder-option" aria-current={c.id === current ? 'true' : undefined} onClick={() => setCoder(c.id)} data-testid={`coder-${labels.get(c.id) ?? c.name}`}>
                <span className="dot" style={{ background: c.color }} /> {labels.get(c.id) ?? c.name}
              </button>
            </li>
          ))}
        </ul>
        {hidden > 0 && (
          <label className="toggle">
            <input type="checkbox" checked={showAll} onChange={(e) => setShowAll(e.target.checked)} /> Show {plural(hidden, 'coder')} not coding any more
          </label>
        )}
        <form onSubmit={(e) => { e.preventDefault(); void add(); }} className="row">
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder="New coder name" aria-label="New coder name" />
          <button type="submit" disabled={!name.trim()}>Add and start coding</button>
        </form>
        {error && <p className="error" role="alert">{error}</p>}
        {cancel && <div className="row"><span className="spacer" /><button onClick={cancel}>Cancel</button></div>}
    </Dialog>
  );
}
