/**
 * Opening a project file: checks that it is a SQLite database of ours, refuses files written by
 * a newer Triangulate, applies pending migrations (each in a transaction ending by setting
 * user_version) and sets WAL mode and foreign keys.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { LATEST_VERSION, MIGRATIONS } from './migrations';
import { UserError } from '../../shared/errors';

const SQLITE_MAGIC = 'SQLite format 3\u0000';
export const APPLICATION_ID = 0x54726961; // "Tria"

export interface OpenOptions {
  /** Create the file when it does not exist (new project). */
  create?: boolean;
  readonly?: boolean;
  /** better-sqlite3 native binding to load (the Electron-ABI build inside the packaged app). */
  nativeBinding?: string;
}

export function openDatabase(file: string, opts: OpenOptions = {}): Database.Database {
  const exists = fs.existsSync(file);
  if (!exists && !opts.create) throw new UserError('not_found', `${file}: no such project file`);
  if (exists) checkHeader(file);
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: !!opts.readonly, fileMustExist: !opts.create, nativeBinding: opts.nativeBinding });
  } catch (e) {
    throw new UserError('not_a_project', `${file}: cannot open as a Triangulate project (${(e as Error).message})`);
  }
  try {
    if (!opts.readonly) {
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
    checkIntegrityQuick(db, file);
    migrate(db, file, !!opts.readonly);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

function checkHeader(file: string): void {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    if (size === 0) return; // an empty file is a new database
    const buf = Buffer.alloc(100);
    const n = fs.readSync(fd, buf, 0, 100, 0);
    if (n < 100 || buf.toString('latin1', 0, 16) !== SQLITE_MAGIC) {
      throw new UserError('not_a_project', `${file}: not a Triangulate project (not a SQLite database)`);
    }
    const pageSizeRaw = buf.readUInt16BE(16);
    const pageSize = pageSizeRaw === 1 ? 65536 : pageSizeRaw;
    const pages = buf.readUInt32BE(28);
    if (pages > 0 && size < pageSize * pages) {
      throw new UserError('truncated', `${file}: project file is truncated (${size} bytes, header says ${pageSize * pages})`);
    }
  } finally {
    fs.closeSync(fd);
  }
}

function checkIntegrityQuick(db: Database.Database, file: string): void {
  let result: string;
  try {
    result = String(db.pragma('quick_check(1)', { simple: true }));
  } catch (e) {
    throw new UserError('corrupt', `${file}: project file is damaged (${(e as Error).message})`);
  }
  if (result !== 'ok') throw new UserError('corrupt', `${file}: project file is damaged (${result})`);
}

export function schemaVersion(db: Database.Database): number {
  return Number(db.pragma('user_version', { simple: true }));
}

function migrate(db: Database.Database, file: string, readonly: boolean): void {
  const current = schemaVersion(db);
  const appId = Number(db.pragma('application_id', { simple: true }));
  if (current > LATEST_VERSION) {
    throw new UserError(
      'too_new',
      `${file}: written by a newer Triangulate (schema ${current}, this version reads up to ${LATEST_VERSION}); update Triangulate to open it`,
    );
  }
  if (current > 0 && appId !== APPLICATION_ID) {
    throw new UserError('not_a_project', `${file}: not a Triangulate project (a SQLite database of another application)`);
  }
  if (current === 0 && appId === 0) {
    const tables = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number };
    if (tables.n > 0) throw new UserError('not_a_project', `${file}: not a Triangulate project (a SQLite database of another application)`);
  }
  const pending = MIGRATIONS.filter((m) => m.version > current);
  if (pending.length === 0) return;
  if (readonly) throw new UserError('needs_migration', `${file}: needs upgrading to schema ${LATEST_VERSION}; open it read-write once`);
  for (const m of pending) {
    db.transaction(() => {
      m.up(db);
      db.pragma(`application_id = ${APPLICATION_ID}`);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}
