/**
 * Scale figures (issue 11): a 1,000,000-row segments CSV (3 coders, 5 codes, one five-hour
 * media; fixed seed; one theme of the five codes; 40 participants in 20 dyads, imported as a
 * roster, 90 % of the segments about one participant and 30 % of them about two: issue 16) through the
 * real command line, each command a
 * child process timed by /usr/bin/time (CPU and wall seconds, peak resident memory), using the
 * compiled command (dist-cli, rebuilt first; or TRIANGULATE_BIN):
 *   import-segments    target < 15 s and < 400 MB
 *   export, each kind  target < 5 s and < 300 MB
 *   agreement          target < 3 s and < 500 MB (also restricted to one dyad: --groups)
 * The files live in a temporary folder that is removed afterwards. The whole bench takes minutes.
 * `SCALE_ROWS=100000 npm run bench -- scale` runs it on fewer rows; SCALE_KEEP=1 keeps the folder.
 * SCALE_DIR=DIR builds the study in DIR and keeps it; a later run with the same DIR reuses the
 * study instead of importing again (delete DIR after changing SCALE_ROWS). SCALE_STEPS picks
 * steps by name, comma-separated: import, export-segments, export-thematic,
 * export-contradictions, export-agreement, agreement-first, agreement, agreement-exact, agreement-group,
 * agreement-csv; a reused study without participants gets them first;
 * SCALE_ONLY=agreement is short for the import and the four agreement steps.
 *
 * A project's quick_check runs only when the file changed since it last passed (db/checkedFiles.ts):
 * a command that found the file clean and changed it only through SQLite remembers it on close, so
 * the exports after the import do not pay for it; 'agreement-first' touches the file first and
 * so prints the cost of a check apart. The commands and this process's own steps keep their
 * record of checked files in the working folder (TRIANGULATE_HOME).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ProjectStore } from '../src/main/db/store';
import { listParticipants, spreadSegmentParticipants } from '../src/main/db/tables/participants';
import { importRoster } from '../src/main/features/participants/roster';
import { createTheme } from '../src/main/features/themes/themes';
import { codePath } from '../src/shared/domain';
import { prng } from '../src/shared/random';
import { compiledCli } from './cliBin';
import type { BenchFigure } from './run';

const ROWS = Number(process.env.SCALE_ROWS ?? 1_000_000);
const MEDIA_MS = 5 * 3600_000;
const CODERS = ['amina', 'ben', 'chen'];
const CODES = ['Researchers/Tools', 'Researchers/Rules', 'Practitioners/Object', 'Practitioners/Community', 'Shared object'];
const NOTES = ['', '', '', 'template shown', 'says "the brief", then stops', 'pause'];
const AGREEMENT_STEPS = 'import,agreement-first,agreement,agreement-exact,agreement-group,agreement-csv';

/** Writes the CSV in blocks: each coder's segments are spread evenly over the media, 0.5–20 s long. */
export function writeScaleCsv(file: string, rows = ROWS, seed = 11): void {
  const next = prng(seed);
  const fd = fs.openSync(file, 'w');
  fs.writeSync(fd, 'coder,code,start,end,media,note\n');
  let block: string[] = [];
  for (let i = 0; i < rows; i++) {
    const startMs = Math.floor(next() * (MEDIA_MS - 20_000));
    const endMs = startMs + 500 + Math.floor(next() * 19_500);
    const note = NOTES[Math.floor(next() * NOTES.length)]!;
    const cell = note.includes('"') ? `"${note.replace(/"/g, '""')}"` : note;
    block.push(`${CODERS[i % 3]},${CODES[Math.floor(next() * CODES.length)]},${startMs / 1000},${endMs / 1000},workshop.mp4,${cell}`);
    if (block.length === 10_000) {
      fs.writeSync(fd, `${block.join('\n')}\n`);
      block = [];
    }
  }
  if (block.length) fs.writeSync(fd, `${block.join('\n')}\n`);
  fs.closeSync(fd);
}

/** Runs the CLI as a child process under /usr/bin/time: wall seconds and peak RSS in MB. */
function timed(cli: string[], args: string[], env: NodeJS.ProcessEnv): { s: number; mb: number; cpu: number; stdout: string } {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M %U %S', ...cli, ...args], { encoding: 'utf8', maxBuffer: 1 << 26, env });
  const lines = r.stderr.trim().split('\n');
  const [s, kb, user, sys] = lines.pop()!.split(' ').map(Number);
  if (r.status !== 0) throw new Error(`triangulate ${args[0]} failed (${r.status}): ${lines.join('\n')}`);
  return { s: s!, mb: Math.round(kb! / 1024), cpu: Math.round((user! + sys!) * 100) / 100, stdout: r.stdout };
}

/**
 * The time target is checked against CPU time (user + system): the machine is shared, and there
 * wall time mostly measures waiting for a core. Wall time is printed beside it, so a run on a
 * quiet machine (where the two are close) can be compared.
 */
function figures(name: string, r: { s: number; mb: number; cpu: number }, maxS: number, maxMb: number): BenchFigure[] {
  return [
    { name: `${name}: CPU time (user + system)`, value: r.cpu, unit: 's', target: `< ${maxS} s`, ok: r.cpu < maxS },
    { name: `${name}: wall time`, value: r.s, unit: 's' },
    { name: `${name}: peak memory (maxRSS)`, value: r.mb, unit: 'MB', target: `< ${maxMb} MB`, ok: r.mb < maxMb },
  ];
}

