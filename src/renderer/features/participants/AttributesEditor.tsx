/** The attributes every participant may have (text, number, date, yes/no): add, rename, delete with their values. */
import { useState } from 'react';
import { ATTRIBUTE_TYPES, type AttributeType } from '../../../shared/participants/types';
import { useApp } from '../../store';
import { NameField } from '../../components/NameField';

const TYPE_LABELS: Record<AttributeType, string> = { text: 'text', number: 'number', date: 'date', boolean: 'yes / no' };

export function AttributesEditor() {
  const attributes = useApp((s) => s.people.attributes);
  const edit = useApp((s) => s.peopleEdit);
  const [name, setName] = useState('');
  const [type, setType] = useState<AttributeType>('text');
  return (
    <div className="pt-box" data-testid="settings-attributes">
      <h3 className="st-sub">Attributes</h3>
      <ul className="st-list">
        {attributes.map((a) => (
          <li key={a.id} className="st-item">
            <NameField value={a.name} label={`Name of the attribute ${a.name}`} onSave={(n) => void edit((api) => api.updateAttribute({ id: a.id, name: n }))} />
            <span className="muted">{TYPE_LABELS[a.type]}</span>
            <button className="danger" aria-label={`Delete the attribute ${a.name}`} onClick={() => void edit((api) => api.deleteAttribute({ id: a.id }))}>Delete</button>
          </li>
        ))}
      </ul>
      <form className="st-row" onSubmit={(e) => { e.preventDefault(); if (name.trim()) void edit((api) => api.addAttribute({ name: name.trim(), type })).then((ok) => ok && setName('')); }}>
        <input className="st-grow" value={name} onChange={(e) => setName(e.target.value)} placeholder="New attribute, e.g. School" aria-label="New attribute" />
        <select aria-label="Type of the new attribute" value={type} onChange={(e) => setType(e.target.value as AttributeType)}>
          {ATTRIBUTE_TYPES.map((t) => <option key={t} value={t}>{TYPE_LABELS[t]}</option>)}
        </select>
        <button type="submit" disabled={!name.trim()}>Add attribute</button>
      </form>
    </div>
  );
}
