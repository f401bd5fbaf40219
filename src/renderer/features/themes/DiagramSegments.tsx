/** The segments behind the clicked diagram node or link; clicking one opens it in the coding screen. */
import { formatTimecode } from '../../../shared/time';
import { useApp } from '../../store';

export function DiagramSegments() {
  const target = useApp((s) => s.diagramTarget);
  const list = useApp((s) => s.diagramSegments);
  const open = useApp((s) => s.openSegment);
  const select = useApp((s) => s.selectDiagram);
  if (!target) return <aside className="th-segs panel"><p className="empty-hint">Click a node or a contradiction in the diagram to list its segments here.</p></aside>;
  return (
    <aside className="th-segs panel" aria-label="Segments of the selection">
      <div className="panel-head">
        <h2 title={target.label}>{target.label}</h2>
        <span className="count">{list.length}</span>
        <button className="icon" aria-label="Close the list" onClick={() => void select(null)}>×</button>
      </div>
      {list.length === 0 && <p className="empty-hint">No segments in this scope.</p>}
      <ol className="th-seg-list" data-testid="diagram-segments">
        {list.map((s) => (
          <li key={s.segmentId}>
            <button className="th-seg" onClick={() => void open(s)} title="Open in the coding screen at this time">
              <span className="seg-time">
                {s.mediaName} @ {formatTimecode(s.startMs)}
                {s.endMs !== s.startMs && `–${formatTimecode(s.endMs)}`}
              </span>
              <span className="muted"> {s.coderName}</span>
              <span className="th-seg-codes">{s.codes.join(' · ')}</span>
              {s.contradictions?.map((k, i) => <span key={i} className="th-seg-k">⚡ {k}</span>)}
              {s.note && <span className="th-seg-note">{s.note}</span>}
            </button>
          </li>
        ))}
      </ol>
    </aside>
  );
}
