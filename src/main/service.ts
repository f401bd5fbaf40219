/**
 * The main-process service: a plain object of async functions, one per call of the IPC contract.
 * It knows nothing of Electron or HTTP: transports (ipc.ts, http/server.ts) validate payloads
 * against the contract and call it; tests call it directly. Each feature implements its calls in
 * its own folder under features/ (features/<feature>/service.ts).
 */
import type { Api } from '../shared/contract';
import type { studiesContract } from '../shared/contract/studies';
import type { ProjectStore } from './db/store';
import { compareService } from './features/compare/service';
import { agreementService } from './features/agreement/service';
import { codingService } from './features/coding/service';
import { exchangeService } from './features/exchange/service';
import { exportService } from './features/export/service';
import { mergeService } from './features/merge/service';
import { reconcileService } from './features/reconcile/service';
import { settingsService } from './features/settings/service';
import { themesService } from './features/themes/service';
import { workstationService } from './features/workstation/service';
import { syncService } from './features/sync/service';
import { participantsService } from './features/participants/service';
import { segmentsService } from './features/segments/service';

export { addMediaFile, checkMediaFile } from './features/coding/service';

/** The calls that act on one open study (everything but the study lifecycle calls of features/studies). */
export type StudyApi = Omit<Api, keyof typeof studiesContract>;

export function createService(store: ProjectStore): StudyApi {
  return {
    ...codingService(store),
    ...agreementService(store),
    ...mergeService(store),
    ...reconcileService(store),
    ...themesService(store),
    ...exportService(store),
    ...exchangeService(store),
    ...workstationService(store),
    ...settingsService(store),
    ...syncService(store),
    ...participantsService(store),
    ...segmentsService(store),
    ...compareService(store),
  };
}
