/**
 * Electron shell. The window is sandboxed with context isolation and a CSP; it loads the built
 * renderer through the privileged `app://` scheme and media through `media://` (HTTP Range,
 * only files the open study references that are recordings: the same answer as web mode's).
 * IPC: one handler per contract call, validating the sender and the payload before the service
 * sees it (see ipc.ts). The study behind the service changes without a restart (StudySession);
 * the application menu is built from the command list (features/studies/menu.ts), files given by
 * the system open in the running app, and file choices use the native dialogs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, shell, type IpcMainEvent, type IpcMainInvokeEvent, type MenuItemConstructorOptions } from 'electron';
import { isUserError } from '../shared/errors';
import type { PickRequest } from '../shared/studies/picker';
import { decodePath } from './http/request';
import { answerStatic, CSP } from './http/static';
import { registerIpc, SHELL_PREFIX } from './ipc';
import { answerMedia } from './media';
import { copyOf } from './features/sync/pictures';
import { buildMenuTemplate, routeStudyFiles, studyFromArgv } from './features/studies/menu';
import { sessionService } from './features/studies/service';
import { StudySession } from './features/studies/session';
import { ensureDemoProject, loadDemoTranscript } from './features/studies/demo';
import { APP_ROOT, rendererDir } from './paths';
import { createService } from './service';

protocol.registerSchemesAsPrivileged([
  { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
  { scheme: 'media', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
]);

const ORIGIN = 'app://triangulate';
/** Web mode's policy, with the `media:` scheme the Electron page plays recordings from. */
const APP_CSP = CSP.replace("media-src 'self' blob:", "media-src 'self' media: blob:");

/** The packaged app ships an Electron-ABI build of better-sqlite3 (see README: "Two builds"). */
function nativeBinding(): string | undefined {
  const p = process.env.TRIANGULATE_SQLITE_BINDING ?? path.join(process.resourcesPath ?? '', 'better_sqlite3.node');
  return fs.existsSync(p) ? p : undefined;
}

const fromOurPage = (e: IpcMainEvent | IpcMainInvokeEvent) => !!e.senderFrame && !e.senderFrame.parent && e.senderFrame.url.startsWith(ORIGIN + '/');

function serveSchemes(session: StudySession): void {
  const root = path.resolve(rendererDir());
  protocol.handle('app', async (req) => {
    const answer = answerStatic(root, new URL(req.url).pathname, APP_CSP);
    if (!answer.file) return new Response(answer.text ?? null, { status: answer.status, headers: answer.headers });
    return new Response(fs.readFileSync(answer.file), { status: answer.status, headers: answer.headers });
  });
  // the same answer as web mode's /media/ (src/main/media.ts: the open study's media only, recordings only, HTTP Range)
  protocol.handle('media', async (req) => {
    const url = new URL(req.url);
    const mediaId = decodePath(url.pathname.replace(/^\/+/, ''));
    if (mediaId === null) return new Response('Malformed media id', { status: 400 });
    const store = session.current;
    if (!store) return new Response('No study is open', { status: 404 });
    const answer = answerMedia(store, mediaId, req.headers.get('range'), url.searchParams.get('picture') === '1' ? copyOf : undefined);
    if (!answer.file || !answer.range) return new Response(answer.text ?? null, { status: answer.status, headers: answer.headers });
    const body = Readable.toWeb(fs.createReadStream(answer.file, answer.range)) as unknown as ReadableStream;
    return new Response(body, { status: answer.status, headers: answer.headers });
  });
}

/** Native open/save dialogs for the page's file picker. */
async function choose(win: BrowserWindow, req: PickRequest): Promise<string[] | null> {
  const filters = req.accept.length ? [{ name: req.title, extensions: req.accept.map((e) => e.slice(1)) }] : [];
  if (req.mode === 'save') {
    const r = await dialog.showSaveDialog(win, { title: req.title, defaultPath: req.defaultName, filters });
    return r.canceled || !r.filePath ? null : [r.filePath];
  }
  const properties: ('openFile' | 'openDirectory' | 'multiSelections')[] = req.mode === 'folder' ? ['openDirectory'] : ['openFile'];
  if (req.multiple) properties.push('multiSelections');
  const r = await dialog.showOpenDialog(win, { title: req.title, filters, properties });
  return r.canceled ? null : r.filePaths;
}

async function main() {
  let win: BrowserWindow | null = null;
  const send = (id: string, arg?: string) => win?.webContents.send(`${SHELL_PREFIX}command`, id, arg);
  const router = routeStudyFiles(app, (file) => send('openRecent', file), () => {
    if (win?.isMinimized()) win.restore();
    win?.focus();
  });
  if (!router) return; // another instance has the study files now
  await app.whenReady();

  const transcript = await loadDemoTranscript();
  const session = new StudySession({
    userDir: app.getPath('userData'),
    demo: () => ensureDemoProject(path.join(app.getPath('userData'), 'demo'), transcript),
    nativeBinding: nativeBinding(),
    serviceFor: createService,
    onChange: () => refreshMenu(),
  });
  function refreshMenu() {
    const state = session.state();
    const run = (id: string, file?: string) => (id === 'openReadme' ? void shell.openPath(path.join(APP_ROOT, 'README.md')) : send(id, file));
    Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate({ platform: process.platform as "darwin", studyOpen: !!state.study, recent: state.recent, run }) as MenuItemConstructorOptions[]));
    win?.setTitle(state.study ? `${state.study.name} — Triangulate` : 'Triangulate');
  }
  try {
    session.startup(studyFromArgv(process.argv.slice(app.isPackaged ? 1 : 2)) ?? undefined);
  } catch (e) {
    dialog.showErrorBox('Triangulate cannot open the study', isUserError(e) ? e.message : String((e as Error).stack));
  }
  serveSchemes(session);
  registerIpc(ipcMain, sessionService(session), ORIGIN);
  ipcMain.handle(`${SHELL_PREFIX}choose`, (e, req: PickRequest) => (fromOurPage(e) && win ? choose(win, req) : null));
  ipcMain.on(`${SHELL_PREFIX}study`, (e) => fromOurPage(e) && refreshMenu());

  win = new BrowserWindow({
    width: 1440,
    height: 900,
    title: 'Triangulate',
    webPreferences: {
      preload: path.join(__dirname, '..', 'preload.js'),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:/.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (e, url) => {
    if (!url.startsWith(`${ORIGIN}/`)) e.preventDefault();
  });
  // the page sets its own title from the study; keep the window's
  win.on('page-title-updated', (e) => e.preventDefault());
  refreshMenu();
  await win.loadURL(`${ORIGIN}/index.html`);
  router.ready();

  app.on('window-all-closed', () => {
    session.close();
    app.quit();
  });
}

void main();
