/**
 * The open study of a running app. The app starts on the last study (or the demo the first
 * time, or the start screen when the last study is gone) and switches studies without a
 * restart: the next store is opened first (a bad file changes nothing), then the current one is
 * closed cleanly (its WAL checkpointed and removed, no handle left open). Both transports call
 * the same session through one service (service.ts), so Electron and web mode behave alike.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { OpenStudyInfo, RecentStudyInfo, StudyState } from '../../../shared/contract/studies';
import { UserError } from '../../../shared/errors';
import { checkpointWal } from '../../db/connection';
import { ProjectStore } from '../../db/store';
import type { StudyApi } from '../../service';
import { rollingBackup } from './backups';
import { SettingsFile } from './settings';

export interface SessionOptions {
  /** The user's app data folder (settings.json lives here). */
  userDir: string;
  /** Writes the demo study when needed and returns its path. */
  demo: () => string;
  nativeBinding?: string;
  now?: () => number;
  /** Builds the per-study service (service.ts's createService). */
  serviceFor: (store: ProjectStore) => StudyApi;
  /** Told after every open or close (Electron: window title, menu). */
  onChange?: (study: OpenStudyInfo | null) => void;
}

export class StudySession {
  readonly settings: SettingsFile;
  private store: ProjectStore | null = null;
  private service: StudyApi | null = null;
  private info: OpenStudyInfo | null = null;
  private message: string | null = null;
  private demoFile: string | null = null;

  constructor(private opts: SessionOptions) {
    this.settings = new SettingsFile(opts.userDir);
  }

  private now(): number {
    return (this.opts.now ?? Date.now)();
  }

  get current(): ProjectStore | null {
    return this.store;
  }

  /** The open study's service; a call that needs a study gets one line when none is open. */
  requireService(): StudyApi {
    if (!this.service) throw new UserError('no_study', 'No study is open; open or create one on the start screen');
    return this.service;
  }

  /** At launch: the given file, else the last study, else (first launch) the demo. */
  startup(arg?: string): StudyState {
    if (arg) return this.tryOpen(path.resolve(arg));
    const { lastStudy, recent } = this.settings.read();
    if (lastStudy) return this.tryOpen(lastStudy);
    if (recent.length === 0) return this.openDemo();
    return this.state();
  }

  private tryOpen(file: string): StudyState {
    try {
      return this.open(file);
    } catch (e) {
      this.message = (e as Error).message;
      return this.state();
    }
  }

  openDemo(): StudyState {
    this.demoFile = this.opts.demo();
    return this.open(this.demoFile);
  }

  /** Opens `file` (read-only with a reason when it cannot be written) and closes the study that was open. */
  open(file: string): StudyState {
    const abs = path.resolve(file);
    checkStudyPath(abs);
    if (this.store?.file === abs) return this.state();
    let readOnlyWhy: string | null = null;
    const next = canWrite(abs)
      ? ProjectStore.openForApp(abs, { nativeBinding: this.opts.nativeBinding }, (m) => (readOnlyWhy = m))
      : ProjectStore.open(abs, { readonly: true, nativeBinding: this.opts.nativeBinding });
    this.closeStore();
    this.adopt(next, next.db.readonly);
    if (readOnlyWhy) this.message = readOnlyWhy;
    return this.state();
  }

  /** Makes a freshly created or opened store the current study. */
  adopt(store: ProjectStore, readOnly = false): void {
    this.closeStore();
    this.store = store;
    this.service = this.opts.serviceFor(store);
    const isDemo = store.file === this.demoFile;
    this.info = { file: store.file, name: store.getMeta('name') ?? path.basename(store.file), readOnly, isDemo };
    this.message = readOnly ? `${store.file} cannot be written (read-only file or folder): it is open read-only. Save a copy to edit it.` : null;
    if (!readOnly && !isDemo && this.settings.read().backups) rollingBackup(store.db, store.file, this.now());
    this.remember();
    this.opts.onChange?.(this.info);
  }

  close(): StudyState {
    this.closeStore();
    this.message = null;
    this.opts.onChange?.(null);
    return this.state();
  }

  /** Updates the recent entry (name, counts) and closes the store: WAL checkpointed into the file. */
  private closeStore(): void {
    const store = this.store;
    if (!store) return;
    this.remember();
    checkpointWal(store.db);
    store.close();
    this.store = null;
    this.service = null;
    this.info = null;
  }

  private remember(): void {
    const s = this.store;
    if (!s || this.info?.isDemo) return;
    this.settings.remember({ file: s.file, name: s.getMeta('name') ?? '', lastOpened: this.now(), segments: s.countSegments(), coders: s.listCoders().filter((c) => !c.isConsensus).length });
  }

  state(): StudyState {
    const s = this.settings.read();
    const recent: RecentStudyInfo[] = s.recent.map((r) => ({ ...r, missing: !fs.existsSync(r.file) }));
    let message = this.message;
    if (!this.store && !message && s.lastStudy && !fs.existsSync(s.lastStudy)) message = `The last study, ${s.lastStudy}, is not there any more; open another or create one.`;
    return { study: this.info, recent, backupsEnabled: s.backups, message };
  }
}

/** One line when the path cannot be a study: missing, a folder, or not a .triangulate file. */
export function checkStudyPath(abs: string): void {
  let st: fs.Stats;
  try {
    st = fs.statSync(abs);
  } catch {
    throw new UserError('not_found', `${abs}: no such study file; it may have been moved or deleted`);
  }
  if (st.isDirectory()) throw new UserError('is_folder', `${abs} is a folder, not a study; choose a .triangulate file`);
}

/** Can the study file be written? (Root passes permission checks, so this opens it for writing.) */
export function canWrite(file: string): boolean {
  try {
    fs.closeSync(fs.openSync(file, 'r+'));
    fs.accessSync(path.dirname(file), fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
