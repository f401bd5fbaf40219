/** Choose the file to import: upload it from the browser, or type its path on this computer. */
import { useState } from 'react';
import { useApp } from '../../store';

export function SourcePicker() {
  const busy = useApp((s) => s.exBusy);
  const progress = useApp((s) => s.exProgress);
  const { exchangeUpload, exchangeUsePath } = useApp.getState();
  const [path, setPath] = useState('');
  return (
    <div className="ex-source">
      <p className="muted ex-help">
        REFI-QDA projects (<code>.qdpx</code>, from ATLAS.ti, MAXQDA, NVivo, QualCoder), ELAN files (<code>.eaf</code>), BORIS exports and ELAN
        tab-delimited exports (<code>.tsv</code>, <code>.csv</code>, <code>.txt</code>). Nothing changes until you press Import.
      </p>
      <label className="ex-field">
        <span>Choose a file</span>
        <input
          type="file"
          data-testid="import-file"
          accept=".qdpx,.qde,.eaf,.tsv,.csv,.txt"
          disabled={busy === 'upload'}
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void exchangeUpload(f);
            e.target.value = '';
          }}
        />
      </label>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          void exchangeUsePath(path);
        }}
      >
        <label className="ex-field ex-grow">
          <span>…or its path on this computer (media next to it are found too)</span>
          <input data-testid="import-path" value={path} onChange={(e) => setPath(e.target.value)} placeholder="/home/me/study/workshop.eaf" />
        </label>
        <button type="submit" disabled={!path.trim() || busy !== null}>Preview</button>
      </form>
      {progress !== null && (
        <div className="ex-progress" role="progressbar" aria-valuenow={Math.round(progress * 100)} aria-valuemin={0} aria-valuemax={100}>
          <div style={{ width: `${Math.round(progress * 100)}%` }} /> <span>Uploading… {Math.round(progress * 100)}%</span>
        </div>
      )}
    </div>
  );
}
