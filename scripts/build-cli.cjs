#!/usr/bin/env node
/**
 * Compiles the command line and web mode into dist-cli/ with esbuild (CommonJS, source maps):
 *   dist-cli/triangulate.js       the `triangulate` bin: commander and the command list only
 *   dist-cli/commands/<name>.js   one bundle per command module, loaded on demand by the bin
 *   dist-cli/web-main.js          web mode as a program of its own (the server entry)
 * better-sqlite3 (native) and electron stay external; everything else is bundled, so the
 * installed command needs only better-sqlite3 from node_modules.
 */
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');

const root = path.resolve(__dirname, '..');
const out = process.env.TRIANGULATE_CLI_OUT ? path.resolve(process.env.TRIANGULATE_CLI_OUT) : path.join(root, 'dist-cli');
const commandsDir = path.join(root, 'src', 'main', 'cli', 'commands');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  external: ['better-sqlite3', 'electron'],
  logLevel: 'warning',
};

/** In the bin, `import('./commands/x')` stays a require of the separately built dist-cli/commands/x.js. */
const commandsExternal = {
  name: 'commands-external',
  setup(build) {
    build.onResolve({ filter: /^\.\/commands\/[a-z]+$/ }, (a) => ({ path: `${a.path}.js`, external: true }));
  },
};

async function main() {
  fs.rmSync(out, { recursive: true, force: true });
  const commands = fs.readdirSync(commandsDir).filter((f) => f.endsWith('.ts')).map((f) => path.join(commandsDir, f));
  await Promise.all([
    esbuild.build({
      ...common,
      entryPoints: [path.join(root, 'src', 'main', 'cli', 'bin.ts')],
      outfile: path.join(out, 'triangulate.js'),
      banner: { js: '#!/usr/bin/env node' },
      plugins: [commandsExternal],
    }),
    esbuild.build({ ...common, entryPoints: commands, outdir: path.join(out, 'commands') }),
    esbuild.build({ ...common, entryPoints: [path.join(root, 'src', 'main', 'web-main.ts')], outfile: path.join(out, 'web-main.js') }),
  ]);
  fs.chmodSync(path.join(out, 'triangulate.js'), 0o755);
}

main().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
