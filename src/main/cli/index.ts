/**
 * The `triangulate` command line (docs/cli.md). Uses the same src/shared and src/main code as the
 * app. Exit 0 on success; a user error prints one line on stderr and exits 2; nothing is written
 * when a command fails.
 *
 * Commands load on demand: `triangulate --help` lists them from ./summaries (which imports
 * nothing), and only the module of the command being run is loaded (in the compiled CLI each
 * module under ./commands is its own file; see scripts/build-cli.cjs).
 */
import { Command, CommanderError } from 'commander';
import { isUserError } from '../../shared/errors';
import { sqliteUserError } from '../db/errors';
import type { Out } from './io';
import { COMMANDS, type CommandName, type CommandSummary } from './summaries';

export type { Out } from './io';

type Register = (program: Command, out: Out) => void;

const LOADERS: Record<CommandSummary['module'], () => Promise<Register>> = {
  core: async () => (await import('./commands/core')).registerCoreCommands,
  agreement: async () => (await import('./commands/agreement')).registerAgreementCommands,
  merge: async () => (await import('./commands/merge')).registerMergeCommands,
  export: async () => (await import('./commands/export')).registerExportCommands,
  exchange: async () => (await import('./commands/exchange')).registerExchangeCommands,
  open: async () => (await import('./commands/open')).registerOpenCommand,
  sync: async () => (await import('./commands/sync')).registerSyncCommands,
};

/** The command argv asks for (`triangulate help X` asks for X), if it is one of ours. */
export function requestedCommand(argv: string[]): CommandName | undefined {
  const words = argv.filter((a) => !a.startsWith('-'));
  const name = words[0] === 'help' ? words[1] : words[0];
  return name !== undefined && Object.hasOwn(COMMANDS, name) ? (name as CommandName) : undefined;
}

export async function buildProgram(out: Out, argv: string[]): Promise<Command> {
  const program = new Command();
  program
    .name('triangulate')
    .description('Triangulate: CHAT video coding, agreement, merging and exports from the command line')
    .exitOverride()
    .configureOutput({ writeOut: out.stdout, writeErr: out.stderr })
    .showHelpAfterError(false);

  const wanted = requestedCommand(argv);
  const loaded = wanted && COMMANDS[wanted].module;
  for (const [name, c] of Object.entries(COMMANDS) as [CommandName, CommandSummary][]) {
    if (c.module !== loaded) program.command(`${name} ${c.args}`).description(c.description);
    else if (name === firstOf(loaded)) (await LOADERS[loaded]())(program, out);
  }
  return program;
}

const firstOf = (module: CommandSummary['module']): CommandName =>
  (Object.keys(COMMANDS) as CommandName[]).find((n) => COMMANDS[n].module === module)!;

/** Runs the CLI; returns the exit code instead of exiting, so tests can call it in-process. */
export async function runCli(argv: string[], out: Out): Promise<number> {
  try {
    const program = await buildProgram(out, argv);
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      return 2; // commander already printed its one-line message
    }
    const user = isUserError(e) ? e : sqliteUserError(e);
    if (user) {
      out.stderr(`triangulate: ${user.message.split('\n')[0]}\n`);
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

// Run as a program (tsx src/main/cli/index.ts, or the compiled dist-cli/triangulate.js).
if (require.main === module) main();
