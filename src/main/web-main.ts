/**
 * Web mode: opens a project (or the embedded demo project) and serves the renderer and the
 * service on 127.0.0.1 with a per-launch token. Usage: tsx src/main/web-main.ts [project] [--port N]
 */
import fs from 'node:fs';
import path from 'node:path';
import { isUserError } from '../shared/errors';
import { ProjectStore } from './db/store';
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
  const file = projectArg ? path.resolve(projectArg) : ensureDemoProject(path.join(userDataDir(), 'demo'));
  const store = ProjectStore.openForApp(file, {}, (m) => console.error(`triangulate: ${m}`));
  const staticDir = rendererDir();
  if (!fs.existsSync(path.join(staticDir, 'index.html'))) {
    throw new Error(`The renderer is not built (${staticDir}); run "npm run build:renderer"`);
  }
  logUncaught();
  const server = await startWebServer({ service: createService(store), store, staticDir, port, log: (l) => console.error(l) });
  console.log(`Triangulate (web mode) is serving ${file}`);
  console.log(`Open this address in your browser: ${server.url}`);
  const stop = async () => {
    await server.close();
    store.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e) => {
  console.error(`triangulate: ${isUserError(e) ? e.message : (e as Error).stack}`);
  process.exit(isUserError(e) ? 2 : 1);
});
