/**
 * Input validation and selection shared by every segment-based entry point:
 * checks times, picks the media, the coders and the codes, clips to [0, D).
 */
import { AgreementInputError, type AgreementSegment, type SelectionOptions } from './types';
import { MAX_CODERS } from './measures';

/** One selected segment, coder and code as indexes into `coders` / `codes`. */
export interface SelectedSegment {
  /** Index of the segment in the caller's array. */
  index: number;
  coder: number;
  code: number;
  startMs: number;
  endMs: number;
}

export interface Selection {
  coders: string[];
  codes: string[];
  durationMs: number;
  /** Non-point segments, clipped to [0, D); those clipped to nothing are dropped. */
  intervals: SelectedSegment[];
  /** Point events (start = end) inside [0, D]. */
  points: SelectedSegment[];
}

function label(i: number, s: AgreementSegment): string {
  return `segment ${i + 1} (coder "${s.coder}", code "${s.code}")`;
}

/** Validates the segments and applies the selection. Throws {@link AgreementInputError}. */
export function selectSegments(segments: readonly AgreementSegment[], options: SelectionOptions = {}): Selection {
  const media = new Set<string>();
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i];
    if (typeof s.coder !== 'string' || s.coder === '') throw new AgreementInputError(`${label(i, s)}: empty coder`);
    if (typeof s.code !== 'string' || s.code === '') throw new AgreementInputError(`${label(i, s)}: empty code`);
    if (!Number.isFinite(s.startMs)) throw new AgreementInputError(`${label(i, s)}: start is not a number`);
    if (!Number.isFinite(s.endMs)) throw new AgreementInputError(`${label(i, s)}: end is not a number`);
    if (s.startMs < 0) throw new AgreementInputError(`${label(i, s)}: start ${s.startMs} ms is negative`);
    if (s.endMs < s.startMs) throw new AgreementInputError(`${label(i, s)}: end ${s.endMs} ms is before start ${s.startMs} ms`);
    if (s.media !== undefined && (options.media === undefined || s.media === options.media)) media.add(s.media);
  }
  if (options.media === undefined && media.size > 1) {
    throw new AgreementInputError(`segments belong to several media (${[...media].join(', ')}): choose one`);
  }
  const inMedia = (s: AgreementSegment) => options.media === undefined || s.media === undefined || s.media === options.media;

  const coders = options.coders ? [...options.coders] : firstAppearance(segments, (s) => (inMedia(s) ? s.coder : undefined));
  checkUnique(coders, 'coder');
  if (coders.length < 2) {
    throw new AgreementInputError(
      `agreement needs at least two coders; got ${coders.length}${coders.length ? ` (${coders.join(', ')})` : ''}`,
    );
  }
  if (coders.length > MAX_CODERS) throw new AgreementInputError(`at most ${MAX_CODERS} coders can be compared at once; got ${coders.length}`);
  const coderIndex = new Map(coders.map((c, i) => [c, i]));
  const codes = options.codes ? [...options.codes] : firstAppearance(segments, (s) => (inMedia(s) && coderIndex.has(s.coder) ? s.code : undefined));
  checkUnique(codes, 'code');
  const codeIndex = new Map(codes.map((c, i) => [c, i]));
  const isChosen = (s: AgreementSegment) => coderIndex.has(s.coder) && codeIndex.has(s.code) && inMedia(s);

  let durationMs = 0;
  if (options.durationMs !== undefined) {
    if (!Number.isFinite(options.durationMs) || options.durationMs < 0) {
      throw new AgreementInputError(`duration ${options.durationMs} is not a non-negative number`);
    }
    durationMs = options.durationMs;
  } else {
    for (const s of segments) if (s.endMs > durationMs && isChosen(s)) durationMs = s.endMs;
  }
  // One object per chosen segment, made already clipped (a million segments: no copies).
  const intervals: SelectedSegment[] = [];
  const points: SelectedSegment[] = [];
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i];
    const coder = coderIndex.get(s.coder);
    const code = codeIndex.get(s.code);
    if (coder === undefined || code === undefined || !inMedia(s)) continue;
    if (s.startMs === s.endMs) {
      if (s.startMs <= durationMs) points.push({ index: i, coder, code, startMs: s.startMs, endMs: s.endMs });
      continue;
    }
    const start = Math.max(0, s.startMs);
    const end = Math.min(durationMs, s.endMs);
    if (end > start) intervals.push({ index: i, coder, code, startMs: start, endMs: end });
  }
  return { coders, codes, durationMs, intervals, points };
}

/** The names `name(s)` gives (undefined: skipped), in order of first appearance. */
function firstAppearance(segments: readonly AgreementSegment[], name: (s: AgreementSegment) => string | undefined): string[] {
  const seen = new Set<string>();
  for (const s of segments) {
    const n = name(s);
    if (n !== undefined) seen.add(n);
  }
  return [...seen];
}

function checkUnique(names: readonly string[], what: string): void {
  const seen = new Set<string>();
  for (const n of names) {
    if (n === '') throw new AgreementInputError(`empty ${what} name in the selection`);
    if (seen.has(n)) throw new AgreementInputError(`${what} "${n}" is selected twice`);
    seen.add(n);
  }
}

/** Groups selected segments by code: result[code] = segments of that code. */
export function byCode(segs: readonly SelectedSegment[], codes: number): SelectedSegment[][] {
  const out: SelectedSegment[][] = Array.from({ length: codes }, () => []);
  for (const s of segs) out[s.code].push(s);
  return out;
}
