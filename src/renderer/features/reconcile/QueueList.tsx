/** The queue of disagreements, ordered by time; decided ones show their action. */
import { formatTimecode } from '../../../shared/time';
import { useApp } from '../../store';
import { useCoderLabels } from '../../hooks/useCoderLabels';

export function QueueList() {
  const queue = useApp((s) => s.reconcileQueue);
  const current = useApp((s) => s.reconcileKey);
  const select = useApp((s) => s.selectReconcileItem);
  const seek = useApp((s) => s.seek);
  const labels = useCoderLabels();
  if (!queue) return null;
  if (queue.items.length === 0) return <p className="muted rc-empty">No disagreements between these coders on this media.</p>;
  return (
    <ol className="rc-queue" aria-label="Disagreements">
      {queue.items.map((it, i) => (
        <li key={it.key}>
          <button
            className={`rc-item${it.key === current ? ' current' : ''}${it.decision ? ' decided' : ''}`}
            aria-current={it.key === current ? 'true' : undefined}
            data-testid="rc-item"
            onClick={() => { select(it.key); seek(it.startMs); }}
          >
            <span className="rc-num">{i + 1}</span>
            <span className="rc-item-main">
              <span className="rc-item-code">{it.codeName}</span>
              <span className="rc-item-time">{formatTimecode(it.startMs)}{it.pointEvent ? '' : `–${formatTimecode(it.endMs)}`}</span>
              <span className="rc-item-coders">{it.codersApplied.map((c) => labels.get(c)).join(', ')} <span className="muted">vs</span> {it.codersNotApplied.map((c) => labels.get(c)).join(', ') || '—'}</span>
            </span>
            <span className={`rc-status${it.decision ? ' done' : ''}`}>{it.decision ? it.decision.action : 'open'}</span>
          </button>
        </li>
      ))}
    </ol>
  );
}
