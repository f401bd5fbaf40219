/** EAF tiers or table subjects/tiers: which are imported, and as which coder. */
import { useState } from 'react';
import type { ImportPreview } from '../../../shared/contract/exchange';
import { useApp } from '../../store';
import { selectCoders } from '../../store/selectors';

function CoderInput({ id, value, onCommit }: { id: string; value: string; onCommit: (v: string) => void }) {
  const [text, setText] = useState(value);
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    setText(value);
  }
  const commit = () => {
    if (text.trim() && text.trim() !== value) onCommit(text.trim());
    else setText(value);
  };
  return (
    <input
      aria-label={`Coder for ${id}`}
      list="ex-coders"
      value={text}
      onChange={(e) => setText(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
      }}
    />
  );
}

export function SourcesMapping({ preview }: { preview: ImportPreview }) {
  const choices = useApp((s) => s.exChoices);
  const coders = useApp(selectCoders);
  const { exchangeSetChoices } = useApp.getState();
  const eaf = preview.kind === 'eaf';
  const chosen = preview.sources.filter((s) => s.chosen).map((s) => s.id);
  const setChosen = (ids: string[]) => {
    if (eaf) void exchangeSetChoices({ tiers: ids });
    else void exchangeSetChoices({ tiers: ids.length === preview.sources.length ? undefined : ids });
  };
  const [oneCoder, setOneCoder] = useState(choices.coder ?? '');
  const annotators = eaf ? [...new Set(preview.sources.map((s) => s.annotator).filter(Boolean))] : [];
  return (
    <div className="ex-block" data-testid="sources-mapping">
      <h3>{eaf ? 'Tiers' : preview.kind === 'boris' ? 'Subjects' : 'Tiers'} → coders</h3>
      <datalist id="ex-coders">{coders.map((c) => <option key={c.id} value={c.name} />)}</datalist>
      <div className="row">
        <button onClick={() => setChosen(preview.sources.map((s) => s.id))}>All</button>
        <button onClick={() => setChosen([])} data-testid="tiers-none">None</button>
        {annotators.length > 1 && (
          <span className="ex-inline">
            Only:
            {annotators.map((a) => (
              <button key={a} onClick={() => setChosen(preview.sources.filter((s) => s.annotator === a).map((s) => s.id))}>{a}</button>
            ))}
          </span>
        )}
      </div>
      <div className="row">
        <label className="ex-inline">
          One coder for all:
          <input
            data-testid="one-coder"
            list="ex-coders"
            value={oneCoder}
            placeholder={eaf ? "each tier's annotator" : 'each subject'}
            onChange={(e) => setOneCoder(e.target.value)}
            onBlur={() => void exchangeSetChoices({ coder: oneCoder.trim() || undefined })}
            onKeyDown={(e) => {
              if (e.key === 'Enter') void exchangeSetChoices({ coder: oneCoder.trim() || undefined });
            }}
          />
        </label>
      </div>
      <div className="ex-scroll">
        <table className="ex-table">
          <thead>
            <tr><th /><th>{eaf ? 'Tier' : 'Subject / tier'}</th>{eaf && <th>Annotator</th>}<th className="num">Annotations</th><th>Coder</th></tr>
          </thead>
          <tbody>
            {preview.sources.map((s) => (
              <tr key={s.id} className={s.chosen ? '' : 'ex-off'} data-testid="source-row">
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Import ${s.id}`}
                    checked={s.chosen}
                    onChange={(e) => setChosen(e.target.checked ? [...chosen, s.id] : chosen.filter((x) => x !== s.id))}
                  />
                </td>
                <td>{s.id}</td>
                {eaf && <td className="muted">{s.annotator || '—'}</td>}
                <td className="num">{s.annotations}</td>
                <td>
                  {choices.coder ? (
                    <span className="muted">{choices.coder}</span>
                  ) : (
                    <CoderInput id={s.id} value={s.coder} onCommit={(v) => void exchangeSetChoices({ coders: { ...choices.coders, [s.id]: v } })} />
                  )}
                  {s.chosen && !coders.some((c) => c.name.toLowerCase() === (choices.coder ?? s.coder).toLowerCase()) && <span className="ex-new">new</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
