/**
 * The compiled command (scripts/build-cli.cjs → dist-cli): it behaves like the TypeScript CLI,
 * and loads a command's code only when that command runs (`--help` loads no command module and
 * not SQLite).
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestedCommand } from '../../src/main/cli/index';
import { cli } from '../helpers/cli';
import { tmpDir } from '../helpers/tmp';

const repo = path.resolve(__dirname, '../..');
let out = '';
let bin = '';

beforeAll(() => {
  // inside the repository, so the bundles find node_modules/better-sqlite3 and package.json
  fs.mkdirSync(path.join(repo, 'test-results'), { recursive: true });
  out = fs.mkdtempSync(path.join(repo, 'test-results', 'dist-cli-'));
  execFileSync(process.execPath, [path.join(repo, 'scripts', 'build-cli.cjs')], { env: { ...process.env, TRIANGULATE_CLI_OUT: out } });
  bin = path.join(out, 'triangulate.js');
}, 120_000);

afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: tmpDir() });

/** The modules the bin requires while running args (recorded through Module._load by a --require hook). */
function modulesLoaded(...args: string[]): string[] {
  const hook = path.join(tmpDir(), 'hook.cjs');
  fs.writeFileSync(hook, `const M = require('module'); const load = M._load; const seen = [];
M._load = function (request, ...rest) { seen.push(request); return load.call(this, request, ...rest); };
process.on('exit', () => require('fs').writeSync(3, JSON.stringify(seen)));`);
  const r = spawnSync(process.execPath, ['--require', hook, bin, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
  expect(r.status).toBe(0);
  return JSON.parse(String(r.output[3])) as string[];
}

describe('compiled triangulate', () => {
  it('prints the same help as the TypeScript CLI, listing every command', async () => {
    const r = run('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe((await cli('--help')).stdout);
    for (const c of ['new', 'demo', 'import-segments', 'agreement', 'coder-file', 'merge', 'export', 'import', 'exchange-export', 'open']) {
      expect(r.stdout).toMatch(new RegExp(`^  ${c} `, 'm'));
    }
  });

  it('loads no command module and not SQLite for --help; only the agreement module for agreement --help', () => {
    const help = modulesLoaded('--help');
    expect(help).toContain(bin); // the hook sees every require, from the bin itself on
    expect(help.filter((m) => m.includes('commands/') || m.includes('sqlite'))).toEqual([]);
    const agreement = modulesLoaded('agreement', '--help');
    expect(agreement.filter((m) => m.includes('commands/'))).toEqual(['./commands/agreement.js']);
    expect(run('agreement', '--help').stdout).toContain('--exclude-uncoded');
  });

  it('writes the demo project and computes the same agreement as the TypeScript CLI', async () => {
    const dir = tmpDir();
    const demo = run('demo', dir);
    expect(demo.stderr).toBe('');
    expect(demo.stdout).toBe(`Wrote the demo project to ${path.join(dir, 'Demo workshop.triangulate')}\n`);
    const file = path.join(dir, 'Demo workshop.triangulate');
    const compiled = run('agreement', file, '--unit', '0.1', '--format', 'json');
    expect(compiled.status).toBe(0);
    expect(compiled.stdout).toBe((await cli('agreement', file, '--unit', '0.1', '--format', 'json')).stdout);
    expect(JSON.parse(compiled.stdout).coders).toEqual(['amina', 'ben', 'chen']);
  });

  it("computes Mathet's gamma (the HiGHS WebAssembly solver loads from the installed package) as the TypeScript CLI does", async () => {
    const dir = tmpDir();
    run('demo', dir);
    const args = ['agreement', path.join(dir, 'Demo workshop.triangulate'), '--gamma', '--codes', 'Researchers/Tools', '--format', 'json'];
    const compiled = run(...args);
    expect([compiled.status, compiled.stderr]).toEqual([0, '']);
    expect(compiled.stdout).toBe((await cli(...args)).stdout);
  }, 120_000);

  it('refuses bad input with one line and exit 2', () => {
    const r = run('agreement', '/no/such.triangulate');
    expect([r.status, r.stdout, r.stderr]).toEqual([2, '', 'triangulate: /no/such.triangulate: no such file\n']);
  });
});

describe('compiled triangulate open', () => {
  it('serves the app in web mode at the address it prints, with the token, until stopped', async () => {
    const dir = tmpDir();
    const renderer = path.join(dir, 'renderer');
    fs.mkdirSync(renderer);
    fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><div id="root"></div>');
    const file = path.join(dir, 'study.triangulate');
    expect((await cli('new', file)).code).toBe(0);
    const child = spawn(process.execPath, [bin, 'open', '--web', file], { env: { ...process.env, TRIANGULATE_RENDERER_DIR: renderer }, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let printed = '';
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          printed += d.toString();
          const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(printed);
          if (m) resolve(m[1]!);
        });
        child.on('exit', (code) => reject(new Error(`open exited (${code}): ${printed}`)));
      });
      expect(printed).toContain(`Triangulate (web mode) is serving ${file}`);
      const page = await fetch(url);
      expect([page.status, await page.text()]).toEqual([200, '<!doctype html><div id="root"></div>']);
      // the service answers only with the token
      const api = await fetch(new URL('/api/getProjectInfo', url), { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
      expect(api.status).toBe(401);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await new Promise((r) => child.on('exit', (code) => r(code)))).toBe(0);
  });

  it('says what to do when the renderer is not built', () => {
    const r = spawnSync(process.execPath, [bin, 'open', '--web', path.join(tmpDir(), 'x.triangulate')], { encoding: 'utf8', env: { ...process.env, TRIANGULATE_RENDERER_DIR: tmpDir() } });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^triangulate: the renderer is not built \(.*\); run "npm run build"\n$/);
  });
});

describe('requestedCommand', () => {
  it('finds the command among options, and after "help"', () => {
    expect(requestedCommand(['--help'])).toBeUndefined();
    expect(requestedCommand(['agreement', 'x.csv', '--unit', '1'])).toBe('agreement');
    expect(requestedCommand(['help', 'merge'])).toBe('merge');
    expect(requestedCommand(['nope'])).toBeUndefined();
    expect(requestedCommand(['constructor'])).toBeUndefined();
  });
});
