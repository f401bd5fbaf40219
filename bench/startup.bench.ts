/**
 * Start-up of the command (issue 11): `triangulate --help` of the compiled bin (target under
 * 120 ms), beside the TypeScript sources run through tsx (the development path). Medians of
 * child-process runs; on a loaded machine Node's own start-up (printed for scale) grows too. `npm run bench -- startup`; TRIANGULATE_BIN=… times an installed bin.
 */
import path from 'node:path';
import { compiledCli, runOk } from './cliBin';
import { medianMs, type BenchFigure } from './run';

const ROOT = path.resolve(__dirname, '..');

export async function run(): Promise<BenchFigure[]> {
  const bin = compiledCli();
  const compiled = await medianMs(15, () => runOk([...bin, '--help']));
  const tsx = await medianMs(5, () => runOk([path.join(ROOT, 'node_modules/.bin/tsx'), 'src/main/cli/index.ts', '--help']));
  const node = await medianMs(15, () => runOk([process.execPath, '-e', '']));
  return [
    { name: 'triangulate --help (compiled bin)', value: compiled, unit: 'ms', target: '< 120 ms', ok: compiled < 120 },
    { name: 'node -e "" (Node start-up alone, for scale)', value: node, unit: 'ms' },
    { name: 'triangulate --help beyond Node start-up (difference of medians)', value: compiled - node, unit: 'ms' },
    { name: 'tsx src/main/cli/index.ts --help (development path)', value: tsx, unit: 'ms' },
  ];
}
