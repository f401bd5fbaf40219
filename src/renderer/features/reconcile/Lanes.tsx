/**
 * Each coder's segments of the current item side by side (one lane per coder), the consensus
 * lane with two boundary handles (drag them to adjust the consensus range) and the playhead.
 * Plain SVG, stretched to the lane width; time ↔ x through the window [fromMs, toMs].
 */
import { useRef } from 'react';
import type { QueueItem } from '../../../shared/merge/types';
import { formatTimecode } from '../../../shared/time';
import { useApp } from '../../store';
import { useCoderColors, useCoderLabels } from '../../hooks/useCoderLabels';
import { selectQueueCoderIds } from '../../store/selectors';

const W = 1000;
const SNAP_MS = 40; // one frame at 25 fps

export function Lanes({ item, range, decidedRange }: { item: QueueItem; range: { startMs: number; endMs: number }; decidedRange: { startMs: number; endMs: number } | null }) {
  const coderIds = useApp(selectQueueCoderIds);
  const currentMs = useApp((s) => s.currentMs);
  const setDraft = useApp((s) => s.setReconcileDraft);
  const labels = useCoderLabels();
  const colors = useCoderColors();
  const track = useRef<HTMLDivElement>(null);
  const pad = Math.max(1000, Math.round((item.endMs - item.startMs) * 0.3));
  const fromMs = Math.max(0, item.startMs - pad);
  const toMs = item.endMs + pad;
  const x = (ms: number) => ((ms - fromMs) / (toMs - fromMs)) * W;
  const editable = !item.decision;

  const drag = (which: 'start' | 'end') => (e: React.PointerEvent) => {
    if (!editable) return;
    e.preventDefault();
    const el = track.current;
    if (!el) return;
    (e.target as Element).setPointerCapture?.(e.pointerId);
    const rect = el.getBoundingClientRect();
    const move = (ev: PointerEvent) => {
      const t = fromMs + ((ev.clientX - rect.left) / rect.width) * (toMs - fromMs);
      const ms = Math.max(0, Math.round(t / SNAP_MS) * SNAP_MS);
      const cur = useApp.getState().reconcileDraft ?? range;
      if (which === 'start') setDraft({ startMs: Math.min(ms, cur.endMs), endMs: cur.endMs });
      else setDraft({ startMs: cur.startMs, endMs: Math.max(ms, cur.startMs) });
    };
    const up = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  };

  // keyboard: ←/→ move a handle by one frame, Shift+←/→ by 1 s, Home/End to the window's edges
  const nudge = (which: 'start' | 'end') => (e: React.KeyboardEvent) => {
    if (!editable) return;
    const frame = useApp.getState().frameMs() || SNAP_MS;
    const step = e.shiftKey ? 1000 : frame;
    const cur = useApp.getState().reconcileDraft ?? range;
    const now = which === 'start' ? cur.startMs : cur.endMs;
    const to = e.key === 'ArrowLeft' ? now - step : e.key === 'ArrowRight' ? now + step : e.key === 'Home' ? fromMs : e.key === 'End' ? toMs : null;
    if (to === null) return;
    e.preventDefault();
    e.stopPropagation();
    const ms = Math.max(0, Math.round(to));
    setDraft(which === 'start' ? { startMs: Math.min(ms, cur.endMs), endMs: cur.endMs } : { startMs: cur.startMs, endMs: Math.max(ms, cur.startMs) });
  };
  const handle = (which: 'start' | 'end', at: number) => (
    <button
      type="button"
      role="slider"
      className="rc-handle"
      style={{ left: `${(x(at) / W) * 100}%` }}
      onPointerDown={drag(which)}
      onKeyDown={nudge(which)}
      aria-label={`Consensus ${which}`}
      aria-valuemin={0}
      aria-valuemax={Math.round(toMs)}
      aria-valuenow={at}
      aria-valuetext={formatTimecode(at)}
      aria-orientation="horizontal"
      title={`Consensus ${which}: drag, or ←/→ by one frame, Shift+←/→ by 1 s`}
      data-testid={`rc-handle-${which}`}
    />
  );

  const bar = (key: string, s: { startMs: number; endMs: number }, color: string, title: string) =>
    s.startMs === s.endMs
      ? <rect key={key} x={x(s.startMs) - 3} y={4} width={6} height={22} fill={color}><title>{title}</title></rect>
      : <rect key={key} x={x(s.startMs)} y={6} width={Math.max(2, x(s.endMs) - x(s.startMs))} height={18} rx={3} fill={color} opacity={0.85}><title>{title}</title></rect>;
  const playhead = currentMs >= fromMs && currentMs <= toMs ? <line x1={x(currentMs)} x2={x(currentMs)} y1={0} y2={30} className="rc-playhead" /> : null;
  const shown = decidedRange ?? (item.decision ? null : range);

  return (
    <div className="rc-lanes" data-testid="rc-lanes">
      {coderIds.map((c) => {
        const segs = item.segments.filter((s) => s.coderId === c);
        return (
          <div className="rc-lane" key={c}>
            <span className="rc-lane-label"><span className="dot" style={{ background: colors.get(c) }} /> {labels.get(c)}</span>
            <svg className="rc-track" viewBox={`0 0 ${W} 30`} preserveAspectRatio="none" aria-label={`${labels.get(c)}: ${segs.length ? segs.map((s) => `${formatTimecode(s.startMs)}–${formatTimecode(s.endMs)}`).join(', ') : 'not applied'}`}>
              <rect x={0} y={0} width={W} height={30} className="rc-track-bg" />
              {segs.map((s) => bar(s.id, s, colors.get(c) ?? '#888', `${formatTimecode(s.startMs)}–${formatTimecode(s.endMs)}`))}
              {playhead}
            </svg>
          </div>
        );
      })}
      <div className="rc-lane consensus">
        <span className="rc-lane-label"><span className="dot" style={{ background: '#222' }} /> Consensus</span>
        <div className="rc-track-wrap" ref={track}>
          <svg className="rc-track" viewBox={`0 0 ${W} 30`} preserveAspectRatio="none">
            <rect x={0} y={0} width={W} height={30} className="rc-track-bg" />
            {shown && bar('c', shown, item.decision ? '#222' : 'rgba(34,34,34,.35)', 'consensus')}
            {playhead}
          </svg>
          {editable && shown && (
            <>
              {handle('start', shown.startMs)}
              {handle('end', shown.endMs)}
            </>
          )}
        </div>
      </div>
      <div className="rc-axis"><span>{formatTimecode(fromMs)}</span><span>{formatTimecode(toMs)}</span></div>
    </div>
  );
}
