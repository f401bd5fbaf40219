/** Thrown for any malformed, hostile or unsupported import. The message is one line, fit for the UI. */
export class InteropError extends Error {
  override readonly name = 'InteropError';
  constructor(message: string) {
    super(message.replace(/\s*\n\s*/g, ' '));
  }
}
