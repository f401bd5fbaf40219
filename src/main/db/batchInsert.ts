/**
 * Multi-row INSERT in batches: values are appended flat and written `capacity` rows per
 * statement (each statement size prepared once), so a bulk import runs one SQLite statement per
 * batch instead of one per row.
 */
import type Database from 'better-sqlite3';
import { stmt } from './connection';

export class BatchInsert {
  readonly values: unknown[] = [];
  private rows = 0;
  /** Statements by row count: the full batch's, and the shorter ones a flush before it is full needs. */
  private readonly statements = new Map<number, Database.Statement>();

  constructor(
    private readonly db: Database.Database,
    /** e.g. "INSERT INTO t (a, b)" */
    private readonly head: string,
    private readonly columns: number,
    readonly capacity = 100,
  ) {
    this.statement(capacity);
  }

  /** Counts one row whose values were just pushed onto `values`; true when the batch is full. */
  added(): boolean {
    return ++this.rows === this.capacity;
  }

  flush(): void {
    if (this.rows === 0) return;
    this.statement(this.rows).run(this.values);
    this.values.length = 0;
    this.rows = 0;
  }

  private statement(rows: number): Database.Statement {
    let st = this.statements.get(rows);
    if (!st) this.statements.set(rows, (st = this.db.prepare(this.sql(rows))));
    return st;
  }

  private sql(rows: number): string {
    const one = `(${new Array(this.columns).fill('?').join(', ')})`;
    return `${this.head} VALUES ${new Array(rows).fill(one).join(', ')}`;
  }
}

/**
 * A set of 32-bit hashes that answers "certainly not seen" or "maybe seen" (open addressing in a
 * typed array that doubles when half full): a bulk import asks SQLite whether a row belongs to a
 * segment it already wrote only when the answer is "maybe".
 */
export class HashFilter {
  private slots = new Int32Array(1 << 16);
  private count = 0;

  /** Adds h; returns whether it may have been added before. */
  addMaybeSeen(h: number): boolean {
    const v = h === 0 ? 1 : h | 0;
    const mask = this.slots.length - 1;
    for (let i = v & mask; ; i = (i + 1) & mask) {
      const s = this.slots[i]!;
      if (s === v) return true;
      if (s === 0) {
        this.slots[i] = v;
        if (++this.count * 2 > this.slots.length) this.grow();
        return false;
      }
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    this.count = 0;
    for (const v of old) if (v !== 0) this.addMaybeSeen(v);
  }
}

/** FNV-1a over a string's UTF-16 units, continuing from h. */
export function hashString(s: string, h = 0x811c9dc5): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h;
}

/**
 * Inserts rows given as one flat list of values (`columns` per row), `batch` rows per statement
 * (each statement size prepared once per connection): the per-statement cost of a row-by-row
 * insert is most of the time of writing tens of thousands of rows.
 */
export function insertRows(db: Database.Database, head: string, columns: number, values: unknown[], batch = 100): void {
  const rows = values.length / columns;
  const sql = (n: number) => `${head} VALUES ${new Array(n).fill(`(${new Array(columns).fill('?').join(', ')})`).join(', ')}`;
  let i = 0;
  if (rows >= batch) {
    const many = stmt(db, sql(batch));
    for (; i + batch <= rows; i += batch) many.run(values.slice(i * columns, (i + batch) * columns));
  }
  if (i < rows) stmt(db, sql(rows - i)).run(values.slice(i * columns));
}
