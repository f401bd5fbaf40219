/**
 * Workstation state and actions (one slice of the app store): timeline selection, undo/redo,
 * memos, contradictions, transcripts and the key map. Every edit goes to the
 * service (one undo step there) and then reloads what it shows; undo/redo reload everything the
 * step touched.
 */
import type { StateCreator } from 'zustand';
import type { UndoState } from '../../../shared/contract/workstation';
import type { Contradiction, Memo, Segment } from '../../../shared/domain';
import { DEFAULT_KEYMAP, parseKeymap, type Keymap } from '../../../shared/keymap';
import type { Transcript } from '../../../shared/transcript/types';
import type { AppState } from '../../store';
import { client } from '../../store/client';

const KEYMAP_KEY = 'triangulate.keymap';

export type NewContradictionInput = Parameters<ReturnType<typeof client>['api']['createContradiction']>[0];
export type ContradictionPatchInput = Parameters<ReturnType<typeof client>['api']['updateContradiction']>[0];
export type NewMemoInput = Parameters<ReturnType<typeof client>['api']['createMemo']>[0];

export interface WorkstationSlice {
  /** Segments selected on the timeline (shift/ctrl click adds). */
  selectedIds: string[];
  undoInfo: UndoState;
  memos: Memo[];
  contradictions: Contradiction[];
  transcripts: Transcript[];
  keymap: Keymap;
  helpOpen: boolean;

  setSelection(ids: string[]): void;
  toggleSelected(id: string): void;
  refreshUndo(): Promise<void>;
  undo(): Promise<void>;
  redo(): Promise<void>;
  /** Reloads what the workstation shows for the current media. */
  loadWorkstation(): Promise<void>;
  createSegmentAt(input: { coderId: string; startMs: number; endMs: number; codeIds: string[] }): Promise<Segment | null>;
  setSegmentTimes(id: string, startMs: number, endMs: number): Promise<void>;
  recodeSelected(codeIds: string[]): Promise<void>;
  deleteSelected(): Promise<void>;

  createMemo(input: NewMemoInput): Promise<Memo>;
  updateMemo(id: string, patch: { title?: string; body?: string }): Promise<void>;
  deleteMemo(id: string): Promise<void>;

  createContradiction(input: NewContradictionInput): Promise<Contradiction>;
  updateContradiction(input: ContradictionPatchInput): Promise<void>;
  deleteContradiction(id: string): Promise<void>;
  /** Contradiction codings of the current media (of these coders) become relations: one undo step. */
  convertContradictionCodings(coderIds?: string[]): Promise<number>;

  importTranscript(fileName: string, text: string): Promise<Transcript | null>;
  deleteTranscript(id: string): Promise<void>;

  setKeymap(k: Keymap): void;
  setHelpOpen(open: boolean): void;
}

function savedKeymap(): Keymap {
  try {
    return parseKeymap(localStorage.getItem(KEYMAP_KEY));
  } catch {
    return { ...DEFAULT_KEYMAP };
  }
}

