/** Export the project as REFI-QDA (.qdpx) or ELAN (.eaf): download it or save it where the file picker says. */
import { useState } from 'react';
import { useApp } from '../../store';
import { PickButton } from '../studies/PickButton';

export function ExportPanel() {
  const project = useApp((s) => s.project)!;
  const currentMedia = useApp((s) => s.mediaId);
  const busy = useApp((s) => s.exBusy);
  const exported = useApp((s) => s.exExported);
  const { exchangeExport } = useApp.getState();
  const [kind, setKind] = useState<'qdpx' | 'eaf'>('qdpx');
  const [embed, setEmbed] = useState(false);
  const [mediaId, setMediaId] = useState<string>(currentMedia ?? project.media[0]?.id ?? '');
  const req = { kind, mediaId: kind === 'eaf' ? mediaId || undefined : undefined, embedMedia: kind === 'qdpx' ? embed : undefined };
  const noMedia = kind === 'eaf' && project.media.length === 0;
  return (
    <div className="ex-body">
      <fieldset className="ex-kinds">
        <legend className="sr-only">Format</legend>
        <label className={`ex-kind${kind === 'qdpx' ? ' on' : ''}`}>
          <input type="radio" name="ex-kind" checked={kind === 'qdpx'} onChange={() => setKind('qdpx')} />
          <span>
            <strong>REFI-QDA project (.qdpx)</strong>
            <span className="muted">For ATLAS.ti, MAXQDA, NVivo, QualCoder: codebook tree with colours and definitions, coders as users, video selections with their codes and coder, memos as notes, contradictions as links, the transcript with sync points.</span>
          </span>
        </label>
        <label className={`ex-kind${kind === 'eaf' ? ' on' : ''}`}>
          <input type="radio" name="ex-kind" checked={kind === 'eaf'} onChange={() => setKind('eaf')} />
          <span>
            <strong>ELAN annotation file (.eaf)</strong>
            <span className="muted">One tier per coder × CHAT element (annotator = coder), the codebook as a controlled vocabulary, times in milliseconds: use ELAN's inter-annotator tools on it.</span>
          </span>
        </label>
      </fieldset>
      {kind === 'qdpx' && (
        <label className="toggle ex-inline">
          <input type="checkbox" checked={embed} onChange={(e) => setEmbed(e.target.checked)} /> Put the video files into the archive (larger; otherwise it refers to their paths)
        </label>
      )}
      {kind === 'eaf' && project.media.length > 0 && (
        <label className="ex-inline">
          Media
          <select aria-label="Media to export" value={mediaId} onChange={(e) => setMediaId(e.target.value)}>
            {project.media.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
          </select>
        </label>
      )}
      <div className="row ex-actions">
        <button className="primary" data-testid="export-download" disabled={busy !== null || noMedia} onClick={() => void exchangeExport({ ...req, download: true })}>
          {busy === 'export' ? 'Exporting…' : 'Download'}
        </button>
      </div>
      <div className="row">
        <span className="muted">…or save it on this computer</span>
        <PickButton
          label="Save as…"
          testId="export-save"
          disabled={busy !== null || noMedia}
          req={{ mode: 'save', title: 'Save the export as', accept: [`.${kind}`], defaultName: `${project.name || 'project'}.${kind}` }}
          onPick={(p) => void exchangeExport({ ...req, savePath: p, download: false })}
        />
      </div>
      {exported && (
        <p className="ex-done" role="status" data-testid="export-summary">
          {exported.savedTo ? <>Saved <code>{exported.savedTo}</code>. </> : null}
          {exported.url && <>Downloaded <a href={exported.url} download={exported.fileName}>{exported.fileName}</a> ({Math.max(1, Math.round(exported.size / 1024))} KB). </>}
          <span className="muted">{exported.summary.replace(/^Saved [^:]+: /, '')}.</span>
        </p>
      )}
    </div>
  );
}
