/**
 * Opening a project file. Nothing is written to a file until it is known to be a Triangulate
 * project of a supported version: it is first opened read-only (no WAL switch, no migration)
 * and judged by SQLite itself (application id, schema version, quick_check, and a schema
 * identical to the one the app creates for that version, with `trusted_schema` off); only then
 * is it reopened read-write, switched to WAL and migrated. A crash mid-checkpoint leaves a main
 * file shorter than its header says plus a WAL holding the rest: SQLite recovers that through
 * the WAL, so sizes are never compared by hand. `ProjectStore.create` is the only way to make a
 * new project (an empty file is refused everywhere else).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { sqlite } from './sqlite';
import { LATEST_VERSION, MIGRATIONS } from './migrations';
import { checkSchema } from './schemaCheck';
import { checkedClean, fileStamp, rememberClean } from './checkedFiles';
import { UserError } from '../../shared/errors';

export const APPLICATION_ID = 0x54726961; // "Tria"

export interface OpenOptions {
  /** Create the file when it does not exist or is empty (new project). */
  create?: boolean;
  readonly?: boolean;
  /** better-sqlite3 native binding to load (the Electron-ABI build inside the packaged app). */
  nativeBinding?: string;
}

/** Read-write connections to a file that was clean when opened (created here, checked, or remembered). */
const foundClean = new WeakSet<Database.Database>();

/** Whether `db` is a read-write connection to a file found clean when opened (checkedFiles.rememberOwnWrites). */
export function openedClean(db: Database.Database): boolean {
  return foundClean.has(db);
}

export function openDatabase(file: string, opts: OpenOptions = {}): Database.Database {
  const db = openVerified(file, opts);
  if (!db.readonly) foundClean.add(db);
  return db;
}

function openVerified(file: string, opts: OpenOptions): Database.Database {
  const size = statProject(file, !!opts.create);
  if (size === null || size === 0) return openReadWrite(file, opts);
  // the stamp is taken before the check: a change during the check makes it stale, never wrong
  const stamp = fileStamp(file);
  const integrity = stamp === null || !checkedClean(file, stamp);
  const probe = openReadonly(file, opts);
  try {
    verifyProject(probe, file, integrity);
  } catch (e) {
    probe.close();
    throw e;
  }
  if (integrity && stamp) rememberClean(file, stamp);
  if (opts.readonly) return configure(probe, file, true);
  probe.close();
  if (!isWritable(file)) {
    throw new UserError('read_only', `${file} is read-only: this command changes the project; make the file writable (or copy it to a writable folder) and try again`);
  }
  return openReadWrite(file, opts);
}

/** The file's size; null when it does not exist (allowed only when creating). */
function statProject(file: string, create: boolean): number | null {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch {
    if (create) return null;
    throw new UserError('not_found', `${file}: no such project file`);
  }
  if (st.isDirectory()) throw new UserError('not_a_project', `${file}: is a folder, not a project file`);
  if (!st.isFile()) throw new UserError('not_a_project', `${file}: is not a regular file, not a project file`);
  if (st.size === 0 && !create) {
    throw new UserError('not_a_project', `${file}: is an empty file, not a Triangulate project (create one with \`triangulate new\`)`);
  }
  return st.size;
}

function connect(file: string, opts: OpenOptions, readonly: boolean): Database.Database {
  try {
    const db = new (sqlite())(file, { readonly, fileMustExist: !opts.create, nativeBinding: opts.nativeBinding });
    // a schema's views and triggers may not call functions with side effects (defence in depth:
    // the schema check below refuses any view or trigger anyway)
    db.pragma('trusted_schema = OFF');
    // b-tree pages are checked more closely as they are read, so damage found without a
    // quick_check (checkedFiles.ts) is reported as SQLITE_CORRUPT, not read as data
    db.pragma('cell_size_check = ON');
    return db;
  } catch (e) {
    throw new UserError('not_a_project', `${file}: cannot open as a Triangulate project (${(e as Error).message})`);
  }
}

/**
 * A read-only connection. A WAL-mode file on a read-only folder or file system cannot be opened
 * read-only in place (SQLite needs its -shm beside it): it is read from a temporary copy.
 */
function openReadonly(file: string, opts: OpenOptions): Database.Database {
  try {
    return connect(file, opts, true);
  } catch (e) {
    if (isWritable(path.dirname(file))) throw e;
    return openReadonlyCopy(file, opts);
  }
}

