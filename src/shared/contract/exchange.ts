/** Interoperability: REFI-QDA, ELAN and event-table import/export. */
// import { z } from 'zod';
// import { call } from './call';

export const exchangeContract = {} as const;
