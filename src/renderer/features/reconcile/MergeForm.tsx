/**
 * "Merge coder files…": paths typed in (web mode has no file dialog), a confirmation (a merge
 * cannot be undone: undo stops at it), a progress bar, the summary.
 */
import { useState } from 'react';
import { useApp } from '../../store';
import { MergeSummaryView } from './MergeSummaryView';

export function MergeForm() {
  const progress = useApp((s) => s.mergeProgress);
  const summary = useApp((s) => s.mergeSummary);
  const error = useApp((s) => s.mergeError);
  const merge = useApp((s) => s.mergeFiles);
  const [text, setText] = useState('');
  const [confirming, setConfirming] = useState(false);
  const paths = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const running = !!progress && progress.done < progress.total;

  return (
    <form className="rc-card" aria-label="Merge coder files" onSubmit={(e) => {
      e.preventDefault();
      if (!confirming) return setConfirming(true);
      setConfirming(false);
      void merge(paths);
    }}>
      <h3>Merge coder files…</h3>
      <p className="muted">One file per line. Merging the same file again only brings in what changed; a bad file stops the merge before anything is written.</p>
      <textarea rows={3} value={text} onChange={(e) => setText(e.target.value)} placeholder="/path/to/amina.triangulate" aria-label="Coder file paths" spellCheck={false} />
      <div className="row">
        {progress && (
          <>
            <progress max={progress.total} value={progress.done} aria-label="Merge progress" />
            <span className="muted rc-progress-label">{progress.label}</span>
          </>
        )}
        <span className="spacer" />
        {confirming && <span className="rc-merge-warning" role="alert">A merge cannot be undone (Ctrl+Z stops at it).</span>}
        {confirming && <button type="button" onClick={() => setConfirming(false)}>Cancel</button>}
        <button type="submit" className="primary" disabled={running || paths.length === 0}>
          {confirming ? 'Merge, not undoable' : `Merge ${paths.length > 1 ? `${paths.length} files` : 'file'}…`}
        </button>
      </div>
      {error && <p className="error" role="alert">{error}</p>}
      {summary && <MergeSummaryView summary={summary} />}
    </form>
  );
}
