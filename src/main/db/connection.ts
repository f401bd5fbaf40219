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
