/** One zustand store composed of slices (zustand's slices pattern). Read it through selectors. */
import { create } from 'zustand';
import { createPlayerSlice, type PlayerSlice } from './playerSlice';
import { createProjectSlice, type ProjectSlice } from './projectSlice';
import { createSegmentsSlice, type SegmentsSlice } from './segmentsSlice';
import { createUiSlice, type UiSlice } from './uiSlice';

export type AppState = ProjectSlice & PlayerSlice & SegmentsSlice & UiSlice;

export const useApp = create<AppState>()((...a) => ({
  ...createProjectSlice(...a),
  ...createPlayerSlice(...a),
  ...createSegmentsSlice(...a),
  ...createUiSlice(...a),
}));
