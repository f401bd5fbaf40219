/**
 * Click-to-seek bar with every coder's segments, the in/out range and the playhead. The segment
 * marks (the whole media's, compact, from segmentMarks) are painted on a canvas (one rectangle
 * per pixel column and coder at most), so tens of thousands of segments cost no DOM nodes.
 */
import { useEffect, useMemo, useRef } from 'react';
import { useApp } from '../store';
import { useVisibleMarks } from '../hooks/useBlindCoding';

export function SeekBar() {
  const bar = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const durationMs = useApp((s) => s.durationMs);
  const currentMs = useApp((s) => s.currentMs);
  const inMs = useApp((s) => s.inMs);
  const outMs = useApp((s) => s.outMs);
  const marks = useVisibleMarks(useApp((s) => s.marks));
  const coders = useApp((s) => s.project?.coders);
  const seek = useApp((s) => s.seek);
  const pct = (ms: number) => (durationMs > 0 ? `${(100 * ms) / durationMs}%` : '0%');
  const colorOf = useMemo(() => new Map(coders?.map((c) => [c.id, c.color])), [coders]);

  useEffect(() => {
    const c = canvas.current;
    if (!c) return;
    const draw = () => {
      const width = c.clientWidth;
      const ratio = window.devicePixelRatio || 1;
      c.width = Math.max(1, Math.round(width * ratio));
      c.height = Math.round(8 * ratio);
      const ctx = c.getContext('2d');
      if (!ctx || durationMs <= 0) return;
      ctx.scale(ratio, ratio);
      ctx.globalAlpha = 0.75;
      const seen = new Set<string>();
      const m = marks?.marks ?? [];
      for (let k = 0; k < m.length; k += 4) {
        const x = Math.floor((m[k]! / durationMs) * width);
        const w = Math.max(2, ((m[k + 1]! - m[k]!) / durationMs) * width);
        const key = `${m[k + 2]}:${x}:${Math.round(w)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        ctx.fillStyle = colorOf.get(marks!.coderIds[m[k + 2]!]!) ?? '#888';
        ctx.fillRect(x, 1, w, 6);
      }
    };
    draw();
    const ro = new ResizeObserver(draw);
    ro.observe(c);
    return () => ro.disconnect();
  }, [marks, durationMs, colorOf]);

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
      <canvas className="seek-marks" ref={canvas} />
      {inMs !== null && <span className="seek-range" style={{ left: pct(inMs), width: pct((outMs ?? currentMs) - inMs) }} />}
      <span className="seek-head" style={{ left: pct(currentMs) }} />
    </div>
  );
}
