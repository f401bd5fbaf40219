/** Choose the file to import: upload it from the browser, or pick it on this computer with the app's file picker. */
import { useApp } from '../../store';
import { PickButton } from '../studies/PickButton';

const IMPORT_TYPES = ['.qdpx', '.qde', '.eaf', '.boris', '.tsv', '.csv', '.txt'];

export function SourcePicker() {
  const busy = useApp((s) => s.exBusy);
  const progress = useApp((s) => s.exProgress);
  const { exchangeUpload, exchangeUsePath } = useApp.getState();
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
          accept={IMPORT_TYPES.join(',')}
          disabled={busy === 'upload'}
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void exchangeUpload(f);
            e.target.value = '';
          }}
        />
      </label>
      <div className="row">
        <span className="muted">…or a file on this computer (media next to it are found too)</span>
        <PickButton label="Choose a file on this computer…" testId="import-choose" disabled={busy !== null} req={{ mode: 'open', title: 'File to import', accept: IMPORT_TYPES }} onPick={(p) => void exchangeUsePath(p)} />
      </div>
      {progress !== null && (
        <div className="ex-progress" role="progressbar" aria-valuenow={Math.round(progress * 100)} aria-valuemin={0} aria-valuemax={100}>
          <div style={{ width: `${Math.round(progress * 100)}%` }} /> <span>Uploading… {Math.round(progress * 100)}%</span>
        </div>
      )}
    </div>
  );
}
