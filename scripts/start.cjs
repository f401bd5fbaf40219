#!/usr/bin/env node
/**
 * `npm start`: builds what is missing, then launches Electron when its binary is installed (or
 * can be fetched now) and otherwise falls back to web mode and prints the address to open.
 * `npm start -- --web` forces web mode; any other argument is a project file to open.
 */
const { spawnSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const forceWeb = args.includes('--web');
const rest = args.filter((a) => a !== '--web');

function run(cmd, cmdArgs) {
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function newest(dir) {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

const rendererIndex = path.join(root, 'dist', 'renderer', 'index.html');
if (!fs.existsSync(rendererIndex) || fs.statSync(rendererIndex).mtimeMs < newest(path.join(root, 'src'))) {
  console.log('Building the renderer…');
  run('npx', ['vite', 'build', '--logLevel', 'error']);
}

function electronBinary() {
  try {
    const pathFile = path.join(root, 'node_modules', 'electron', 'path.txt');
    if (!fs.existsSync(pathFile)) {
      // electron's install script was skipped (allowScripts); try to fetch the binary now.
      console.log('Electron binary not installed; trying to download it (node_modules/electron/install.js)…');
      const r = spawnSync(process.execPath, [path.join(root, 'node_modules', 'electron', 'install.js')], { cwd: root, encoding: 'utf8', timeout: 120_000 });
      if (r.status !== 0 || !fs.existsSync(pathFile)) {
        const why = `${r.stderr || ''}${r.stdout || ''}`.split('\n').find((l) => /Error/.test(l)) || 'download failed';
        console.log(`Could not install Electron here (${why.trim()}).`);
        return null;
      }
    }
    const bin = require(path.join(root, 'node_modules', 'electron'));
    return typeof bin === 'string' && fs.existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

const bin = forceWeb ? null : electronBinary();
if (bin) {
  run('npx', ['tsc', '-p', 'tsconfig.electron.json']);
  run(process.execPath, [path.join(root, 'scripts', 'bundle-preload.cjs')]);
  const child = spawn(bin, ['.', ...rest], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  if (!forceWeb) console.log('Electron is not available on this machine: starting in web mode.');
  const child = spawn(process.execPath, [require.resolve('tsx/cli'), path.join(root, 'src', 'main', 'web-main.ts'), ...rest], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
  process.on('SIGINT', () => child.kill('SIGINT'));
}
