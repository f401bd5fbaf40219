/**
 * The waveform track's drawing data (pure). The envelope holds one level (0–255) per 1/rateHz s;
 * a five-hour recording at 100 Hz has 1.8 million of them, too many to visit each frame of a
 * zoom. A max pyramid (each level the max of pairs of the one below, as Audacity's summaries)
 * answers "the loudest level under this pixel column" from a level with about one to two values
 * per column, so drawing costs about the width in pixels at any zoom.
 */

export interface Pyramid {
  rateHz: number;
  /** levels[0] is the envelope; levels[k][i] = max of levels[0][i·2^k … (i+1)·2^k − 1]. */
  levels: Uint8Array[];
}

export function buildPyramid(envelope: Uint8Array, rateHz: number): Pyramid {
  const levels = [envelope];
  let cur = envelope;
  while (cur.length > 1) {
    const next = new Uint8Array(Math.ceil(cur.length / 2));
    for (let i = 0; i < next.length; i++) {
      const a = cur[2 * i]!;
      const b = 2 * i + 1 < cur.length ? cur[2 * i + 1]! : 0;
      next[i] = a > b ? a : b;
    }
    levels.push(next);
    cur = next;
  }
  return { rateHz, levels };
}

/**
 * The loudest level under each of `columns` pixel columns spanning [startMs, endMs): column c
 * covers the envelope frames whose start lies in its time range (at least the frame under its
 * left edge). When a column covers many frames the answer comes from the pyramid level whose
 * cells are at most half a column wide, so it may include up to one cell either side.
 */
export function columnPeaks(p: Pyramid, startMs: number, endMs: number, columns: number): Uint8Array {
  const out = new Uint8Array(Math.max(0, columns));
  const n = p.levels[0]!.length;
  if (columns <= 0 || n === 0 || endMs <= startMs) return out;
  const framesPerCol = ((endMs - startMs) * p.rateHz) / 1000 / columns;
  const level = Math.min(p.levels.length - 1, Math.max(0, Math.floor(Math.log2(Math.max(1, framesPerCol / 2)))));
  const cells = p.levels[level]!;
  const cell = 2 ** level;
  for (let c = 0; c < columns; c++) {
    const f0 = ((startMs + ((endMs - startMs) * c) / columns) * p.rateHz) / 1000;
    const f1 = ((startMs + ((endMs - startMs) * (c + 1)) / columns) * p.rateHz) / 1000;
    const from = Math.max(0, Math.floor(f0 / cell));
    const to = Math.min(cells.length, Math.max(from + 1, Math.ceil(f1 / cell)));
    let m = 0;
    for (let i = from; i < to; i++) if (cells[i]! > m) m = cells[i]!;
    out[c] = from < cells.length && f1 > 0 ? m : 0;
  }
  return out;
}
