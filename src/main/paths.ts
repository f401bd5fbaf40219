/** Where things live on disk, in a checkout and in a packaged app. */
import os from 'node:os';
import path from 'node:path';

/** Repository root (or app root when packaged). */
export const APP_ROOT = path.resolve(__dirname, '../..');

/** The built renderer (vite build output). */
export function rendererDir(): string {
  return process.env.TRIANGULATE_RENDERER_DIR ?? path.join(APP_ROOT, 'dist', 'renderer');
}

/** Per-user data folder (demo project, settings) for web mode; Electron uses app.getPath('userData'). */
export function userDataDir(): string {
  if (process.env.TRIANGULATE_HOME) return process.env.TRIANGULATE_HOME;
  return path.join(os.homedir(), '.triangulate');
}
