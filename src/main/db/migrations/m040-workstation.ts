/** Migration 40: the coding workstation: undo history, transcripts (filled in by that feature). */
import type { Migration } from '../migrations';

export const m040: Migration = {
  version: 40,
  description: 'workstation: undo history, transcripts',
  up: () => {},
};
