/**
 * Merge & reconcile state and actions (one slice of the app store): the coder-file and merge
 * forms, and the reconcile queue of the current media for a chosen set of coders. Decisions live
 * in the project file; the queue is recomputed from it, so leaving the screen (or reloading the
 * app) and coming back resumes where the team stopped. The coder set is remembered per study and
 * media; by default it is the coders still coding who coded something in the media.
 */
import type { StateCreator } from 'zustand';
import type { CoderFileResult, DecisionLogEntry, MergeSummary, ReconcileAction, ReconcileQueue } from '../../../shared/contract/merge';
import type { AppState } from '../../store';
import { client } from '../../store/client';
import { recall, remember } from '../../store/persist';

export interface MergeProgress {
  done: number;
  total: number;
  label: string;
}

export interface ReconcileSlice {
  reconcileCoderIds: string[] | null;
  reconcileQueue: ReconcileQueue | null;
  reconcileKey: string | null;
  /** The consensus range being adjusted by dragging (null = the item's extent). */
  reconcileDraft: { startMs: number; endMs: number } | null;
  reconcileLog: DecisionLogEntry[];
  reconcileError: string | null;
  reconcileBusy: boolean;
  mergeProgress: MergeProgress | null;
  mergeSummary: MergeSummary | null;
  mergeError: string | null;
  coderFileResult: CoderFileResult | null;
  coderFileError: string | null;

