/** The segments behind the clicked cell; clicking one opens it in the coding screen (its media, the player at its start, selected). */
import { COMPARE_LIST_MAX } from '../../../shared/contract/compare';
import { formatTimecode } from '../../../shared/time';
import { useApp } from '../../store';
import { ParticipantChips, useParticipantLooks } from '../participants/chips';

export function CellSegments() {
  const cell = useApp((s) => s.compareCell);
  const list = useApp((s) => s.compareList);
  const error = useApp((s) => s.compareListError);
  const open = useApp((s) => s.openCompareSegment);
  const looks = useParticipantLooks();
  if (!cell) return <aside className="panel cmp-segs"><p className="empty-hint">Click a cell of the table to list the segments behind it here.</p></aside>;
  return (
    <aside className="panel cmp-segs" aria-label="Segments of the cell">
      <div className="panel-head">
        <h2 title={cell.label}>{cell.label}</h2>
        <span className="count" data-testid="cmp-cell-count">{list ? list.total : error ? '!' : '…'}</span>
        <button className="icon" aria-label="Close the list" onClick={() => useApp.setState({ compareCell: null, compareList: null, compareListError: null })}>×</button>
      </div>
      {!list && !error && <p className="muted cmp-more" data-testid="cmp-cell-loading">Listing the segments…</p>}
      {error && <p className="error cmp-more" role="alert" data-testid="cmp-cell-error">{error}</p>}
      {list?.contradictionIds && <ContradictionsLine n={list.contradictionIds.length} segments={list.total} />}
      {list && list.total === 0 && !list.contradictionIds && <p className="empty-hint">No segments in this cell.</p>}
      {list && list.total > list.segments.length && <p className="muted cmp-more">The first {COMPARE_LIST_MAX} of {list.total}, in time order.</p>}
      <ol className="cmp-seg-list" data-testid="cmp-cell-segments">
        {list?.segments.map((s) => (
          <li key={s.segmentId}>
            <button className="cmp-seg" onClick={() => void open(s)} title="Open in the coding screen at this time" data-testid="cmp-cell-segment">
              <span className="seg-time">
                {s.mediaName} @ {formatTimecode(s.startMs)}
                {s.endMs !== s.startMs && `–${formatTimecode(s.endMs)}`}
                <span className="muted"> {s.coderName}</span>
              </span>
              <span className="cmp-seg-codes">{s.codes.join(' · ')}</span>
              <ParticipantChips ids={s.participantIds} looks={looks} />
              {s.note && <span className="cmp-seg-note">{s.note}</span>}
            </button>
          </li>
        ))}
      </ol>
    </aside>
  );
}

/** A contradiction cell counts contradictions; the list holds their evidence segments in the column (maybe none: a contradiction can name the person itself). */
function ContradictionsLine({ n, segments }: { n: number; segments: number }) {
  const what = `${n} contradiction${n === 1 ? '' : 's'} counted`;
  return (
    <p className="muted cmp-more" data-testid="cmp-cell-contradictions">
      {segments > 0 ? `${what}; their evidence segments in this column:` : `${what}; none of their evidence segments is about this column (the contradictions name it directly).`}
    </p>
  );
}
