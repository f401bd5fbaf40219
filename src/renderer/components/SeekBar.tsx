/** Click-to-seek bar with the current coder's segments, the in/out range and the playhead. */
import { useMemo, useRef } from 'react';
import { useApp } from '../store';

export function SeekBar() {
  const bar = useRef<HTMLDivElement>(null);
  const durationMs = useApp((s) => s.durationMs);
  const currentMs = useApp((s) => s.currentMs);
  const inMs = useApp((s) => s.inMs);
  const outMs = useApp((s) => s.outMs);
  const segments = useApp((s) => s.segments);
  const coders = useApp((s) => s.project?.coders);
  const seek = useApp((s) => s.seek);
  const pct = (ms: number) => (durationMs > 0 ? `${(100 * ms) / durationMs}%` : '0%');
  const colorOf = useMemo(() => new Map(coders?.map((c) => [c.id, c.color])), [coders]);
  // draw at most one mark per pixel column so long projects stay cheap
  const marks = useMemo(() => {
    if (durationMs <= 0) return [];
    const seen = new Set<string>();
    return segments.filter((s) => {
      const key = `${s.coderId}:${Math.round((1000 * s.startMs) / durationMs)}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }, [segments, durationMs]);

  return (
    <div
      className="seekbar"
      ref={bar}
      data-testid="seekbar"
      role="slider"
      aria-label="Seek"
      aria-valuemin={0}
      aria-valuemax={durationMs}
      aria-valuenow={currentMs}
      onMouseDown={(e) => {
        const r = bar.current!.getBoundingClientRect();
        seek(Math.round(((e.clientX - r.left) / r.width) * durationMs));
      }}
    >
      {marks.map((s) => (
        <span
          key={s.id}
          className="seek-seg"
          style={{ left: pct(s.startMs), width: s.endMs > s.startMs ? pct(s.endMs - s.startMs) : '2px', background: colorOf.get(s.coderId) }}
        />
      ))}
      {inMs !== null && <span className="seek-range" style={{ left: pct(inMs), width: pct((outMs ?? currentMs) - inMs) }} />}
      <span className="seek-head" style={{ left: pct(currentMs) }} />
    </div>
  );
}
