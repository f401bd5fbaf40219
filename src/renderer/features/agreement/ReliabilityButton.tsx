/** "Reliability report": the report of the current selection (as `export --kind reliability` writes it), downloaded as Markdown, with the HTML and the numbers' CSV offered beside it. */
import { useState } from 'react';
import type { ReliabilityReportFiles } from '../../../shared/contract/agreement';
import { useApp } from '../../store';
import { client } from '../../store/client';
import { downloadText } from '../themes/download';

export function ReliabilityButton() {
  const result = useApp((s) => s.agreementResult);
  const restricted = useApp((s) => !!s.agreementSelection.about);
  const [busy, setBusy] = useState(false);
  const [files, setFiles] = useState<ReliabilityReportFiles | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!result) return null;
  const make = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = result.agreement;
      const f = await client().api.agreementReliabilityReport({
        mediaId: result.mediaId,
        coderIds: result.coderIds,
        codeIds: result.codeIds,
        ...(r.exact ? { exact: true } : { unitMs: (r.unit ?? 1) * 1000 }),
        excludeUncoded: r.excludeUncoded,
      });
      setFiles(f);
      downloadText(f.files[0]!.fileName, f.files[0]!.text, f.files[0]!.type);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="ag-report" data-testid="ag-report">
      <button type="button" onClick={() => void make()} disabled={busy || restricted} title={restricted ? 'The report covers everyone\'s segments: choose About: everyone first' : 'Markdown, HTML and CSV: the numbers with their 95 % intervals, contradictions, reconcile outcome and an APA methods paragraph'}>
        {busy ? 'Writing report…' : 'Reliability report'}
      </button>
      {error && <span className="ag-error" role="alert"> {error}</span>}
      {files && (
        <span className="muted" data-testid="ag-report-files">
          {' '}Downloaded {files.files[0]!.fileName} ({files.numbers} numbers); also{' '}
          {files.files.slice(1).map((f) => (
            <button key={f.fileName} type="button" className="link" onClick={() => downloadText(f.fileName, f.text, f.type)}>{f.fileName}</button>
          ))}
        </span>
      )}
    </div>
  );
}
