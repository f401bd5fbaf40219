/**
 * Segments of the current media, sorted by time, virtualised (tens of thousands stay smooth).
 * Click a row to seek there and select it; the selected row opens its editor.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState } from 'react';
import { codePath, type Code } from '../../shared/domain';
import { formatTimecode } from '../../shared/time';
import { useApp } from '../store';
import { SegmentEditor } from './SegmentEditor';

/** "Researchers › Subject": the path, so the two systems' elements are told apart. */
function codeLabel(c: Code, byId: Map<string, Code>): string {
  return codePath(c, byId).replace(/\//g, ' › ');
}

export function SegmentList() {
  const segments = useApp((s) => s.segments);
  const project = useApp((s) => s.project)!;
  const selectedId = useApp((s) => s.selectedSegmentId);
  const coderId = useApp((s) => s.coderId);
  const { selectSegment, seek } = useApp.getState();
  const [onlyMine, setOnlyMine] = useState(false);
  const scroller = useRef<HTMLDivElement>(null);
  const codes = useMemo(() => new Map(project.codes.map((c) => [c.id, c])), [project.codes]);
  const coders = useMemo(() => new Map(project.coders.map((c) => [c.id, c])), [project.coders]);
  const rows = useMemo(() => (onlyMine ? segments.filter((s) => s.coderId === coderId) : segments), [segments, onlyMine, coderId]);
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => (rows[i]!.id === selectedId ? 230 : 46),
    overscan: 8,
    getItemKey: (i) => rows[i]!.id,
  });

  return (
    <div className="segment-list">
      <div className="panel-head">
        <h2>Segments <span className="count" data-testid="segment-count">{rows.length}</span></h2>
        <label className="toggle"><input type="checkbox" checked={onlyMine} onChange={(e) => setOnlyMine(e.target.checked)} /> mine only</label>
      </div>
      <div className="segment-scroller" ref={scroller} data-testid="segment-list">
        <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {virtual.getVirtualItems().map((item) => {
            const seg = rows[item.index]!;
            const coder = coders.get(seg.coderId);
            const selected = seg.id === selectedId;
            return (
              <div
                key={item.key}
                data-index={item.index}
                ref={virtual.measureElement}
                className={`segment-row${selected ? ' selected' : ''}`}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${item.start}px)` }}
                data-testid="segment-row"
              >
                <button
                  className="segment-summary"
                  onClick={() => {
                    selectSegment(selected ? null : seg.id);
                    seek(seg.startMs);
                  }}
                >
                  <span className="dot" style={{ background: coder?.color }} title={coder?.name} />
                  <span className="seg-time">
                    {formatTimecode(seg.startMs)}
                    {seg.endMs > seg.startMs ? `–${formatTimecode(seg.endMs)}` : ' ◆'}
                  </span>
                  <span className="seg-codes">
                    {seg.codeIds.map((id) => {
                      const c = codes.get(id);
                      return (
                        <span key={id} className="chip" style={{ borderColor: c?.color }}>
                          {c ? codeLabel(c, codes) : '?'}
                        </span>
                      );
                    })}
                  </span>
                  {seg.note && <span className="seg-note">{seg.note}</span>}
                </button>
                {selected && <SegmentEditor segment={seg} />}
              </div>
            );
          })}
        </div>
        {rows.length === 0 && <p className="empty-hint">No segments yet. Press <kbd>I</kbd> and <kbd>O</kbd> to mark a range, then a code's hotkey.</p>}
      </div>
    </div>
  );
}
