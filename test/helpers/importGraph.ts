/**
 * Every import in a source tree, read with the TypeScript compiler API, and the architecture
 * rules checked over them. Each finding names `file:line` (paths relative to the repository).
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export interface ImportEdge {
  /** Importing file, repository-relative with forward slashes (`src/main/x.ts`). */
  file: string;
  line: number;
  specifier: string;
  /** Repository-relative file a relative specifier resolves to; undefined for packages. */
  target?: string;
}

const SOURCE = /\.(ts|tsx)$/;

export function listSources(root: string, dir = 'src'): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) out.push(...listSources(root, rel));
    else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(rel);
  }
  return out.sort();
}

/** Module specifiers of one file: import/export declarations, `import()`, `require()`, `import x = require()`. */
export function specifiersOf(fileName: string, text: string): { specifier: string; line: number }[] {
  const kind = fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, kind);
  const found: { specifier: string; line: number }[] = [];
  const add = (node: ts.Node | undefined) => {
    if (node && ts.isStringLiteralLike(node)) {
      const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
      found.push({ specifier: node.text, line });
    }
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) add(node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node.moduleReference.expression);
    } else if (ts.isCallExpression(node) && isImportOrRequire(node)) add(node.arguments[0]);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node.argument.literal);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function isImportOrRequire(call: ts.CallExpression): boolean {
  if (call.expression.kind === ts.SyntaxKind.ImportKeyword) return true;
  return ts.isIdentifier(call.expression) && call.expression.text === 'require';
}

/** The repository-relative file a relative specifier names (`./x` → `x.ts`, `x.tsx`, `x/index.ts`…). */
export function resolveRelative(fromFile: string, specifier: string, exists: (rel: string) => boolean): string {
  const base = path.posix.join(path.posix.dirname(fromFile), specifier);
  const tries = [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`];
  return tries.find(exists) ?? base;
}

/** Every import edge of the given files, read from disk under `root`. */
export function readImports(root: string, files: string[]): ImportEdge[] {
  const exists = (rel: string) => fs.existsSync(path.join(root, rel)) && fs.statSync(path.join(root, rel)).isFile();
  return files.flatMap((file) => edgesOf(file, fs.readFileSync(path.join(root, file), 'utf8'), exists));
}

export function edgesOf(file: string, text: string, exists: (rel: string) => boolean): ImportEdge[] {
  return specifiersOf(file, text).map(({ specifier, line }) => ({
    file,
    line,
    specifier,
    target: specifier.startsWith('.') ? resolveRelative(file, specifier, exists) : undefined,
  }));
}

const where = (e: ImportEdge) => `${e.file}:${e.line} imports '${e.specifier}'`;
const layerOf = (rel: string) => rel.split('/')[1];

/** src/main and src/renderer never import each other. */
export function crossLayerFindings(edges: ImportEdge[]): string[] {
  return edges
    .filter((e) => e.target !== undefined && e.target.startsWith('src/'))
    .filter((e) => {
      const from = layerOf(e.file);
      const to = layerOf(e.target!);
      return (from === 'main' && to === 'renderer') || (from === 'renderer' && to === 'main');
    })
    .map((e) => `${where(e)} (${layerOf(e.file)} → ${layerOf(e.target!)})`)
    .sort();
}

/** Packages src/shared may not use: Node built-ins, Electron, React and the DOM renderer, SQLite. */
const NOT_SHARED = /^(node:|electron$|electron\/|react$|react\/|react-dom|better-sqlite3|zustand|video\.js|d3$)/;
const NODE_BUILTINS = new Set(['fs', 'path', 'os', 'crypto', 'child_process', 'url', 'http', 'stream', 'worker_threads', 'util', 'events', 'buffer', 'zlib', 'net']);

/** src/shared imports nothing outside src/shared, and nothing bound to Node, Electron or the DOM. */
export function sharedFindings(edges: ImportEdge[]): string[] {
  return edges
    .filter((e) => e.file.startsWith('src/shared/'))
    .filter((e) =>
      e.target !== undefined
        ? !e.target.startsWith('src/shared/')
        : NOT_SHARED.test(e.specifier) || NODE_BUILTINS.has(e.specifier.split('/')[0]),
    )
    .map(where)
    .sort();
}

/** `src/main/features/x/…` → `main/features/x`; undefined outside a feature folder. */
export function featureOf(rel: string): string | undefined {
  const m = /^src\/(\w+)\/features\/([^/]+)\//.exec(rel);
  return m ? `${m[1]}/features/${m[2]}` : undefined;
}

/** Cycles between feature folders, each told as its edges with the import that makes each. */
export function featureCycleFindings(edges: ImportEdge[]): string[] {
  const graph = new Map<string, Map<string, ImportEdge>>();
  for (const e of edges) {
    const from = featureOf(e.file);
    const to = e.target && featureOf(e.target);
    if (!from || !to || from === to) continue;
    if (!graph.has(from)) graph.set(from, new Map());
    if (!graph.get(from)!.has(to)) graph.get(from)!.set(to, e);
  }
  return findCycles(graph).map((cycle) =>
    cycle.map((node, i) => `${node} → ${cycle[(i + 1) % cycle.length]} (${where(graph.get(node)!.get(cycle[(i + 1) % cycle.length])!)})`).join('; '),
  );
}

/** One cycle per strongly connected component of more than one node (Tarjan), as a node path. */
function findCycles(graph: Map<string, Map<string, ImportEdge>>): string[][] {
  const cycles: string[][] = [];
  for (const component of stronglyConnected(graph)) {
    if (component.length > 1) cycles.push(pathAround(graph, component));
  }
  return cycles;
}

function stronglyConnected(graph: Map<string, Map<string, unknown>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      out.push(component.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return out;
}

/** A closed walk through a component starting at its first node, following edges inside it (BFS back to start). */
function pathAround(graph: Map<string, Map<string, unknown>>, component: string[]): string[] {
  const inside = new Set(component);
  const start = component[0];
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length) {
    const v = queue.shift()!;
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!inside.has(w)) continue;
      if (w === start) return walkBack(previous, v, start);
      if (!previous.has(w)) {
        previous.set(w, v);
        queue.push(w);
      }
    }
  }
  return component;
}

function walkBack(previous: Map<string, string>, last: string, start: string): string[] {
  const nodes = [last];
  while (nodes[0] !== start) nodes.unshift(previous.get(nodes[0])!);
  return nodes;
}
