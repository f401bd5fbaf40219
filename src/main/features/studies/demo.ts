/**
 * The embedded demo project: a generated two-minute workshop video (assets/demo) coded by three
 * coders, so that coding, agreement, merging and exports have something to show at first start.
 */
import fs from 'node:fs';
import path from 'node:path';
import { checkpointWal } from '../../db/connection';
import { BLIND_CODING_KEY, ProjectStore } from '../../db/store';
import { APP_ROOT } from '../../paths';
import { addMediaFile } from '../../service';
import { parseTranscript, type ParsedTranscript } from '../../../shared/transcript/parse';
import { importSegmentsCsv } from '../coding/importSegments';
import { readCsv } from '../../../shared/csv';
import type { ChatElement, ContradictionLevel } from '../../../shared/domain';

export const DEMO_PROJECT_FILE = 'Demo workshop.triangulate';
export const DEMO_VIDEO = 'workshop.mp4';
export const DEMO_TRANSCRIPT = 'workshop.vtt';
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

/**
 * Writes the demo project (video and transcript files, project file with the three coders'
 * segments and, when given, the parsed transcript) into dir and returns the project path. The
 * set-up leaves no undo history. (Tests use it without the transcript to import one themselves.)
 */
export function writeDemoProject(dir: string, opts: { clock?: () => number; transcript?: ParsedTranscript } = {}): string {
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
    // The demo is a shared study to explore agreement and reconciliation: every coder's work is shown.
    store.setMeta(BLIND_CODING_KEY, '0');
    const media = addMediaFile(store, path.join(dir, DEMO_VIDEO), DEMO_DURATION_MS, 25);
    for (const coder of DEMO_CODERS) {
      const csv = path.join(assets, 'coders', `${coder}.csv`);
      importSegmentsCsv(store, fs.readFileSync(csv, 'utf8'), { file: csv });
    }
    // contradictions are one idea: the coders' contradiction codings ship as relations too
    addDemoContradictions(store, fs.readFileSync(path.join(assets, 'contradictions.csv'), 'utf8'));
    if (opts.transcript) store.insertTranscript({ mediaId: media.id, name: DEMO_TRANSCRIPT, format: opts.transcript.format, cues: opts.transcript.cues });
    // setting up the demo is not an edit: it leaves no undo history
    store.undoLog?.clear();
    checkpointWal(store.db);
  } finally {
    store.close();
  }
  fs.renameSync(tmp, projectFile);
  return projectFile;
}

/**
 * The relations of assets/demo/contradictions.csv (coder, level, start, element_a, system_a,
 * element_b, system_b), each with the coder's segment coded with that level at that start as
 * evidence and the segment's note.
 */
function addDemoContradictions(store: ProjectStore, text: string): void {
  const [header, ...rows] = readCsv(text).map((r) => r.cells);
  const col = (row: string[], name: string) => row[header!.indexOf(name)]!;
  const coders = new Map(store.listCoders().map((c) => [c.name, c.id]));
  const systems = new Map(store.listSystems().map((s) => [s.name, s.id]));
  const levelCode = new Map(store.listCodes().filter((c) => c.contradictionLevel).map((c) => [c.contradictionLevel!, c.id]));
  const segments = store.listSegments();
  for (const row of rows) {
    const level = col(row, 'level') as ContradictionLevel;
    const coderId = coders.get(col(row, 'coder'))!;
    const startMs = Math.round(Number(col(row, 'start')) * 1000);
    const seg = segments.find((s) => s.coderId === coderId && s.startMs === startMs && s.codeIds.includes(levelCode.get(level)!));
    if (!seg) throw new Error(`demo contradictions.csv: no ${level} coding by ${col(row, 'coder')} at ${col(row, 'start')} s`);
    store.insertContradiction({
      level, coderId, status: 'unresolved', note: seg.note, evidenceSegmentIds: [seg.id],
      elementA: col(row, 'element_a') as ChatElement, systemA: systems.get(col(row, 'system_a')) ?? null,
      elementB: col(row, 'element_b') as ChatElement, systemB: systems.get(col(row, 'system_b')) ?? null,
    });
  }
}

/** The demo's transcript (workshop.vtt), parsed: the demo project is written with it loaded. */
export async function loadDemoTranscript(): Promise<ParsedTranscript> {
  const vtt = path.join(demoAssetsDir(), DEMO_TRANSCRIPT);
  return parseTranscript(fs.readFileSync(vtt, 'utf8'), { fileName: DEMO_TRANSCRIPT });
}

/** The demo project as users get it (app first start, `triangulate demo`): with its transcript loaded. */
export async function createDemoProject(dir: string, opts: { clock?: () => number } = {}): Promise<string> {
  return writeDemoProject(dir, { ...opts, transcript: await loadDemoTranscript() });
}

/**
 * Opens the demo project in dir, creating it the first time, with the transcript parsed beforehand
 * (loadDemoTranscript; parsing is async, the study session asks for the demo synchronously).
 */
export function ensureDemoProject(dir: string, transcript?: ParsedTranscript): string {
  const file = path.join(dir, DEMO_PROJECT_FILE);
  return fs.existsSync(file) ? file : writeDemoProject(dir, { transcript });
}
