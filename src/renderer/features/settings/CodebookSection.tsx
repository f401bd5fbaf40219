/** Codebook files: export a REFI-QDA codebook (.qdc); import one with a preview (merged by code path, never deleting). */
import { useState } from 'react';
import { useApp } from '../../store';
import { CODEBOOK_TYPES } from '../../../shared/studies/picker';
import { PickButton } from '../studies/PickButton';

export function CodebookSection() {
  const preview = useApp((s) => s.codebookPreview);
  const message = useApp((s) => s.codebookMessage);
  const { previewCodebook, importCodebook, exportCodebook } = useApp.getState();
  const [importPath, setImportPath] = useState('');
  return (
    <section className="panel st-card" aria-label="Codebook" data-testid="settings-codebook">
      <div className="panel-head"><h2>Codebook</h2></div>
      <p className="muted st-help">Share the codebook with another study or another QDA program as a REFI-QDA codebook (.qdc). An imported codebook is checked against the standard's schema, shown first, then merged by code path: new codes are added, matching ones take the file's colour and definition, nothing is deleted.</p>
      <h3 className="st-sub">Export</h3>
      <PickButton label="Export .qdc…" testId="qdc-export" req={{ mode: 'save', title: 'Save the codebook as', accept: CODEBOOK_TYPES, defaultName: 'codebook.qdc' }} onPick={(p) => void exportCodebook(p)} />
      <h3 className="st-sub">Import</h3>
      <PickButton label="Choose a .qdc to import…" testId="qdc-import" req={{ mode: 'open', title: 'Codebook file to import', accept: CODEBOOK_TYPES }} onPick={(p) => { setImportPath(p); void previewCodebook(p); }} />
      {preview && (
        <div className="st-preview" data-testid="qdc-preview">
          <p><strong>{preview.add.length}</strong> new code(s), <strong>{preview.update.length}</strong> updated, {preview.unchanged} already there{preview.newSystems.length ? `; new activity system(s): ${preview.newSystems.join(', ')}` : ''}.</p>
          {preview.add.length > 0 && <ul className="st-paths">{preview.add.map((p) => <li key={p}>+ {p}</li>)}</ul>}
          {preview.update.length > 0 && <ul className="st-paths">{preview.update.map((u) => <li key={u.path}>~ {u.path} ({u.changes.join(', ')})</li>)}</ul>}
          {preview.notes.map((n) => <p key={n} className="muted">{n}</p>)}
          <button onClick={() => void importCodebook(importPath)} disabled={preview.add.length + preview.update.length === 0}>Import</button>
        </div>
      )}
      {message && <p className="st-done" data-testid="qdc-message">{message}</p>}
    </section>
  );
}
