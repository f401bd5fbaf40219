/** Themes and CSV exports. */
// import { z } from 'zod';
// import { call } from './call';

export const exportContract = {} as const;
