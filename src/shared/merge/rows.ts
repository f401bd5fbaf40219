/**
 * The rows a merge reads from a coder file, as zod schemas of the raw SQLite columns. A file can
 * claim to be a Triangulate project and still carry tables of the wrong shape (a hand-made or
 * damaged file); every row is checked here before anything is written to the target.
 */
import { z } from 'zod';
import { CHAT_ELEMENTS, CODE_KINDS, CONTRADICTION_LEVELS, CONTRADICTION_STATUSES, MEMO_SCOPES } from '../domain';
import { isCleanText, LIMITS, zName, zText } from '../limits';

const id = z.string().min(1).max(200);
const int = z.number().int().safe();
const nonNeg = int.min(0);
const stamps = { id, created_at: int, updated_at: int };
// names and texts within the input limits every entry point applies (shared/limits.ts)
const name = zName();
const note = zText(LIMITS.note);
const definition = zText(LIMITS.definition);

export const systemRow = z.object({ ...stamps, name, sort_order: int }).strip();
export const mediaRow = z.object({
  ...stamps, path: z.string().max(LIMITS.path), name: zName(LIMITS.fileName), fingerprint: z.string(), size: nonNeg,
  duration_ms: nonNeg.nullable(), frame_rate: z.number().positive().max(1000).nullable(), last_position_ms: nonNeg,
}).strip();
export const coderRow = z.object({ ...stamps, name, color: z.string(), is_consensus: z.union([z.literal(0), z.literal(1)]), active: z.union([z.literal(0), z.literal(1)]).default(1) }).strip();
export const codeRow = z.object({
  ...stamps, name, kind: z.enum(CODE_KINDS), element: z.enum(CHAT_ELEMENTS).nullable(),
  system_id: id.nullable(), contradiction_level: z.enum(CONTRADICTION_LEVELS).nullable(), parent_id: id.nullable(),
  color: z.string(), hotkey: z.string().nullable(), definition, sort_order: int,
}).strip();
export const segmentRow = z.object({
  ...stamps, media_id: id, coder_id: id, start_ms: nonNeg, end_ms: nonNeg, note,
}).strip().refine((r) => r.end_ms >= r.start_ms, { message: 'end_ms is before start_ms', path: ['end_ms'] });
export const segmentCodeRow = z.object({ segment_id: id, code_id: id }).strip();
export const memoRow = z.object({
  ...stamps, scope: z.enum(MEMO_SCOPES), media_id: id.nullable(), segment_id: id.nullable(), coder_id: id.nullable(),
  time_ms: nonNeg.nullable(), title: zText(LIMITS.memoTitle), body: zText(LIMITS.memoBody),
}).strip();
export const contradictionRow = z.object({
  ...stamps, level: z.enum(CONTRADICTION_LEVELS), element_a: z.enum(CHAT_ELEMENTS), system_a: id.nullable(),
  element_b: z.enum(CHAT_ELEMENTS), system_b: id.nullable(), coder_id: id, status: z.enum(CONTRADICTION_STATUSES), note,
}).strip();
export const evidenceRow = z.object({ contradiction_id: id, segment_id: id }).strip();
export const themeRow = z.object({ ...stamps, name, description: definition, sort_order: int }).strip();
export const themeCodeRow = z.object({ theme_id: id, code_id: id, sort_order: int }).strip();
export const tombstoneRow = z.object({ id, table_name: z.string().min(1), deleted_at: int }).strip();

export type SystemRow = z.infer<typeof systemRow>;
export type MediaRow = z.infer<typeof mediaRow>;
export type CoderRow = z.infer<typeof coderRow>;
export type CodeRow = z.infer<typeof codeRow>;
export type SegmentRow = z.infer<typeof segmentRow>;
export type SegmentCodeRow = z.infer<typeof segmentCodeRow>;
export type MemoRow = z.infer<typeof memoRow>;
export type ContradictionRow = z.infer<typeof contradictionRow>;
export type ThemeRow = z.infer<typeof themeRow>;
export type TombstoneRow = z.infer<typeof tombstoneRow>;

/**
 * Hand-written checks for the two tables a merge reads by the tens of thousands (segments and
 * their code links), about five times faster than the zod schemas above. Each accepts a row only
 * when the schema would accept it and returns what the schema would (the same fields, nothing
 * else); anything else returns undefined and the row goes through the schema, which words the error.
 */
const isId = (v: unknown): v is string => typeof v === 'string' && v.length >= 1 && v.length <= 200;
const isNonNeg = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

export function fastSegmentRow(raw: unknown): SegmentRow | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const r = raw as Record<string, unknown>;
  const { id, created_at, updated_at, media_id, coder_id, start_ms, end_ms, note } = r;
  if (!isId(id) || !Number.isSafeInteger(created_at) || !Number.isSafeInteger(updated_at) || !isId(media_id) || !isId(coder_id)) return undefined;
  if (!isNonNeg(start_ms) || !isNonNeg(end_ms) || typeof note !== 'string' || end_ms < start_ms || !isCleanText(note, LIMITS.note)) return undefined;
  return { id, created_at: created_at as number, updated_at: updated_at as number, media_id, coder_id, start_ms, end_ms, note };
}

export function fastSegmentCodeRow(raw: unknown): SegmentCodeRow | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { segment_id, code_id } = raw as Record<string, unknown>;
  return isId(segment_id) && isId(code_id) ? { segment_id, code_id } : undefined;
}

/**
 * Parses every row of a table; the first bad row is a one-line error naming the table, row and
 * field. `fast`, when given, checks a row first (see fastSegmentRow); rows it does not accept go
 * through the schema.
 */
export function parseRows<T>(table: string, schema: z.ZodType<T>, rows: unknown[], fail: (message: string) => Error, fast?: (row: unknown) => T | undefined): T[] {
  const out: T[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const quick = fast?.(rows[i]);
    if (quick !== undefined) {
      out[i] = quick;
      continue;
    }
    const r = schema.safeParse(rows[i]);
    if (!r.success) {
      const issue = r.error.issues[0]!;
      const raw = rows[i] as Record<string, unknown> | null;
      const rid = raw && typeof raw === 'object' && typeof raw.id === 'string' ? ` (id ${raw.id})` : '';
      const field = issue.path.length ? `field "${issue.path.join('.')}"` : 'row';
      throw fail(`table ${table}, row ${i + 1}${rid}: ${field}: ${issue.message}`);
    }
    out[i] = r.data;
  }
  return out;
}
