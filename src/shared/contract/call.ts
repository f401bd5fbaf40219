import type { z } from 'zod';

/** Declares one call: the schema of its input and (as a type) its output. */
export const call =
  <O>() =>
  <I extends z.ZodType>(input: I): { input: I; output: O } => ({ input, output: undefined as unknown as O });

/** The service functions that implement a group of calls. */
export type ServiceOf<C extends Record<string, { input: z.ZodType; output: unknown }>> = {
  [K in keyof C]: (input: z.output<C[K]['input']>) => Promise<C[K]['output']>;
};
