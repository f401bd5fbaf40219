/** Where things live on disk, in a checkout and in a packaged app. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Repository root (or the installed package's or packaged app's root): the nearest folder above
 * this file holding Triangulate's package.json. The sources (src/main), tsc's output
 * (dist-electron/main) and the compiled CLI (dist-cli, dist-cli/commands) all find it.
 */
export const APP_ROOT = findAppRoot(__dirname);

function findAppRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    try {
      if ((JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string }).name === 'triangulate') return dir;
    } catch {
      // no package.json here: keep going up
    }
    if (path.dirname(dir) === dir) return path.resolve(from, '../..');
  }
}

/** The built renderer (vite build output). */
export function rendererDir(): string {
  return process.env.TRIANGULATE_RENDERER_DIR ?? path.join(APP_ROOT, 'dist', 'renderer');
}

/** Per-user data folder (demo project, settings) for web mode; Electron uses app.getPath('userData'). */
export function userDataDir(): string {
  if (process.env.TRIANGULATE_HOME) return process.env.TRIANGULATE_HOME;
  return path.join(os.homedir(), '.triangulate');
}
