/**
 * The IPC contract: every call the renderer may make of the main-process service, with the zod
 * schema its payload must satisfy and the type it returns. The Electron preload exposes exactly
 * these names; the web-mode HTTP transport accepts exactly these names. Both validate payloads
 * against these schemas before the service sees them. Each feature declares its calls in its own
 * file here.
 */
import type { z } from 'zod';
import { agreementContract } from './agreement';
import { compareContract } from './compare';
import { codingContract } from './coding';
import { exchangeContract } from './exchange';
import { exportContract } from './export';
import { mergeContract } from './merge';
import { participantsContract } from './participants';
import { reconcileContract } from './reconcile';
import { segmentsContract } from './segments';
import { studiesContract } from './studies';
import { settingsContract } from './settings';
import { syncContract } from './sync';
import { themesContract } from './themes';
import { workstationContract } from './workstation';

export * from './coding';
export { call, type ServiceOf } from './call';

export const contract = {
  ...codingContract,
  ...agreementContract,
  ...mergeContract,
  ...reconcileContract,
  ...themesContract,
  ...exportContract,
  ...exchangeContract,
  ...workstationContract,
  ...studiesContract,
  ...settingsContract,
  ...syncContract,
  ...participantsContract,
  ...segmentsContract,
  ...compareContract,
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<K extends MethodName> = z.output<Contract[K]['input']>;
export type MethodOutput<K extends MethodName> = Contract[K]['output'];

/** The typed API both transports implement and the renderer calls. */
export type Api = { [K in MethodName]: (input: MethodInput<K>) => Promise<MethodOutput<K>> };

export const METHOD_NAMES = Object.keys(contract) as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

/** Validates a payload for a method; throws a ZodError-derived message naming the field. */
export function parseInput<K extends MethodName>(method: K, payload: unknown): MethodInput<K> {
  const result = contract[method].input.safeParse(payload);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const where = issue.path.length ? issue.path.join('.') : 'payload';
    const err = new Error(`${method}: invalid ${where}: ${issue.message}`);
    err.name = 'UserError';
    (err as Error & { code: string }).code = 'invalid_payload';
    throw err;
  }
  return result.data as MethodInput<K>;
}

/** What a transport sends back for a failed call. */
export interface WireError {
  message: string;
  code: string;
  /** true for user errors (bad input, missing file), false for bugs. */
  user: boolean;
}
