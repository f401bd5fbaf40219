/** One zustand store composed of slices (zustand's slices pattern). Read it through selectors. */
import { create } from 'zustand';
import { createAgreementSlice, type AgreementSlice } from '../features/agreement/slice';
import { createCompareSlice, type CompareSlice } from '../features/compare/slice';
import { createParticipantsSlice, type ParticipantsSlice } from '../features/participants/slice';
import { createExchangeSlice, type ExchangeSlice } from '../features/exchange/slice';
import { createReconcileSlice, type ReconcileSlice } from '../features/reconcile/slice';
import { createStudiesSlice, type StudiesSlice } from '../features/studies/slice';
import { createSettingsSlice, type SettingsSlice } from '../features/settings/slice';
import { createSyncSlice, type SyncSlice } from '../features/sync/slice';
import { createThemesSlice, type ThemesSlice } from '../features/themes/slice';
import { createWorkstationSlice, type WorkstationSlice } from '../features/workstation/slice';
import { createPlayerSlice, type PlayerSlice } from './playerSlice';
import { createProjectSlice, type ProjectSlice } from './projectSlice';
import { createSegmentsSlice, type SegmentsSlice } from './segmentsSlice';
import { createUiSlice, type UiSlice } from './uiSlice';

export type AppState = ProjectSlice &
  PlayerSlice &
  SegmentsSlice &
  UiSlice &
  AgreementSlice &
  ReconcileSlice &
  ThemesSlice &
  ExchangeSlice &
  WorkstationSlice &
  StudiesSlice &
  SettingsSlice &
  SyncSlice &
  ParticipantsSlice &
  CompareSlice;

export const useApp = create<AppState>()((...a) => ({
  ...createProjectSlice(...a),
  ...createPlayerSlice(...a),
  ...createSegmentsSlice(...a),
  ...createUiSlice(...a),
  ...createAgreementSlice(...a),
  ...createReconcileSlice(...a),
  ...createThemesSlice(...a),
  ...createExchangeSlice(...a),
  ...createWorkstationSlice(...a),
  ...createStudiesSlice(...a),
  ...createSettingsSlice(...a),
  ...createSyncSlice(...a),
  ...createParticipantsSlice(...a),
  ...createCompareSlice(...a),
}));
