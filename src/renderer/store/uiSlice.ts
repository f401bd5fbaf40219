/** Who is coding, the save indicator and the message banner. */
import type { StateCreator } from 'zustand';
import { ServiceError } from '../api/client';
import type { ViewId } from '../views';
import type { AppState } from './index';

export type SaveState = { state: 'idle' } | { state: 'saving'; pending: number } | { state: 'saved'; at: number } | { state: 'error'; message: string };

export interface Banner {
  kind: 'info' | 'error';
  message: string;
  action?: { label: string; run: () => void };
  /** Set on the error of a failed edit: the next edit that succeeds clears it. */
  fromEdit?: boolean;
}

export interface UiSlice {
  view: ViewId;
  setView(v: ViewId): void;
  coderId: string | null;
  save: SaveState;
  banner: Banner | null;
  setCoder(id: string | null): void;
  /** The "Who is coding?" dialog opened from the top bar (it can be cancelled there). */
  coderPickerOpen: boolean;
  setCoderPickerOpen(open: boolean): void;
  showBanner(b: Banner | null): void;
  /** Runs an edit: "Saving…" while it is in flight, "Saved" once committed, the error otherwise. */
  track<T>(p: Promise<T>): Promise<T>;
}

const coderKey = (projectId: string) => `triangulate.coder.${projectId}`;

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set, get) => ({
  view: 'code',
  setView(view) {
    set({ view });
  },
  coderId: null,
  save: { state: 'idle' },
  banner: null,
  setCoder(id) {
    const projectId = get().project?.projectId;
    if (projectId) {
      if (id) localStorage.setItem(coderKey(projectId), id);
      else localStorage.removeItem(coderKey(projectId));
    }
    set({ coderId: id, coderPickerOpen: false });
  },
  coderPickerOpen: false,
  setCoderPickerOpen(coderPickerOpen) {
    set({ coderPickerOpen });
  },
  showBanner(banner) {
    set({ banner });
  },
  async track(p) {
    const pending = (get().save.state === 'saving' ? (get().save as { pending: number }).pending : 0) + 1;
    set({ save: { state: 'saving', pending } });
    try {
      const result = await p;
      const now = get().save;
      const left = now.state === 'saving' ? now.pending - 1 : 0;
      set({ save: left > 0 ? { state: 'saving', pending: left } : { state: 'saved', at: Date.now() } });
      if (get().banner?.fromEdit) set({ banner: null }); // a stale error of an earlier edit
      return result;
    } catch (e) {
      const message = e instanceof ServiceError || e instanceof Error ? e.message : String(e);
      set({ save: { state: 'error', message }, banner: { kind: 'error', message, fromEdit: true } });
      throw e;
    }
  },
});

export function rememberedCoder(projectId: string): string | null {
  return localStorage.getItem(coderKey(projectId));
}