/** One theme holding the five codes, so that the thematic export has rows (a study without themes exports none). */
function addTheme(project: string): void {
  const store = ProjectStore.open(project);
  try {
    const byId = new Map(store.listCodes().map((c) => [c.id, c]));
    const used = store.listCodes().filter((c) => CODES.includes(codePath(c, byId)));
    createTheme(store, { name: 'Whose brief?', codeIds: used.map((c) => c.id) });
  } finally {
    store.close();
  }
}

const DYADS = 20;

/**
 * 40 participants in 20 dyads through the app's roster import, then the segments linked to them
 * (spreadSegmentParticipants: 90 % name one participant, 30 % also their partner). Skipped when
 * the study already has participants.
 */
export function addParticipants(project: string): void {
  const store = ProjectStore.open(project);
  try {
    if (listParticipants(store.db).length > 0) return;
    const rows = Array.from({ length: 2 * DYADS }, (_, i) => `P${String(i + 1).padStart(2, '0')},${i % 2 ? 'STEM coach' : 'researcher'},,Dyad ${Math.floor(i / 2) + 1}`);
    importRoster(store, { text: `participant,role,system,group\n${rows.join('\n')}\n`, fileName: 'roster.csv' });
    const ids = listParticipants(store.db).map((p) => p.id);
    store.tx(() => spreadSegmentParticipants(store.db, ids, store.now()));
    store.db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    store.close();
  }
}

/**
 * Waits until the project's last change is 2.5 s old and touches it, so that the next open runs
 * quick_check and remembers the file (a file changed less than 2 s before is checked each time).
 */
async function settled(project: string): Promise<void> {
  const now = new Date();
  fs.utimesSync(project, now, now);
  await new Promise((r) => setTimeout(r, 2500));
}

/** Whether step `name` is selected by SCALE_STEPS (all steps when unset). */
function wanted(name: string): boolean {
  const steps = process.env.SCALE_STEPS ?? (process.env.SCALE_ONLY === 'agreement' ? AGREEMENT_STEPS : undefined);
  return !steps || steps.split(',').map((s) => s.trim()).includes(name);
}

/** The working folder: SCALE_DIR (kept, reused) or a fresh temporary one. */
function workDir(): { dir: string; keep: boolean } {
  const fixed = process.env.SCALE_DIR;
  if (!fixed) return { dir: fs.mkdtempSync(path.join(os.tmpdir(), 'triangulate-scale-')), keep: Boolean(process.env.SCALE_KEEP) };
  fs.mkdirSync(fixed, { recursive: true });
  return { dir: path.resolve(fixed), keep: true };
}

let restoreHome = (): unknown => undefined;

export async function run(): Promise<BenchFigure[]> {
  if (!fs.existsSync('/usr/bin/time')) throw new Error('needs /usr/bin/time (apt-get install time)');
  const { dir, keep } = workDir();
  try {
    const csv = path.join(dir, 'segments.csv');
    const project = path.join(dir, 'scale.triangulate');
    const reuse = fs.existsSync(project) && fs.existsSync(csv);
    const label = ROWS.toLocaleString('en');
    const cli = compiledCli();
    // one record of checked files for the commands and this process's own steps (theme, participants),
    // as for a user: a file this process changed after finding it clean is not checked again
    const home = process.env.TRIANGULATE_HOME;
    process.env.TRIANGULATE_HOME = path.join(dir, 'home');
    restoreHome = () => (home === undefined ? delete process.env.TRIANGULATE_HOME : (process.env.TRIANGULATE_HOME = home));
    const env = { ...process.env };
    const cmd = (args: string[]) => timed(cli, args, env);
    const out: BenchFigure[] = [];
    if (!reuse) {
      writeScaleCsv(csv);
      cmd(['new', project]);
      out.push(...figures(`import-segments, ${label} rows`, cmd(['import-segments', project, csv, '--media', 'workshop.mp4']), 15, 400));
      addTheme(project);
    } else if (wanted('import')) console.log(`(import skipped: reusing ${project})`);
    addParticipants(project);
    for (const kind of ['segments', 'thematic', 'contradictions', 'agreement']) {
      if (!wanted(`export-${kind}`)) continue;
      // as in a fresh folder: replacing a previous run's 250 MB file would add its deletion to the figure
      for (const f of fs.readdirSync(dir)) if (f.startsWith(`export-${kind}`)) fs.rmSync(path.join(dir, f));
      out.push(...figures(`export --kind ${kind}`, cmd(['export', project, '--kind', kind, '--out', path.join(dir, `export-${kind}.csv`)]), 5, 300));
    }
    if (wanted('agreement-first')) {
      await settled(project);
      out.push(...figures('agreement (project, first open after a change: quick_check)', cmd(['agreement', project]), 3, 500));
    }
    if (wanted('agreement')) out.push(...figures('agreement (project, 1 s slices)', cmd(['agreement', project]), 3, 500));
    if (wanted('agreement-exact')) out.push(...figures('agreement (project, --exact)', cmd(['agreement', project, '--exact']), 3, 500));
    if (wanted('agreement-group')) out.push(...figures('agreement (project, --groups "Dyad 1")', cmd(['agreement', project, '--groups', 'Dyad 1']), 3, 500));
    if (wanted('agreement-csv')) out.push(...figures('agreement (the CSV itself)', cmd(['agreement', csv]), 3, 500));
    return out;
  } finally {
    restoreHome();
    if (keep) console.log(`kept ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}
