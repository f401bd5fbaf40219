/** A small real project for the file-safety tests: one media of 60 s and segments imported by the CLI. */
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { ProjectStore } from '../../src/main/db/store';
import { cli } from './cli';
import { tmpDir } from './tmp';

export async function studyWithSegments(segmentsCsv: string): Promise<{ dir: string; file: string; csv: string }> {
  const dir = tmpDir();
  const file = path.join(dir, 'study.triangulate');
  const store = ProjectStore.create(file);
  store.insertMedia({ path: path.join(dir, 'w.mp4'), name: 'w.mp4', fingerprint: 'c'.repeat(64), size: 3, durationMs: 60_000 });
  store.close();
  const csv = path.join(dir, 'in.csv');
  fs.writeFileSync(csv, segmentsCsv);
  expect((await cli('import-segments', file, csv)).code).toBe(0);
  return { dir, file, csv };
}
