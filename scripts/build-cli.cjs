#!/usr/bin/env node
/**
 * Compiles the command line and web mode into dist-cli/ with esbuild (CommonJS, source maps):
 *   dist-cli/triangulate.js       the `triangulate` bin: commander and the command list only
 *   dist-cli/commands/<name>.js   one bundle per command module, loaded on demand by the bin
 *   dist-cli/web-main.js          web mode as a program of its own (the server entry)
 * better-sqlite3 (native), highs and xmllint-wasm (load their WebAssembly files from their own folders), electron
 * and the optional @ffmpeg-installer/ffmpeg (finds its binary from its own folder)
 * stay external; everything else is bundled, so the installed command needs only those two
 * runtime dependencies from node_modules.
 */
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');

const root = path.resolve(__dirname, '..');
const out = process.env.TRIANGULATE_CLI_OUT ? path.resolve(process.env.TRIANGULATE_CLI_OUT) : path.join(root, 'dist-cli');
const commandsDir = path.join(root, 'src', 'main', 'cli', 'commands');


/**
 * In the bin, `await import('./commands/x')` becomes `require('./commands/x.js')` of the separately
 * built bundle (a plain require: an import() of CommonJS would start Node's ESM loader and its
 * CommonJS export scan, tens of ms).
 */
const commandsAsRequire = {
  name: 'commands-as-require',
  setup(build) {
    build.onLoad({ filter: /src[\\/]main[\\/]cli[\\/]index\.ts$/ }, async (a) => {
      const text = await fs.promises.readFile(a.path, 'utf8');
      return { contents: text.replace(/await import\('(\.\/commands\/[a-z]+)'\)/g, "require('$1.js')"), loader: 'ts' };
    });
    build.onResolve({ filter: /^\.\/commands\/[a-z]+\.js$/ }, (a) => ({ path: a.path, external: true }));
  },
};

/**
 * src/shared/csv/csvlib.ts imports the csv libraries' browser builds (they carry a Buffer
 * polyfill, for the renderer); in Node the packages' own entries are the same code without it.
 */
const csvForNode = {
  name: 'csv-for-node',
  setup(build) {
    build.onResolve({ filter: /^csv-(parse|stringify)\/browser\/esm\/sync$/ }, (a) =>
      build.resolve(a.path.replace('/browser/esm/sync', '/sync'), { kind: a.kind, resolveDir: a.resolveDir }),
    );
  },
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  external: ['better-sqlite3', 'electron', 'highs', 'xmllint-wasm', '@ffmpeg-installer/ffmpeg'],
  logLevel: 'warning',
  plugins: [csvForNode],
};

async function main() {
  fs.rmSync(out, { recursive: true, force: true });
  const commands = fs.readdirSync(commandsDir).filter((f) => f.endsWith('.ts')).map((f) => path.join(commandsDir, f));
  await Promise.all([
    esbuild.build({
      ...common,
      entryPoints: [path.join(root, 'src', 'main', 'cli', 'index.ts')],
      outfile: path.join(out, 'triangulate.js'),
      banner: { js: '#!/usr/bin/env node' },
      plugins: [commandsAsRequire, csvForNode],
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
