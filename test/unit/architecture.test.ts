/**
 * The layers hold: every import in src is read with the TypeScript compiler API and checked.
 * Each failure lists `file:line` and the import. The second describe block shows each rule
 * catching a violation written for it, so a rule that stopped matching would be noticed.
 */
import path from 'node:path';
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

const root = path.resolve(__dirname, '../..');
const edges = readImports(root, listSources(root));

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
