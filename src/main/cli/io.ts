/** Shared helpers of the CLI commands (and of the service's file outputs). */
import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../../shared/errors';

export type Out = { stdout: (s: string) => void; stderr: (s: string) => void };

const SQLITE_MAGIC = 'SQLite format 3\u0000';
/** Files SQLite keeps beside a database while it is open. */
const COMPANIONS = ['', '-wal', '-shm', '-journal'];

/** The real path of p, or of its folder + its name when p does not exist (yet). */
function realPath(p: string): string {
  const abs = path.resolve(p);
  try {
    return fs.realpathSync(abs);
  } catch {
    try {
      return path.join(fs.realpathSync(path.dirname(abs)), path.basename(abs));
    } catch {
      return abs;
    }
  }
}

function statOrNull(p: string): fs.Stats | null {
  try {
    return fs.statSync(p);
  } catch {
    return null;
  }
}

function isSqliteFile(p: string, st: fs.Stats | null): boolean {
  if (!st?.isFile() || st.size < 16) return false;
  const fd = fs.openSync(p, 'r');
  try {
    const head = Buffer.alloc(16);
    fs.readSync(fd, head, 0, 16, 0);
    return head.toString('latin1') === SQLITE_MAGIC;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Refuses an output path that is one of the command's open files (a project, with its -wal,
 * -shm and -journal), compared by real path (symlinks) and by device + inode (hard links).
 */
export function refuseOpenFiles(out: string, openFiles: readonly string[]): void {
  const outReal = realPath(out);
  const outStat = statOrNull(out);
  for (const open of openFiles) {
    for (const suffix of COMPANIONS) {
      const f = `${open}${suffix}`;
      const st = statOrNull(f);
      const same = realPath(f) === outReal || (st !== null && outStat !== null && st.dev === outStat.dev && st.ino === outStat.ino);
      if (same) throw new UserError('overwrite_input', `${out}: would overwrite the project ${path.resolve(open)}${suffix ? ` (its ${suffix.slice(1)} file)` : ''}: choose another file`);
    }
  }
}

/** refuseOpenFiles, and refuses any existing SQLite database: an export never replaces one. */
export function refuseOverwrite(out: string, openFiles: readonly string[]): void {
  refuseOpenFiles(out, openFiles);
  const outStat = statOrNull(out);
  if (isSqliteFile(out, outStat)) throw new UserError('overwrite_database', `${out}: is a SQLite database; exports are never written over one: choose another file`);
}

type Writer = (file: string, data: string | Uint8Array) => void;

function writeError(file: string, e: unknown): UserError {
  const err = e as NodeJS.ErrnoException;
  const why = err.code === 'ENOSPC' ? 'the disk is full' : err.code === 'EROFS' ? 'the file system is read-only' : err.message;
  return new UserError('write_failed', `${file}: cannot write (${why}): nothing was written`);
}

/**
 * Writes several output files all or none: each to a temporary file beside it; only when every
 * one is written are they renamed over their targets. On a failure (a full disk, say) every
 * temporary file is removed and no target is touched. `write` is injectable for tests.
 */
export function writeFilesAtomic(targets: readonly { file: string; text: string | Uint8Array }[], write: Writer = fs.writeFileSync): void {
  const temps = targets.map((t) => `${t.file}.${process.pid}.tmp`);
  const cleanup = () => temps.forEach((tmp) => fs.rmSync(tmp, { force: true }));
  targets.forEach((t, i) => {
    try {
      write(temps[i]!, t.text);
    } catch (e) {
      cleanup();
      throw writeError(t.file, e);
    }
  });
  targets.forEach((t, i) => {
    try {
      fs.renameSync(temps[i]!, t.file);
    } catch (e) {
      cleanup();
      throw writeError(t.file, e);
    }
  });
}

/** Writes one output file atomically (temporary file, then renamed over it). */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  writeFilesAtomic([{ file, text: data }]);
}
