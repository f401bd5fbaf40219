/**
 * The `triangulate` command line (shared/design/cli-and-agreement-contract.md). Uses the same
 * src/shared and src/main code as the app. Exit 0 on success; a user error prints one line on
 * stderr and exits 2; nothing is written when a command fails.
 */
import { Command, CommanderError } from 'commander';
import { isUserError } from '../../shared/errors';
import { sqliteUserError } from '../db/errors';
import { registerAgreementCommands } from './commands/agreement';
import { registerCoreCommands } from './commands/core';
import { registerExchangeCommands } from './commands/exchange';
import { registerExportCommands } from './commands/export';
import { registerMergeCommands } from './commands/merge';
import type { Out } from './io';

export type { Out } from './io';

export function buildProgram(out: Out): Command {
  const program = new Command();
  program
    .name('triangulate')
    .description('Triangulate: CHAT video coding, agreement, merging and exports from the command line')
    .exitOverride()
    .configureOutput({ writeOut: out.stdout, writeErr: out.stderr })
    .showHelpAfterError(false);

  registerCoreCommands(program, out);
  registerAgreementCommands(program, out);
  registerMergeCommands(program, out);
  registerExportCommands(program, out);
  registerExchangeCommands(program, out);
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

if (require.main === module) main();
