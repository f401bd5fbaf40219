/** The study lifecycle in the page: the start screen's state, the file picker's pending request, the open dialogs. */
import type { StateCreator } from 'zustand';
import type { StudyState } from '../../../shared/contract/studies';
import type { PickRequest } from '../../../shared/studies/picker';
import { client } from '../../store/client';
import type { AppState } from '../../store';

export type StudyDialog = 'newStudy' | 'recordings' | 'about' | null;

export interface StudiesSlice {
  study: StudyState | null;
  /** The in-app file browser's open request (web mode), answered through `resolve`. */
  picking: { req: PickRequest; resolve: (paths: string[] | null) => void } | null;
  studyDialog: StudyDialog;
  loadStudyState(): Promise<StudyState>;
  setStudyDialog(d: StudyDialog): void;
  /** Runs a lifecycle call that switches study, then reloads the page on the new one (every screen starts clean). */
  switchStudy(p: Promise<StudyState>): Promise<void>;
}

export const createStudiesSlice: StateCreator<AppState, [], [], StudiesSlice> = (set, get) => ({
  study: null,
  picking: null,
  studyDialog: null,
  async loadStudyState() {
    let study: StudyState;
    try {
      study = await client().api.studyState({});
    } catch (e) {
      // a server embedding one study's service only (benchmarks, tools) has no lifecycle calls
      if (!/"studyState" is not available/.test((e as Error).message)) throw e;
      const p = await client().api.getProject({});
      study = { study: { file: p.file, name: p.name, readOnly: false, isDemo: false }, recent: [], backupsEnabled: false, message: null };
    }
    set({ study });
    return study;
  },
  setStudyDialog(studyDialog) {
    set({ studyDialog });
  },
  async switchStudy(p) {
    try {
      const study = await p;
      set({ study });
      window.location.reload();
    } catch (e) {
      get().showBanner({ kind: 'error', message: (e as Error).message });
    }
  },
});
