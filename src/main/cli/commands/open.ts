/**
 * `open [project]`: starts the app. Electron where its binary is installed (a checkout with
 * node_modules/electron, which is fetched on first use when npm skipped its download); otherwise
 * web mode, printing the address (with its per-launch token) to open in a browser.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { APP_ROOT } from '../../paths';
import type { Out } from '../io';
import { describe } from '../summaries';

interface OpenOptions {
  web?: boolean;
  port?: string;
}

export function registerOpenCommand(program: Command, out: Out): void {
  program
    .command('open')
    .argument('[project]', 'project file (default: the demo project, created in ~/.triangulate/demo the first time)')
    .option('--web', 'web mode even where Electron is installed')
    .option('--port <port>', 'web mode: port on 127.0.0.1 (default: a free one)')
    .description(describe('open'))
    .action(async (project: string | undefined, o: OpenOptions) => {
      const electron = o.web ? null : electronBinary(out);
      if (electron) return runElectron(electron, project, out);
      if (!o.web) out.stdout('Electron is not available here: starting in web mode.\n');
      const { startWebMode } = await import('../../web');
      await startWebMode({ project, port: o.port === undefined ? 0 : Number(o.port), print: (l) => out.stdout(`${l}\n`) });
    });
}

/** The Electron binary of a checkout (downloaded now if npm skipped it), or null. */
function electronBinary(out: Out): string | null {
  const dir = path.join(APP_ROOT, 'node_modules', 'electron');
  if (!fs.existsSync(path.join(dir, 'package.json'))) return null;
  const pathFile = path.join(dir, 'path.txt');
  if (!fs.existsSync(pathFile)) {
    out.stdout('Electron binary not installed; trying to download it (node_modules/electron/install.js)…\n');
    const r = spawnSync(process.execPath, [path.join(dir, 'install.js')], { cwd: APP_ROOT, encoding: 'utf8', timeout: 120_000 });
    if (r.status !== 0 || !fs.existsSync(pathFile)) {
      const why = `${r.stderr || ''}${r.stdout || ''}`.split('\n').find((l) => /Error/.test(l)) || 'download failed';
      out.stdout(`Could not install Electron here (${why.trim()}).\n`);
      return null;
    }
  }
  const bin = path.join(dir, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(bin) ? bin : null;
}

/** Builds the main process when its output is missing (a checkout), then runs Electron on it. */
function runElectron(bin: string, project: string | undefined, out: Out): Promise<void> {
  if (!fs.existsSync(path.join(APP_ROOT, 'dist-electron', 'main', 'electron-main.js'))) {
    out.stdout('Building the Electron main process…\n');
    spawnSync('npm', ['run', '-s', 'build:electron'], { cwd: APP_ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
  }
  const child = spawn(bin, [APP_ROOT, ...(project ? [path.resolve(project)] : [])], { stdio: 'inherit' });
  return new Promise((resolve) => child.on('exit', (code) => {
    process.exitCode = code ?? 0;
    resolve();
  }));
}
