/**
 * The "Merge & reconcile" screen: hand out coder files, merge them back (progress + summary),
 * then work through the queue of disagreements for a media and a set of coders: play each range,
 * compare the coders' lanes, decide (accept one reading, union, intersection, adjusted boundaries
 * or drop) with a rationale; undo any decision; accept agreed ranges in bulk; read the log.
 */
import { useEffect, useState } from 'react';
import { TransportBar } from '../../components/TransportBar';
import { VideoPlayer } from '../../components/VideoPlayer';
import { useApp } from '../../store';
import { CoderFileForm } from './CoderFileForm';
import { DecisionLog } from './DecisionLog';
import { ItemPanel } from './ItemPanel';
import { MergeForm } from './MergeForm';
import { QueueList } from './QueueList';
import { SelectionBar } from './SelectionBar';
import './reconcile.css';

export function ReconcileView() {
  const mediaId = useApp((s) => s.mediaId);
  const coders = useApp((s) => s.project?.coders);
  const error = useApp((s) => s.reconcileError);
  const isCoderFile = useApp((s) => !!s.project?.coderFileFor);
  const [files, setFiles] = useState(false);

  useEffect(() => {
    void useApp.getState().loadReconcile();
  }, [mediaId, coders]);

  return (
    <div className="reconcile-view" data-testid="reconcile-view">
      <div className="rc-files-bar">
        <button onClick={() => setFiles((v) => !v)} aria-expanded={files} data-testid="rc-files-toggle">
          {files ? '▾' : '▸'} Coder files: create, merge
        </button>
        {isCoderFile && <span className="muted">This is a coder file: merge it into the main project there.</span>}
      </div>
      {files && !isCoderFile && (
        <div className="rc-files">
          <CoderFileForm />
          <MergeForm />
        </div>
      )}
      <SelectionBar />
      {error && <p className="error rc-error" role="alert">{error}</p>}
      <div className="rc-body">
        <aside className="panel rc-queue-panel" aria-label="Queue">
          <div className="panel-head"><h2>Disagreements</h2></div>
          <QueueList />
        </aside>
        <section className="rc-center">
          <div className="rc-video"><VideoPlayer /></div>
          <TransportBar />
          <ItemPanel />
        </section>
        <aside className="panel rc-log-panel" aria-label="Decision log">
          <div className="panel-head"><h2>Decision log</h2></div>
          <DecisionLog />
        </aside>
      </div>
    </div>
  );
}
