/** Code names as people type and read them (CSV files, CLI options, pickers). Pure. */
import { pushTo } from '../collections';
import { codePath, type Code, type Uuid } from '../domain';

export type CodeLookup =
  | { ok: true; code: Code }
  | { ok: false; reason: 'unknown' | 'ambiguous'; candidates: string[] };

/**
 * The form code paths are compared in: outer spaces dropped, '/', '›' or '>' with any spaces
 * around them as the one separator '/', lower case ("Researchers › Tools" → "researchers/tools").
 */
export function normaliseCodePath(s: string): string {
  return s.trim().replace(/\s*[/›>]\s*/g, '/').toLowerCase();
}

/** A code's path as shown to people: "Researchers › Tools". */
export function codeLabel(code: Code, byId: ReadonlyMap<Uuid, Code>): string {
  return displayPath(codePath(code, byId));
}

/** A stored path ("Researchers/Tools") as shown to people ("Researchers › Tools"). */
export function displayPath(path: string): string {
  return path.replace(/\//g, ' › ');
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
    byPath.set(normaliseCodePath(codePath(c, byId)), c);
    const leaf = normaliseCodePath(c.name);
    pushTo(byLeaf, leaf, c);
  }
  return (name: string) => {
    const key = normaliseCodePath(name);
    const exact = byPath.get(key);
    if (exact) return { ok: true, code: exact };
    const leaves = byLeaf.get(key) ?? [];
    if (leaves.length === 1) return { ok: true, code: leaves[0]! };
    if (leaves.length > 1) return { ok: false, reason: 'ambiguous', candidates: leaves.map((c) => codePath(c, byId)) };
    return { ok: false, reason: 'unknown', candidates: [] };
  };
}
