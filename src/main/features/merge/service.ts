/** Coder files and merging them: service calls (see shared/contract/merge.ts). */
import type { ServiceOf } from '../../../shared/contract';
import type { mergeContract } from '../../../shared/contract/merge';
import type { ProjectStore } from '../../db/store';
import { createCoderFile } from './coderFile';
import { inspectCoderFile, mergeCoderFiles } from './merge';

export function mergeService(store: ProjectStore): ServiceOf<typeof mergeContract> {
  return {
    async createCoderFile({ coderName, out, blind }) {
      return createCoderFile(store, coderName, out, { blind });
    },
    async inspectCoderFile({ path }) {
      return inspectCoderFile(store, path);
    },
    async mergeCoderFiles({ paths }) {
      return mergeCoderFiles(store, paths);
    },
  };
}
