/** A name and an "Add …" button; the field empties once the addition is saved. */
import { useState } from 'react';

export function AddForm(props: { label: string; placeholder: string; action: string; onAdd: (name: string) => Promise<boolean> }) {
  const [name, setName] = useState('');
  return (
    <form className="st-row" onSubmit={(e) => { e.preventDefault(); if (name.trim()) void props.onAdd(name.trim()).then((ok) => ok && setName('')); }}>
      <input className="st-grow" value={name} onChange={(e) => setName(e.target.value)} placeholder={props.placeholder} aria-label={props.label} />
      <button type="submit" disabled={!name.trim()}>{props.action}</button>
    </form>
  );
}
