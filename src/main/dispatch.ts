/**
 * One place where a transport hands a call to the service: the method name must be in the
 * contract and the payload must satisfy its schema. Shared by Electron IPC and the HTTP server.
 */
import { isMethodName, parseInput, type Api, type MethodName, type WireError } from '../shared/contract';
import { isUserError } from '../shared/errors';
import { sqliteUserError } from './db/errors';

/** A service answering some or all of the contract's calls (one study's, or the whole app's). */
export type ServiceLike = Partial<Api>;

export async function dispatch(service: ServiceLike, method: string, payload: unknown): Promise<unknown> {
  if (!isMethodName(method)) {
    const e = new Error(`Unknown call "${method}"`);
    e.name = 'UserError';
    throw e;
  }
  const fn = service[method] as ((i: unknown) => Promise<unknown>) | undefined;
  if (!fn) {
    const e = new Error(`"${method}" is not available here`);
    e.name = 'UserError';
    throw e;
  }
  const input = parseInput(method, payload);
  return fn(input);
}

export function toWireError(e: unknown): WireError {
  const user = isUserError(e) ? e : sqliteUserError(e);
  if (user) return { message: user.message, code: String((user as Error & { code?: unknown }).code ?? 'invalid'), user: true };
  const err = e as Error & { code?: string };
  // SQLite constraint failures come from input the checks above missed: still the user's input.
  if (typeof err?.code === 'string' && err.code.startsWith('SQLITE_CONSTRAINT')) {
    return { message: `Refused: ${err.message}`, code: err.code, user: true };
  }
  return { message: `Internal error: ${err?.message ?? String(e)}`, code: 'internal', user: false };
}

export type { MethodName };
