import type { ServiceOf } from '../../shared/contract';
import type { mergeContract } from '../../shared/contract/merge';
import type { ProjectStore } from '../db/store';

export function mergeService(_store: ProjectStore): ServiceOf<typeof mergeContract> {
  return {};
}
