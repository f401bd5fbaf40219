/** The decision log of this media, newest first: who decided what, when and why (undone ones struck through). */
import { formatTimecode } from '../../../shared/time';
import { useApp } from '../../store';

const when = (ms: number) => new Date(ms).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' });

export function DecisionLog() {
  const log = useApp((s) => s.reconcileLog);
  const rows = [...log].reverse();
  if (rows.length === 0) return <div className="rc-log" data-testid="rc-log"><p className="muted rc-empty">No decisions yet.</p></div>;
  return (
    <ol className="rc-log" data-testid="rc-log" aria-label="Decisions">
      {rows.map((e) => (
        <li key={e.decisionId} className={e.undoneAt !== null ? 'undone' : ''} data-testid="rc-log-row">
          <div className="rc-log-meta"><strong>{e.by}</strong> · {when(e.at)}</div>
          <div>
            <span className="rc-tag">{e.action}{e.chosenCoder ? ` ${e.chosenCoder}` : ''}</span> {e.code}
          </div>
          <div className="rc-item-time">
            {e.resultStartMs !== null && e.resultEndMs !== null
              ? `→ ${formatTimecode(e.resultStartMs)}–${formatTimecode(e.resultEndMs)}`
              : `${formatTimecode(e.startMs)}–${formatTimecode(e.endMs)} left out`}
          </div>
          {e.rationale && <div className="rc-why">“{e.rationale}”</div>}
          {e.undoneAt !== null && <div className="rc-undone">undone by {e.undoneBy} · {when(e.undoneAt)}</div>}
        </li>
      ))}
    </ol>
  );
}
