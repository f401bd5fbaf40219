/**
 * Segments of the current media, sorted by time, virtualised (tens of thousands stay smooth).
 * Click a row to seek there and select it; the selected row opens its editor.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import { codeLabel } from '../../../shared/codebook';
import { formatTimecode } from '../../../shared/time';
import { useApp } from '../../store';
import { useCoderLabels } from '../../hooks/useCoderLabels';
import { useVisible } from '../../hooks/useBlindCoding';
import { SegmentEditor } from './SegmentEditor';
import { ParticipantChips, useParticipantLooks } from '../participants/chips';

export function SegmentList() {
  const segments = useVisible(useApp((s) => s.segments));
  const project = useApp((s) => s.project)!;
  const selectedId = useApp((s) => s.selectedSegmentId);
  const coderId = useApp((s) => s.coderId);
  const labels = useCoderLabels();
  const looks = useParticipantLooks();
  const { selectSegment, seek } = useApp.getState();
  const [onlyMine, setOnlyMine] = useState(false);
  const [follow, setFollow] = useState(true);
  const currentMs = useApp((s) => s.currentMs);
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

  // follow the playhead: keep the last segment that starts at or before it at the top
  const playheadIndex = useMemo(() => lastStartingBefore(rows, currentMs), [rows, currentMs]);
  useEffect(() => {
    if (follow && playheadIndex >= 0) virtual.scrollToIndex(playheadIndex, { align: 'start' });
  }, [follow, playheadIndex, virtual]);
  // a newly created or selected segment is brought into view
  useEffect(() => {
    const i = selectedId ? rows.findIndex((r) => r.id === selectedId) : -1;
    if (i >= 0) virtual.scrollToIndex(i, { align: 'auto' });
  }, [selectedId, rows, virtual]);

  return (
    <div className="segment-list">
      <div className="panel-head">
        <h2>Segments <span className="count" data-testid="segment-count">{rows.length}</span></h2>
        <span>
          <label className="toggle"><input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} /> follow</label>{' '}
          <label className="toggle"><input type="checkbox" checked={onlyMine} onChange={(e) => setOnlyMine(e.target.checked)} /> mine only</label>
        </span>
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
                className={`segment-row${selected ? ' selected' : ''}${seg.startMs <= currentMs && currentMs < Math.max(seg.endMs, seg.startMs + 1) ? ' current' : ''}`}
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
                  <span className="dot" style={{ background: coder?.color }} title={coder ? labels.get(coder.id) : undefined} />
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
                  <ParticipantChips ids={seg.participantIds} looks={looks} />
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

/** Index of the last segment (sorted by start) starting at or before t; -1 if none. */
function lastStartingBefore(rows: { startMs: number }[], t: number): number {
  let lo = 0;
  let hi = rows.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid]!.startMs <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
