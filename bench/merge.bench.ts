/**
 * Merging 3 coder files of 20,000 segments each into a project (issue 4: under 1 s), and
 * re-merging the same files (everything unchanged). Real SQLite files in a temp folder.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ProjectStore } from '../src/main/db/store';
import { createCoderFile } from '../src/main/features/merge/coderFile';
import { mergeCoderFiles } from '../src/main/features/merge/merge';
import type { BenchFigure } from './run';

const PER_FILE = 20_000;

function fillCoderFile(file: string, coderId: string, mediaId: string, codeIds: string[], seed: number) {
  const db = new Database(file);
  let x = seed;
  const rnd = () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const seg = db.prepare('INSERT INTO segments (id, media_id, coder_id, start_ms, end_ms, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const link = db.prepare('INSERT INTO segment_codes (segment_id, code_id, created_at) VALUES (?, ?, ?)');
  db.transaction(() => {
    for (let i = 0; i < PER_FILE; i++) {
      const id = randomUUID();
      const start = Math.floor(rnd() * 17_000_000);
      const t = 1_700_000_000_000 + i;
      seg.run(id, mediaId, coderId, start, start + 500 + Math.floor(rnd() * 20_000), i % 10 === 0 ? `note ${i}` : '', t, t);
      link.run(id, codeIds[i % codeIds.length]!, t);
    }
  })();
  db.close();
}

export async function run(): Promise<BenchFigure[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triangulate-bench-merge-'));
  try {
    const base = path.join(dir, 'lead.triangulate');
    const store = ProjectStore.create(base);
    const media = store.insertMedia({ path: path.join(dir, 'long.mp4'), name: 'long.mp4', fingerprint: 'f'.repeat(64), size: 1, durationMs: 5 * 3600 * 1000 });
    const codeIds = store.listCodes().filter((c) => c.kind === 'element').map((c) => c.id);
    const files = ['amina', 'ben', 'chen'].map((name, i) => {
      const f = path.join(dir, `${name}.triangulate`);
      const r = createCoderFile(store, name, f);
      fillCoderFile(f, r.coderId, media.id, codeIds, 7 + i);
      return f;
    });
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    store.close();

    const first: number[] = [];
    const firstCpu: number[] = [];
    const again: number[] = [];
    const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
    let segments = 0;
    for (let run = 0; run < 3; run++) {
      const target = path.join(dir, `target-${run}.triangulate`);
      fs.copyFileSync(base, target);
      const t = ProjectStore.open(target);
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const s = mergeCoderFiles(t, files);
      firstCpu.push(cpuMs(process.cpuUsage(c0)));
      first.push(performance.now() - t0);
      const t1 = performance.now();
      mergeCoderFiles(t, files);
      again.push(performance.now() - t1);
      segments = s.counts.segments.added;
      t.close();
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    return [
      { name: 'segments added by the merge (3 files)', value: segments, unit: 'count' },
      { name: 'merge 3 coder files x 20,000 segments into a project (median of 3)', value: median(first), unit: 'ms', target: '< 1000 ms', ok: median(first) < 1000 },
      // CPU time of this process during the merge: what the merge costs when the machine is busy with other work
      { name: 'same merge, CPU time of the process (median of 3)', value: median(firstCpu), unit: 'ms' },
      { name: 're-merge the same 3 files (all unchanged)', value: median(again), unit: 'ms' },
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
