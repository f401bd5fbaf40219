/**
 * Multi-row INSERT in batches: values are appended flat and written ROWS rows per statement
 * (prepared once; the last, shorter batch prepares its own), so a bulk import runs one SQLite
 * statement per ROWS rows instead of one per row.
 */
import type Database from 'better-sqlite3';

export class BatchInsert {
  readonly values: unknown[] = [];
  private rows = 0;
  private readonly full: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    /** e.g. "INSERT INTO t (a, b)" */
    private readonly head: string,
    private readonly columns: number,
    readonly capacity = 100,
  ) {
    this.full = db.prepare(this.sql(capacity));
  }

  /** Counts one row whose values were just pushed onto `values`; true when the batch is full. */
  added(): boolean {
    return ++this.rows === this.capacity;
  }

  flush(): void {
    if (this.rows === 0) return;
    (this.rows === this.capacity ? this.full : this.db.prepare(this.sql(this.rows))).run(this.values);
    this.values.length = 0;
    this.rows = 0;
  }

  private sql(rows: number): string {
    const one = `(${new Array(this.columns).fill('?').join(', ')})`;
    return `${this.head} VALUES ${new Array(rows).fill(one).join(', ')}`;
  }
}
