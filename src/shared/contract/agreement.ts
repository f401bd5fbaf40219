/** Inter-rater agreement: the dashboard's calls. */
// import { z } from 'zod';
// import { call } from './call';

export const agreementContract = {} as const;
