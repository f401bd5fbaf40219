/** "Create coder file…": hand out a copy of the project to one coder (blind by default). */
import { useState } from 'react';
import { STUDY_TYPES } from '../../../shared/studies/picker';
import { useApp } from '../../store';
import { PickButton } from '../studies/PickButton';

function folderOf(file: string): string {
  const i = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return i >= 0 ? file.slice(0, i + 1) : '';
}

export function CoderFileForm() {
  const project = useApp((s) => s.project)!;
  const result = useApp((s) => s.coderFileResult);
  const error = useApp((s) => s.coderFileError);
  const create = useApp((s) => s.createCoderFile);
  const coders = project.coders.filter((c) => !c.isConsensus);
  const [name, setName] = useState('');
  const [out, setOut] = useState('');
  const [blind, setBlind] = useState(true);
  const [busy, setBusy] = useState(false);
  const suggested = name.trim() ? `${folderOf(project.file)}${name.trim().replace(/[^\w.-]+/g, '_')}.triangulate` : '';

  const submit = async () => {
    setBusy(true);
    await create({ coderName: name.trim(), out: out.trim() || suggested, blind });
    setBusy(false);
  };

  return (
    <form className="rc-card" aria-label="Create coder file" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <h3>Create coder file…</h3>
      <p className="muted">A copy of this project for one coder to code offline: same codebook and media. Blind: without the other coders' segments.</p>
      <label className="rc-field">
        <span>Coder</span>
        <input list="rc-coder-names" value={name} onChange={(e) => setName(e.target.value)} placeholder="name (new coders are added)" aria-label="Coder name" />
        <datalist id="rc-coder-names">{coders.map((c) => <option key={c.id} value={c.name} />)}</datalist>
      </label>
      <div className="rc-field">
        <span>Save as</span>
        <code aria-label="Coder file path">{out || suggested || 'next to this study'}</code>
        <PickButton label="Choose…" testId="coder-file-choose" req={{ mode: 'save', title: 'Save the coder file as', accept: STUDY_TYPES, defaultName: suggested.slice(folderOf(suggested).length) || 'coder.triangulate' }} onPick={setOut} />
      </div>
      <div className="row">
        <label><input type="checkbox" checked={blind} onChange={(e) => setBlind(e.target.checked)} /> Blind coding (hide other coders' segments)</label>
        <span className="spacer" />
        <button type="submit" className="primary" disabled={busy || !name.trim() || !(out.trim() || suggested)}>Create coder file</button>
      </div>
      {result && (
        <p className="rc-ok" role="status">
          Wrote <code>{result.file}</code> for <strong>{result.coderName}</strong>{result.coderCreated ? ' (new coder, added to this project)' : ''}: {result.blind ? 'blind' : 'not blind'}, {result.segments} of their segments.
        </p>
      )}
      {error && <p className="error" role="alert">{error}</p>}
    </form>
  );
}
