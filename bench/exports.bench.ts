/**
 * Export figures (issue 5): all four CSV exports of a project with 50,000 segments, target < 1 s
 * each. The project is a real file: 3 coders + a consensus layer, 2 media of 2.5 h, 50,000
 * segments (the agreement bench generator: partly agreeing codings, about 1 in 6 with two codes,
 * notes with commas, quotes and formula-like text), 300 contradictions with evidence, 4 themes.
 * Each figure is what `triangulate export` does: open the file, read a snapshot, compute, write
 * the file(s) atomically, close (median of 5 runs after a warm-up). Wall-clock time is the
 * figure; the CPU time of this process (user + system) is printed beside it because on a loaded
 * machine (other test runs) wall time mostly measures waiting for a core.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { writeFileAtomic } from '../src/main/cli/io';
import { ProjectStore } from '../src/main/db/store';
import { EXPORT_KINDS, exportFiles, type ExportKind } from '../src/main/features/export/export';
import { readDecisions } from '../src/main/features/export/decisions';
import { readSnapshot } from '../src/main/features/export/snapshot';
import { createTheme } from '../src/main/features/themes/themes';
import { generateBenchSegments } from '../src/shared/agreement';
import { sideFilePath } from '../src/shared/csv/sideFile';
import { CONTRADICTION_LEVELS } from '../src/shared/domain';
import { medianMs, type BenchFigure } from './run';

const SEGMENTS = 50_000;

export function makeLargeProject(file: string, segments = SEGMENTS): void {
  const store = ProjectStore.create(file, { name: 'Large' });
  const mediaMs = 2.5 * 3600_000;
  const media = [0, 1].map((i) => store.insertMedia({ path: '', name: `workshop-${i + 1}.mp4`, fingerprint: '', size: 0, durationMs: mediaMs }));
  const coders = ['amina', 'ben', 'chen'].map((name) => store.insertCoder({ name }));
  const consensus = store.insertCoder({ name: 'consensus', isConsensus: true });
  const codes = store.listCodes().filter((c) => c.kind === 'element' || c.kind === 'contradiction');
  const systems = store.listSystems();
  const gen = generateBenchSegments({ segments: segments, durationMs: 2 * mediaMs, coders: 4, codes: codes.length, seed: 5 });
  const notes = ['', '', 'Template shown', 'Slides, "the template"', '=HYPERLINK("x")', 'line1\nline2', 'élan 😀'];
  const seg = store.db.prepare('INSERT INTO segments (id, media_id, coder_id, start_ms, end_ms, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const link = store.db.prepare('INSERT INTO segment_codes (segment_id, code_id, created_at) VALUES (?, ?, ?)');
  const ids: string[] = [];
  store.tx(() => {
    gen.forEach((g, i) => {
      const id = randomUUID();
      ids.push(id);
      const m = g.startMs < mediaMs ? 0 : 1;
      const start = g.startMs - m * mediaMs;
      const end = Math.min(mediaMs, g.endMs - m * mediaMs);
      const coder = [...coders, consensus][Number(g.coder.slice(5)) - 1]!;
      seg.run(id, media[m]!.id, coder.id, start, Math.max(start, end), notes[i % notes.length]!, i, i);
      const c = Number(g.code.slice(4)) - 1;
      link.run(id, codes[c]!.id, i);
      if (i % 6 === 0) link.run(id, codes[(c + 7) % codes.length]!.id, i);
    });
    const k = store.db.prepare('INSERT INTO contradictions (id, level, element_a, system_a, element_b, system_b, coder_id, status, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0)');
    const ev = store.db.prepare('INSERT INTO contradiction_evidence (contradiction_id, segment_id) VALUES (?, ?)');
    const els = ['subject', 'object', 'tools', 'rules', 'community', 'division_of_labor'];
    for (let i = 0; i < 300; i++) {
      const id = randomUUID();
      k.run(id, CONTRADICTION_LEVELS[i % 4], els[i % 6], systems[i % 2]!.id, els[(i * 5 + 1) % 6], systems[(i >> 1) % 2]!.id, coders[i % 3]!.id, 'unresolved', `tension ${i}`);
      for (let j = 0; j < 3; j++) ev.run(id, ids[(i * 157 + j * 31) % ids.length]);
    }
  });
  for (let t = 0; t < 4; t++) createTheme(store, { name: `Theme ${t + 1}`, codeIds: codes.slice(t * 4, t * 4 + 5).map((c) => c.id) });
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  store.close();
}

/** What the CLI does for one export. */
function exportOnce(file: string, kind: ExportKind, out: string): number {
  const store = ProjectStore.open(file);
  let bytes = 0;
  try {
    const snapshot = readSnapshot(store);
    const files = exportFiles(snapshot, kind, {}, kind === 'agreement' ? readDecisions(store, snapshot, {}) : []);
    for (const f of files) {
      writeFileAtomic(sideFilePath(out, f.suffix), f.text);
      bytes += f.text.length;
    }
  } finally {
    store.close();
  }
  return bytes;
}

export async function run(): Promise<BenchFigure[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triangulate-bench-exports-'));
  try {
    const file = path.join(dir, 'large.triangulate');
    makeLargeProject(file);
    const figures: BenchFigure[] = [];
    const store = ProjectStore.open(file);
    const snap = await medianMs(5, () => readSnapshot(store));
    const snapshot = readSnapshot(store);
    store.close();
    figures.push({ name: `  (of which: reading the snapshot of ${SEGMENTS.toLocaleString('en')} segments)`, value: snap, unit: 'ms' });
    const segCpu: number[] = [];
    await medianMs(5, () => {
      const c = process.cpuUsage();
      exportFiles(snapshot, 'segments');
      const u = process.cpuUsage(c);
      segCpu.push((u.user + u.system) / 1000);
    });
    segCpu.sort((a, b) => a - b);
    figures.push({ name: '  (of which: segments CSV text from a read snapshot, CPU median)', value: segCpu[Math.floor(segCpu.length / 2)]!, unit: 'ms' });
    for (const kind of EXPORT_KINDS) {
      const out = path.join(dir, `${kind}.csv`);
      const cpu: number[] = [];
      const ms = await medianMs(5, () => {
        const c = process.cpuUsage();
        exportOnce(file, kind, out);
        const u = process.cpuUsage(c);
        cpu.push((u.user + u.system) / 1000);
      });
      cpu.sort((a, b) => a - b);
      figures.push({ name: `export --kind ${kind}, ${SEGMENTS.toLocaleString('en')} segments (open, compute, write)`, value: ms, unit: 'ms', target: '< 1000 ms', ok: ms < 1000 });
      figures.push({ name: `  CPU time of that export (median)`, value: cpu[Math.floor(cpu.length / 2)]!, unit: 'ms' });
    }
    const rows = fs.readFileSync(path.join(dir, 'segments.csv'), 'utf8').split('\r\n').length - 2;
    figures.push({ name: '  segments export rows (segment × code)', value: rows, unit: 'count' });
    return figures;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
