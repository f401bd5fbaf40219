/**
 * Selectors that give a list which may be absent (no study open, no board, no queue yet). They
 * answer the one frozen empty list then, never a fresh `[]`: zustand compares a selector's
 * answer by reference, so a fresh `[]` re-rendered its component on every change of the store.
 * Typed by structure only, so pure tests can call them without the store.
 */
import type { ProjectInfo } from '../../shared/contract';
import type { ThemeBoard } from '../../shared/contract/themes';
import type { ReconcileQueue } from '../../shared/merge/types';

/** The one empty list: frozen, so no caller can fill it for everyone. */
export const NONE: never[] = Object.freeze([]) as never[];

export const selectMedia = (s: { project: ProjectInfo | null }): ProjectInfo['media'] => s.project?.media ?? NONE;
export const selectCoders = (s: { project: ProjectInfo | null }): ProjectInfo['coders'] => s.project?.coders ?? NONE;
export const selectThemes = (s: { board: ThemeBoard | null }): ThemeBoard['themes'] => s.board?.themes ?? NONE;
export const selectQueueCoderIds = (s: { reconcileQueue: ReconcileQueue | null }): string[] =>
  s.reconcileQueue?.coderIds ?? NONE;
