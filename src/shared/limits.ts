/**
 * Input limits and cleaning: ONE definition for every way text enters a project. The contract's
 * zod schemas (service calls from the app), the CLI, the segments CSV import, merge (every row of
 * a coder file) and exchange imports (QDPX, EAF, BORIS) all check with these.
 *
 * - Names (coders, codes, activity systems, themes; media display names): trimmed (leading and
 *   trailing white space is not part of a name, so "amina " is "amina"), then 1 to LIMITS.name
 *   characters (media: LIMITS.fileName, a file name's length), with no control character (C0
 *   U+0000–U+001F including NUL, TAB and line breaks; DEL U+007F; C1 U+0080–U+009F) and no
 *   unpaired surrogate. Two names that differ only by an invisible character would otherwise
 *   print alike ("am\0ina" and "amina").
 * - Free text (notes, definitions, memo text, descriptions, rationales): kept verbatim (not
 *   trimmed), up to its limit; TAB, LF and CR are allowed, every other control character and an
 *   unpaired surrogate is refused.
 * - Lengths are JavaScript string lengths (UTF-16 code units), as zod's max() counts them.
 * - Bytes read from a file must be valid UTF-8 (decodeUtf8): invalid bytes are refused rather
 *   than turned into U+FFFD ("am\uFFFDina").
 */
import { z } from 'zod';
import { UserError } from './errors';

export const LIMITS = {
  /** Coder, code, activity system, theme and project names. */
  name: 200,
  /** Media display names (a file name: 255 on common file systems). */
  fileName: 255,
  /** Segment and contradiction notes. */
  note: 100_000,
  /** Code definitions, theme descriptions, reconcile rationales. */
  definition: 10_000,
  memoTitle: 500,
  memoBody: 1_000_000,
  /** File-system paths. */
  path: 4096,
} as const;

/** A problem with a piece of text, worded to follow a field name ("is empty"). */
export type TextProblem = string;

const NAME_CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
const TEXT_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const hex = (s: string, i: number) => `U+${s.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0')}`;

function charProblem(text: string, control: RegExp): TextProblem | null {
  const c = control.exec(text);
  if (c) return `contains the control character ${hex(text, c.index)} at character ${c.index + 1}; remove it`;
  const s = LONE_SURROGATE.exec(text);
  if (s) return `contains an unpaired surrogate ${hex(text, s.index)} at character ${s.index + 1} (not valid Unicode text)`;
  return null;
}

const tooLong = (n: number, max: number): TextProblem => `is ${n} characters long; at most ${max} are allowed`;

/** What is wrong with a name (already trimmed), or null. */
export function nameProblem(name: string, max: number = LIMITS.name): TextProblem | null {
  if (name === '') return 'is empty';
  if (name.length > max) return tooLong(name.length, max);
  return charProblem(name, NAME_CONTROL);
}

/** What is wrong with a free text of at most `max` characters, or null. */
export function textProblem(text: string, max: number): TextProblem | null {
  if (text.length > max) return tooLong(text.length, max);
  return charProblem(text, TEXT_CONTROL);
}

/** True when a text passes textProblem (a quick test for hot loops). */
export const isCleanText = (text: string, max: number): boolean => text.length <= max && !TEXT_CONTROL.test(text) && !LONE_SURROGATE.test(text);

/** A name, trimmed and checked; `what` names it in the error ("coder name"). */
export function cleanName(value: string, what: string, max: number = LIMITS.name): string {
  const name = value.trim();
  const p = nameProblem(name, max);
  if (p) throw new UserError('invalid', `${what} ${quoteShort(name)} ${p}`);
  return name;
}

/** A free text, checked (not changed); `what` names it in the error ("note"). */
export function checkText(value: string, what: string, max: number): string {
  const p = textProblem(value, max);
  if (p) throw new UserError('invalid', `${what} ${p}`);
  return value;
}

/** A name for a message: quoted, cut after 40 characters, control characters shown as \uXXXX. */
export function quoteShort(name: string): string {
  const cut = name.length > 40 ? `${name.slice(0, 40)}…` : name;
  return JSON.stringify(cut);
}

// ---------- zod ----------

const refineWith = (problem: (v: string) => TextProblem | null) => (v: string, ctx: z.RefinementCtx) => {
  const p = problem(v);
  if (p) ctx.addIssue({ code: z.ZodIssueCode.custom, message: p });
};

/** A name in the contract: trimmed, then nameProblem. */
export const zName = (max: number = LIMITS.name) => z.string().trim().superRefine(refineWith((v) => nameProblem(v, max)));
/** A free text in the contract: textProblem (verbatim). */
export const zText = (max: number) => z.string().superRefine(refineWith((v) => textProblem(v, max)));
/** A file-system path: 1..LIMITS.path characters, no NUL (it would reach the file system). */
export const zPath = () =>
  z.string().min(1).max(LIMITS.path).refine((v) => !v.includes('\u0000'), { message: 'contains a NUL character (U+0000)' });

// ---------- bytes ----------

/** WHATWG TextDecoder (every runtime this code runs in has it; src/shared sees no DOM or Node types). */
declare const TextDecoder: new (label: 'utf-8', options: { fatal: boolean }) => { decode(bytes: Uint8Array): string };

/**
 * Decodes UTF-8 strictly (a BOM is dropped). Invalid bytes throw one line naming the file, the
 * byte offset (from 0) and the line: "`file`: not valid UTF-8 at byte offset N (line L); save it
 * as UTF-8".
 */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    let line = 1;
    for (let i = 0; i < at; i++) if (bytes[i] === 0x0a) line++;
    throw new UserError('invalid', `${file}: not valid UTF-8 at byte offset ${at} (line ${line}); save it as UTF-8`);
  }
}

/**
 * Offset of the first byte that does not start a well-formed UTF-8 sequence (Unicode 15, table
 * 3-7: no overlong forms, no surrogates, nothing above U+10FFFF); bytes.length when all are valid.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  const cont = (j: number, lo = 0x80, hi = 0xbf) => j < n && bytes[j]! >= lo && bytes[j]! <= hi;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) i += 1;
    else if (b >= 0xc2 && b <= 0xdf && cont(i + 1)) i += 2;
    else if (b === 0xe0 && cont(i + 1, 0xa0) && cont(i + 2)) i += 3;
    else if (((b >= 0xe1 && b <= 0xec) || b === 0xee || b === 0xef) && cont(i + 1) && cont(i + 2)) i += 3;
    else if (b === 0xed && cont(i + 1, 0x80, 0x9f) && cont(i + 2)) i += 3;
    else if (b === 0xf0 && cont(i + 1, 0x90) && cont(i + 2) && cont(i + 3)) i += 4;
    else if (b >= 0xf1 && b <= 0xf3 && cont(i + 1) && cont(i + 2) && cont(i + 3)) i += 4;
    else if (b === 0xf4 && cont(i + 1, 0x80, 0x8f) && cont(i + 2) && cont(i + 3)) i += 4;
    else return i;
  }
  return n;
}
