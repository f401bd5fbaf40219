/** New study: a name, a folder, and a starting codebook (default CHAT, another study's, or a REFI-QDA .qdc). */
import { useState } from 'react';
import { CODEBOOK_TYPES, STUDY_TYPES } from '../../../shared/studies/picker';
import { useApp } from '../../store';
import { client } from '../../store/client';
import { pickOne } from './pick';

type Source = 'default' | 'study' | 'qdc';

export function NewStudyDialog() {
  const setDialog = useApp((s) => s.setStudyDialog);
  const [name, setName] = useState('');
  const [folder, setFolder] = useState<string | null>(null);
  const [source, setSource] = useState<Source>('default');
  const [codebookFile, setCodebookFile] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ready = name.trim() && folder && (source === 'default' || codebookFile);

  const create = async () => {
    const sep = folder!.includes('\\') && !folder!.includes('/') ? '\\' : '/';
    const file = `${folder!.replace(/[\\/]+$/, '')}${sep}${name.trim()}.triangulate`;
    try {
      const st = await client().api.newStudy({ file, name: name.trim(), codebook: source, ...(source !== 'default' ? { codebookFile: codebookFile! } : {}) });
      useApp.setState({ study: st, studyDialog: null });
      sessionStorage.setItem('triangulate.next', 'addRecordings');
      window.location.reload();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <div className="modal-backdrop" role="presentation">
      <div className="modal" role="dialog" aria-modal="true" aria-label="New study" data-testid="new-study">
        <h2>New study</h2>
        <label>
          Name
          <input data-testid="new-study-name" value={name} onChange={(e) => setName(e.target.value)} autoFocus />
        </label>
        <div className="row">
          <span className="grow muted" data-testid="new-study-folder">{folder ?? 'No folder chosen'}</span>
          <button data-testid="new-study-choose-folder" onClick={() => void pickOne({ mode: 'folder', title: 'Where to save the study', accept: [] }).then((f) => f && setFolder(f))}>Choose folder…</button>
        </div>
        <fieldset>
          <legend>Starting codebook</legend>
          <label className="row"><input type="radio" checked={source === 'default'} onChange={() => setSource('default')} /> The default CHAT codebook</label>
          <label className="row"><input type="radio" checked={source === 'study'} onChange={() => { setSource('study'); setCodebookFile(null); }} /> A copy of another study's codebook</label>
          <label className="row"><input type="radio" checked={source === 'qdc'} onChange={() => { setSource('qdc'); setCodebookFile(null); }} /> A REFI-QDA codebook file (.qdc)</label>
          {source !== 'default' && (
            <div className="row">
              <span className="grow muted">{codebookFile ?? 'No file chosen'}</span>
              <button onClick={() => void pickOne({ mode: 'open', title: source === 'qdc' ? 'Choose a .qdc codebook' : 'Choose a study', accept: source === 'qdc' ? CODEBOOK_TYPES : STUDY_TYPES }).then((f) => f && setCodebookFile(f))}>Choose file…</button>
            </div>
          )}
        </fieldset>
        {error && <p className="fb-error" role="alert">{error}</p>}
        <div className="row">
          <span className="spacer" />
          <button onClick={() => setDialog(null)}>Cancel</button>
          <button className="primary" data-testid="new-study-create" disabled={!ready} onClick={() => void create()}>Create</button>
        </div>
      </div>
    </div>
  );
}
