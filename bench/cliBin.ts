/**
 * The compiled `triangulate` for the benches: built fresh into dist-cli (scripts/build-cli.cjs),
 * or an installed one named by TRIANGULATE_BIN (e.g. a prefix from `npm install -g --prefix`).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

/** argv prefix that runs the compiled command: [node, dist-cli/triangulate.js] or [installed bin]. */
export function compiledCli(): string[] {
  if (process.env.TRIANGULATE_BIN) return [path.resolve(process.env.TRIANGULATE_BIN)];
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-cli.cjs')], { stdio: 'inherit' });
  return [process.execPath, path.join(ROOT, 'dist-cli', 'triangulate.js')];
}

/** Runs a command to completion; returns its stdout, throws with its stderr on failure. */
export function runOk(argv: string[], cwd = ROOT): string {
  const p = spawnSync(argv[0]!, argv.slice(1), { cwd, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (p.status !== 0) throw new Error(`${argv.join(' ')} failed (${p.status}): ${p.stderr}`);
  return p.stdout;
}