function openReadonlyCopy(file: string, opts: OpenOptions): Database.Database {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triangulate-readonly-'));
  const copy = path.join(dir, path.basename(file));
  try {
    fs.copyFileSync(file, copy);
    if (fs.existsSync(`${file}-wal`)) fs.copyFileSync(`${file}-wal`, `${copy}-wal`);
    const db = connect(copy, opts, true);
    // the copy is only ever read; it disappears once closed (POSIX keeps the open file)
    fs.rmSync(dir, { recursive: true, force: true });
    return db;
  } catch (e) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

function isWritable(p: string): boolean {
  try {
    fs.accessSync(p, fs.constants.W_OK); // EROFS on a read-only mount, EPERM on an immutable file (even for root)
    return true;
  } catch {
    return false;
  }
}

/** A new project (no file, or an empty one, with `create`), or a verified one: migrated. */
function openReadWrite(file: string, opts: OpenOptions): Database.Database {
  const db = configure(connect(file, opts, false), file, false);
  try {
    migrate(db);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

/** SQLite's error while judging a file, as one line. */
function judged<T>(file: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof UserError) throw e;
    const code = (e as { code?: string }).code ?? '';
    if (code === 'SQLITE_NOTADB') throw new UserError('not_a_project', `${file}: not a Triangulate project (not a SQLite database)`);
    throw new UserError('corrupt', `${file}: project file is damaged or truncated (${(e as Error).message})`);
  }
}

let quickChecks = 0;
/** How many times this process ran quick_check on a project (the tests of checkedFiles.ts). */
export function quickChecksRun(): number {
  return quickChecks;
}

/**
 * Everything read-only: header, application id, known version, exact schema, and integrity
 * (quick_check, unless the file is unchanged since it last passed: `integrity` false).
 */
function verifyProject(db: Database.Database, file: string, integrity: boolean): void {
  judged(file, () => {
    const version = schemaVersion(db);
    const appId = Number(db.pragma('application_id', { simple: true }));
    const objects = (db.prepare('SELECT count(*) AS n FROM main.sqlite_master').get() as { n: number }).n;
    if (appId === 0 && version === 0 && objects === 0) {
      throw new UserError('not_a_project', `${file}: is an empty database, not a Triangulate project (create one with \`triangulate new\`)`);
    }
    if (appId !== APPLICATION_ID) throw new UserError('not_a_project', `${file}: not a Triangulate project (a SQLite database of another application)`);
    if (version > LATEST_VERSION) {
      throw new UserError(
        'too_new',
        `${file}: written by a newer Triangulate (schema ${version}, this version reads up to ${LATEST_VERSION}); update Triangulate to open it`,
      );
    }
    if (!MIGRATIONS.some((m) => m.version === version)) {
      throw new UserError('unknown_version', `${file}: has schema version ${version}, which no Triangulate version writes: refusing to open`);
    }
    if (integrity) quickCheck(db, file);
    checkSchema(db, file, version);
  });
}

function quickCheck(db: Database.Database, file: string): void {
  quickChecks++;
  const result = String(db.pragma('quick_check(1)', { simple: true }));
  if (result === 'ok') return;
  // SQLite says "*** in database main ***" on a line of its own above the problem: one line
  const problem = result.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !/^\*\*\* in database \w+ \*\*\*$/.test(l)).join('; ');
  throw new UserError('corrupt', `${file}: project file is damaged or truncated (${problem})`);
}

function configure(db: Database.Database, file: string, readonly: boolean): Database.Database {
  try {
    if (!readonly) {
      db.pragma('journal_mode = WAL');
      // NORMAL in WAL mode: a committed transaction survives an application crash (kill -9);
      // only a power cut can lose the last commits, and never corrupts the file.
      db.pragma('synchronous = NORMAL');
      // checkpoints (the only fsync in WAL + NORMAL) run in idle time (ProjectStore); this only
      // bounds the WAL at ~40 MB if edits never pause
      db.pragma('wal_autocheckpoint = 10000');
    }
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // the undo log captures rows into TEMP tables during each edit: keep them in memory
    db.pragma('temp_store = MEMORY');
    if (readonly && schemaVersion(db) < LATEST_VERSION) {
      throw new UserError('needs_migration', `${file}: needs upgrading to schema ${LATEST_VERSION}; open it read-write once`);
    }
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

export function schemaVersion(db: Database.Database): number {
  return Number(db.pragma('user_version', { simple: true }));
}

function migrate(db: Database.Database): void {
  const current = schemaVersion(db);
  for (const m of MIGRATIONS.filter((x) => x.version > current)) {
    db.transaction(() => {
      m.up(db);
      db.pragma(`application_id = ${APPLICATION_ID}`);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}
