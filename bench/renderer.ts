/**
 * The renderer the browser benches serve: built fresh (vite) once per `npm run bench`, so a bench
 * never measures a stale dist/renderer left by an older checkout.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
let built = false;

/** dist/renderer, rebuilt from the sources the first time it is asked for. */
export function freshRenderer(): string {
  if (!built) {
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
    built = true;
  }
  return path.join(ROOT, 'dist', 'renderer');
}
