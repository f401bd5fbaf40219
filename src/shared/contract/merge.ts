/** Coder files, merging and reconciliation. */
// import { z } from 'zod';
// import { call } from './call';

export const mergeContract = {} as const;
