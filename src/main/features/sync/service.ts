/** The sync calls of the contract (src/shared/contract/sync.ts) on one open study. */
import type { ServiceOf } from '../../../shared/contract';
import type { syncContract } from '../../../shared/contract/sync';
import type { ProjectStore } from '../../db/store';
import { listMediaLinks } from '../../db/tables/mediaLinks';
import { cachedWaveform, findOffset } from './findOffset';
import { jobsOf } from './jobs';
import { pictureOf } from './pictures';
import { linkAngle, moveAngle, renameAngle, setAngleOffset, setAngleShown, setAudioAngle, unlinkAngle } from './links';

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
    async setAngleShown({ linkId, shown }) {
      return setAngleShown(store, linkId, shown);
    },
    async setAudioAngle({ primaryId, linkId }) {
      return setAudioAngle(store, primaryId, linkId);
    },
    async findOffset(input) {
      return findOffset(store, input);
    },
    async waveformStart({ mediaId }) {
      return jobsOf(store).start(mediaId);
    },
    async waveformJob({ jobId }) {
      return jobsOf(store).get(jobId);
    },
    async waveformCancel({ jobId }) {
      return jobsOf(store).cancel(jobId);
    },
    async waveform({ mediaId }) {
      return cachedWaveform(store, mediaId);
    },
    async pictures({ mediaIds }) {
      return Object.fromEntries(mediaIds.map((id) => [id, pictureOf(store.getMedia(id).path).state]));
    },
  };
}
