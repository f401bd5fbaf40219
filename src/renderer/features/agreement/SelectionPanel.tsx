/** Coders (checkboxes) and codes (a filtered multi-select) to compare. */
import { useMemo, useState } from 'react';
import { useApp } from '../../store';
import { plural } from '../../../shared/plural';

export function SelectionPanel() {
  const choices = useApp((s) => s.agreementChoices);
  const sel = useApp((s) => s.agreementSelection);
  const setSel = useApp((s) => s.setAgreementSelection);
  const [filter, setFilter] = useState('');
  const shown = useMemo(() => {
    const f = filter.trim().toLowerCase();
    return (choices?.codes ?? []).filter((c) => !f || c.path.toLowerCase().includes(f));
  }, [choices, filter]);
  if (!choices) return null;
  const coderIds = sel.coderIds ?? choices.defaultCoderIds;
  const codeIds = sel.codeIds ?? choices.defaultCodeIds;
  const toggle = (list: string[], id: string, on: boolean) => (on ? [...list, id] : list.filter((x) => x !== id));
  // Keep the choices' order whatever the click order.
  const ordered = (ids: string[], all: { id: string }[]) => all.map((x) => x.id).filter((x) => ids.includes(x));

  return (
    <div className="ag-selection">
      <fieldset className="ag-coders">
        <legend>Coders</legend>
        {choices.coders.map((c) => (
          <label key={c.id} className="ag-check" title={c.isConsensus ? 'The consensus layer written by reconciliation' : `${plural(c.segments, 'segment')} in this media`}>
            <input
              type="checkbox"
              data-testid={`ag-coder-${c.name}`}
              checked={coderIds.includes(c.id)}
              onChange={(e) => setSel({ coderIds: ordered(toggle(coderIds, c.id, e.target.checked), choices.coders) })}
            />
            <span className="dot" style={{ background: c.color }} />
            {c.name}
            {c.isConsensus && <em> (consensus)</em>}
            {!c.active && <em> (not coding)</em>}
            <span className="ag-count">{c.segments}</span>
          </label>
        ))}
      </fieldset>
      <fieldset className="ag-codes">
        <legend>
          Codes <span className="ag-count">{codeIds.length} chosen</span>
        </legend>
        <input type="search" className="ag-filter" placeholder="Filter codes…" aria-label="Filter codes" data-testid="ag-code-filter" value={filter} onChange={(e) => setFilter(e.target.value)} />
        <div className="ag-code-buttons">
          <button onClick={() => setSel({ codeIds: ordered([...new Set([...codeIds, ...shown.map((c) => c.id)])], choices.codes) })}>All shown</button>
          <button onClick={() => setSel({ codeIds: codeIds.filter((id) => !shown.some((c) => c.id === id)) })}>None shown</button>
          <button onClick={() => setSel({ codeIds: choices.defaultCodeIds })} title="The codes the coders applied in this media (the command line's default)">Used</button>
        </div>
        <div className="ag-code-list" role="group" aria-label="Codes">
          {shown.map((c) => (
            <label key={c.id} className={`ag-check${c.uses === 0 ? ' unused' : ''}`} title={`${c.path}: ${c.uses} uses in this media`}>
              <input
                type="checkbox"
                data-testid={`ag-code-${c.path}`}
                checked={codeIds.includes(c.id)}
                onChange={(e) => setSel({ codeIds: ordered(toggle(codeIds, c.id, e.target.checked), choices.codes) })}
              />
              <span className="dot" style={{ background: c.color }} />
              <span className="ag-path">{c.path}</span>
              <span className="ag-count">{c.uses || ''}</span>
            </label>
          ))}
          {shown.length === 0 && <p className="muted">No code matches “{filter}”.</p>}
        </div>
      </fieldset>
    </div>
  );
}
