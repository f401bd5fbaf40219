/**
 * "Accept N agreed ranges", step two: lists the consensus ranges each decision will write (the
 * same bulkAgreePlan the service applies) and writes them only on confirmation, as one undo step.
 */
import { bulkAgreePlan } from '../../../shared/merge/consensus';
import { formatTimecode } from '../../../shared/time';
import { useApp } from '../../store';
import { plural } from '../../../shared/plural';
import { displayPath } from '../../../shared/codebook';

const span = (a: number, b: number) => (a === b ? formatTimecode(a) : `${formatTimecode(a)}–${formatTimecode(b)}`);

export function BulkAgreePreview({ onClose }: { onClose: () => void }) {
  const queue = useApp((s) => s.reconcileQueue);
  const busy = useApp((s) => s.reconcileBusy);
  if (!queue) return null;
  let plan;
  try {
    plan = bulkAgreePlan(queue.agreed);
  } catch (e) {
    return <p className="error" role="alert">{(e as Error).message}</p>;
  }
  const n = plan.length;
  const write = async () => {
    await useApp.getState().bulkAgreeReconcile('All coders agree');
    onClose();
  };
  return (
    <section className="rc-bulk-preview" aria-label="Accept agreed ranges" data-testid="rc-bulk-preview">
      <p>
        <strong>{plural(n, 'decision')}</strong> will be written to the consensus, rationale “All coders agree”
        (one step: Ctrl+Z takes all of them back):
      </p>
      <ul>
        {plan.map((l) => (
          <li key={l.key} data-testid="rc-bulk-line">
            {displayPath(l.codeName)} {span(l.startMs, l.endMs)} → consensus {l.ranges.map((r) => span(r.startMs, r.endMs)).join(', ') || 'nothing'}
          </li>
        ))}
      </ul>
      <div className="rc-bulk-actions">
        <button className="primary" disabled={busy || n === 0} onClick={() => void write()} data-testid="rc-bulk-confirm">Write {plural(n, 'decision')}</button>
        <button onClick={onClose}>Cancel</button>
      </div>
    </section>
  );
}
