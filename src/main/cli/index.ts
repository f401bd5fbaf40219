/**
 * The `triangulate` command line (shared/design/cli-and-agreement-contract.md). Uses the same
 * src/shared and src/main code as the app. Exit 0 on success; a user error prints one line on
 * stderr and exits 2; nothing is written when a command fails.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { isUserError, UserError } from '../../shared/errors';
import { ProjectStore } from '../db/store';
import { writeDemoProject } from '../ops/demo';
import { importSegmentsCsv } from '../ops/importSegments';

export type Out = { stdout: (s: string) => void; stderr: (s: string) => void };

function readInput(file: string): string {
  if (!fs.existsSync(file)) throw new UserError('not_found', `${file}: no such file`);
  const text = fs.readFileSync(file, 'utf8');
  if (text.trim() === '') throw new UserError('empty', `${file}: file is empty`);
  return text;
}

export function buildProgram(out: Out): Command {
  const program = new Command();
  program
    .name('triangulate')
    .description('Triangulate: CHAT video coding, agreement, merging and exports from the command line')
    .exitOverride()
    .configureOutput({ writeOut: out.stdout, writeErr: out.stderr })
    .showHelpAfterError(false);

  program
    .command('new')
    .argument('<project>', 'project file to create (*.triangulate)')
    .option('--name <name>', 'project name')
    .description('create a project file with the default CHAT codebook')
    .action((project: string, o: { name?: string }) => {
      const store = ProjectStore.create(project, { name: o.name });
      const codes = store.listCodes().length;
      store.close();
      out.stdout(`Created ${path.resolve(project)} with the default CHAT codebook (${codes} codes)\n`);
    });

  program
    .command('demo')
    .argument('<dir>', 'folder to write the demo project into')
    .description('write the embedded demo project (video + three coders\' codes) into dir')
    .action((dir: string) => {
      const file = writeDemoProject(dir);
      out.stdout(`Wrote the demo project to ${file}\n`);
    });

  program
    .command('import-segments')
    .argument('<project>', 'project file')
    .argument('<csv>', 'segments CSV: coder,code,start,end[,media][,note]')
    .option('--media <name>', 'media the segments belong to')
    .description('add coded segments from CSV')
    .action((project: string, csv: string, o: { media?: string }) => {
      const text = readInput(csv);
      const store = ProjectStore.open(project);
      try {
        const r = importSegmentsCsv(store, text, { file: csv, media: o.media });
        out.stdout(`Imported ${r.segments} segments (${r.rows} rows) into ${r.media}${r.codersCreated.length ? `; new coders: ${r.codersCreated.join(', ')}` : ''}\n`);
      } finally {
        store.close();
      }
    });

  return program;
}

/** Runs the CLI; returns the exit code instead of exiting, so tests can call it in-process. */
export async function runCli(argv: string[], out: Out): Promise<number> {
  const program = buildProgram(out);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      return 2; // commander already printed its one-line message
    }
    if (isUserError(e)) {
      out.stderr(`triangulate: ${(e as Error).message.split('\n')[0]}\n`);
      return 2;
    }
    out.stderr(`triangulate: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
    return 1;
  }
}

export function main(): void {
  runCli(process.argv.slice(2), { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) }).then((code) => {
    process.exitCode = code;
  });
}

if (require.main === module) main();
