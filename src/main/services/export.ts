import type { ServiceOf } from '../../shared/contract';
import type { exportContract } from '../../shared/contract/export';
import type { ProjectStore } from '../db/store';

export function exportService(_store: ProjectStore): ServiceOf<typeof exportContract> {
  return {};
}
