/**
 * The study lifecycle calls (contract/studies.ts) and the app-wide service: every other call is
 * forwarded to the open study's service, so both transports keep one service object while the
 * study behind it changes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { METHOD_NAMES, type Api, type ServiceOf } from '../../../shared/contract';
import type { studiesContract } from '../../../shared/contract/studies';
import { UserError } from '../../../shared/errors';
import { sqliteUserError } from '../../db/errors';
import { ProjectStore } from '../../db/store';
import { listBackups, writeCopy } from './backups';
import { copyCodebook, importQdc } from './codebook';
import { listFolder } from './folders';
import { addRecordings, mediaUsage, moveRecording, removeRecording, renameRecording } from './recordings';
import { checkStudyPath, type StudySession } from './session';

export const STUDY_EXT = '.triangulate';

/** `name.triangulate` unless it already ends so. */
export function studyFileName(file: string): string {
  const abs = path.resolve(file);
  return abs.toLowerCase().endsWith(STUDY_EXT) ? abs : abs + STUDY_EXT;
}

function studiesService(session: StudySession): ServiceOf<typeof studiesContract> {
  const store = (): ProjectStore => {
    session.requireService();
    return session.current!;
  };
  return {
    async studyState() {
      return session.state();
    },
    async newStudy({ file, name, codebook, codebookFile }) {
      const abs = studyFileName(file);
      if (!fs.existsSync(path.dirname(abs))) throw new UserError('not_found', `${path.dirname(abs)}: no such folder; choose where to save the study`);
      if (codebook === 'study') checkStudyPath(path.resolve(codebookFile!));
      const created = ProjectStore.create(abs, { name });
      try {
        if (codebook === 'study') copyCodebook(created, path.resolve(codebookFile!));
        if (codebook === 'qdc') await importQdc(created, path.resolve(codebookFile!));
      } catch (e) {
        created.close();
        for (const f of [abs, `${abs}-wal`, `${abs}-shm`]) fs.rmSync(f, { force: true });
        throw e;
      }
      session.adopt(created);
      return session.state();
    },
    async openStudy({ file }) {
      return session.open(file);
    },
    async openDemo() {
      return session.openDemo();
    },
    async closeStudy() {
      return session.close();
    },
    async forgetRecent({ file }) {
      session.settings.forget(file);
      return session.state();
    },
    async setBackups({ enabled }) {
      session.settings.update((s) => ({ ...s, backups: enabled }));
      return session.state();
    },
    async saveCopy({ file }) {
      const dest = studyFileName(file);
      writeCopy(store().db, dest);
      return { file: dest };
    },
    async listBackups({ file }) {
      return listBackups(path.resolve(file));
    },
    async restoreBackup({ backup, file }) {
      const src = path.resolve(backup);
      checkStudyPath(src);
      const dest = studyFileName(file);
      if (fs.existsSync(dest)) throw new UserError('exists', `${dest}: file already exists; a backup is restored as a new copy, never over a study`);
      fs.copyFileSync(src, dest, fs.constants.COPYFILE_EXCL);
      try {
        return session.open(dest);
      } catch (e) {
        fs.rmSync(dest, { force: true });
        throw e;
      }
    },
    async listFolder({ path: dir, accept, showHidden }) {
      return listFolder(dir, accept, showHidden);
    },
    async addMediaFiles({ paths }) {
      return addRecordings(store(), paths);
    },
    async renameMedia({ mediaId, name }) {
      return renameRecording(store(), mediaId, name);
    },
    async moveMedia({ mediaId, delta }) {
      return moveRecording(store(), mediaId, delta);
    },
    async mediaUsage({ mediaId }) {
      return mediaUsage(store(), mediaId);
    },
    async removeMedia({ mediaId }) {
      return removeRecording(store(), mediaId);
    },
  };
}

/** One service for the app's lifetime: the lifecycle calls, and every other call forwarded to the open study. */
export function sessionService(session: StudySession): Api {
  const own = studiesService(session) as unknown as Record<string, (i: unknown) => Promise<unknown>>;
  const api: Record<string, (i: unknown) => Promise<unknown>> = {};
  for (const name of METHOD_NAMES) {
    api[name] =
      own[name] ??
      (async (input: unknown) => {
        const svc = session.requireService() as unknown as Record<string, (i: unknown) => Promise<unknown>>;
        try {
          return await svc[name]!(input);
        } catch (e) {
          throw sqliteUserError(e) ?? e; // e.g. a write to a read-only study: one line saying what to do
        }
      });
  }
  return api as unknown as Api;
}
