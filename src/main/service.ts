/**
 * The main-process service: a plain object of async functions, one per call of the IPC contract.
 * It knows nothing of Electron or HTTP: transports (ipc.ts, http/server.ts) validate payloads
 * against the contract and call it; tests call it directly. Each feature implements its calls in
 * its own file under services/.
 */
import type { Api } from '../shared/contract';
import type { studiesContract } from '../shared/contract/studies';
import type { ProjectStore } from './db/store';
import { compareService } from './features/compare/service';
import { agreementService } from './services/agreement';
import { coreService } from './services/core';
import { exchangeService } from './services/exchange';
import { exportService } from './services/export';
import { mergeService } from './services/merge';
import { settingsService } from './services/settings';
import { workstationService } from './services/workstation';
import { participantsService } from './features/participants/service';

export { addMediaFile, checkMediaFile } from './services/core';

/** The calls that act on one open study (everything but the study lifecycle calls of features/studies). */
export type StudyApi = Omit<Api, keyof typeof studiesContract>;

export function createService(store: ProjectStore): StudyApi {
  return {
    ...coreService(store),
    ...agreementService(store),
    ...mergeService(store),
    ...exportService(store),
    ...exchangeService(store),
    ...workstationService(store),
    ...settingsService(store),
    ...participantsService(store),
    ...compareService(store),
  };
}
