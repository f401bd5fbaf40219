#!/usr/bin/env node
// Bundles the preload into one CommonJS file: a sandboxed preload can require only 'electron'.
const path = require('node:path');
const root = path.resolve(__dirname, '..');
require('esbuild').buildSync({
  entryPoints: [path.join(root, 'src', 'main', 'preload.ts')],
  outfile: path.join(root, 'dist-electron', 'preload.js'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  external: ['electron'],
  target: 'node20',
});
