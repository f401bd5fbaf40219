/**
 * better-sqlite3, loaded on first use: a command that reads only a CSV (agreement on a segments
 * file) never loads the native module, which costs about 5 ms of its start-up.
 */
import type BetterSqlite3 from 'better-sqlite3';

let loaded: typeof BetterSqlite3 | undefined;

export function sqlite(): typeof BetterSqlite3 {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (loaded ??= require('better-sqlite3') as typeof BetterSqlite3);
}

/** Whether an error is SQLite's (without loading the module to compare classes). */
export const isSqliteError = (e: unknown): e is BetterSqlite3.SqliteError => (e as Error | null)?.name === 'SqliteError' && typeof (e as { code?: unknown }).code === 'string';
