/** The codebook's tree order, the one every list, dashboard and export shows codes in. Pure. */
import { pushTo } from '../collections';
import type { Code, Uuid } from '../domain';

const bySiblingOrder = (x: Code, y: Code): number =>
  x.sortOrder - y.sortOrder || x.name.localeCompare(y.name) || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);

/**
 * Codes in codebook tree order: depth first, parents before children, siblings by sortOrder,
 * then name, then id (so equal siblings come out the same whatever order they were read in).
 * A code whose parent is missing counts as a root; codes caught in a parent cycle (a damaged
 * file) are walked after the tree, each exactly once, so none is dropped.
 */
export function codebookOrder(codes: readonly Code[]): Code[] {
  const ids = new Set(codes.map((c) => c.id));
  const children = new Map<Uuid | null, Code[]>();
  for (const c of codes) pushTo(children, c.parentId !== null && ids.has(c.parentId) ? c.parentId : null, c);
  for (const list of children.values()) list.sort(bySiblingOrder);
  const out: Code[] = [];
  const seen = new Set<Uuid>();
  const walk = (list: readonly Code[]): void => {
    for (const c of list) {
      if (seen.has(c.id)) continue;
      seen.add(c.id);
      out.push(c);
      walk(children.get(c.id) ?? []);
    }
  };
  walk(children.get(null) ?? []);
  walk(codes.filter((c) => !seen.has(c.id)).sort(bySiblingOrder));
  return out;
}
