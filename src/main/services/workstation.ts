import type { ServiceOf } from '../../shared/contract';
import type { workstationContract } from '../../shared/contract/workstation';
import type { ProjectStore } from '../db/store';

export function workstationService(_store: ProjectStore): ServiceOf<typeof workstationContract> {
  return {};
}
