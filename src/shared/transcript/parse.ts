/**
 * WebVTT / SRT transcript import. The `media-captions` library parses the file; this module makes
 * real-world files acceptable to it and turns its silence into errors the user can act on:
 * - a byte-order mark, CRLF/CR line ends and whitespace-only "blank" lines are normalised;
 * - timings may omit the hours and use a comma or a point before the milliseconds (both formats);
 * - a cue glued to the previous one without a blank line is split off;
 * - a malformed timing, a cue ending before it starts, or a numbered SRT block without a timing
 *   line throws a TranscriptError naming the line (the library would drop such cues silently).
 * Speakers come from a VTT voice tag (`<v Name>`) or a `NAME:` prefix; markup is stripped.
 */
import { parseText } from 'media-captions';
import { TranscriptError, type TranscriptFormat } from './types';

export interface ParsedCue {
  startMs: number;
  endMs: number;
  speaker: string;
  text: string;
}

export interface ParsedTranscript {
  format: TranscriptFormat;
  cues: ParsedCue[];
}

export const MAX_CUES = 200_000;

const STAMP = /^(?:(\d{1,3}):)?(\d{1,2}):(\d{2})[.,](\d{1,3})$/;
const TIMING = /^\s*(\S+)\s+-->\s+(\S+)(.*)$/;
/** A line that starts like a timing but is not one (e.g. "00:00:01,000 -> 00:00:02,000"). */
const TIMING_LIKE = /^\s*(?:\d{1,3}:)?\d{1,2}:\d{2}[.,:]\d{1,3}\b/;

/** Milliseconds of one timestamp, or null when it is malformed. */
export function parseStamp(s: string): number | null {
  const m = STAMP.exec(s);
  if (!m) return null;
  const [h, min, sec] = [Number(m[1] ?? 0), Number(m[2]), Number(m[3])];
  if (min > 59 || sec > 59) return null;
  const frac = Math.round(Number(`0.${m[4]}`) * 1000);
  return ((h * 60 + min) * 60 + sec) * 1000 + frac;
}

function stamp(ms: number): string {
  const p = (n: number, w: number) => String(n).padStart(w, '0');
  return `${p(Math.floor(ms / 3_600_000), 2)}:${p(Math.floor(ms / 60_000) % 60, 2)}:${p(Math.floor(ms / 1000) % 60, 2)}.${p(ms % 1000, 3)}`;
}

export function detectFormat(text: string, fileName?: string): TranscriptFormat {
  if (/^\uFEFF?WEBVTT(?:[ \t].*)?(?:\r?\n|\r|$)/.test(text)) return 'vtt';
  const ext = fileName?.toLowerCase().split('.').pop();
  if (ext === 'vtt') return 'vtt';
  if (ext === 'srt') return 'srt';
  return 'srt';
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', nbsp: ' ', lrm: '', rlm: '', quot: '"', apos: "'" };

/** Speaker and plain text of a cue's payload. */
export function cueSpeakerAndText(payload: string): { speaker: string; text: string } {
  let speaker = '';
  const voice = /<v(?:\.[^\s>]+)*[ \t]+([^>]+?)\s*>/.exec(payload);
  if (voice) speaker = voice[1]!.trim();
  let text = payload
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|nbsp|lrm|rlm|quot|apos);/g, (_, e: string) => ENTITIES[e]!)
    .replace(/\s*\n\s*/g, ' ')
    .trim();
  if (!speaker) {
    const prefix = /^([\p{Lu}][\p{L}\p{M}'’.-]*(?: [\p{L}\p{M}'’.-]+){0,2}):\s+/u.exec(text);
    if (prefix) {
      speaker = prefix[1]!;
      text = text.slice(prefix[0].length);
    }
  }
  return { speaker, text };
}

interface Normalised {
  text: string;
  /** Original 1-based line number of each normalised line (index = normalised line - 1). */
  lineOf: number[];
}

