/**
 * The waveform track's drawing data for a five-hour recording (100 Hz envelope: 1.8 million
 * levels): the max pyramid built once, then the per-column peaks of a 1,400-pixel-wide timeline
 * at the whole recording, an hour, a minute and a second (the part of each redraw that grows
 * with the recording; the canvas fills are one per column). Target: within the timeline's 16 ms
 * frame budget.
 */
import { buildPyramid, columnPeaks } from '../src/shared/sync/peaks';
import { medianMs, type BenchFigure } from './run';

export async function run(): Promise<BenchFigure[]> {
  const n = 5 * 3600 * 100;
  const env = new Uint8Array(n);
  let x = 7;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    env[i] = (x >>> 24) & (i % 700 < 400 ? 255 : 15); // speech turns and pauses
  }
  let pyr = buildPyramid(env, 100);
  const build = await medianMs(5, () => (pyr = buildPyramid(env, 100)));
  const W = 1400;
  const total = n * 10;
  const figs: BenchFigure[] = [{ name: 'waveform pyramid of 5 h (1.8 M levels), built once', value: build, unit: 'ms' }];
  for (const [label, span] of [['whole 5 h', total], ['1 h', 3_600_000], ['1 min', 60_000], ['1 s', 1000]] as const) {
    const start = Math.max(0, total / 2 - span / 2);
    const t = await medianMs(50, () => columnPeaks(pyr, start, start + span, W));
    figs.push({ name: `waveform peaks of ${W} columns, view ${label}`, value: t, unit: 'ms', target: '< 16 ms', ok: t < 16 });
  }
  return figs;
}
