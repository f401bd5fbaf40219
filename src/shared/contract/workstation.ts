/** The coding workstation: undo/redo, contradictions, memos, transcripts. */
// import { z } from 'zod';
// import { call } from './call';

export const workstationContract = {} as const;