/** Normalises line ends, blank lines and timings; validates each cue's timing. */
function normalise(raw: string, format: TranscriptFormat): Normalised {
  const lines = raw.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/).map((l) => (/^\s*$/.test(l) ? '' : l));
  const out: string[] = [];
  const lineOf: number[] = [];
  const push = (l: string, n: number) => {
    out.push(l);
    lineOf.push(n);
  };
  let start = 0;
  if (format === 'vtt') {
    if (!/^WEBVTT(?:[ \t].*)?$/.test(lines[0] ?? '')) throw new TranscriptError('line 1: a WebVTT file must start with "WEBVTT"', 1);
    // header block up to the first blank line
    while (start < lines.length && lines[start] !== '') push(lines[start]!, ++start);
  }
  let inBlock = false; // inside a non-blank block
  let blockStart = -1; // index in `out` of the current block's first line
  let skipBlock = false; // VTT NOTE / STYLE / REGION blocks
  for (let i = start; i < lines.length; i++) {
    const n = i + 1;
    const line = lines[i]!;
    if (line === '') {
      inBlock = false;
      skipBlock = false;
      push('', n);
      continue;
    }
    if (!inBlock) {
      inBlock = true;
      blockStart = out.length;
      skipBlock = format === 'vtt' && /^(NOTE|STYLE|REGION)(\s|$)/.test(line);
    }
    if (skipBlock) {
      push(line, n);
      continue;
    }
    const posInBlock = out.length - blockStart;
    const isTiming = line.includes('-->');
    if (isTiming) {
      const m = TIMING.exec(line);
      const a = m ? parseStamp(m[1]!) : null;
      const b = m ? parseStamp(m[2]!) : null;
      if (!m || a === null || b === null) {
        throw new TranscriptError(`line ${n}: malformed cue timing "${line.trim()}" (expected e.g. 00:00:01.000 --> 00:00:02.500)`, n);
      }
      if (b < a) throw new TranscriptError(`line ${n}: the cue ends (${m[2]}) before it starts (${m[1]})`, n);
      if (b === a) throw new TranscriptError(`line ${n}: the cue has no duration (it ends when it starts, ${m[1]})`, n);
      // a cue glued to the previous one without a blank line: start a new block here
      const startsBlock = posInBlock === 0 || (posInBlock === 1 && isCueId(out[blockStart]!, format));
      if (!startsBlock) {
        const prev = out[out.length - 1]!;
        if (format === 'srt' && posInBlock >= 2 && /^\d+$/.test(prev.trim())) {
          // "…text / 2 / 00:00:03,000 --> …": the number belongs to the new cue
          const prevLine = lineOf.pop()!;
          out.pop();
          push('', prevLine);
          blockStart = out.length;
          push(prev, prevLine);
        } else {
          push('', n);
          blockStart = out.length;
        }
      }
      const settings = format === 'vtt' ? m[3]! : '';
      push(`${stamp(a)} --> ${stamp(b)}${settings}`, n);
      continue;
    }
    if (posInBlock <= 1 && TIMING_LIKE.test(line)) {
      throw new TranscriptError(`line ${n}: malformed cue timing "${line.trim()}" (expected e.g. 00:00:01.000 --> 00:00:02.500)`, n);
    }
    if (posInBlock === 1 && format === 'srt' && /^\d+$/.test(out[blockStart]!)) {
      throw new TranscriptError(`line ${n}: cue ${out[blockStart]} has no timing line (expected e.g. 00:00:01,000 --> 00:00:02,500)`, n);
    }
    push(line, n);
  }
  return { text: out.join('\n') + '\n', lineOf };
}

/** Can this line be the identifier line of a cue (the line before its timing)? */
function isCueId(line: string, format: TranscriptFormat): boolean {
  if (line === '' || line.includes('-->')) return false;
  return format === 'srt' ? /^\d+$/.test(line.trim()) : true;
}

/** Parses a WebVTT or SRT transcript. Throws TranscriptError (naming the line) on a bad file. */
export async function parseTranscript(raw: string, opts: { fileName?: string; format?: TranscriptFormat } = {}): Promise<ParsedTranscript> {
  const format = opts.format ?? detectFormat(raw, opts.fileName);
  const norm = normalise(raw, format);
  const result = await parseText(norm.text, { type: format, errors: true, strict: false });
  const fatal = result.errors.find((e) => e.code === 1 || e.code === 2 || e.code === 4);
  if (fatal) {
    const line = norm.lineOf[fatal.line - 1] ?? fatal.line;
    throw new TranscriptError(`line ${line}: ${fatal.message.replace(/ on line \d+$/, '')}`, line);
  }
  if (result.cues.length > MAX_CUES) throw new TranscriptError(`The transcript has ${result.cues.length} cues; at most ${MAX_CUES} can be imported`);
  const cues = result.cues
    .map((c) => ({ startMs: Math.round(c.startTime * 1000), endMs: Math.round(c.endTime * 1000), ...cueSpeakerAndText(c.text) }))
    .sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs);
  if (cues.length === 0) throw new TranscriptError(`No cues found: is this a ${format === 'vtt' ? 'WebVTT' : 'SRT'} transcript?`);
  return { format, cues };
}
