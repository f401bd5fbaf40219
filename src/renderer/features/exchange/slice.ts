/** Exchange state and actions (one slice of the app store). */
import type { StateCreator } from 'zustand';
import type { AppState } from '../../store';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ExchangeSlice {}

export const createExchangeSlice: StateCreator<AppState, [], [], ExchangeSlice> = () => ({});
