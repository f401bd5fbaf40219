/**
 * Which of two versions of the same record (same UUID) a merge keeps. The rule makes merging a
 * join: the result does not depend on the order files are merged in, and merging a file twice
 * changes nothing the second time.
 * - the later `updated_at` wins;
 * - equal `updated_at` with different content: the larger canonical text wins (arbitrary but
 *   the same on every machine and in every order);
 * - a tombstone deletes a record whose `updated_at` is not after the deletion.
 */

/** JSON text of a record with its keys sorted (nested objects too; arrays keep their order). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(o).sort()) if (o[k] !== undefined) out[k] = sortKeys(o[k]);
    return out;
  }
  return v;
}

export type VersionVerdict = 'incoming' | 'current' | 'same';

/** Compares an incoming version with the current one (both carry updated_at). */
export function pickVersion<T extends { updated_at: number }>(incoming: T, current: T, text: (r: T) => string = canonicalJson): VersionVerdict {
  if (incoming.updated_at > current.updated_at) return 'incoming';
  if (incoming.updated_at < current.updated_at) return 'current';
  const a = text(incoming);
  const b = text(current);
  if (a === b) return 'same';
  return a > b ? 'incoming' : 'current';
}

/** Does a tombstone deleted at `deletedAt` delete a record last updated at `updatedAt`? */
export function tombstoneWins(deletedAt: number | undefined, updatedAt: number): boolean {
  return deletedAt !== undefined && deletedAt >= updatedAt;
}
