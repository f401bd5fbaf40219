/**
 * Safety copies of a study. A copy is written by SQLite itself (`VACUUM INTO`), so it is a
 * consistent snapshot of the last committed state even while the study is open and being
 * written. Rolling automatic backups: one per day, the newest 7 kept, in a
 * `.triangulate-backups` folder beside the study. Restoring never overwrites: it copies the
 * backup to a new file the user chose.
 */
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { UserError } from '../../../shared/errors';
import { vacuumInto } from '../../db/connection';

export const BACKUP_FOLDER = '.triangulate-backups';
export const BACKUPS_KEPT = 7;

export interface BackupInfo {
  file: string;
  day: string;
  size: number;
}

/** Writes a consistent copy of the open database to `dest`, which must not exist. */
export function writeCopy(db: Database.Database, dest: string): void {
  const abs = path.resolve(dest);
  if (fs.existsSync(abs)) throw new UserError('exists', `${abs}: file already exists; choose another name`);
  if (!fs.existsSync(path.dirname(abs))) throw new UserError('not_found', `${path.dirname(abs)}: no such folder`);
  vacuumInto(db, abs);
}

export function backupDir(studyFile: string): string {
  return path.join(path.dirname(studyFile), BACKUP_FOLDER);
}

const stem = (studyFile: string) => path.basename(studyFile).replace(/\.triangulate$/i, '');
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The backups of a study, newest first. */
export function listBackups(studyFile: string): BackupInfo[] {
  const dir = backupDir(studyFile);
  if (!fs.existsSync(dir)) return [];
  const prefix = `${stem(studyFile)} `;
  const out: BackupInfo[] = [];
  for (const name of fs.readdirSync(dir)) {
    const m = /^(\d{4}-\d{2}-\d{2})\.triangulate$/.exec(name.startsWith(prefix) ? name.slice(prefix.length) : '');
    if (m) out.push({ file: path.join(dir, name), day: m[1]!, size: fs.statSync(path.join(dir, name)).size });
  }
  return out.sort((a, b) => b.day.localeCompare(a.day));
}

/**
 * Today's automatic backup of an open study, when there is none yet; then only the newest
 * `keep` are kept. Returns the backup written, or null. A study whose folder cannot be written
 * (read-only media) gets no backup, which is not an error.
 */
export function rollingBackup(db: Database.Database, studyFile: string, now: number, keep = BACKUPS_KEPT): string | null {
  const dir = backupDir(studyFile);
  const dest = path.join(dir, `${stem(studyFile)} ${dayOf(now)}.triangulate`);
  if (fs.existsSync(dest)) return null;
  try {
    fs.mkdirSync(dir, { recursive: true });
    writeCopy(db, dest);
  } catch {
    return null;
  }
  for (const old of listBackups(studyFile).slice(keep)) fs.rmSync(old.file, { force: true });
  return dest;
}
