/**
 * The persisted undo/redo history of a project (migration 40's undo_log/undo_rows), recorded by
 * TEMP triggers while an edit runs (see UndoLog). ProjectStore.recordEdit makes an edit one step.
 */
import type Database from 'better-sqlite3';
import { UserError } from '../../shared/errors';
import { stmt } from './connection';

/**
 * Tables whose rows an undoable edit may touch (media only by rename/remove of a recording;
 * project_meta only for the study name). Coders and the reconcile tables are here because a
 * reconcile decision (which may create the consensus coder) and an import are undo steps like a
 * coding edit.
 */
export const UNDO_TABLES = [
  'project_meta', 'media', 'activity_systems', 'coders', 'codes', 'segments', 'segment_codes', 'memos', 'contradictions', 'contradiction_evidence',
  'themes', 'theme_codes', 'tombstones', 'transcripts', 'transcript_cues',
  'reconcile_decisions', 'reconcile_decision_sources', 'consensus_segments',
  'participants', 'participant_attributes', 'participant_attribute_values', 'groups', 'group_members', 'segment_participants', 'contradiction_participants',
] as const;

export interface UndoStep {
  seq: number;
  label: string;
  createdAt: number;
  /** False for a step entered by notUndoable (a merge): undo stops there. */
  undoable: boolean;
}

export interface UndoResult {
  /** What was undone or redone. */
  label: string;
  /** Tables whose rows changed, so the renderer knows what to reload. */
  tables: string[];
  /** Segment ids whose rows changed. */
  segmentIds: string[];
}

interface TableInfo {
  cols: string[];
  pk: string[];
  /** SQL expression building the row image from a row alias (NEW, OLD or a table alias). */
  image: (alias: string) => string;
  key: (alias: string) => string;
}

interface CapturedRow { tbl: string; key: string; before: string | null; after: string | null }

/**
 * The persisted undo history. While an edit runs, TEMP triggers on the edited tables copy each
 * changed row's old and new image (JSON of all columns) into a temp table; when the edit's
 * transaction ends, the first "before" and last "after" of each row become one undo step in
 * `undo_log`/`undo_rows`. Undo writes the before images back (redo the after images) in one
 * transaction with foreign keys deferred, after checking that the rows still hold what the step
 * left (an import or merge that changed them since makes undo refuse rather than clobber).
 */
export class UndoLog {
  private tables = new Map<string, TableInfo>();
  private depth = 0;
  static readonly MAX_STEPS = 1000;

  constructor(private db: Database.Database, private clock: () => number) {
    const hasLog = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'undo_log'").get();
    if (!hasLog) return;
    db.exec(`CREATE TEMP TABLE IF NOT EXISTS undo_capture (seq INTEGER PRIMARY KEY, tbl TEXT NOT NULL, key TEXT NOT NULL, before TEXT, after TEXT);
      CREATE TEMP TABLE IF NOT EXISTS undo_capture_on (v INTEGER NOT NULL);
      DELETE FROM undo_capture_on; INSERT INTO undo_capture_on (v) VALUES (0);`);
    for (const t of UNDO_TABLES) {
      const info = stmt(db, "SELECT name, pk FROM pragma_table_info(?, 'main') ORDER BY cid").all(t) as { name: string; pk: number }[];
      if (info.length === 0) continue;
      const sql = (stmt(db, "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").get(t) as { sql: string }).sql;
      // the rowid is part of the image so a re-inserted row lists where it did (ties in ORDER BY)
      const cols = [...(/WITHOUT\s+ROWID/i.test(sql) ? [] : ['rowid']), ...info.map((c) => c.name)];
      const pk = info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
      const image = (a: string) => `json_object(${cols.map((c) => `'${c}', ${a}.${c}`).join(', ')})`;
      const key = (a: string) => `json_array(${pk.map((c) => `${a}.${c}`).join(', ')})`;
      this.tables.set(t, { cols, pk, image, key });
      const when = 'WHEN (SELECT v FROM temp.undo_capture_on) = 1';
      const triggers = {
        [`undo_${t}_ins`]: `AFTER INSERT ON main.${t} ${when}
          BEGIN INSERT INTO temp.undo_capture (tbl, key, before, after) VALUES ('${t}', ${key('NEW')}, NULL, ${image('NEW')}); END`,
        [`undo_${t}_upd`]: `AFTER UPDATE ON main.${t} ${when}
          BEGIN INSERT INTO temp.undo_capture (tbl, key, before, after) VALUES ('${t}', ${key('OLD')}, ${image('OLD')}, ${image('NEW')}); END`,
        [`undo_${t}_del`]: `AFTER DELETE ON main.${t} ${when}
          BEGIN INSERT INTO temp.undo_capture (tbl, key, before, after) VALUES ('${t}', ${key('OLD')}, ${image('OLD')}, NULL); END`,
      };
      for (const [name, body] of Object.entries(triggers)) {
        const sql = `CREATE TEMP TRIGGER IF NOT EXISTS ${name} ${body}`;
        this.triggers.push({ name, sql });
        db.exec(sql);
      }
    }
  }

