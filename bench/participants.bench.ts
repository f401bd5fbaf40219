/**
 * Participants figures (issue 16): on the exports bench's 50,000-segment study (bench/exports
 * makeLargeProject) with 40 participants in 20 groups (dyads), every segment about one or two
 * participants and every contradiction about one: reading the study once (the service keeps it
 * while nothing changes), then each comparison table through the service the Compare screen
 * calls (target < 300 ms), and the matrix export as the CLI runs it (open, read, compute, write
 * the file; target < 1 s).
 * Medians of 5 runs after a warm-up; CPU time of this process beside the wall time.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { ProjectStore } from '../src/main/db/store';
import { participantSnapshot } from '../src/main/features/participants/compare';
import { exportMatrixCli } from '../src/main/features/participants/matrixCli';
import { createService } from '../src/main/service';
import type { MatrixRequest } from '../src/shared/participants/compare';
import { makeLargeProject } from './exports.bench';
import { medianMs, type BenchFigure } from './run';

export function addParticipants(file: string): void {
  const store = ProjectStore.open(file);
  const db = store.db;
  store.tx(() => {
    const p = db.prepare('INSERT INTO participants (id, name, role, sort_order, created_at, updated_at) VALUES (?, ?, ?, ?, 0, 0)');
    const people = Array.from({ length: 40 }, (_, i) => {
      const id = randomUUID();
      p.run(id, `P${String(i + 1).padStart(2, '0')}`, i % 2 ? 'STEM coach' : 'researcher', i);
      return id;
    });
    const g = db.prepare('INSERT INTO groups (id, name, sort_order, created_at, updated_at) VALUES (?, ?, ?, 0, 0)');
    const m = db.prepare('INSERT INTO group_members (group_id, participant_id, created_at) VALUES (?, ?, 0)');
    for (let i = 0; i < 20; i++) {
      const id = randomUUID();
      g.run(id, `Dyad ${i + 1}`, i);
      m.run(id, people[2 * i]);
      m.run(id, people[2 * i + 1]);
    }
    const sp = db.prepare('INSERT INTO segment_participants (segment_id, participant_id, created_at) VALUES (?, ?, 0)');
    (db.prepare('SELECT id FROM segments ORDER BY rowid').pluck().all() as string[]).forEach((s, i) => {
      sp.run(s, people[i % 40]);
      if (i % 3 === 0) sp.run(s, people[(i * 7 + 1) % 40]);
    });
    const cp = db.prepare('INSERT INTO contradiction_participants (contradiction_id, participant_id, created_at) VALUES (?, ?, 0)');
    (db.prepare('SELECT id FROM contradictions ORDER BY rowid').pluck().all() as string[]).forEach((k, i) => cp.run(k, people[(i * 3) % 40]));
  });
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  store.close();
}

const TABLES: [string, MatrixRequest][] = [
  ['code × participant (share)', { rows: 'code', cols: 'participant', measure: 'share' }],
  ['code × group (seconds)', { rows: 'code', cols: 'group', measure: 'seconds' }],
  ['contradiction × participant', { rows: 'contradiction', cols: 'participant' }],
  ['contradiction × group', { rows: 'contradiction', cols: 'group' }],
  ['code co-occurrence', { rows: 'cooccurrence', cols: 'code' }],
  ['code co-occurrence, same participants', { rows: 'cooccurrence', cols: 'code', sameParticipants: true }],
  ['code × group, one coder, first hour', { rows: 'code', cols: 'group', filters: { fromMs: 0, toMs: 3600_000 } }],
];

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

export async function run(): Promise<BenchFigure[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triangulate-bench-participants-'));
  const file = path.join(dir, 'large.triangulate');
  const out: BenchFigure[] = [];
  try {
    makeLargeProject(file);
    addParticipants(file);
    const store = ProjectStore.open(file);
    try {
      const api = createService(store);
      const amina = store.listCoders().find((c) => c.name === 'amina')!.id;
      TABLES[6]![1].filters = { ...TABLES[6]![1].filters, coderIds: [amina] };
      const c0 = cpuMs();
      const read = await medianMs(5, () => participantSnapshot(store));
      out.push({ name: `read the study with participants, once (cpu ${((cpuMs() - c0) / 6).toFixed(0)} ms)`, value: read, unit: 'ms' });
      for (const [name, req] of TABLES) {
        const cells = (await api.compareMatrix(req)).cells.length;
        const c0 = cpuMs();
        const wall = await medianMs(5, () => api.compareMatrix(req));
        const cpu = (cpuMs() - c0) / 6;
        out.push({ name: `${name} (${cells} cells; cpu ${cpu.toFixed(0)} ms)`, value: wall, unit: 'ms', target: '< 300 ms', ok: wall < 300 });
      }
    } finally {
      store.close();
    }
    for (const wide of [false, true]) {
      const target = path.join(dir, `matrix${wide ? '-wide' : ''}.csv`);
      const c0 = cpuMs();
      const wall = await medianMs(5, () => {
        fs.rmSync(target, { force: true });
        exportMatrixCli(file, { rows: 'code', cols: 'participant', measure: 'share', wide, out: target });
      });
      const cpu = (cpuMs() - c0) / 6;
      out.push({ name: `export --kind matrix --rows code --cols participant${wide ? ' --wide' : ''} (cpu ${cpu.toFixed(0)} ms)`, value: wall, unit: 'ms', target: '< 1000 ms', ok: wall < 1000 });
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
