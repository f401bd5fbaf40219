/**
 * The architecture, checked: each `it` is one rule, and a failure names every file:line that
 * breaks it. Source files are parsed with the TypeScript compiler API (syntax only: fast).
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

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
