/**
 * The one translation of SQLite (and file system) failures into user lines, used by the CLI
 * (runCli) and the service's transports (toWireError): a busy project, a full disk, a read-only
 * file, a trigger that raised, a damaged file. Anything else stays an internal error (a bug).
 */
import { UserError } from '../../shared/errors';

type Coded = Error & { code?: unknown };

const RULES: { test: (code: string) => boolean; code: string; line: (message: string) => string }[] = [
  {
    test: (c) => c.startsWith('SQLITE_BUSY') || c.startsWith('SQLITE_LOCKED'),
    code: 'busy',
    line: () => 'another program is writing to the project (another Triangulate window or command?): nothing was changed; try again when it has finished',
  },
  { test: (c) => c === 'SQLITE_FULL' || c === 'ENOSPC', code: 'disk_full', line: () => 'the disk is full: nothing was changed; free some space and try again' },
  {
    test: (c) => c.startsWith('SQLITE_READONLY') || c === 'EROFS',
    code: 'read_only',
    line: () => 'the project file is read-only: nothing was changed; make it writable (or work on a copy) and try again',
  },
  {
    test: (c) => c === 'SQLITE_CONSTRAINT_TRIGGER',
    code: 'trigger',
    line: (m) => `a trigger in the project file refused the change (${m}): nothing was changed; the file was edited outside Triangulate`,
  },
  {
    test: (c) => c.startsWith('SQLITE_CORRUPT') || c === 'SQLITE_NOTADB',
    code: 'corrupt',
    line: (m) => `the project file is damaged (${m}): nothing was changed`,
  },
  {
    test: (c) => c.startsWith('SQLITE_IOERR') || c.startsWith('SQLITE_CANTOPEN'),
    code: 'io',
    line: (m) => `cannot read or write the project file (${m}): check the disk and try again`,
  },
];

/** The user line for a SQLite / file system failure, or null when e is not one (a bug). */
export function sqliteUserError(e: unknown): UserError | null {
  const code = (e as Coded | null)?.code;
  if (typeof code !== 'string') return null;
  const rule = RULES.find((r) => r.test(code));
  return rule ? new UserError(rule.code, rule.line(((e as Error).message ?? '').split('\n')[0]!)) : null;
}
