/** Shared helpers of the CLI commands. */
import fs from 'node:fs';
import { UserError } from '../../shared/errors';
import { decodeUtf8 } from '../../shared/limits';

export type Out = { stdout: (s: string) => void; stderr: (s: string) => void };

/** Reads a UTF-8 text input file; a missing, empty or not UTF-8 file is a user error naming it. */
export function readInput(file: string): string {
  if (!fs.existsSync(file)) throw new UserError('not_found', `${file}: no such file`);
  const text = decodeUtf8(fs.readFileSync(file), file);
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
