/**
 * Migration 50: study settings. `coders.active` (1 = coding, 0 = "not coding any more"): an
 * inactive coder keeps their work but is left out by default where coders are chosen (the
 * Agreement selection, the reconcile queue, the coder picker). Activity systems already carry
 * `sort_order` (migration 10), which the settings screen now edits.
 */
import type { Migration } from '../migrations';

export const m050: Migration = {
  version: 50,
  description: 'study settings: coders.active',
  up: (db) => {
    db.exec('ALTER TABLE coders ADD COLUMN active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))');
  },
};
