#!/usr/bin/env node
/**
 * `npm start`: builds what is stale (`npm run build`), then runs the compiled
 * `triangulate open`: Electron when its binary is installed (or can be fetched now), otherwise
 * web mode, printing the address to open. `npm start -- --web` forces web mode; any other
 * argument is a project file to open.
 */
const { spawnSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');

function newest(p) {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...fs.readdirSync(p).map((e) => newest(path.join(p, e))));
}

const outputs = ['dist/renderer/index.html', 'dist-cli/triangulate.js', 'dist-electron/main/electron-main.js'].map((f) => path.join(root, f));
const oldest = Math.min(...outputs.map((f) => (fs.existsSync(f) ? fs.statSync(f).mtimeMs : 0)));
if (oldest < newest(path.join(root, 'src'))) {
  console.log('Building (npm run build)…');
  const r = spawnSync('npm', ['run', '-s', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const child = spawn(process.execPath, [path.join(root, 'dist-cli', 'triangulate.js'), 'open', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
process.on('SIGINT', () => child.kill('SIGINT'));
process.on('SIGTERM', () => child.kill('SIGTERM'));
