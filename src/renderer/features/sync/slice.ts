/**
 * Linked recordings (angles) and the waveform, one slice of the app store. Every link edit goes
 * to the service (one undo step there) and then reloads the links; an offset change is shown at
 * once (the players follow it while playing) and written behind.
 */
import type { StateCreator } from 'zustand';
import type { MediaLink, WaveformEnvelope, WaveformJob } from '../../../shared/contract/sync';
import type { AppState } from '../../store';
import { client } from '../../store/client';

export type SyncLayout = 'grid' | 'focus';

export interface SyncSlice {
  links: MediaLink[];
  syncLayout: SyncLayout;
  /** The large tile in the focus layout (a media id; null = the primary). */
  bigMediaId: string | null;
  /** Cached envelopes by media id (null: none cached). */
  waveforms: Record<string, WaveformEnvelope | null>;
  waveformJobs: Record<string, WaveformJob>;
  showWaveform: boolean;
  setShowWaveform(on: boolean): void;
  /** Shows or hides an angle in the players (kept in the study, one undo step). */
  setAngleShown(linkId: string, shown: boolean): Promise<void>;
  loadLinks(): Promise<void>;
  linkAngle(primaryId: string, angleId: string): Promise<void>;
  unlinkAngle(linkId: string): Promise<void>;
  moveAngle(linkId: string, delta: -1 | 1): Promise<void>;
  renameAngle(linkId: string, label: string): Promise<void>;
  setAngleOffset(linkId: string, offsetMs: number): Promise<void>;
  setAudioAngle(primaryId: string, linkId: string | null): Promise<void>;
  setSyncLayout(layout: SyncLayout): void;
  setBigMedia(mediaId: string | null): void;
  loadWaveform(mediaId: string): Promise<void>;
  startWaveform(mediaId: string): Promise<void>;
  cancelWaveform(mediaId: string): Promise<void>;
}

const POLL_MS = 250;

export const createSyncSlice: StateCreator<AppState, [], [], SyncSlice> = (set, get) => {
  /** An edit of the links: one undo step in the service, then the links and the undo state again. */
  const edit = async (p: Promise<unknown>) => {
    try {
      await get().track(p);
    } finally {
      await get().loadLinks();
      void get().refreshUndo().catch(() => undefined);
    }
  };
  const setJob = (job: WaveformJob) => set((s) => ({ waveformJobs: { ...s.waveformJobs, [job.mediaId]: job } }));
  const poll = async (job: WaveformJob): Promise<void> => {
    let j = job;
    while (j.state === 'running') {
      await new Promise((r) => setTimeout(r, POLL_MS));
      if (get().waveformJobs[j.mediaId]?.jobId !== j.jobId) return; // superseded
      j = await client().api.waveformJob({ jobId: j.jobId });
      setJob(j);
    }
    if (j.state === 'done') await get().loadWaveform(j.mediaId);
    if (j.state === 'failed' && j.message) get().showBanner({ kind: 'error', message: j.message });
  };

  return {
    links: [],
    syncLayout: 'grid',
    bigMediaId: null,
    waveforms: {},
    waveformJobs: {},
    showWaveform: true,
    setShowWaveform(showWaveform) {
      set({ showWaveform });
    },
    async loadLinks() {
      set({ links: await client().api.listMediaLinks({}) });
    },
    linkAngle: (primaryId, angleId) => edit(client().api.linkAngle({ primaryId, angleId, offsetMs: 0, label: '' })),
    unlinkAngle: (linkId) => edit(client().api.unlinkAngle({ linkId })),
    moveAngle: (linkId, delta) => edit(client().api.moveAngle({ linkId, delta })),
    renameAngle: (linkId, label) => edit(client().api.renameAngle({ linkId, label })),
    async setAngleOffset(linkId, offsetMs) {
      set((s) => ({ links: s.links.map((l) => (l.id === linkId ? { ...l, offsetMs } : l)) }));
      await edit(client().api.setAngleOffset({ linkId, offsetMs }));
    },
    setAngleShown: (linkId, shown) => edit(client().api.setAngleShown({ linkId, shown })),
    setAudioAngle: (primaryId, linkId) => edit(client().api.setAudioAngle({ primaryId, linkId })),
    setSyncLayout(syncLayout) {
      set({ syncLayout });
    },
    setBigMedia(bigMediaId) {
      set({ bigMediaId });
    },
    async loadWaveform(mediaId) {
      const env = await client().api.waveform({ mediaId });
      set((s) => ({ waveforms: { ...s.waveforms, [mediaId]: env } }));
    },
    async startWaveform(mediaId) {
      const job = await client().api.waveformStart({ mediaId });
      setJob(job);
      await poll(job);
    },
    async cancelWaveform(mediaId) {
      const job = get().waveformJobs[mediaId];
      if (job?.state === 'running') setJob(await client().api.waveformCancel({ jobId: job.jobId }));
    },
  };
};
