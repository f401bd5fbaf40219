/** Coder files and merging them (reconciliation: reconcile.ts). */
import { z } from 'zod';
import { call } from './call';
import { zName, zPath } from '../limits';
import type { CoderFileResult, MergeFileInfo, MergeSummary } from '../merge/types';

export type * from '../merge/types';

const filePath = z.string().trim().pipe(zPath());

export const mergeContract = {
  /** Writes a coder file for one coder (created in the project first when new). */
  createCoderFile: call<CoderFileResult>()(
    z.object({ coderName: zName(), out: filePath, blind: z.boolean().optional() }).strict(),
  ),
  /** Checks one coder file without changing anything (the merge form's first steps). */
  inspectCoderFile: call<MergeFileInfo>()(z.object({ path: filePath }).strict()),
  /** Merges coder files into the open project in one transaction. */
  mergeCoderFiles: call<MergeSummary>()(z.object({ paths: z.array(filePath).min(1).max(50) }).strict()),
} as const;
