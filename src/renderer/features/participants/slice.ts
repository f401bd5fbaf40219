/**
 * Participants state (one slice of the app store): the study's participants, attributes and
 * groups, their edits from Study settings (each one service call and one undo step, then read back
 * from the file), the roster CSV import, transcript speakers, the Alt+key layer that toggles a
 * participant on the selected segments, and how the timeline lays out its lanes.
 */
import type { StateCreator } from 'zustand';
import type { RosterImportResult } from '../../../shared/contract/participants';
import type { ParticipantsState, TranscriptSpeaker } from '../../../shared/participants/types';
import type { Segment } from '../../../shared/domain';
import { client } from '../../store/client';
import { layerTargets } from './layerTargets';
import type { AppState } from '../../store';

export const NO_PARTICIPANTS: ParticipantsState = { participants: [], attributes: [], groups: [] };

export type LaneMode = 'coders' | 'participants';

export interface RosterState {
  path: string;
  preview: RosterImportResult | null;
  error: string | null;
  done: RosterImportResult | null;
}

/** Transcript cues just selected: their range is the in/out marks, and coding it codes the cues (their speakers become the segment's participants). */
export interface CueMarks {
  mediaId: string;
  cueIds: string[];
  inMs: number;
  outMs: number;
}

export interface ParticipantsSlice {
  people: ParticipantsState;
  /** The project the participants were read from (null: not yet). */
  peopleFor: string | null;
  loadParticipants(): Promise<void>;
  /** A Study settings edit of participants, attributes or groups; false when refused (the banner says why). */
  peopleEdit(call: (api: ReturnType<typeof client>['api']) => Promise<unknown>): Promise<boolean>;
  roster: RosterState | null;
  previewRoster(path: string): Promise<void>;
  importRoster(): Promise<void>;
  speakers: TranscriptSpeaker[];
  loadSpeakers(): Promise<void>;
  addSpeakers(names: string[]): Promise<void>;
  /** Sets who a segment is about (the segment editor's toggles). */
  setSegmentParticipants(segmentId: string, participantIds: string[]): Promise<void>;
  /** Sets who a contradiction is about. */
  setContradictionParticipants(contradictionId: string, participantIds: string[]): Promise<void>;
  /** The Alt+key layer: toggles a participant on the selected segment(s). */
  toggleParticipant(participantId: string): Promise<void>;
  laneMode: LaneMode;
  setLaneMode(m: LaneMode): void;
  cueMarks: CueMarks | null;
  setCueMarks(m: CueMarks | null): void;
  /** Do the marks still hold the selected cues' range (so coding them codes the cues)? */
  marksAreCues(startMs: number, endMs: number): boolean;
  /** Codes the selected cues: one segment about their speakers. Null when refused (the banner says why). */
  codeCues(codeIds: string[]): Promise<Segment | null>;
}


export const createParticipantsSlice: StateCreator<AppState, [], [], ParticipantsSlice> = (set, get) => {
  const replaceSegments = (changed: Segment[]) => {
    const byId = new Map(changed.map((x) => [x.id, x]));
    set((st) => ({ segments: st.segments.map((x) => byId.get(x.id) ?? x) }));
  };
  return {
    people: NO_PARTICIPANTS,
    peopleFor: null,
    async loadParticipants() {
      const projectId = get().project?.projectId ?? null;
      const people = await client().api.listParticipants({});
      if (get().project?.projectId === projectId) set({ people, peopleFor: projectId });
    },
    async peopleEdit(call) {
      // a settings edit (saved indicator, the project and undo read back), then the participants
      const ok = await get().settingsEdit(call);
      await get().loadParticipants().catch(() => undefined);
      return ok;
    },
    roster: null,
    async previewRoster(path) {
      set({ roster: { path, preview: null, error: null, done: null } });
      try {
        const preview = await client().api.previewRoster({ path });
        set({ roster: { path, preview, error: null, done: null } });
      } catch (e) {
        set({ roster: { path, preview: null, error: (e as Error).message, done: null } });
      }
    },
    async importRoster() {
      const r = get().roster;
      if (!r?.preview) return;
      let done: RosterImportResult | null = null;
      const ok = await get().peopleEdit(async (api) => {
        done = await api.importRoster({ path: r.path });
      });
      set({ roster: ok ? { ...r, preview: null, done } : r });
    },
    speakers: [],
    async loadSpeakers() {
      set({ speakers: await client().api.transcriptSpeakers({}) });
    },
    async addSpeakers(names) {
      await get().peopleEdit((api) => api.addSpeakersAsParticipants({ speakers: names }));
      await get().loadSpeakers().catch(() => undefined);
    },
    async setSegmentParticipants(segmentId, participantIds) {
      try {
        replaceSegments([await get().track(client().api.setSegmentParticipants({ segmentId, participantIds }))]);
      } catch {
        /* shown in the banner */
      } finally {
        void get().refreshUndo();
      }
    },
    async setContradictionParticipants(contradictionId, participantIds) {
      try {
        const c = await get().track(client().api.setContradictionParticipants({ contradictionId, participantIds }));
        set((st) => ({ contradictions: st.contradictions.map((x) => (x.id === c.id ? c : x)) }));
      } catch {
        /* shown in the banner */
      } finally {
        void get().refreshUndo();
      }
    },
    async toggleParticipant(participantId) {
      const s = get();
      const ids = layerTargets(s);
      if (ids.length === 0) {
        s.showBanner({ kind: 'info', message: 'Select a segment first (click it in the list or on the timeline), then hold Alt and press the participant\'s key.' });
        return;
      }
      try {
        replaceSegments(await s.track(client().api.toggleSegmentParticipant({ segmentIds: ids, participantId })));
      } catch {
        /* shown in the banner */
      } finally {
        void get().refreshUndo();
      }
    },
    laneMode: 'coders',
    setLaneMode(laneMode) {
      set({ laneMode });
    },
    cueMarks: null,
    setCueMarks(cueMarks) {
      set({ cueMarks });
    },
    marksAreCues(startMs, endMs) {
      const m = get().cueMarks;
      return !!m && m.mediaId === get().mediaId && m.inMs === startMs && m.outMs === endMs;
    },
    async codeCues(codeIds) {
      const s = get();
      const m = s.cueMarks;
      if (!m || !s.coderId) return null;
      try {
        const seg = await s.track(client().api.codeCues({ mediaId: m.mediaId, coderId: s.coderId, cueIds: m.cueIds, codeIds }));
        set({ cueMarks: null });
        return seg;
      } catch {
        return null; // shown in the banner
      } finally {
        void get().refreshUndo();
      }
    },
  };
};
