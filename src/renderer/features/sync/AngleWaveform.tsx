/**
 * An audio-only angle's tile: its waveform around its current time (±5 s, the playhead in the
 * middle), as ELAN and BORIS show a sound file. The cached envelope is used when there is one;
 * otherwise it is computed on demand by the same background job as the timeline's track (with
 * its progress bar). Drawn on each animation frame in which the angle's time moved.
 */
import { useEffect, useRef, useState, type RefObject } from 'react';
import type { WaveformEnvelope } from '../../../shared/contract/sync';
import { columnPeaks } from '../../../shared/sync/peaks';
import { useApp } from '../../store';
import { WaveformProgress } from './WaveformProgress';
import { pyramidOf } from './WaveformStrip';

const HALF_WINDOW_MS = 5000;

export function AngleWaveform({ mediaId, timeMs }: { mediaId: string; timeMs: () => number }) {
  const env = useApp((s) => s.waveforms[mediaId]);
  const job = useApp((s) => s.waveformJobs[mediaId]);
  const [refused, setRefused] = useState('');
  useEffect(() => {
    const s = useApp.getState();
    const why = (e: unknown) => setRefused(e instanceof Error ? e.message : String(e));
    if (env === undefined) void s.loadWaveform(mediaId).catch(why);
    else if (env === null && !job) void s.startWaveform(mediaId).catch(why);
  }, [mediaId, env, job]);
  const problem = refused || (job?.state === 'failed' ? job.message ?? 'The sound could not be read.' : '');
  const canvas = useRef<HTMLCanvasElement>(null);
  useRedrawWhileMounted(canvas, env ?? null, timeMs);
  return (
    <div className="angle-audio" data-testid="angle-audio">
      {env ? <canvas ref={canvas} data-testid="angle-waveform" /> : <WaveformProgress mediaId={mediaId} />}
      {problem && <span className="angle-audio-problem" data-testid="angle-audio-problem">{problem}</span>}
    </div>
  );
}

function useRedrawWhileMounted(canvas: RefObject<HTMLCanvasElement | null>, env: WaveformEnvelope | null, timeMs: () => number): void {
  useEffect(() => {
    if (!env) return;
    let raf = 0;
    let last = '';
    const tick = () => {
      const c = canvas.current;
      const t = timeMs();
      const key = c ? `${t}:${c.clientWidth}x${c.clientHeight}` : '';
      if (c && key !== last) {
        drawAround(c, env, t);
        last = key;
      }
      raf = requestAnimationFrame(tick);
    };
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, [canvas, env, timeMs]);
}

/** The envelope from t − 5 s to t + 5 s, one bar per pixel column, and the playhead at t. */
function drawAround(c: HTMLCanvasElement, env: WaveformEnvelope, tMs: number): void {
  const dpr = window.devicePixelRatio || 1;
  const w = Math.max(1, c.clientWidth);
  const h = Math.max(1, c.clientHeight);
  if (c.width !== Math.round(w * dpr) || c.height !== Math.round(h * dpr)) [c.width, c.height] = [Math.round(w * dpr), Math.round(h * dpr)];
  const ctx = c.getContext('2d', { alpha: false })!;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.fillStyle = '#101820';
  ctx.fillRect(0, 0, w, h);
  const cols = Math.floor(w);
  const peaks = columnPeaks(pyramidOf(env), tMs - HALF_WINDOW_MS, tMs + HALF_WINDOW_MS, cols);
  ctx.fillStyle = '#7fb3e0';
  for (let x = 0; x < cols; x++) {
    const bar = Math.max(1, (peaks[x]! / 255) * (h * 0.8));
    ctx.fillRect(x, (h - bar) / 2, 1, bar);
  }
  ctx.fillStyle = '#ff5a4f';
  ctx.fillRect(Math.round(w / 2) - 1, 0, 2, h);
}
