/** Shared helpers of the CLI commands. */
import fs from 'node:fs';
import { UserError } from '../../shared/errors';

export type Out = { stdout: (s: string) => void; stderr: (s: string) => void };

/** Reads a text input file; a missing or empty file is a user error naming it. */
export function readInput(file: string): string {
  if (!fs.existsSync(file)) throw new UserError('not_found', `${file}: no such file`);
  const text = fs.readFileSync(file, 'utf8');
  if (text.trim() === '') throw new UserError('empty', `${file}: file is empty`);
  return text;
}

/**
 * Writes an output file atomically: to a temporary file beside it, then renamed over it, so a
 * failed command never leaves a half-written file.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw new UserError('write_failed', `${file}: cannot write (${(e as Error).message})`);
  }
}
