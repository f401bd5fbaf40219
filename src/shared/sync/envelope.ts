/**
 * The audio envelope: RMS of each frame of 1/rateHz s of mono samples (full scale = 1), built
 * incrementally from decoded chunks of any length (ffmpeg's output arrives in pipe-sized pieces).
 */
export class EnvelopeBuilder {
  private readonly frameLen: number;
  private out: Float32Array;
  private count = 0;
  private sumSq = 0;
  private inFrame = 0;
  /** Samples seen so far (for progress). */
  samples = 0;

  constructor(readonly sampleRate: number, readonly rateHz: number) {
    if (!Number.isInteger(sampleRate / rateHz)) throw new Error(`sample rate ${sampleRate} is not a multiple of the envelope rate ${rateHz}`);
    this.frameLen = sampleRate / rateHz;
    this.out = new Float32Array(1024);
  }

  push(chunk: Float32Array): void {
    for (let i = 0; i < chunk.length; i++) {
      const v = chunk[i]!;
      this.sumSq += v * v;
      if (++this.inFrame === this.frameLen) this.emit();
    }
    this.samples += chunk.length;
  }

  private emit(): void {
    if (this.count === this.out.length) {
      const grown = new Float32Array(this.out.length * 2);
      grown.set(this.out);
      this.out = grown;
    }
    this.out[this.count++] = Math.sqrt(this.sumSq / this.inFrame);
    this.sumSq = 0;
    this.inFrame = 0;
  }

  /** The envelope; a last partial frame counts when it holds at least half a frame. */
  finish(): Float32Array {
    if (this.inFrame * 2 >= this.frameLen) this.emit();
    return this.out.slice(0, this.count);
  }
}

/** One byte per frame for drawing: round(255 × rms / max). */
export function envelopeLevels(values: Float32Array): { levels: Uint8Array; maxRms: number } {
  let max = 0;
  for (let i = 0; i < values.length; i++) if (values[i]! > max) max = values[i]!;
  const levels = new Uint8Array(values.length);
  if (max > 0) for (let i = 0; i < values.length; i++) levels[i] = Math.round((255 * values[i]!) / max);
  return { levels, maxRms: max };
}
