/**
 * Web mode: opens a study (the given one, else the last one, else the embedded demo the first
 * time; the start screen when the last study is gone) and serves the renderer and the service on
 * 127.0.0.1 with a per-launch token. The page switches studies without a restart.
 * Usage: tsx src/main/web-main.ts [study] [--port N]
 */
import fs from 'node:fs';
import path from 'node:path';
import { isUserError, UserError } from '../shared/errors';
import { sessionService } from './features/studies/service';
import { StudySession } from './features/studies/session';
import { startWebServer } from './http/server';
import { ensureDemoProject } from './ops/demo';
import { rendererDir, userDataDir } from './paths';
import { createService } from './service';

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

async function main() {
  const args = process.argv.slice(2);
  const portIdx = args.indexOf('--port');
  const port = portIdx >= 0 ? Number(args[portIdx + 1]) : 0;
  const projectArg = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--port');
  const session = new StudySession({ userDir: userDataDir(), demo: () => ensureDemoProject(path.join(userDataDir(), 'demo')), serviceFor: createService });
  const opened = session.startup(projectArg);
  if (projectArg && !opened.study) throw new UserError('cannot_open', opened.message ?? `${projectArg}: cannot open`);
  if (opened.study?.readOnly && opened.message) console.error(`triangulate: ${opened.message}`);
  const staticDir = rendererDir();
  if (!fs.existsSync(path.join(staticDir, 'index.html'))) {
    throw new Error(`The renderer is not built (${staticDir}); run "npm run build:renderer"`);
  }
  logUncaught();
  const server = await startWebServer({ service: sessionService(session), store: () => session.current, staticDir, port, log: (l) => console.error(l) });
  console.log(`Triangulate (web mode) is serving ${opened.study?.file ?? 'the start screen'}`);
  console.log(`Open this address in your browser: ${server.url}`);
  const stop = async () => {
    await server.close();
    session.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e) => {
  console.error(`triangulate: ${isUserError(e) ? e.message : (e as Error).stack}`);
  process.exit(isUserError(e) ? 2 : 1);
});
