/**
 * A typed file path with its action button. Isolated on purpose: the study-lifecycle work brings
 * one file picker (native dialogs in Electron, the in-app file browser in web mode) that replaces
 * this component where it is used.
 */
import { useState } from 'react';

export function PathField(props: { label: string; placeholder: string; action: string; testId: string; onSubmit: (path: string) => void; disabled?: boolean }) {
  const [path, setPath] = useState('');
  return (
    <form className="st-row" onSubmit={(e) => { e.preventDefault(); if (path.trim()) props.onSubmit(path.trim()); }}>
      <input className="st-grow" value={path} onChange={(e) => setPath(e.target.value)} placeholder={props.placeholder} aria-label={props.label} data-testid={props.testId} />
      <button type="submit" disabled={!path.trim() || props.disabled}>{props.action}</button>
    </form>
  );
}
