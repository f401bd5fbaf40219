/**
 * The waveform track above the timeline's tracks: the recording's sound envelope, zooming and
 * panning with the timeline (it is drawn in the timeline's draw, from the same view). The
 * envelope is computed in the background on request (progress bar, Cancel) and cached in the study.
 */
import { useEffect, type RefObject } from 'react';
import type { WaveformEnvelope } from '../../../shared/contract/sync';
import { buildPyramid, columnPeaks, type Pyramid } from '../../../shared/sync/peaks';
import type { View } from '../../../shared/timeline/scale';
import { useApp } from '../../store';
import { WaveformProgress } from './WaveformProgress';

export const WAVE_H = 30;

export function WaveformStrip({ canvasRef, width, gutter, onReady }: { canvasRef: RefObject<HTMLCanvasElement | null>; width: number; gutter: number; onReady: () => void }) {
  const mediaId = useApp((s) => s.mediaId);
  const env = useApp((s) => (s.mediaId ? s.waveforms[s.mediaId] : undefined));
  const shown = useApp((s) => s.showWaveform);
  useEffect(() => {
    if (mediaId && env === undefined) void useApp.getState().loadWaveform(mediaId).catch(() => undefined);
  }, [mediaId, env]);
  useEffect(onReady, [env, shown, onReady]);
  if (!mediaId) return null;
  return (
    <>
      <WaveformProgress mediaId={mediaId} />
      {env && shown && <canvas ref={canvasRef} className="tl-wave" data-testid="waveform-track" style={{ width, height: WAVE_H }} data-gutter={gutter} />}
    </>
  );
}

/** Toolbar button: compute the waveform (none cached yet), or show/hide it. */
export function WaveformButton() {
  const mediaId = useApp((s) => s.mediaId);
  const env = useApp((s) => (s.mediaId ? s.waveforms[s.mediaId] : undefined));
  const running = useApp((s) => (s.mediaId ? s.waveformJobs[s.mediaId]?.state === 'running' : false));
  const shown = useApp((s) => s.showWaveform);
  if (!mediaId) return null;
  const s = useApp.getState();
  if (!env) {
    return <button disabled={running} onClick={() => void s.startWaveform(mediaId).catch(() => undefined)} title="Decode the recording's sound and draw it as a track (in the background)" data-testid="waveform-compute">♪ Waveform</button>;
  }
  return <button className={shown ? 'active' : ''} aria-pressed={shown} onClick={() => s.setShowWaveform(!shown)} title="Show the sound track">♪ Waveform</button>;
}

const pyramids = new WeakMap<WaveformEnvelope, Pyramid>();
/** The envelope's max pyramid, built once per envelope (decoded from its base64 levels). */
export function pyramidOf(env: WaveformEnvelope): Pyramid {
  let p = pyramids.get(env);
  if (!p) {
    const bin = atob(env.levels);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    pyramids.set(env, (p = buildPyramid(bytes, env.rateHz)));
  }
  return p;
}

/** Draws the current recording's envelope for the timeline's view (called from the timeline's draw). */
export function drawWaveform(canvas: HTMLCanvasElement | null, view: View, width: number, gutter: number, playheadMs: number): void {
  const s = useApp.getState();
  const env = s.mediaId ? s.waveforms[s.mediaId] : null;
  if (!canvas || !env) return;
  const dpr = window.devicePixelRatio || 1;
  if (canvas.width !== Math.round(width * dpr) || canvas.height !== Math.round(WAVE_H * dpr)) {
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(WAVE_H * dpr);
  }
  const ctx = canvas.getContext('2d', { alpha: false })!;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.fillStyle = '#f4f6f8';
  ctx.fillRect(0, 0, width, WAVE_H);
  ctx.fillStyle = '#4b5563';
  ctx.font = '11px system-ui, "DejaVu Sans", sans-serif';
  ctx.textBaseline = 'middle';
  ctx.fillText('♪ Sound', 12, WAVE_H / 2);
  const cols = Math.max(0, Math.floor(width - gutter));
  const peaks = columnPeaks(pyramidOf(env), view.startMs, view.endMs, cols);
  const mid = WAVE_H / 2;
  ctx.fillStyle = '#5b7a99';
  for (let c = 0; c < cols; c++) {
    const h = Math.max(1, (peaks[c]! / 255) * (WAVE_H - 4));
    ctx.fillRect(gutter + c, mid - h / 2, 1, h);
  }
  const p = gutter + ((playheadMs - view.startMs) / (view.endMs - view.startMs)) * (width - gutter);
  if (p >= gutter && p <= width) {
    ctx.fillStyle = '#d62728';
    ctx.fillRect(Math.round(p) - 1, 0, 2, WAVE_H);
  }
}
