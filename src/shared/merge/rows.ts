/**
 * The rows a merge reads from a coder file, as zod schemas of the raw SQLite columns. A file can
 * claim to be a Triangulate project and still carry tables of the wrong shape (a hand-made or
 * damaged file); every row is checked here before anything is written to the target.
 */
import { z } from 'zod';
import { CHAT_ELEMENTS, CODE_KINDS, CONTRADICTION_LEVELS, CONTRADICTION_STATUSES, MEMO_SCOPES } from '../domain';

const id = z.string().min(1).max(200);
const int = z.number().int().safe();
const nonNeg = int.min(0);
const stamps = { id, created_at: int, updated_at: int };

export const systemRow = z.object({ ...stamps, name: z.string().min(1), sort_order: int }).strip();
export const mediaRow = z.object({
  ...stamps, path: z.string(), name: z.string(), fingerprint: z.string(), size: nonNeg,
  duration_ms: nonNeg.nullable(), frame_rate: z.number().positive().max(1000).nullable(), last_position_ms: nonNeg,
}).strip();
export const coderRow = z.object({ ...stamps, name: z.string().trim().min(1), color: z.string(), is_consensus: z.union([z.literal(0), z.literal(1)]) }).strip();
export const codeRow = z.object({
  ...stamps, name: z.string().trim().min(1), kind: z.enum(CODE_KINDS), element: z.enum(CHAT_ELEMENTS).nullable(),
  system_id: id.nullable(), contradiction_level: z.enum(CONTRADICTION_LEVELS).nullable(), parent_id: id.nullable(),
  color: z.string(), hotkey: z.string().nullable(), definition: z.string(), sort_order: int,
}).strip();
export const segmentRow = z.object({
  ...stamps, media_id: id, coder_id: id, start_ms: nonNeg, end_ms: nonNeg, note: z.string(),
}).strip().refine((r) => r.end_ms >= r.start_ms, { message: 'end_ms is before start_ms', path: ['end_ms'] });
export const segmentCodeRow = z.object({ segment_id: id, code_id: id }).strip();
export const memoRow = z.object({
  ...stamps, scope: z.enum(MEMO_SCOPES), media_id: id.nullable(), segment_id: id.nullable(), coder_id: id.nullable(),
  time_ms: nonNeg.nullable(), title: z.string(), body: z.string(),
}).strip();
export const contradictionRow = z.object({
  ...stamps, level: z.enum(CONTRADICTION_LEVELS), element_a: z.enum(CHAT_ELEMENTS), system_a: id.nullable(),
  element_b: z.enum(CHAT_ELEMENTS), system_b: id.nullable(), coder_id: id, status: z.enum(CONTRADICTION_STATUSES), note: z.string(),
}).strip();
export const evidenceRow = z.object({ contradiction_id: id, segment_id: id }).strip();
export const themeRow = z.object({ ...stamps, name: z.string().trim().min(1), description: z.string(), sort_order: int }).strip();
export const themeCodeRow = z.object({ theme_id: id, code_id: id, sort_order: int }).strip();
export const tombstoneRow = z.object({ id, table_name: z.string().min(1), deleted_at: int }).strip();

export type SystemRow = z.infer<typeof systemRow>;
export type MediaRow = z.infer<typeof mediaRow>;
export type CoderRow = z.infer<typeof coderRow>;
export type CodeRow = z.infer<typeof codeRow>;
export type SegmentRow = z.infer<typeof segmentRow>;
export type MemoRow = z.infer<typeof memoRow>;
export type ContradictionRow = z.infer<typeof contradictionRow>;
export type ThemeRow = z.infer<typeof themeRow>;
export type TombstoneRow = z.infer<typeof tombstoneRow>;

/** Parses every row of a table; the first bad row is a one-line error naming the table, row and field. */
export function parseRows<T>(table: string, schema: z.ZodType<T>, rows: unknown[], fail: (message: string) => Error): T[] {
  const out: T[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
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
