/** The merge summary: added / updated / unchanged / deleted per kind, conflicts and notes. */
import { MERGE_KINDS, type MergeSummary } from '../../../shared/merge/types';

export function MergeSummaryView({ summary }: { summary: MergeSummary }) {
  const t = summary.totals;
  const kinds = MERGE_KINDS.filter((k) => {
    const c = summary.counts[k];
    return c.added + c.updated + c.unchanged + c.deleted > 0;
  });
  return (
    <div className="rc-summary" data-testid="merge-summary">
      <p>
        <strong>{t.added}</strong> added, <strong>{t.updated}</strong> updated, <strong>{t.unchanged}</strong> unchanged,{' '}
        <strong>{t.deleted}</strong> deleted, <strong className={t.conflicts ? 'rc-warn' : ''}>{t.conflicts}</strong> conflicts
        {' '}from {summary.files.map((f) => f.coderName ?? f.projectName).join(', ')}.
      </p>
      <table className="rc-table">
        <thead><tr><th>Kind</th><th>Added</th><th>Updated</th><th>Unchanged</th><th>Deleted</th></tr></thead>
        <tbody>
          {kinds.map((k) => {
            const c = summary.counts[k];
            return <tr key={k}><td>{k}</td><td>{c.added}</td><td>{c.updated}</td><td>{c.unchanged}</td><td>{c.deleted}</td></tr>;
          })}
        </tbody>
      </table>
      {summary.conflicts.length > 0 && (
        <ul className="rc-conflicts" aria-label="Conflicts">
          {summary.conflicts.map((c, i) => <li key={i}><span className="rc-tag">{c.kind.replace(/_/g, ' ')}</span> {c.message}</li>)}
        </ul>
      )}
      {summary.notes.length > 0 && (
        <ul className="rc-notes" aria-label="Notes">
          {summary.notes.map((n, i) => <li key={i}>{n.message}</li>)}
        </ul>
      )}
    </div>
  );
}
