/**
 * The architecture, checked: each `it` is one rule, and a failure names every file:line that
 * breaks it. Source files are parsed with the TypeScript compiler API (syntax only: fast).
 * Imports: every import in src is read and checked against the layers; a second block shows each
 * import rule catching a violation written for it, so a rule that stopped matching would be noticed.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import {
  crossLayerFindings,
  edgesOf,
  featureCycleFindings,
  listSources,
  readImports,
  sharedFindings,
  type ImportEdge,
} from '../helpers/importGraph';

const ROOT = path.resolve(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

const SQL_METHODS = new Set(['prepare', 'exec', 'pragma']);

/**
 * Identifiers bound to a regular expression in this file (`const RE = /…/`, `new RegExp(…)`, or
 * declared `: RegExp`): their `.exec(` is not SQL.
 */
function regexNames(sf: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const visit = (n: ts.Node): void => {
    if ((ts.isVariableDeclaration(n) || ts.isParameter(n)) && ts.isIdentifier(n.name)) {
      const init = n.initializer;
      const isRegex = n.type?.getText(sf) === 'RegExp' || (init && (ts.isRegularExpressionLiteral(init) || (ts.isNewExpression(init) && init.expression.getText(sf) === 'RegExp')));
      if (isRegex) names.add(n.name.text);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return names;
}

/** `file:line: code` for every `.prepare(`, `.exec(` or `.pragma(` call in the source (a regex's `.exec(` aside). */
export function sqlCalls(file: string, text: string): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const regexes = regexNames(sf);
  const out: string[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && SQL_METHODS.has(n.expression.name.text)) {
      let target: ts.Expression = n.expression.expression;
      while (ts.isParenthesizedExpression(target)) target = target.expression;
      const isRegex = ts.isRegularExpressionLiteral(target) || (ts.isIdentifier(target) && regexes.has(target.text));
      if (!(n.expression.name.text === 'exec' && isRegex)) {
        const line = sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
        out.push(`${file}:${line}: ${n.getText(sf).split('\n')[0]!.slice(0, 100)}`);
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

describe('architecture', () => {
  it('only src/main/db speaks SQL: no .prepare( / .exec( / .pragma( anywhere else in src', () => {
    const dbDir = path.join(ROOT, 'src/main/db') + path.sep;
    const offenders = sourceFiles(path.join(ROOT, 'src'))
      .filter((f) => !f.startsWith(dbDir))
      .flatMap((f) => sqlCalls(path.relative(ROOT, f), fs.readFileSync(f, 'utf8')));
    expect(offenders, `SQL outside src/main/db (put it in a table module, src/main/db/tables/<table>.ts):\n${offenders.join('\n')}`).toEqual([]);
  });

  it('the SQL rule finds statements however they are written, and lets a regular expression .exec( pass', () => {
    const found = sqlCalls('x.ts', [
      "const RE = /a(b)/;",
      "const re2 = new RegExp('c'); function f(p: RegExp) { return p.exec('d'); }",
      "RE.exec('ab'); re2.exec('c'); /x/.exec('x'); (/y/).exec('y');",
      "store.db.prepare('SELECT 1').get();",
      "db",
      "  .exec('DELETE FROM t');",
      "this.db.pragma('cache_size = 1'); something.exec(sql);",
    ].join('\n'));
    expect(found).toEqual([
      "x.ts:4: store.db.prepare('SELECT 1')",
      'x.ts:5: db',
      "x.ts:7: this.db.pragma('cache_size = 1')",
      'x.ts:7: something.exec(sql)',
    ]);
  });
});

const edges = readImports(ROOT, listSources(ROOT));

describe('architecture: imports in src', () => {
  it('reads the imports of the whole tree (the rules below have something to check)', () => {
    const files = new Set(edges.map((e) => e.file));
    expect([...files].some((f) => f.startsWith('src/main/'))).toBe(true);
    expect([...files].some((f) => f.startsWith('src/renderer/'))).toBe(true);
    expect([...files].some((f) => f.startsWith('src/shared/'))).toBe(true);
    expect(edges.length).toBeGreaterThan(500);
  });

  it('src/renderer never imports from src/main, nor src/main from src/renderer', () => {
    expect(crossLayerFindings(edges)).toEqual([]);
  });

  it('src/shared imports only src/shared and packages free of Node, Electron and the DOM', () => {
    expect(sharedFindings(edges)).toEqual([]);
  });

  it('feature folders (src/*/features/<x>) import each other without cycles', () => {
    expect(featureCycleFindings(edges)).toEqual([]);
  });
});

/** Edges of hand-written files, as if they were in the tree. */
function edgesFrom(files: Record<string, string>): ImportEdge[] {
  const exists = (rel: string) => rel in files;
  return Object.entries(files).flatMap(([file, text]) => edgesOf(file, text, exists));
}

describe('architecture rules catch what they are for', () => {
  it('a renderer file importing main is named with its line, and the reverse too', () => {
    const found = crossLayerFindings(
      edgesFrom({
        'src/renderer/features/x/View.tsx': "import React from 'react';\n\nimport { a } from '../../../main/db/store';\n",
        'src/main/db/store.ts': "export const a = 1;\nexport type T = import('../../renderer/store').S;\n",
        'src/renderer/store/index.ts': 'export type S = number;\n',
      }),
    );
    expect(found).toEqual([
      "src/main/db/store.ts:2 imports '../../renderer/store' (main → renderer)",
      "src/renderer/features/x/View.tsx:3 imports '../../../main/db/store' (renderer → main)",
    ]);
  });

  it('src/shared reaching outside itself or into Node/React is named', () => {
    const found = sharedFindings(
      edgesFrom({
        'src/shared/a.ts': "import fs from 'node:fs';\nimport { z } from 'zod';\nimport path from 'path';\n",
        'src/shared/b.ts': "export { x } from '../main/paths';\nconst r = require('react');\nimport { ok } from './a';\n",
        'src/main/paths.ts': 'export const x = 1;\n',
      }),
    );
    expect(found).toEqual([
      "src/shared/a.ts:1 imports 'node:fs'",
      "src/shared/a.ts:3 imports 'path'",
      "src/shared/b.ts:1 imports '../main/paths'",
      "src/shared/b.ts:2 imports 'react'",
    ]);
  });

  it('a cycle of three feature folders is named edge by edge; a one-way import is not a cycle', () => {
    const found = featureCycleFindings(
      edgesFrom({
        'src/renderer/features/a/View.tsx': "import { b } from '../b/slice';\n",
        'src/renderer/features/b/slice.ts': "export const b = 1;\n\nimport { c } from '../c';\n",
        'src/renderer/features/c/index.ts': "import { a } from '../a/View';\nexport const c = 1;\n",
        'src/renderer/features/d/View.tsx': "import { a } from '../a/View';\n",
        'src/main/features/a/service.ts': "import { x } from '../../../shared/x';\n",
      }),
    );
    expect(found).toEqual([
      'renderer/features/a → renderer/features/b (src/renderer/features/a/View.tsx:1 imports \'../b/slice\'); ' +
        'renderer/features/b → renderer/features/c (src/renderer/features/b/slice.ts:3 imports \'../c\'); ' +
        'renderer/features/c → renderer/features/a (src/renderer/features/c/index.ts:1 imports \'../a/View\')',
    ]);
  });
});
