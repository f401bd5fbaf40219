/** Media and coder set of the queue, progress (n of m decided) and bulk acceptance of agreed ranges. */
import { useState } from 'react';
import { useApp } from '../../store';
import { BulkAgreePreview } from './BulkAgreePreview';
import { useCoderLabels } from '../../hooks/useCoderLabels';
import { plural } from '../../../shared/plural';

export function SelectionBar() {
  const project = useApp((s) => s.project)!;
  const mediaId = useApp((s) => s.mediaId);
  const queue = useApp((s) => s.reconcileQueue);
  const busy = useApp((s) => s.reconcileBusy);
  const selectMedia = useApp((s) => s.selectMedia);
  const setCoders = useApp((s) => s.setReconcileCoders);
  const [preview, setPreview] = useState(false);
  /** The coder set just asked for, shown at once while its queue loads (the box must not flip back). */
  const [asked, setAsked] = useState<string[] | null>(null);
  const labels = useCoderLabels();
  const coders = project.coders.filter((c) => !c.isConsensus);
  const chosen = new Set(asked ?? queue?.coderIds ?? []);
  const pct = queue && queue.total ? Math.round((100 * queue.decided) / queue.total) : 0;

  const toggle = (id: string) => {
    const next = coders.map((c) => c.id).filter((c) => (c === id ? !chosen.has(c) : chosen.has(c)));
    setAsked(next);
    void setCoders(next).finally(() => setAsked(null));
  };

  return (
    <>
    <div className="rc-selection">
      <label className="rc-field inline">
        <span>Media</span>
        <select value={mediaId ?? ''} onChange={(e) => void selectMedia(e.target.value)} aria-label="Reconcile media">
          {project.media.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
        </select>
      </label>
      <fieldset className="rc-coders">
        <legend>Coders</legend>
        {coders.map((c) => (
          <label key={c.id} className="rc-coder" title={`id ${c.id}`}>
            <input type="checkbox" checked={chosen.has(c.id)} onChange={() => toggle(c.id)} data-testid={`rc-coder-${labels.get(c.id)}`} />
            <span className="dot" style={{ background: c.color }} /> {labels.get(c.id)}
          </label>
        ))}
      </fieldset>
      {queue && (
        <div className="rc-progress" data-testid="rc-progress">
          <strong>{queue.decided} of {queue.total} decided</strong>
          <div className="rc-bar" aria-hidden="true"><div style={{ width: `${pct}%` }} /></div>
        </div>
      )}
      <span className="spacer" />
      {queue && (
        <button disabled={busy || queue.agreedUndecided === 0} aria-expanded={preview} onClick={() => setPreview((v) => !v)} data-testid="rc-bulk"
          title="Shows the agreed ranges (every chosen coder applied the code) and what each writes to the consensus, before writing them">
          Accept {plural(queue.agreedUndecided, 'agreed range')}…
        </button>
      )}
    </div>
    {preview && queue && <BulkAgreePreview onClose={() => setPreview(false)} />}
    </>
  );
}
