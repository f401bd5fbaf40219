/**
 * zustand re-renders a component when its selector's answer changes by reference (Object.is).
 * A selector answering a fresh `[]` while nothing is loaded therefore re-rendered on every store
 * change (and React warns of an uncached snapshot). These selectors must answer the same
 * reference for the same state, and the store's own list when there is one.
 */
import { describe, expect, it } from 'vitest';
import type { ProjectInfo } from '../../../src/shared/contract';
import type { ThemeBoard } from '../../../src/shared/contract/themes';
import type { ReconcileQueue } from '../../../src/shared/merge/types';
import { selectCoders, selectMedia, selectQueueCoderIds, selectThemes } from '../../../src/renderer/store/selectors';

describe('list selectors', () => {
  const empty = { project: null, board: null, reconcileQueue: null };

  it('answer one and the same empty list, call after call, while nothing is loaded', () => {
    for (const select of [selectMedia, selectCoders, selectThemes, selectQueueCoderIds]) {
      const first = select(empty);
      expect(first).toEqual([]);
      expect(select({ ...empty })).toBe(first);
    }
  });

  it('answer the store\'s own list when it is there', () => {
    const media: ProjectInfo['media'] = [];
    const coders: ProjectInfo['coders'] = [];
    const project = { media, coders } as unknown as ProjectInfo;
    const themes: ThemeBoard['themes'] = [];
    const coderIds = ['a', 'b'];
    expect(selectMedia({ project })).toBe(media);
    expect(selectCoders({ project })).toBe(coders);
    expect(selectThemes({ board: { themes } as unknown as ThemeBoard })).toBe(themes);
    expect(selectQueueCoderIds({ reconcileQueue: { coderIds } as unknown as ReconcileQueue })).toBe(coderIds);
  });
});
