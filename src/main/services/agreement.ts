import type { ServiceOf } from '../../shared/contract';
import type { agreementContract } from '../../shared/contract/agreement';
import type { ProjectStore } from '../db/store';

export function agreementService(_store: ProjectStore): ServiceOf<typeof agreementContract> {
  return {};
}
