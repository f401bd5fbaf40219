import type { ServiceOf } from '../../shared/contract';
import type { exchangeContract } from '../../shared/contract/exchange';
import type { ProjectStore } from '../db/store';

export function exchangeService(_store: ProjectStore): ServiceOf<typeof exchangeContract> {
  return {};
}