export const createWorkstationSlice: StateCreator<AppState, [], [], WorkstationSlice> = (set, get) => {
  /** After an edit: reload the list(s) it changed and the undo labels. */
  const reloadSegments = async () => {
    const mediaId = get().mediaId;
    if (mediaId) await get().loadSegments(mediaId);
  };
  const edit = async <T>(p: Promise<T>): Promise<T> => {
    try {
      return await get().track(p);
    } finally {
      void get().refreshUndo();
    }
  };
  /** After an undo/redo: reload what shows the tables the step touched, on any screen. */
  const reloadTouched = (tables: string[]): Promise<unknown>[] => {
    const api = client().api;
    const t = new Set(tables);
    const has = (...names: string[]) => names.some((n) => t.has(n));
    const s = get();
    const jobs: Promise<unknown>[] = [];
    if (has('codes', 'activity_systems', 'coders', 'project_meta', 'media')) jobs.push(s.loadProject());
    if (has('segments', 'segment_codes', 'codes')) jobs.push(reloadSegments());
    if (has('memos', 'segments')) jobs.push(api.listMemos({}).then((memos) => set({ memos })));
    if (has('contradictions', 'contradiction_evidence', 'segments')) jobs.push(api.listContradictions({}).then((contradictions) => set({ contradictions })));
    if (s.mediaId && has('transcripts', 'transcript_cues')) jobs.push(api.listTranscripts({ mediaId: s.mediaId }).then((transcripts) => set({ transcripts })));
    if (s.reconcileQueue && has('segments', 'segment_codes', 'reconcile_decisions', 'coders')) jobs.push(s.loadReconcile());
    if (has('media_links', 'media')) jobs.push(s.loadLinks());
    if (s.view === 'themes' && has('themes', 'theme_codes', 'codes', 'segments', 'segment_codes')) jobs.push(s.loadBoard());
    if (has('participants', 'participant_attributes', 'participant_attribute_values', 'groups', 'group_members')) jobs.push(s.loadParticipants());
    if (has('segment_participants', 'participants')) jobs.push(reloadSegments());
    return jobs;
  };
  const step = async (dir: 'undo' | 'redo') => {
    const api = client().api;
    const r = await get().track(dir === 'undo' ? api.undo({}) : api.redo({}));
    set({ undoInfo: { undo: r.undo, redo: r.redo } });
    await Promise.all(reloadTouched(r.tables));
    const alive = new Set(get().segments.map((s) => s.id));
    set((s) => ({ selectedIds: s.selectedIds.filter((id) => alive.has(id)) }));
    get().showBanner({ kind: 'info', message: `${dir === 'undo' ? 'Undone' : 'Redone'}: ${r.label}` });
  };
  /** Asks the service what undo/redo would do now (another screen may have added a step), then does it. */
  const stepIfAny = async (dir: 'undo' | 'redo') => {
    await get().refreshUndo().catch(() => undefined);
    const next = get().undoInfo[dir];
    if (!next) return get().showBanner({ kind: 'info', message: dir === 'undo' ? 'Nothing to undo' : 'Nothing to redo' });
    if (!next.undoable) return get().showBanner({ kind: 'error', message: `Cannot undo "${next.label}": it was marked not undoable when it ran` });
    await step(dir).catch(() => get().refreshUndo());
  };

  return {
    selectedIds: [],
    undoInfo: { undo: null, redo: null },
    memos: [],
    contradictions: [],
    transcripts: [],
    keymap: savedKeymap(),
    helpOpen: false,

    setSelection(ids) {
      set({ selectedIds: ids, selectedSegmentId: ids.length === 1 ? ids[0]! : null });
    },
    toggleSelected(id) {
      const cur = get().selectedIds;
      get().setSelection(cur.includes(id) ? cur.filter((x) => x !== id) : [...cur, id]);
    },
    async refreshUndo() {
      const undoInfo = await client().api.undoState({});
      set({ undoInfo });
    },
    async undo() {
      await stepIfAny('undo');
    },
    async redo() {
      await stepIfAny('redo');
    },
    async loadWorkstation() {
      const api = client().api;
      const mediaId = get().mediaId;
      const [memos, contradictions, transcripts, undoInfo] = await Promise.all([
        api.listMemos({}),
        api.listContradictions({}),
        mediaId ? api.listTranscripts({ mediaId }) : Promise.resolve([]),
        api.undoState({}),
      ]);
      set({ memos, contradictions, transcripts, undoInfo });
    },
    async createSegmentAt(input) {
      const mediaId = get().mediaId;
      if (!mediaId) return null;
      const seg = await get().createSegmentChecked({ mediaId, ...input });
      if (!seg) return null;
      await reloadSegments();
      get().setSelection([seg.id]);
      return seg;
    },
    async setSegmentTimes(id, startMs, endMs) {
      await edit(client().api.updateSegment({ id, startMs, endMs }));
      await reloadSegments();
    },
    async recodeSelected(codeIds) {
      const ids = get().selectedIds;
      if (ids.length === 0) return;
      await edit(client().api.recodeSegments({ ids, codeIds }));
      await reloadSegments();
    },
    async deleteSelected() {
      const ids = get().selectedIds;
      if (ids.length === 0) return;
      await edit(client().api.deleteSegments({ ids }));
      get().setSelection([]);
      await reloadSegments();
      const api = client().api;
      const [memos, contradictions] = await Promise.all([api.listMemos({}), api.listContradictions({})]);
      set({ memos, contradictions });
    },

    async createMemo(input) {
      const memo = await edit(client().api.createMemo(input));
      set({ memos: await client().api.listMemos({}) });
      return memo;
    },
    async updateMemo(id, patch) {
      await edit(client().api.updateMemo({ id, ...patch }));
      set({ memos: await client().api.listMemos({}) });
    },
    async deleteMemo(id) {
      await edit(client().api.deleteMemo({ id }));
      set({ memos: await client().api.listMemos({}) });
    },

    async createContradiction(input) {
      const c = await edit(client().api.createContradiction(input));
      set({ contradictions: await client().api.listContradictions({}) });
      return c;
    },
    async updateContradiction(input) {
      await edit(client().api.updateContradiction(input));
      set({ contradictions: await client().api.listContradictions({}) });
    },
    async deleteContradiction(id) {
      await edit(client().api.deleteContradiction({ id }));
      set({ contradictions: await client().api.listContradictions({}) });
    },
    async convertContradictionCodings(coderIds) {
      const mediaId = get().mediaId;
      if (!mediaId) return 0;
      const r = await edit(client().api.convertContradictionCodings({ mediaId, ...(coderIds ? { coderIds } : {}) }));
      set({ contradictions: await client().api.listContradictions({}) });
      return r.created;
    },

    async importTranscript(fileName, text) {
      const mediaId = get().mediaId;
      if (!mediaId) return null;
      const t = await edit(client().api.importTranscript({ mediaId, fileName, text }));
      set({ transcripts: await client().api.listTranscripts({ mediaId }) });
      return t;
    },
    async deleteTranscript(id) {
      const mediaId = get().mediaId;
      await edit(client().api.deleteTranscript({ id }));
      if (mediaId) set({ transcripts: await client().api.listTranscripts({ mediaId }) });
    },

    setKeymap(keymap) {
      localStorage.setItem(KEYMAP_KEY, JSON.stringify(keymap));
      set({ keymap });
    },
    setHelpOpen(helpOpen) {
      set({ helpOpen });
    },
  };
};
