/**
 * "Create coder file": a copy of the project for one named coder. Same codebook, media, coders
 * and UUIDs (so the merge can match every record), the coder fixed in the file
 * (`coder_file_for`), and, when blind (the default), no other coder's segments, memos or
 * contradictions and no reconcile decisions. Removed rows leave no tombstones: they are not
 * deletions, merging the file back must not delete them from the project.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { CoderFileResult } from '../../shared/merge/types';
import { UserError } from '../../shared/errors';
import type { Coder } from '../../shared/domain';
import type { ProjectStore } from '../db/store';
import { refuseOpenFiles } from '../cli/io';

export interface CoderFileOptions {
  /** Leave out other coders' work (default true). */
  blind?: boolean;
  clock?: () => number;
}

/** Finds a (non-consensus) coder by display name or id; several with that name is an error. */
export function findCoder(store: ProjectStore, nameOrId: string): Coder | null {
  const wanted = nameOrId.trim();
  const coders = store.listCoders().filter((c) => !c.isConsensus);
  const byId = coders.find((c) => c.id === wanted);
  if (byId) return byId;
  const named = coders.filter((c) => c.name === wanted);
  if (named.length > 1) {
    throw new UserError('ambiguous', `Several coders are named "${wanted}" (ids ${named.map((c) => c.id).join(', ')}); give the id instead`);
  }
  return named[0] ?? null;
}

export function createCoderFile(store: ProjectStore, coderName: string, out: string, opts: CoderFileOptions = {}): CoderFileResult {
  const blind = opts.blind ?? true;
  const abs = path.resolve(out);
  if (store.getMeta('coder_file_for')) throw new UserError('forbidden', `${store.file} is itself a coder file; hand out coder files from the main project`);
  refuseOpenFiles(abs, [store.file]);
  if (fs.existsSync(abs) && fs.statSync(abs).size > 0) throw new UserError('exists', `${abs}: file already exists; choose another name`);
  if (!fs.existsSync(path.dirname(abs))) throw new UserError('not_found', `${path.dirname(abs)}: no such folder`);
  if (store.db.prepare('SELECT 1 FROM coders WHERE is_consensus = 1 AND name = ?').get(coderName.trim())) {
    throw new UserError('invalid', `"${coderName.trim()}" is the consensus coder; hand out files to coders only`);
  }

  let coder = findCoder(store, coderName);
  const coderCreated = !coder;
  if (!coder) coder = store.insertCoder({ name: coderName });

  const tmp = `${abs}.${process.pid}.partial`;
  fs.rmSync(tmp, { force: true });
  try {
    store.db.prepare('VACUUM INTO ?').run(tmp);
    const db = new Database(tmp);
    try {
      db.pragma('foreign_keys = ON');
      db.transaction(() => {
        if (blind) {
          // other coders' work (the consensus coder's included) is left out of a blind file
          db.prepare('DELETE FROM reconcile_decisions').run();
          db.prepare('DELETE FROM contradictions WHERE coder_id != ?').run(coder.id);
          db.prepare('DELETE FROM memos WHERE coder_id IS NOT NULL AND coder_id != ?').run(coder.id);
          db.prepare('DELETE FROM segments WHERE coder_id != ?').run(coder.id);
        }
        // the lead's undo history is not the coder's to undo
        const hasUndo = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'undo_log'").get();
        if (hasUndo) db.prepare('DELETE FROM undo_log').run();
        const set = db.prepare('INSERT INTO project_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
        const source = (db.prepare("SELECT value FROM project_meta WHERE key = 'project_id'").get() as { value: string }).value;
        const name = (db.prepare("SELECT value FROM project_meta WHERE key = 'name'").get() as { value: string } | undefined)?.value ?? 'Project';
        set.run('coder_file_for', coder.id);
        set.run('coder_file_source', source);
        set.run('coder_file_blind', blind ? '1' : '0');
        set.run('coder_file_created_at', String((opts.clock ?? Date.now)()));
        set.run('project_id', randomUUID());
        set.run('name', `${name} (${coder.name})`);
      })();
      const segments = (db.prepare('SELECT count(*) AS n FROM segments WHERE coder_id = ?').get(coder.id) as { n: number }).n;
      // one self-contained file to hand out: no -wal beside it
      db.pragma('journal_mode = DELETE');
      db.close();
      fs.renameSync(tmp, abs);
      return { file: abs, coderId: coder.id, coderName: coder.name, coderCreated, blind, segments };
    } finally {
      if (db.open) db.close();
    }
  } catch (e) {
    for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`, `${tmp}-journal`]) fs.rmSync(f, { force: true });
    // a coder created for this file only is taken back: a failed command changes nothing
    if (coderCreated) store.db.prepare('DELETE FROM coders WHERE id = ? AND NOT EXISTS (SELECT 1 FROM segments WHERE coder_id = ?)').run(coder.id, coder.id);
    if (e instanceof UserError) throw e;
    throw new UserError('write_failed', `${abs}: cannot write the coder file (${(e as Error).message})`);
  }
}
