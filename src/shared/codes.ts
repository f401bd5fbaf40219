/** Resolving code names typed by people (CSV files, CLI options) to codebook codes. Pure. */
import { codePath, type Code, type Uuid } from './domain';

export type CodeLookup =
  | { ok: true; code: Code }
  | { ok: false; reason: 'unknown' | 'ambiguous'; candidates: string[] };

function normalise(s: string): string {
  return s.trim().replace(/\s*[/›>]\s*/g, '/').toLowerCase();
}

/**
 * A code is named by its full path ("Researchers/Tools", also "Researchers › Tools") or by its
 * own name when that name is unique in the codebook. Matching ignores case and outer spaces.
 */
export function makeCodeResolver(codes: readonly Code[]): (name: string) => CodeLookup {
  const byId = new Map<Uuid, Code>(codes.map((c) => [c.id, c]));
  const byPath = new Map<string, Code>();
  const byLeaf = new Map<string, Code[]>();
  for (const c of codes) {
    byPath.set(normalise(codePath(c, byId)), c);
    const leaf = normalise(c.name);
    byLeaf.set(leaf, [...(byLeaf.get(leaf) ?? []), c]);
  }
  return (name: string) => {
    const key = normalise(name);
    const exact = byPath.get(key);
    if (exact) return { ok: true, code: exact };
    const leaves = byLeaf.get(key) ?? [];
    if (leaves.length === 1) return { ok: true, code: leaves[0]! };
    if (leaves.length > 1) return { ok: false, reason: 'ambiguous', candidates: leaves.map((c) => codePath(c, byId)) };
    return { ok: false, reason: 'unknown', candidates: [] };
  };
}
