/** Workstation state and actions (one slice of the app store). */
import type { StateCreator } from 'zustand';
import type { AppState } from '../../store';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface WorkstationSlice {}

export const createWorkstationSlice: StateCreator<AppState, [], [], WorkstationSlice> = () => ({});
