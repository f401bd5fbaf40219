/**
 * Participants figures (issue 16): on the exports bench's 50,000-segment study (bench/exports
 * makeLargeProject) with 40 participants in 20 groups (dyads), every segment about one or two
 * participants and every contradiction about one: reading the study once (the service keeps it
 * while nothing changes), then each comparison table END TO END as the renderer gets it in web
 * mode: the compareMatrix call POSTed to the web-mode server (in this process, on loopback),
 * computed, serialized, sent and parsed (target < 300 ms), with the response's size; then the
 * drill-down of the table's largest cell (the compareCell call a click makes, same way); then the
 * matrix export as the CLI runs it (open, read, compute, write the file; target < 1 s).
 * Medians of 5 runs after a warm-up; CPU time of this process (server and client both) beside
 * the wall time, and the machine's load average.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { ProjectStore } from '../src/main/db/store';
import { participantSnapshot } from '../src/main/features/participants/compare';
import { exportMatrixCli } from '../src/main/features/participants/matrixCli';
import { startWebServer, type WebServer } from '../src/main/http/server';
import { createService } from '../src/main/service';
import type { CompareMatrix, MatrixRequest } from '../src/shared/participants/compare';
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

/** POSTs one call to the web-mode server as the renderer's client does; returns the parsed result and the body's size. */
async function post<T>(server: WebServer, method: string, input: unknown): Promise<{ result: T; bytes: number }> {
  const res = await fetch(`${server.origin}/api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'x-triangulate-token': server.token }, body: JSON.stringify(input) });
  const text = await res.text();
  const reply = JSON.parse(text) as { ok: boolean; result: T; error?: { message: string } };
  if (!reply.ok) throw new Error(`${method}: ${reply.error?.message}`);
  return { result: reply.result, bytes: Buffer.byteLength(text) };
}

const size = (bytes: number) => (bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${(bytes / 1e3).toFixed(1)} kB`);

/** One call timed end to end: median wall time of 5 after a warm-up, CPU per call, response size. */
async function timeCall(server: WebServer, method: string, input: unknown, name: string): Promise<BenchFigure> {
  const { bytes } = await post(server, method, input);
  const c0 = cpuMs();
  const wall = await medianMs(5, () => post(server, method, input));
  const cpu = (cpuMs() - c0) / 6;
  return { name: `${name} (${size(bytes)}; cpu ${cpu.toFixed(0)} ms)`, value: wall, unit: 'ms', target: '< 300 ms', ok: wall < 300 };
}

async function tableFigures(server: WebServer, name: string, req: MatrixRequest): Promise<BenchFigure[]> {
  const { result: table } = await post<CompareMatrix>(server, 'compareMatrix', req);
  const figure = await timeCall(server, 'compareMatrix', req, `${name}: table, ${table.cells.length} cells, over HTTP`);
  const biggest = table.cells.reduce((a, b) => (b.segments > a.segments ? b : a), table.cells[0]!);
  const cell = { ...req, row: biggest.row, col: biggest.col };
  const drill = await timeCall(server, 'compareCell', cell, `  its largest cell's segments (${biggest.segments} counted), over HTTP`);
  return [figure, drill];
}

export async function run(): Promise<BenchFigure[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triangulate-bench-participants-'));
  const file = path.join(dir, 'large.triangulate');
  const out: BenchFigure[] = [];
  try {
    makeLargeProject(file);
    addParticipants(file);
    const store = ProjectStore.open(file);
    const server = await startWebServer({ service: createService(store), store, staticDir: dir, log: () => undefined });
    try {
      const amina = store.listCoders().find((c) => c.name === 'amina')!.id;
      TABLES[6]![1].filters = { ...TABLES[6]![1].filters, coderIds: [amina] };
      const c0 = cpuMs();
      const read = await medianMs(5, () => participantSnapshot(store));
      out.push({ name: `read the study with participants, once (cpu ${((cpuMs() - c0) / 6).toFixed(0)} ms)`, value: read, unit: 'ms' });
      for (const [name, req] of TABLES) out.push(...(await tableFigures(server, name, req)));
      out.push({ name: `  (machine load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores)`, value: os.loadavg()[0]!, unit: 'count' });
    } finally {
      await server.close();
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
