/**
 * The schema check of every file before use: its `sqlite_master` must hold exactly the objects
 * Triangulate itself creates for that schema version (tables, indexes, their SQL), nothing else.
 * The expected set is built by running the migrations up to that version in an in-memory
 * database, so an older file is compared with the older schema it really has. A trigger, a view,
 * a virtual table, an extra index or a table that differs is refused with what was found.
 */
import type Database from 'better-sqlite3';
import { sqlite } from './sqlite';
import { UserError } from '../../shared/errors';
import { MIGRATIONS } from './migrations';

interface SchemaObject {
  type: string;
  name: string;
  tbl_name: string;
  sql: string | null;
}

/** Tables SQLite itself may add (ANALYZE, AUTOINCREMENT): harmless, data only. */
const SQLITE_INTERNAL = /^sqlite_(stat1|stat4|sequence)$/;

const normalise = (sql: string | null): string => (sql ?? '').replace(/\s+/g, ' ').trim();
const keyOf = (o: SchemaObject): string => `${o.type}\u0000${o.name}\u0000${o.tbl_name}\u0000${normalise(o.sql)}`;

function readSchema(db: Database.Database): SchemaObject[] {
  return db.prepare('SELECT type, name, tbl_name, sql FROM main.sqlite_master').all() as SchemaObject[];
}

const expectedByVersion = new Map<number, Map<string, SchemaObject>>();

/** The objects a fresh database migrated to `version` holds, by name. */
export function expectedSchema(version: number): Map<string, SchemaObject> {
  let hit = expectedByVersion.get(version);
  if (!hit) {
    const db = new (sqlite())(':memory:');
    try {
      for (const m of MIGRATIONS.filter((x) => x.version <= version)) m.up(db);
      hit = new Map(readSchema(db).map((o) => [o.name, o]));
    } finally {
      db.close();
    }
    expectedByVersion.set(version, hit);
  }
  return hit;
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? 'an' : 'a';
}

function kindOf(o: SchemaObject): string {
  return o.type === 'table' && /^\s*CREATE\s+VIRTUAL\s+TABLE/i.test(o.sql ?? '') ? 'virtual table' : o.type;
}

/** What is wrong with one object of the file, or null when it is one Triangulate creates. */
function describeUnexpected(o: SchemaObject, expected: Map<string, SchemaObject>): string | null {
  const want = expected.get(o.name);
  if (want && keyOf(want) === keyOf(o)) return null;
  if (!want && o.type === 'table' && SQLITE_INTERNAL.test(o.name)) return null;
  const kind = kindOf(o);
  if (want && want.type !== o.type) return `contains ${article(kind)} ${kind} '${o.name}' where Triangulate has ${article(want.type)} ${want.type}`;
  if (want) return `its ${want.type} '${o.name}' differs from the one Triangulate creates`;
  return `contains ${article(kind)} ${kind} '${o.name}' that Triangulate does not create`;
}

/** Worst first: objects that run code or stand in for tables, then the rest. */
const RANK: Record<string, number> = { 'virtual table': 0, trigger: 1, view: 2, table: 3, index: 4 };

/**
 * Refuses a file whose schema is not exactly Triangulate's for `version` (one line saying what
 * was found). Call it with `PRAGMA trusted_schema = OFF` set and before any other query.
 */
export function checkSchema(db: Database.Database, file: string, version: number): void {
  const expected = expectedSchema(version);
  const found = readSchema(db);
  const problems = found
    .map((o) => ({ o, why: describeUnexpected(o, expected) }))
    .filter((p): p is { o: SchemaObject; why: string } => p.why !== null)
    .sort((a, b) => (RANK[kindOf(a.o)] ?? 5) - (RANK[kindOf(b.o)] ?? 5));
  if (problems.length > 0) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more unexpected object${problems.length > 2 ? 's' : ''})` : '';
    throw new UserError('hostile_schema', `${file}: ${problems[0]!.why}: refusing to open${more}`);
  }
  const names = new Set(found.map((o) => o.name));
  const missing = [...expected.values()].find((o) => !names.has(o.name));
  if (missing) throw new UserError('corrupt', `${file}: lacks the ${missing.type} '${missing.name}' of a Triangulate project (schema ${version}): damaged or not a project`);
}
