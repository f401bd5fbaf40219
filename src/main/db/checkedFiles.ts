/**
 * Which project files passed SQLite's `quick_check`, as they were then: a file whose stamp (device,
 * inode, size, modification and status-change times, and the same of a non-empty `-wal` or `-journal`)
 * is unchanged since a clean check is not checked again (0.5 s on a million-segment study).
 * The stamps live in the user's data folder (`checked-projects.json`), never in or beside a study,
 * so a read-only command writes nothing to the study.
 *
 * Any change to the file's bytes, by SQLite or not, changes its status-change time (ctime),
 * which no program can set back. A file changed within the last SETTLED_MS is not remembered:
 * a second change within the file system's timestamp granularity could leave the stamp equal
 * ("racy clean", as git calls it). A stamp that does match a damaged file (forged, or a clock
 * set back) still gives one clear line: SQLite reports the damaged pages it reads
 * (SQLITE_CORRUPT, db/errors.ts), and every connection runs with `cell_size_check` on.
 */
import fs from 'node:fs';
import path from 'node:path';
import { userDataDir } from '../paths';

const CACHE_FILE = 'checked-projects.json';
const MAX_ENTRIES = 64;
const SETTLED_MS = 2000;

export interface FileStamp {
  /** Everything compared, as one string. */
  key: string;
  /** The latest status change of the file (or its WAL / journal), in ms since the epoch. */
  changedMs: number;
  /** The size of the file and its WAL / journal together. */
  bytes: number;
}

type Cache = Record<string, { key: string; at: number }>;

/** The stamp of a project file and its WAL / journal; null when it cannot be read. */
export function fileStamp(file: string): FileStamp | null {
  try {
    let changedMs = 0;
    let bytes = 0;
    const parts = ['', '-wal', '-journal'].map((suffix) => {
      const st = fs.statSync(file + suffix, { bigint: true, throwIfNoEntry: false });
      // an empty WAL is no WAL (a read-only connection creates one, and touches it on each open)
      if (!st || (suffix !== '' && st.size === 0n)) return 'none';
      changedMs = Math.max(changedMs, Number(st.ctimeMs), Number(st.mtimeMs));
      bytes += Number(st.size);
      return `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`;
    });
    return { key: parts.join('|'), changedMs, bytes };
  } catch {
    return null;
  }
}

/** True when the file passed a check with exactly this stamp. */
export function checkedClean(file: string, stamp: FileStamp): boolean {
  const entry = readCache()[cacheKey(file)];
  return entry !== undefined && entry.key === stamp.key;
}

/** Remembers that the file with this stamp passed the check (unless it changed too recently to be sure). */
export function rememberClean(file: string, stamp: FileStamp, settledMs = SETTLED_MS): void {
  const now = Date.now();
  if (now - stamp.changedMs < settledMs) return;
  try {
    const cache = readCache();
    cache[cacheKey(file)] = { key: stamp.key, at: now };
    const kept = Object.entries(cache).sort((a, b) => b[1].at - a[1].at).slice(0, MAX_ENTRIES);
    const dir = userDataDir();
    fs.mkdirSync(dir, { recursive: true });
    const tmp = path.join(dir, `${CACHE_FILE}.${process.pid}.tmp`);
    fs.writeFileSync(tmp, JSON.stringify(Object.fromEntries(kept)));
    fs.renameSync(tmp, path.join(dir, CACHE_FILE)); // atomic: a concurrent reader sees the old or the new list
  } catch {
    // no data folder, or it cannot be written: the next open checks the file again
  }
}

/**
 * After this process closes a file it had found clean (checked, or remembered) and then changed
 * only through SQLite, the file is clean as SQLite left it: remembers its stamp, so the next
 * command does not check it again (the first export after a million-row import paid 0.6 s).
 * The racy-clean rule still holds, with the file system's own granularity: on a file system
 * with sub-second timestamps (ext4, APFS, NTFS, exFAT: 10 ms or finer) the stamp is taken once
 * FINE_SETTLED_MS have passed since the last change, so any later change gets a later ctime;
 * a file whose times are whole seconds (FAT) is left to the 2 s rule (not remembered here).
 */
export function rememberOwnWrites(file: string): void {
  const first = fileStamp(file);
  if (!first || !subSecond(first) || first.bytes < ownWritesMinBytes) return;
  const wait = first.changedMs + FINE_SETTLED_MS - Date.now();
  if (wait > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Math.min(wait, FINE_SETTLED_MS));
  const stamp = fileStamp(file);
  if (stamp && stamp.key === first.key) rememberClean(file, stamp, FINE_SETTLED_MS);
}

const FINE_SETTLED_MS = 50;

/**
 * Smaller files are not worth the wait: quick_check reads about 1 MB a millisecond, so below
 * 64 MB the check the next command runs costs about what the settle wait would.
 */
let ownWritesMinBytes = 64 << 20;

/** Tests: remember own writes on files of any size. */
export function setOwnWritesMinBytes(bytes: number): void {
  ownWritesMinBytes = bytes;
}

/** Whether the file's times carry fractions of a second (chance of a whole second on such a system: ~1/250, then simply not remembered). */
function subSecond(stamp: FileStamp): boolean {
  return stamp.changedMs % 1000 !== 0;
}

function cacheKey(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

function readCache(): Cache {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(path.join(userDataDir(), CACHE_FILE), 'utf8'));
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Cache) : {};
  } catch {
    return {};
  }
}
