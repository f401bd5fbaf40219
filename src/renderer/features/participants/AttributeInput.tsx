/** One participant's value of one attribute, by its type: text, number, date (YYYY-MM-DD) or a yes/no box. */
import type { AttributeDef, AttributeValue } from '../../../shared/participants/types';
import { TextField } from './TextField';

export function AttributeInput(props: { def: AttributeDef; value: AttributeValue | undefined; who: string; onSave: (v: AttributeValue | null) => void }) {
  const { def, value, who } = props;
  const label = `${def.name} of ${who}`;
  if (def.type === 'boolean') {
    return <input type="checkbox" aria-label={label} checked={value === true} onChange={(e) => props.onSave(e.target.checked)} />;
  }
  if (def.type === 'date') {
    return <input type="date" className="pt-attr" aria-label={label} value={typeof value === 'string' ? value : ''} onChange={(e) => props.onSave(e.target.value || null)} />;
  }
  if (def.type === 'number') {
    return (
      <TextField
        type="number" className="pt-attr" label={label} value={typeof value === 'number' ? String(value) : ''}
        onSave={(t) => props.onSave(t === '' || !Number.isFinite(Number(t)) ? null : Number(t))}
      />
    );
  }
  return <TextField className="pt-attr" label={label} value={typeof value === 'string' ? value : ''} onSave={(t) => props.onSave(t === '' ? null : t)} />;
}
