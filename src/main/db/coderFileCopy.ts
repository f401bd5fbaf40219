/**
 * The file a coder file is made of: a consistent copy of the project (VACUUM INTO) with the coder
 * fixed in project_meta (`coder_file_for`), a new project id, no undo history and, when blind, no
 * other coder's segments, memos, contradictions and no reconcile decisions. Removed rows leave
 * no tombstones: they are not deletions. The copy is one self-contained file (no -wal beside it).
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { sqlite } from './sqlite';
import { vacuumInto, type Db } from './connection';

export interface CoderCopy {
  coder: { id: string; name: string };
  blind: boolean;
  createdAt: number;
}

/** Writes the copy to `dest` (which must not exist) and returns how many segments of the coder it holds. */
export function writeCoderFileCopy(project: Db, dest: string, c: CoderCopy): number {
  vacuumInto(project, dest);
  const db = new (sqlite())(dest);
  try {
    db.pragma('foreign_keys = ON');
    db.transaction(() => {
      if (c.blind) removeOthersWork(db, c.coder.id);
      // the lead's undo history is not the coder's to undo
      if (db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'undo_log'").get()) db.prepare('DELETE FROM undo_log').run();
      markCoderFile(db, c);
    })();
    const segments = (db.prepare('SELECT count(*) AS n FROM segments WHERE coder_id = ?').get(c.coder.id) as { n: number }).n;
    db.pragma('journal_mode = DELETE');
    return segments;
  } finally {
    db.close();
  }
}

/** Other coders' work (the consensus coder's included) is left out of a blind file. */
function removeOthersWork(db: Db, coderId: string): void {
  db.prepare('DELETE FROM reconcile_decisions').run();
  db.prepare('DELETE FROM contradictions WHERE coder_id != ?').run(coderId);
  db.prepare('DELETE FROM memos WHERE coder_id IS NOT NULL AND coder_id != ?').run(coderId);
  db.prepare('DELETE FROM segments WHERE coder_id != ?').run(coderId);
}

function markCoderFile(db: Db, c: CoderCopy): void {
  const set = db.prepare('INSERT INTO project_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  const source = (db.prepare("SELECT value FROM project_meta WHERE key = 'project_id'").get() as { value: string }).value;
  const name = (db.prepare("SELECT value FROM project_meta WHERE key = 'name'").get() as { value: string } | undefined)?.value ?? 'Project';
  set.run('coder_file_for', c.coder.id);
  set.run('coder_file_source', source);
  set.run('coder_file_blind', c.blind ? '1' : '0');
  set.run('coder_file_created_at', String(c.createdAt));
  set.run('project_id', randomUUID());
  set.run('name', `${name} (${c.coder.name})`);
}
