/**
 * Electron shell. The window is sandboxed with context isolation and a CSP; it loads the built
 * renderer through the privileged `app://` scheme and media through `media://` (HTTP Range,
 * only files the project references that are recordings: the same answer as web mode's). IPC:
 * one handler per contract call, validating the sender and the payload before the service sees
 * it (see ipc.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { app, BrowserWindow, dialog, ipcMain, protocol, shell } from 'electron';
import { isUserError } from '../shared/errors';
import { ProjectStore } from './db/store';
import { decodePath, staticFile } from './http/request';
import { CSP } from './http/server';
import { registerIpc } from './ipc';
import { answerMedia } from './media';
import { ensureDemoProject } from './ops/demo';
import { rendererDir } from './paths';
import { createService } from './service';

protocol.registerSchemesAsPrivileged([
  { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
  { scheme: 'media', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
]);

/** The packaged app ships an Electron-ABI build of better-sqlite3 (see README: "Two builds"). */
function nativeBinding(): string | undefined {
  const p = process.env.TRIANGULATE_SQLITE_BINDING ?? path.join(process.resourcesPath ?? '', 'better_sqlite3.node');
  return fs.existsSync(p) ? p : undefined;
}

async function main() {
  await app.whenReady();
  const arg = process.argv.slice(app.isPackaged ? 1 : 2).find((a) => a.endsWith('.triangulate'));
  let store: ProjectStore;
  try {
    const file = arg ? path.resolve(arg) : ensureDemoProject(path.join(app.getPath('userData'), 'demo'));
    store = ProjectStore.openForApp(file, { nativeBinding: nativeBinding() }, (m) => {
      void dialog.showMessageBox({ type: 'info', message: 'Opened read-only', detail: m });
    });
  } catch (e) {
    dialog.showErrorBox('Triangulate cannot open the project', isUserError(e) ? e.message : String((e as Error).stack));
    app.quit();
    return;
  }
  const service = createService(store);
  const root = path.resolve(rendererDir());

  protocol.handle('app', async (req) => {
    const target = staticFile(root, new URL(req.url).pathname);
    if ('status' in target) return new Response(null, { status: target.status });
    if (!fs.existsSync(target.file) || !fs.statSync(target.file).isFile()) return new Response('Not found', { status: 404 });
    const file = target.file;
    const type = file.endsWith('.html') ? 'text/html' : file.endsWith('.js') ? 'text/javascript' : file.endsWith('.css') ? 'text/css' : 'application/octet-stream';
    return new Response(fs.readFileSync(file), { headers: { 'Content-Type': type, 'Content-Security-Policy': CSP.replace("media-src 'self' blob:", "media-src 'self' media: blob:") } });
  });

  // the same answer as web mode's /media/ (src/main/media.ts: project media only, recordings only, HTTP Range)
  protocol.handle('media', async (req) => {
    const mediaId = decodePath(new URL(req.url).pathname.replace(/^\/+/, ''));
    if (mediaId === null) return new Response('Malformed media id', { status: 400 });
    const answer = answerMedia(store, mediaId, req.headers.get('range'));
    if (!answer.file || !answer.range) return new Response(answer.text ?? null, { status: answer.status, headers: answer.headers });
    const body = Readable.toWeb(fs.createReadStream(answer.file, answer.range)) as unknown as ReadableStream;
    return new Response(body, { status: answer.status, headers: answer.headers });
  });

  registerIpc(ipcMain, service, 'app://triangulate');

  const win = new BrowserWindow({
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
    if (!url.startsWith('app://triangulate/')) e.preventDefault();
  });
  await win.loadURL('app://triangulate/index.html');

  app.on('window-all-closed', () => {
    store.close();
    app.quit();
  });
}

void main();
