/**
 * A user error: bad input, a missing file, a refused operation. Its message is one clear line
 * shown as is (CLI: on stderr with exit 2; app: in a banner). Anything else is a bug.
 */
export class UserError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/** Error classes of pure modules whose messages are meant for the user. */
const USER_ERROR_NAMES = new Set(['UserError', 'CsvInputError', 'AgreementInputError', 'InteropError', 'TranscriptError', 'ZodError']);

export function isUserError(e: unknown): e is Error {
  return e instanceof Error && USER_ERROR_NAMES.has(e.name);
}