  get enabled(): boolean {
    return this.tables.size > 0;
  }

  private triggers: { name: string; sql: string }[] = [];
  /**
   * Runs a bulk write that is not an undo step (a merge) inside the caller's transaction with the
   * capture triggers dropped: even switched off, each evaluates its WHEN subquery on every row
   * written. They are put back before fn's transaction ends (and a rollback restores them too).
   */
  withoutCapture<T>(fn: () => T): T {
    const resume = this.pauseCapture();
    try {
      return fn();
    } finally {
      resume();
    }
  }
  /**
   * withoutCapture for a bulk write that awaits (the streamed import): drops the capture triggers
   * inside the caller's transaction and returns the function that puts them back (call it before
   * the transaction ends; a rollback restores them anyway).
   */
  pauseCapture(): () => void {
    if (!this.enabled || this.depth > 0 || !this.db.inTransaction) return () => undefined;
    for (const t of this.triggers) this.db.exec(`DROP TRIGGER IF EXISTS temp.${t.name}`);
    return () => {
      for (const t of this.triggers) this.db.exec(t.sql);
    };
  }

  record<T>(label: string | ((result: T) => string), fn: () => T): T {
    if (!this.enabled) return this.db.transaction(fn).immediate();
    if (this.depth > 0) return fn();
    return this.db.transaction(() => {
      stmt(this.db, 'DELETE FROM temp.undo_capture').run();
      stmt(this.db, 'UPDATE temp.undo_capture_on SET v = 1').run();
      this.depth++;
      let result: T;
      try {
        result = fn();
      } finally {
        this.depth--;
        stmt(this.db, 'UPDATE temp.undo_capture_on SET v = 0').run();
      }
      const captured = stmt(this.db, 'SELECT tbl, key, before, after FROM temp.undo_capture ORDER BY seq').all() as CapturedRow[];
      stmt(this.db, 'DELETE FROM temp.undo_capture').run();
      const rows = collapse(captured);
      if (rows.length > 0) this.push(typeof label === 'string' ? label : label(result), rows);
      return result;
    }).immediate();
  }

  /** Forgets the whole history (e.g. after setting up the demo project, which is not an edit). */
  clear(): void {
    if (!this.enabled) return;
    stmt(this.db, 'DELETE FROM undo_rows').run();
    stmt(this.db, 'DELETE FROM undo_log').run();
  }

  /** Enters a step with no rows: a write that cannot be undone (see ProjectStore.notUndoable). */
  markNotUndoable(label: string): void {
    if (this.enabled) this.push(label, []);
  }

  private push(label: string, rows: CapturedRow[]): void {
    // a new edit ends the redo branch
    stmt(this.db, 'DELETE FROM undo_log WHERE undone = 1').run();
    const seq = Number(stmt(this.db, 'INSERT INTO undo_log (label, created_at, undone) VALUES (?, ?, 0)').run(label, this.clock()).lastInsertRowid);
    const ins = stmt(this.db, 'INSERT INTO undo_rows (seq, ord, table_name, row_key, before, after) VALUES (?, ?, ?, ?, ?, ?)');
    rows.forEach((r, i) => ins.run(seq, i, r.tbl, r.key, r.before, r.after));
    // keep the newest MAX_STEPS steps (seq grows by one per step; O(log n) on the primary key)
    stmt(this.db, 'DELETE FROM undo_log WHERE seq <= ?').run(seq - UndoLog.MAX_STEPS);
  }

  /** The step undo would revert and the step redo would re-apply. */
  state(): { undo: UndoStep | null; redo: UndoStep | null } {
    if (!this.enabled) return { undo: null, redo: null };
    // a step without rows is one notUndoable entered
    const cols = 'seq, label, created_at, EXISTS (SELECT 1 FROM undo_rows r WHERE r.seq = l.seq) AS undoable';
    const pick = (sql: string) => {
      const r = stmt(this.db, sql).get() as { seq: number; label: string; created_at: number; undoable: number } | undefined;
      return r ? { seq: r.seq, label: r.label, createdAt: r.created_at, undoable: r.undoable === 1 } : null;
    };
    return {
      undo: pick(`SELECT ${cols} FROM undo_log l WHERE undone = 0 ORDER BY seq DESC LIMIT 1`),
      redo: pick(`SELECT ${cols} FROM undo_log l WHERE undone = 1 ORDER BY seq ASC LIMIT 1`),
    };
  }

