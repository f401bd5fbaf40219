/** Migration 30: coder files, merges and reconciliation (filled in by that feature). */
import type { Migration } from '../migrations';

export const m030: Migration = {
  version: 30,
  description: 'reconciliation: decisions and consensus links',
  up: () => {},
};
