/**
 * Web mode: opens a study (the given one, else the last one, else the embedded demo the first
 * time; the start screen when the last study is gone) and serves the renderer and the service on
 * 127.0.0.1 with a per-launch token, until SIGINT/SIGTERM. The page switches studies without a
 * restart (features/studies).
 */
import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../shared/errors';
import { sessionService } from './features/studies/service';
import { StudySession } from './features/studies/session';
import { startWebServer } from './http/server';
import { ensureDemoProject, loadDemoTranscript } from './features/studies/demo';
import { rendererDir, userDataDir } from './paths';
import { createService } from './service';

export interface WebModeOptions {
  /** Project file; default: the demo project in the user's data folder. */
  project?: string;
  port?: number;
  print?: (line: string) => void;
}

/**
 * The server answers every request itself (a bad one 4xx, a handler error 500, see http/server.ts).
 * Should a bug still throw outside a request, it is logged with its stack for a bug report and
 * web mode keeps serving rather than dropping the user's open session.
 */
function logUncaught() {
  const report = (what: string) => (e: unknown) => console.error(`triangulate (web mode): unexpected ${what}, please report it: ${(e as Error)?.stack ?? String(e)}`);
  process.on('uncaughtException', report('error'));
  process.on('unhandledRejection', report('rejection'));
}

export async function startWebMode(o: WebModeOptions = {}): Promise<{ url: string; file: string }> {
  const print = o.print ?? ((l: string) => console.log(l));
  const staticDir = rendererDir();
  if (!fs.existsSync(path.join(staticDir, 'index.html'))) {
    throw new UserError('not_found', `the renderer is not built (${staticDir}); run "npm run build"`);
  }
  const transcript = await loadDemoTranscript();
  const session = new StudySession({ userDir: userDataDir(), demo: () => ensureDemoProject(path.join(userDataDir(), 'demo'), transcript), serviceFor: createService });
  const opened = session.startup(o.project);
  if (o.project && !opened.study) throw new UserError('cannot_open', opened.message ?? `${o.project}: cannot open`);
  if (opened.study?.readOnly && opened.message) console.error(`triangulate: ${opened.message}`);
  const file = opened.study?.file ?? 'the start screen';
  logUncaught();
  const server = await startWebServer({ service: sessionService(session), store: () => session.current, staticDir, port: o.port ?? 0, log: (l) => console.error(l) });
  print(`Triangulate (web mode) is serving ${file}`);
  print(`Open this address in your browser: ${server.url}`);
  const stop = async () => {
    await server.close();
    session.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return { url: server.url, file };
}