  undo(): UndoResult {
    return this.apply('undo');
  }

  redo(): UndoResult {
    return this.apply('redo');
  }

  private apply(dir: 'undo' | 'redo'): UndoResult {
    if (!this.enabled) throw new UserError('unsupported', 'This project file has no undo history');
    return this.db.transaction(() => {
      const step = dir === 'undo' ? this.state().undo : this.state().redo;
      if (!step) throw new UserError('nothing', dir === 'undo' ? 'Nothing to undo' : 'Nothing to redo');
      if (!step.undoable) throw new UserError('not_undoable', `"${step.label}" cannot be undone, so nothing before it can be undone either`);
      const rows = stmt(this.db, 'SELECT table_name AS tbl, row_key AS key, before, after FROM undo_rows WHERE seq = ? ORDER BY ord').all(step.seq) as CapturedRow[];
      const ordered = dir === 'undo' ? [...rows].reverse() : rows;
      // refuse when something outside the undo history changed these rows since
      for (const r of ordered) {
        const expected = dir === 'undo' ? r.after : r.before;
        if (this.current(r.tbl, r.key) !== expected) {
          throw new UserError('conflict', `Cannot ${dir} "${step.label}": a row of ${r.tbl} was changed since by an edit outside the undo history (an import or merge)`);
        }
      }
      this.db.pragma('defer_foreign_keys = ON');
      // deletions first (children before parents), then writes in order
      for (const r of ordered) if ((dir === 'undo' ? r.before : r.after) === null) this.write(r.tbl, r.key, null);
      for (const r of ordered) {
        const target = dir === 'undo' ? r.before : r.after;
        if (target !== null) this.write(r.tbl, r.key, target);
      }
      stmt(this.db, 'UPDATE undo_log SET undone = ? WHERE seq = ?').run(dir === 'undo' ? 1 : 0, step.seq);
      const segmentIds = new Set<string>();
      for (const r of rows) {
        if (r.tbl === 'segments') segmentIds.add((JSON.parse(r.key) as string[])[0]!);
        if (r.tbl === 'segment_codes') segmentIds.add((JSON.parse(r.key) as string[])[0]!);
      }
      return { label: step.label, tables: [...new Set(rows.map((r) => r.tbl))], segmentIds: [...segmentIds] };
    })();
  }

  private info(tbl: string): TableInfo {
    const t = this.tables.get(tbl);
    if (!t) throw new Error(`undo: unknown table ${tbl}`);
    return t;
  }

  private where(t: TableInfo): string {
    return t.pk.map((c) => `${c} = ?`).join(' AND ');
  }

  private current(tbl: string, key: string): string | null {
    const t = this.info(tbl);
    const row = stmt(this.db, `SELECT ${t.image('r')} AS img FROM main.${tbl} AS r WHERE ${this.where(t)}`).get(...(JSON.parse(key) as unknown[])) as { img: string } | undefined;
    return row?.img ?? null;
  }

  private write(tbl: string, key: string, image: string | null): void {
    const t = this.info(tbl);
    const keyVals = JSON.parse(key) as unknown[];
    if (image === null) {
      stmt(this.db, `DELETE FROM main.${tbl} WHERE ${this.where(t)}`).run(...keyVals);
      return;
    }
    const row = JSON.parse(image) as Record<string, unknown>;
    const vals = t.cols.map((c) => row[c] ?? null);
    const exists = stmt(this.db, `SELECT 1 FROM main.${tbl} WHERE ${this.where(t)}`).get(...keyVals);
    if (exists) {
      const setCols = t.cols.filter((c) => !t.pk.includes(c) && c !== 'rowid');
      if (setCols.length === 0) return;
      stmt(this.db, `UPDATE main.${tbl} SET ${setCols.map((c) => `${c} = ?`).join(', ')} WHERE ${this.where(t)}`)
        .run(...setCols.map((c) => row[c] ?? null), ...keyVals);
    } else {
      stmt(this.db, `INSERT INTO main.${tbl} (${t.cols.join(', ')}) VALUES (${t.cols.map(() => '?').join(', ')})`).run(...vals);
    }
  }
}

/** First "before" and last "after" per row, in order of first touch; rows left as they were drop out. */
function collapse(captured: CapturedRow[]): CapturedRow[] {
  const byRow = new Map<string, CapturedRow>();
  for (const c of captured) {
    const id = `${c.tbl}\u0000${c.key}`;
    const seen = byRow.get(id);
    if (seen) seen.after = c.after;
    else byRow.set(id, { ...c });
  }
  return [...byRow.values()].filter((r) => r.before !== r.after);
}
