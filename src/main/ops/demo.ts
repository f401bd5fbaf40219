/**
 * The embedded demo project: a generated two-minute workshop video (assets/demo) coded by three
 * coders, so that coding, agreement, merging and exports have something to show at first start.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ProjectStore } from '../db/store';
import { APP_ROOT } from '../paths';
import { addMediaFile } from '../service';
import { importSegmentsCsv } from './importSegments';

export const DEMO_PROJECT_FILE = 'Demo workshop.triangulate';
export const DEMO_VIDEO = 'workshop.mp4';
export const DEMO_DURATION_MS = 120_000;
export const DEMO_CODERS = ['amina', 'ben', 'chen'] as const;

/** Where the demo assets live: assets/demo in a checkout, resources/demo in a packaged app. */
export function demoAssetsDir(): string {
  const candidates = [
    process.env.TRIANGULATE_ASSETS && path.join(process.env.TRIANGULATE_ASSETS, 'demo'),
    (process as { resourcesPath?: string }).resourcesPath && path.join((process as { resourcesPath?: string }).resourcesPath!, 'assets', 'demo'),
    path.join(APP_ROOT, 'assets', 'demo'),
    path.resolve(process.cwd(), 'assets/demo'),
  ].filter((p): p is string => !!p);
  const found = candidates.find((p) => fs.existsSync(path.join(p, DEMO_VIDEO)));
  if (!found) throw new Error(`Demo assets not found (looked in ${candidates.join(', ')})`);
  return found;
}

/** Writes the demo project (video, transcript, project file) into dir and returns the project path. */
export function writeDemoProject(dir: string, opts: { clock?: () => number } = {}): string {
  const assets = demoAssetsDir();
  fs.mkdirSync(dir, { recursive: true });
  const projectFile = path.join(dir, DEMO_PROJECT_FILE);
  if (fs.existsSync(projectFile)) throw new Error(`${projectFile} already exists`);
  for (const f of fs.readdirSync(assets)) {
    if (/\.(mp4|vtt|srt|webm)$/.test(f)) fs.copyFileSync(path.join(assets, f), path.join(dir, f));
  }
  const tmp = `${projectFile}.partial`;
  fs.rmSync(tmp, { force: true });
  const store = ProjectStore.create(tmp, { name: 'Demo workshop', clock: opts.clock });
  try {
    store.setMeta('name', 'Demo workshop');
    addMediaFile(store, path.join(dir, DEMO_VIDEO), DEMO_DURATION_MS, 25);
    for (const coder of DEMO_CODERS) {
      const csv = path.join(assets, 'coders', `${coder}.csv`);
      importSegmentsCsv(store, fs.readFileSync(csv, 'utf8'), { file: csv });
    }
    store.db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    store.close();
  }
  fs.renameSync(tmp, projectFile);
  return projectFile;
}

/** Opens the demo project in dir, creating it the first time. */
export function ensureDemoProject(dir: string): string {
  const file = path.join(dir, DEMO_PROJECT_FILE);
  return fs.existsSync(file) ? file : writeDemoProject(dir);
}
