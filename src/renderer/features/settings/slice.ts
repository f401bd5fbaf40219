/**
 * Study settings state: each edit is one service call (one undo step in the file); the project
 * (name, systems, coders, codebook) is reloaded from the file after it commits, and the undo
 * button learns about the new step. Errors reach the banner through track().
 */
import type { StateCreator } from 'zustand';
import type { CodebookImportPreview } from '../../../shared/contract/settings';
import { client } from '../../store/client';
import type { AppState } from '../../store';

export interface SettingsSlice {
  codebookPreview: CodebookImportPreview | null;
  codebookMessage: string | null;
  settingsEdit(call: (api: ReturnType<typeof client>['api']) => Promise<unknown>): Promise<boolean>;
  previewCodebook(path: string): Promise<void>;
  importCodebook(path: string): Promise<void>;
  exportCodebook(path: string): Promise<void>;
}

export const createSettingsSlice: StateCreator<AppState, [], [], SettingsSlice> = (set, get) => ({
  codebookPreview: null,
  codebookMessage: null,
  async settingsEdit(call) {
    try {
      await get().track(call(client().api));
      return true;
    } catch {
      return false; // track() has shown the one-line message
    } finally {
      await get().loadProject();
      void get().refreshUndo();
    }
  },
  async previewCodebook(path) {
    set({ codebookPreview: null, codebookMessage: null });
    try {
      set({ codebookPreview: await get().track(client().api.previewCodebookImport({ path })) });
    } catch {
      /* shown in the banner */
    }
  },
  async importCodebook(path) {
    const ok = await get().settingsEdit(async (api) => {
      const r = await api.importCodebook({ path });
      set({ codebookPreview: null, codebookMessage: `Imported ${r.add.length} new code(s), updated ${r.update.length}; nothing was deleted.` });
    });
    if (ok) {
      const mediaId = get().mediaId;
      if (mediaId) await get().loadSegments(mediaId);
    }
  },
  async exportCodebook(path) {
    try {
      const r = await get().track(client().api.exportCodebook({ path }));
      set({ codebookMessage: `Wrote ${r.file}: ${r.codes} codes.` });
    } catch {
      /* shown in the banner */
    }
  },
});
