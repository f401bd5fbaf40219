/** The sync calls of the contract (src/shared/contract/sync.ts) on one open study. */
import type { ServiceOf } from '../../../shared/contract';
import type { syncContract } from '../../../shared/contract/sync';
import { UserError } from '../../../shared/errors';
import type { ProjectStore } from '../../db/store';
import { listMediaLinks } from '../../db/tables/mediaLinks';
import { linkAngle, moveAngle, renameAngle, setAngleOffset, setAudioAngle, unlinkAngle } from './links';

const notYet = (): never => {
  throw new UserError('unsupported', 'Sync by sound is not available in this build yet');
};

export function syncService(store: ProjectStore): ServiceOf<typeof syncContract> {
  return {
    async listMediaLinks() {
      return listMediaLinks(store.db);
    },
    async linkAngle(input) {
      return linkAngle(store, input);
    },
    async unlinkAngle({ linkId }) {
      return unlinkAngle(store, linkId);
    },
    async moveAngle({ linkId, delta }) {
      return moveAngle(store, linkId, delta);
    },
    async renameAngle({ linkId, label }) {
      return renameAngle(store, linkId, label);
    },
    async setAngleOffset({ linkId, offsetMs }) {
      return setAngleOffset(store, linkId, offsetMs);
    },
    async setAudioAngle({ primaryId, linkId }) {
      return setAudioAngle(store, primaryId, linkId);
    },
    findOffset: async () => notYet(),
    waveformStart: async () => notYet(),
    waveformJob: async () => notYet(),
    waveformCancel: async () => notYet(),
    waveform: async () => notYet(),
  };
}
