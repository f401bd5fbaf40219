/** Annotation values / behaviours → codes: matched ones, new ones (under "Imported") or skipped. */
import { useMemo } from 'react';
import type { ImportPreview } from '../../../shared/contract/exchange';
import { codePath } from '../../../shared/domain';
import { useApp } from '../../store';

export function ValuesMapping({ preview }: { preview: ImportPreview }) {
  const project = useApp((s) => s.project)!;
  const choices = useApp((s) => s.exChoices);
  const { exchangeSetChoices } = useApp.getState();
  const options = useMemo(() => {
    const byId = new Map(project.codes.map((c) => [c.id, c]));
    return project.codes.map((c) => ({ id: c.id, path: codePath(c, byId) })).sort((a, b) => a.path.localeCompare(b.path));
  }, [project.codes]);
  const values = preview.values.filter((v) => v.count > 0);
  if (values.length === 0) return null;
  const set = (value: string, to: string) => void exchangeSetChoices({ values: { ...choices.values, [value]: to } });
  return (
    <div className="ex-block" data-testid="values-mapping">
      <h3>{preview.kind === 'boris' ? 'Behaviours' : 'Values'} → codes</h3>
      <div className="ex-scroll">
        <table className="ex-table">
          <thead>
            <tr><th>{preview.kind === 'boris' ? 'Behaviour' : 'Value'}</th><th className="num">Count</th><th>Code</th></tr>
          </thead>
          <tbody>
            {values.map((v) => {
              const t = v.target;
              const current = t.kind === 'code' ? t.codeId : t.kind;
              return (
                <tr key={v.value} data-testid="value-row" className={t.kind === 'skip' ? 'ex-off' : ''}>
                  <td>{v.value || <span className="muted">(empty)</span>}</td>
                  <td className="num">{v.count}</td>
                  <td>
                    {t.kind === 'uncoded' ? (
                      <span className="muted">segments without a code</span>
                    ) : (
                      <select aria-label={`Code for ${v.value}`} value={current} onChange={(e) => set(v.value, e.target.value)}>
                        <option value="new">New code: {t.kind === 'new' ? t.path : `Imported/${v.value}`}</option>
                        <option value="skip">Skip these annotations</option>
                        <optgroup label="Existing codes">
                          {options.map((o) => <option key={o.id} value={o.id}>{o.path}</option>)}
                        </optgroup>
                      </select>
                    )}
                    {t.kind === 'new' && <span className="ex-new">new</span>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
