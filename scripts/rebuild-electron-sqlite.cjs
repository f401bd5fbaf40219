#!/usr/bin/env node
/**
 * `npm run rebuild:electron`: compiles better-sqlite3 for Electron's ABI into
 * build/electron/better_sqlite3.node, leaving node_modules' Node build (tests, CLI, web mode)
 * alone. The Electron main process loads it through better-sqlite3's `nativeBinding` option.
 * Needs Electron's headers, so it needs the internet.
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const electronVersion = require(path.join(root, 'node_modules', 'electron', 'package.json')).version;
const src = path.join(root, 'node_modules', 'better-sqlite3');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bsqlite-electron-'));
const out = path.join(root, 'build', 'electron');

console.log(`Building better-sqlite3 for Electron ${electronVersion} in ${work}`);
fs.cpSync(src, work, { recursive: true, filter: (p) => !p.includes(`${path.sep}build${path.sep}`) });
execFileSync(process.platform === 'win32' ? 'npx.cmd' : 'npx', [
  'node-gyp', 'rebuild', '--release',
  `--target=${electronVersion}`, '--dist-url=https://electronjs.org/headers', '--runtime=electron',
], { cwd: work, stdio: 'inherit' });
fs.mkdirSync(out, { recursive: true });
fs.copyFileSync(path.join(work, 'build', 'Release', 'better_sqlite3.node'), path.join(out, 'better_sqlite3.node'));
fs.rmSync(work, { recursive: true, force: true });
console.log(`Wrote ${path.join(out, 'better_sqlite3.node')}`);
