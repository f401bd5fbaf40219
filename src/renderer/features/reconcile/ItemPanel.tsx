/** The current disagreement: play its range, compare the coders' lanes, decide (with a rationale) or undo. */
import { useEffect, useState } from 'react';
import { formatTimecode } from '../../../shared/time';
import type { QueueItem } from '../../../shared/merge/types';
import { useApp } from '../../store';
import { player } from '../../store/playerSlice';
import { Lanes } from './Lanes';
import { useCoderLabels } from '../../hooks/useCoderLabels';

const range = (a: number, b: number, point: boolean) => (point && a === b ? formatTimecode(a) : `${formatTimecode(a)}–${formatTimecode(b)}`);

/** What a decision put in the consensus: a range, one point, or (points kept) each point. */
function consensusLabel(item: QueueItem, action: string, r: { startMs: number; endMs: number }): string {
  if (!item.pointEvent) return range(r.startMs, r.endMs, false);
  if (action === 'union') return `markers at ${[...new Set(item.segments.map((x) => x.startMs))].sort((a, b) => a - b).map((t) => formatTimecode(t)).join(', ')}`;
  return `marker at ${formatTimecode(r.startMs)}`;
}

export function ItemPanel() {
  const queue = useApp((s) => s.reconcileQueue);
  const key = useApp((s) => s.reconcileKey);
  const draft = useApp((s) => s.reconcileDraft);
  const busy = useApp((s) => s.reconcileBusy);
  const decide = useApp((s) => s.decideReconcile);
  const undo = useApp((s) => s.undoReconcile);
  const select = useApp((s) => s.selectReconcileItem);
  const labels = useCoderLabels();
  const [rationale, setRationale] = useState('');
  const [stopAt, setStopAt] = useState<number | null>(null);
  const currentMs = useApp((s) => s.currentMs);
  const item = queue?.items.find((i) => i.key === key) ?? null;

  useEffect(() => setRationale(''), [key]);
  // "Play range" stops at the end of the range
  useEffect(() => {
    if (stopAt !== null && currentMs >= stopAt) {
      player()?.pause();
      setStopAt(null);
    }
  }, [currentMs, stopAt]);

  if (!queue) return null;
  if (!item) return <div className="rc-item-panel muted">Choose a disagreement in the queue.</div>;
  const span = draft ?? { startMs: item.startMs, endMs: item.endMs };
  const d = item.decision;
  const decidedRange = d && d.startMs !== null && d.endMs !== null ? { startMs: d.startMs, endMs: d.endMs } : null;
  const play = () => {
    const s = useApp.getState();
    s.seek(Math.max(0, item.startMs - 500));
    setStopAt(item.endMs + 500);
    player()?.play();
  };
  const next = () => {
    const i = queue.items.findIndex((x) => x.key === item.key);
    const after = [...queue.items.slice(i + 1), ...queue.items.slice(0, i)].find((x) => !x.decision);
    if (after) {
      select(after.key);
      useApp.getState().seek(after.startMs);
    }
  };
  const go = async (action: Parameters<typeof decide>[0], chosenCoderId?: string) => {
    if (await decide(action, { rationale: rationale.trim(), chosenCoderId })) setRationale('');
  };

  return (
    <section className="rc-item-panel" aria-label="Current disagreement" data-testid="rc-item-panel">
      <header className="rc-item-head">
        <div>
          <h3>{item.codeName}</h3>
          <span className="rc-item-time">{range(item.startMs, item.endMs, item.pointEvent)}</span>
          {item.pointEvent && <span className="rc-tag">point events</span>}
        </div>
        <span className="spacer" />
        <button onClick={play} title="Play the range (from ½ s before to ½ s after)">▶ Play range</button>
        <button onClick={next} disabled={queue.decided === queue.total}>Next open ›</button>
      </header>
      <p className="muted rc-who">
        Applied by {item.codersApplied.map((c) => labels.get(c)).join(', ')}; not by {item.codersNotApplied.map((c) => labels.get(c)).join(', ') || '—'}.
      </p>
      <Lanes item={item} range={span} decidedRange={decidedRange} />
      {d ? (
        <div className="rc-decided" data-testid="rc-decided">
          <p>
            <strong>Decided: {d.action}{d.chosenCoderId ? ` ${labels.get(d.chosenCoderId)}'s reading` : ''}</strong>
            {decidedRange ? ` → consensus ${consensusLabel(item, d.action, decidedRange)}` : ' → not in the consensus'}
            <span className="muted"> · {d.by}, {new Date(d.at).toLocaleString()}</span>
          </p>
          {d.rationale && <p className="rc-rationale">“{d.rationale}”</p>}
          <button className="danger" disabled={busy} onClick={() => void undo(d.id)}>Undo decision</button>
        </div>
      ) : (
        <div className="rc-actions">
          <textarea rows={2} value={rationale} onChange={(e) => setRationale(e.target.value)} placeholder="Why? (kept in the decision log)" aria-label="Rationale" />
          {item.pointEvent ? (
            <div className="row" data-testid="rc-point-actions">
              {item.codersApplied.map((c) => (
                <button key={c} disabled={busy} onClick={() => void go('accept', c)} title="One marker, at this coder's time">
                  Keep {labels.get(c)}'s time
                </button>
              ))}
              <button disabled={busy} onClick={() => void go('union')} title="Every coder's marker, each at its own time">Keep both</button>
              <button className="danger" disabled={busy} onClick={() => void go('drop')} title="No marker in the consensus here">Drop</button>
            </div>
          ) : (
          <div className="row">
            {item.codersApplied.map((c) => (
              <button key={c} disabled={busy} onClick={() => void go('accept', c)}>Accept {labels.get(c)}</button>
            ))}
            <button disabled={busy} onClick={() => void go('union')} title="The time any coder applied the code">Union</button>
            <button disabled={busy} onClick={() => void go('intersection')} title="The time every coder who applied it shares">Intersection</button>
            <button disabled={busy} onClick={() => void go('adjust')} title="The range set with the consensus handles">
              Adjusted {range(span.startMs, span.endMs, item.pointEvent)}
            </button>
            <button className="danger" disabled={busy} onClick={() => void go('drop')} title="Leave this code out of the consensus here">Drop</button>
          </div>
          )}
        </div>
      )}
    </section>
  );
}