  loadReconcile(): Promise<void>;
  setReconcileCoders(ids: string[]): Promise<void>;
  selectReconcileItem(key: string | null): void;
  setReconcileDraft(range: { startMs: number; endMs: number } | null): void;
  decideReconcile(action: ReconcileAction, opts: { rationale: string; chosenCoderId?: string }): Promise<boolean>;
  bulkAgreeReconcile(rationale: string): Promise<void>;
  undoReconcile(decisionId: string): Promise<void>;
  mergeFiles(paths: string[]): Promise<void>;
  createCoderFile(input: { coderName: string; out: string; blind: boolean }): Promise<void>;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export const createReconcileSlice: StateCreator<AppState, [], [], ReconcileSlice> = (set, get) => {
  /**
   * The coders to reconcile: remembered for this media in this study, else those still coding who
   * coded something there (a coder with no segments, e.g. one just given a coder file, or a coder
   * not coding any more, is not chosen).
   */
  const chosenCoders = async (mediaId: string): Promise<string[]> => {
    const s = get();
    const ids = new Set((s.project?.coders ?? []).filter((c) => !c.isConsensus).map((c) => c.id));
    const list = s.reconcileCoderIds ?? recall<string[]>(s.project?.projectId, `reconcile.coders.${mediaId}`);
    const valid = list?.filter((id) => ids.has(id));
    if (valid && valid.length >= 2) return valid;
    return (await client().api.agreementChoices({ mediaId })).defaultCoderIds;
  };
  const decider = (): string | null => {
    const id = get().coderId;
    if (!id) set({ reconcileError: 'Choose who you are (the coder chip, top right) before deciding: the log records who decided.' });
    return id;
  };
  /** After a change: reload queue, log and the player's segments (consensus segments show there). */
  const refresh = async () => {
    await get().loadReconcile();
    const mediaId = get().mediaId;
    if (mediaId) await get().loadSegments(mediaId);
  };

  return {
    reconcileCoderIds: null,
    reconcileQueue: null,
    reconcileKey: null,
    reconcileDraft: null,
    reconcileLog: [],
    reconcileError: null,
    reconcileBusy: false,
    mergeProgress: null,
    mergeSummary: null,
    mergeError: null,
    coderFileResult: null,
    coderFileError: null,

    async loadReconcile() {
      const { mediaId } = get();
      if (!mediaId) return;
      let coderIds: string[];
      try {
        coderIds = await chosenCoders(mediaId);
      } catch (e) {
        set({ reconcileError: message(e) });
        return;
      }
      if (coderIds.length < 2) {
        set({ reconcileQueue: null, reconcileError: 'Reconciling needs at least two coders: merge the coders\' files first.' });
        return;
      }
      try {
        const [queue, log] = await Promise.all([client().api.reconcileQueue({ mediaId, coderIds }), client().api.reconcileLog({ mediaId })]);
        if (get().mediaId !== mediaId) return;
        const keep = get().reconcileKey;
        const stillThere = keep && (queue.items.some((i) => i.key === keep) || queue.agreed.some((i) => i.key === keep));
        const next = stillThere ? keep : (queue.items.find((i) => !i.decision) ?? queue.items[0])?.key ?? null;
        set({ reconcileQueue: queue, reconcileLog: log, reconcileKey: next, reconcileError: null, ...(next !== keep ? { reconcileDraft: null } : {}) });
      } catch (e) {
        set({ reconcileError: message(e) });
      }
    },
    async setReconcileCoders(ids) {
      const s = get();
      if (s.mediaId) remember(s.project?.projectId, `reconcile.coders.${s.mediaId}`, ids);
      set({ reconcileCoderIds: ids, reconcileKey: null, reconcileDraft: null });
      if (ids.length < 2) {
        set({ reconcileQueue: null, reconcileError: 'Choose at least two coders.' });
        return;
      }
      await get().loadReconcile();
    },
    selectReconcileItem(key) {
      set({ reconcileKey: key, reconcileDraft: null, reconcileError: null });
    },
    setReconcileDraft(range) {
      set({ reconcileDraft: range });
    },
    async decideReconcile(action, { rationale, chosenCoderId }) {
      const s = get();
      const q = s.reconcileQueue;
      const item = q?.items.find((i) => i.key === s.reconcileKey) ?? q?.agreed.find((i) => i.key === s.reconcileKey);
      const decidedBy = decider();
      if (!q || !item || !decidedBy) return false;
      const range = action === 'adjust' ? s.reconcileDraft ?? { startMs: item.startMs, endMs: item.endMs } : null;
      set({ reconcileBusy: true });
      try {
        await s.track(client().api.reconcileDecide({
          mediaId: q.mediaId, coderIds: q.coderIds, itemKey: item.key, action, rationale, decidedBy,
          ...(chosenCoderId ? { chosenCoderId } : {}), ...(range ? { startMs: range.startMs, endMs: range.endMs } : {}),
        }));
        set({ reconcileDraft: null });
        await refresh();
        return true;
      } catch (e) {
        set({ reconcileError: message(e) });
        return false;
      } finally {
        set({ reconcileBusy: false });
      }
    },
    async bulkAgreeReconcile(rationale) {
      const q = get().reconcileQueue;
      const decidedBy = decider();
      if (!q || !decidedBy) return;
      set({ reconcileBusy: true });
      try {
        await get().track(client().api.reconcileBulkAgree({ mediaId: q.mediaId, coderIds: q.coderIds, rationale, decidedBy }));
        await refresh();
      } catch (e) {
        set({ reconcileError: message(e) });
      } finally {
        set({ reconcileBusy: false });
      }
    },
    async undoReconcile(decisionId) {
      const undoneBy = decider();
      if (!undoneBy) return;
      set({ reconcileBusy: true });
      try {
        await get().track(client().api.reconcileUndo({ decisionId, undoneBy }));
        await refresh();
      } catch (e) {
        set({ reconcileError: message(e) });
      } finally {
        set({ reconcileBusy: false });
      }
    },
    async mergeFiles(paths) {
      const total = paths.length + 1;
      set({ mergeSummary: null, mergeError: null, mergeProgress: { done: 0, total, label: 'Checking files…' } });
      try {
        // each file is checked first (nothing written), then all are merged in one transaction
        for (let i = 0; i < paths.length; i++) {
          set({ mergeProgress: { done: i, total, label: `Checking ${paths[i]}…` } });
          await client().api.inspectCoderFile({ path: paths[i]! });
        }
        set({ mergeProgress: { done: paths.length, total, label: 'Merging…' } });
        const summary = await get().track(client().api.mergeCoderFiles({ paths }));
        set({ mergeSummary: summary, mergeProgress: { done: total, total, label: 'Merged' }, coderFileError: null });
        await get().loadProject();
        await refresh();
      } catch (e) {
        set({ mergeError: `${message(e)} Nothing was merged.`, mergeProgress: null });
      }
    },
    async createCoderFile(input) {
      set({ coderFileResult: null, coderFileError: null });
      try {
        const r = await get().track(client().api.createCoderFile(input));
        set({ coderFileResult: r });
        if (r.coderCreated) await get().loadProject();
      } catch (e) {
        set({ coderFileError: message(e) });
      }
    },
  };
};
