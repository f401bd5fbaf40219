/**
 * The connection's shared helpers: every statement is prepared once per connection and reused
 * (better-sqlite3 docs/performance.md), and every write runs in one IMMEDIATE transaction.
 * Table modules under `db/tables/` take the connection and call `stmt(db, sql)`.
 */
import type Database from 'better-sqlite3';

export type Db = Database.Database;

const caches = new WeakMap<Db, Map<string, Database.Statement>>();

/** The prepared statement for `sql` on this connection, compiled on first use. */
export function stmt(db: Db, sql: string): Database.Statement {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  let st = cache.get(sql);
  if (!st) {
    st = db.prepare(sql);
    cache.set(sql, st);
  }
  return st;
}

/**
 * One write transaction. BEGIN IMMEDIATE takes the write lock first, so a second writer waits
 * (busy_timeout) at the start instead of failing when it upgrades its read to a write.
 */
export function inTransaction<T>(db: Db, fn: () => T): T {
  const t = db.transaction(fn);
  return db.readonly ? t() : t.immediate();
}

const clocks = new WeakMap<Db, () => number>();

/** Sets the clock the table modules stamp rows with on this connection (tests pass a fixed one). */
export function setClock(db: Db, clock: () => number): void {
  clocks.set(db, clock);
}

/** The connection's clock reading (Date.now unless setClock gave another). */
export function now(db: Db): number {
  return (clocks.get(db) ?? Date.now)();
}

/**
 * Runs fn with a larger page cache (negative = KiB), then puts the previous size back: a bulk
 * write touching pages all over the tables keeps them from being spilled to the WAL and read back.
 */
export function withCacheSize<T>(db: Db, kib: number, fn: () => T): T {
  const before = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = ${Math.trunc(kib)}`);
  try {
    return fn();
  } finally {
    db.pragma(`cache_size = ${Math.trunc(before)}`);
  }
}

/**
 * One write transaction around an async body (a streamed import reading its file): BEGIN
 * IMMEDIATE, COMMIT when fn resolves, ROLLBACK when it throws. Nothing else may write on this
 * connection meanwhile (the app's calls are serialised).
 */
export async function inTransactionAsync<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = await fn();
    db.exec('COMMIT');
    return result;
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw e;
  }
}

/** A read in one transaction, so everything fn reads is of one committed state. */
export function inReadTransaction<T>(db: Db, fn: () => T): T {
  return db.transaction(fn)();
}

/** Copies the WAL back into the database file and empties it (before closing or copying the file). */
export function checkpointWal(db: Db): void {
  if (!db.readonly) db.pragma('wal_checkpoint(TRUNCATE)');
}

/** Writes a consistent copy of the open database to `dest` (SQLite's VACUUM INTO; dest must not exist). */
export function vacuumInto(db: Db, dest: string): void {
  db.prepare('VACUUM INTO ?').run(dest);
}
