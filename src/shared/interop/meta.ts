/**
 * The "Triangulate-Meta" convention: Triangulate-only data (CHAT element, activity system, kind,
 * contradiction level, colours that a format cannot hold, …) travels as the last line of a
 * human-readable description, optionally preceded by one human-readable summary line:
 *
 *     <the user's text>
 *
 *     CHAT element "Tools" of activity system "Researchers".
 *     Triangulate-Meta: {"v":1,"h":1,"kind":"element","element":"tools",…}
 *
 * Other tools show it as plain text; Triangulate strips it on import and restores the data.
 * `h: 1` in the JSON says that the line above it is the generated summary (stripped too).
 */
import type { ActivitySystem, Code, Uuid } from '../domain';

export const META_PREFIX = 'Triangulate-Meta: ';

export type Meta = Record<string, unknown>;

export function withMeta(text: string, human: string | null, meta: Meta | null): string {
  if (!meta) return text;
  const json = JSON.stringify({ ...meta, v: 1, h: human ? 1 : 0 });
  const tail = (human ? `${human.replace(/\s*\n\s*/g, ' ')}\n` : '') + META_PREFIX + json;
  return text ? `${text}\n\n${tail}` : tail;
}

export function splitMeta(description: string | null | undefined): { text: string; meta: Meta | null } {
  const desc = (description ?? '').replace(/\r\n/g, '\n');
  const lines = desc.split('\n');
  // the meta line is the last non-empty line
  let last = lines.length - 1;
  while (last >= 0 && lines[last].trim() === '') last--;
  if (last < 0 || !lines[last].trimStart().startsWith(META_PREFIX)) return { text: desc, meta: null };
  let meta: Meta | null = null;
  try {
    const parsed: unknown = JSON.parse(lines[last].trimStart().slice(META_PREFIX.length));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) meta = parsed as Meta;
  } catch {
    meta = null;
  }
  if (!meta) return { text: desc, meta: null };
  let end = last;
  if (meta.h === 1 && end > 0) end--;
  let text = lines.slice(0, end).join('\n');
  // withMeta joined text and tail with "\n\n": the lines before the tail are text + one empty line
  if (end > 0 && text.endsWith('\n')) text = text.slice(0, -1);
  return { text, meta };
}

export function metaString(meta: Meta | null, key: string): string | null {
  const v = meta?.[key];
  return typeof v === 'string' ? v : null;
}

export function metaNumber(meta: Meta | null, key: string): number | null {
  const v = meta?.[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

export function metaBoolean(meta: Meta | null, key: string): boolean | null {
  const v = meta?.[key];
  return typeof v === 'boolean' ? v : null;
}

/** The CHAT facts of a code that other tools have no field for (written into a description). */
export function codeMeta(c: Code, systems: ReadonlyMap<Uuid, ActivitySystem>): Meta {
  return {
    type: 'code',
    kind: c.kind,
    element: c.element,
    systemId: c.systemId,
    systemName: c.systemId ? systems.get(c.systemId)?.name ?? null : null,
    contradictionLevel: c.contradictionLevel,
    hotkey: c.hotkey,
    sortOrder: c.sortOrder,
  };
}
