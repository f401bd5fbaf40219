/**
 * Web mode as a program of its own: `tsx src/main/web-main.ts [project] [--port N]` (compiled:
 * dist-cli/web-main.js). Installed users run `triangulate open --web` instead.
 */
import { isUserError } from '../shared/errors';
import { startWebMode } from './web';

const args = process.argv.slice(2);
const portIdx = args.indexOf('--port');
const port = portIdx >= 0 ? Number(args[portIdx + 1]) : 0;
const project = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--port');

startWebMode({ project, port }).catch((e) => {
  console.error(`triangulate: ${isUserError(e) ? e.message : (e as Error).stack}`);
  process.exit(isUserError(e) ? 2 : 1);
});
