/**
 * "Merge coder files…": one or many files chosen with the app's file picker, a confirmation (a
 * merge cannot be undone: undo stops at it), a progress bar, the summary.
 */
import { useState } from 'react';
import { STUDY_TYPES } from '../../../shared/studies/picker';
import { useApp } from '../../store';
import { PickButton } from '../studies/PickButton';
import { MergeSummaryView } from './MergeSummaryView';

export function MergeForm() {
  const progress = useApp((s) => s.mergeProgress);
  const summary = useApp((s) => s.mergeSummary);
  const error = useApp((s) => s.mergeError);
  const merge = useApp((s) => s.mergeFiles);
  const [paths, setPaths] = useState<string[]>([]);
  const [confirming, setConfirming] = useState(false);
  const running = !!progress && progress.done < progress.total;

  return (
    <form className="rc-card" aria-label="Merge coder files" onSubmit={(e) => {
      e.preventDefault();
      if (!confirming) return setConfirming(true);
      setConfirming(false);
      void merge(paths);
    }}>
      <h3>Merge coder files…</h3>
      <p className="muted">Choose one or many coder files. Merging the same file again only brings in what changed; a bad file stops the merge before anything is written.</p>
      <PickButton label="Choose coder files…" testId="merge-choose" disabled={running} req={{ mode: 'open', title: 'Coder files to merge', accept: STUDY_TYPES, multiple: true }} onPick={(_, all) => setPaths(all)} />
      {paths.length > 0 && <ul className="muted" aria-label="Coder files to merge">{paths.map((p) => <li key={p}><code>{p}</code></li>)}</ul>}
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
