/**
 * Deterministic benchmark data: by default 5 hours of video, 3 coders, 40 codes and
 * 20,000 segments that partly agree (shared "true" segments with jittered boundaries,
 * some missed, some spurious), from a seeded PRNG so every run times the same input.
 */
import type { AgreementSegment } from '../../src/shared/agreement/types';
import { prng } from '../../src/shared/random';

export interface BenchOptions {
  seed?: number;
  durationMs?: number;
  coders?: number;
  codes?: number;
  segments?: number;
}

export function generateBenchSegments(options: BenchOptions = {}): AgreementSegment[] {
  const rand = prng(options.seed ?? 20240601);
  const D = options.durationMs ?? 5 * 3600_000;
  const nCoders = options.coders ?? 3;
  const nCodes = options.codes ?? 40;
  const target = options.segments ?? 20_000;
  const coders = Array.from({ length: nCoders }, (_, i) => `coder${i + 1}`);
  const codes = Array.from({ length: nCodes }, (_, i) => `code${String(i + 1).padStart(2, '0')}`);
  const out: AgreementSegment[] = [];
  while (out.length < target) {
    const code = codes[Math.floor(rand() * nCodes)];
    const len = 2000 + Math.floor(rand() * 58_000);
    const start = Math.floor(rand() * (D - len));
    const spurious = rand() < 0.1;
    for (const coder of coders) {
      if (out.length >= target) break;
      if (spurious ? rand() < 0.7 : rand() < 0.15) continue; // missed (or not seen)
      const s = Math.max(0, start + Math.round((rand() - 0.5) * 4000));
      const e = Math.min(D, Math.max(s + 1, start + len + Math.round((rand() - 0.5) * 4000)));
      out.push({ coder, code, startMs: s, endMs: e, media: 'bench.mp4' });
    }
  }
  return out;
}
