/**
 * "Create coder file": a copy of the project for one named coder. Same codebook, media, coders
 * and UUIDs (so the merge can match every record), the coder fixed in the file
 * (`coder_file_for`), and, when blind (the default), no other coder's segments, memos or
 * contradictions and no reconcile decisions. Removed rows leave no tombstones: they are not
 * deletions, merging the file back must not delete them from the project.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { CoderFileResult } from '../../../shared/merge/types';
import { UserError } from '../../../shared/errors';
import type { Coder } from '../../../shared/domain';
import { writeCoderFileCopy } from '../../db/coderFileCopy';
import type { ProjectStore } from '../../db/store';
import { deleteCoderWithoutSegments, isConsensusName } from '../../db/tables/coders';
import { refuseOpenFiles } from '../../cli/io';

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
  if (isConsensusName(store.db, coderName.trim())) {
    throw new UserError('invalid', `"${coderName.trim()}" is the consensus coder; hand out files to coders only`);
  }

  let coder = findCoder(store, coderName);
  const coderCreated = !coder;
  if (!coder) coder = store.insertCoder({ name: coderName });

  const tmp = `${abs}.${process.pid}.partial`;
  fs.rmSync(tmp, { force: true });
  try {
    const segments = writeCoderFileCopy(store.db, tmp, { coder, blind, createdAt: (opts.clock ?? Date.now)() });
    fs.renameSync(tmp, abs);
    return { file: abs, coderId: coder.id, coderName: coder.name, coderCreated, blind, segments };
  } catch (e) {
    for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`, `${tmp}-journal`]) fs.rmSync(f, { force: true });
    // a coder created for this file only is taken back: a failed command changes nothing
    if (coderCreated) deleteCoderWithoutSegments(store.db, coder.id);
    if (e instanceof UserError) throw e;
    throw new UserError('write_failed', `${abs}: cannot write the coder file (${(e as Error).message})`);
  }
}
