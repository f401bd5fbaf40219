/** The import flow: file → preview and mapping → Import (one transaction) → summary. */
import type { ImportPreview } from '../../../shared/contract/exchange';
import { useApp } from '../../store';
import { ImportPlan } from './ImportPlan';
import { MediaChoice } from './MediaChoice';
import { SourcePicker } from './SourcePicker';
import { SourcesMapping } from './SourcesMapping';
import { ValuesMapping } from './ValuesMapping';

const KIND_LABEL = { qdpx: 'REFI-QDA project', eaf: 'ELAN annotation file', boris: 'BORIS event table', 'elan-tsv': 'ELAN tab-delimited export' } as const;

export function ImportPanel() {
  const preview = useApp((s) => s.exPreview);
  const fileName = useApp((s) => s.exFileName);
  const busy = useApp((s) => s.exBusy);
  const error = useApp((s) => s.exError);
  const imported = useApp((s) => s.exImported);
  const mediaChosen = useApp((s) => !!s.exChoices.media);
  const { exchangeImport, exchangeReset, setView } = useApp.getState();
  return (
    <div className="ex-body">
      {!preview && <SourcePicker />}
      {error && <p className="error" role="alert" data-testid="exchange-error">{error}</p>}
      {imported && !preview && (
        <div className="ex-done" data-testid="import-summary" role="status">
          <strong>Done.</strong> {imported.summary}.
          {imported.report.warnings.length > 0 && <ul className="ex-list ex-notes">{imported.report.warnings.map((w) => <li key={w}>{w}</li>)}</ul>}
          <div className="row">
            <button onClick={() => setView('code')}>See the segments</button>
          </div>
        </div>
      )}
      {preview && (
        <div data-testid="import-preview">
          <div className="row ex-file">
            <strong>{fileName}</strong>
            <span className="muted">{KIND_LABEL[preview.kind]}</span>
            <span className="spacer" />
            {busy === 'preview' && <span className="muted">Updating…</span>}
            <button onClick={exchangeReset}>Choose another file</button>
          </div>
          <div className={preview.kind === 'qdpx' ? '' : 'ex-preview-grid'}>
            {preview.kind !== 'qdpx' && (
              <div className="ex-mapping">
                <SourcesMapping preview={preview} />
                <ValuesMapping preview={preview} />
              </div>
            )}
            <div className="ex-side">
              <MediaChoice preview={preview} />
              <ImportPlan preview={preview} />
              <div className="row ex-actions">
                <button className="primary" data-testid="import-button" disabled={busy !== null || !worthImporting(preview) || (preview.needsMedia && !mediaChosen)} onClick={() => void exchangeImport()}>
                  {busy === 'import' ? 'Importing…' : 'Import'}
                </button>
                <button onClick={exchangeReset} disabled={busy === 'import'}>Cancel</button>
              </div>
            </div>
          </div>
        </div>
      )}
    </div>
  );
}

/** Something to write: segments, or (QDPX) anything at all. */
function worthImporting(p: ImportPreview): boolean {
  const r = p.report;
  return p.kind === 'qdpx' || r.segmentsCreated + r.segmentsUpdated + r.codesCreated.length > 0;
}
