/** The service client the store's actions use; set once at start-up (main.tsx) or by tests. */
import type { Client } from '../api/client';

let current: Client | null = null;

export function setClient(c: Client): void {
  current = c;
}

export function client(): Client {
  if (!current) throw new Error('Service client not initialised');
  return current;
}
