/**
 * Segments of the current media. Every edit goes to the service first; the list changes and the
 * status says "saved" only once SQLite has committed it.
 */
import type { StateCreator } from 'zustand';
import type { ContradictionLevel, Segment } from '../../shared/domain';
import { client } from './client';
import type { AppState } from './index';

export interface SegmentsSlice {
  segments: Segment[];
  selectedSegmentId: string | null;
  loadSegments(mediaId: string): Promise<void>;
  selectSegment(id: string | null): void;
  /** A code's hotkey or a click in the codebook: code the marked range, or drop a point marker. */
  applyCode(codeId: string): Promise<Segment | null>;
  updateSegment(id: string, patch: { startMs?: number; endMs?: number; note?: string; codeIds?: string[] }): Promise<void>;
  deleteSegment(id: string): Promise<void>;
  /** A range just coded with a contradiction level: the relation form opens with it as evidence. */
  contradictionDraft: { level: ContradictionLevel; evidenceSegmentIds: string[] } | null;
  setContradictionDraft(d: SegmentsSlice['contradictionDraft']): void;
}

const byTime = (a: Segment, b: Segment) => a.startMs - b.startMs || a.endMs - b.endMs || a.createdAt - b.createdAt;

export const createSegmentsSlice: StateCreator<AppState, [], [], SegmentsSlice> = (set, get) => ({
  segments: [],
  selectedSegmentId: null,
  contradictionDraft: null,
  setContradictionDraft(d) {
    set({ contradictionDraft: d });
  },
  async loadSegments(mediaId) {
    const segments = await client().api.listSegments({ mediaId });
    if (get().mediaId === mediaId) set({ segments });
  },
  selectSegment(id) {
    set({ selectedSegmentId: id });
  },
  async applyCode(codeId) {
    const s = get();
    const code = s.project?.codes.find((c) => c.id === codeId);
    if (!code || !s.mediaId) return null;
    if (!s.coderId) {
      s.showBanner({ kind: 'info', message: 'Choose who is coding first.' });
      return null;
    }
    let startMs: number;
    let endMs: number;
    if (code.kind === 'marker') {
      startMs = endMs = Math.round(s.currentMs);
    } else if (s.inMs !== null && (s.outMs ?? s.currentMs) > s.inMs) {
      startMs = Math.round(s.inMs);
      endMs = Math.round(s.outMs ?? s.currentMs);
    } else {
      s.showBanner({ kind: 'info', message: `Mark a range first: press I at its start and O at its end, then "${code.name}".` });
      return null;
    }
    const segment = await s.track(
      client().api.createSegment({ mediaId: s.mediaId, coderId: s.coderId, startMs, endMs, codeIds: [codeId] }),
    );
    set((st) => ({
      segments: [...st.segments, segment].sort(byTime),
      selectedSegmentId: segment.id,
      inMs: code.kind === 'marker' ? st.inMs : null,
      outMs: code.kind === 'marker' ? st.outMs : null,
      contradictionDraft: code.contradictionLevel ? { level: code.contradictionLevel, evidenceSegmentIds: [segment.id] } : st.contradictionDraft,
    }));
    return segment;
  },
  async updateSegment(id, patch) {
    const updated = await get().track(client().api.updateSegment({ id, ...patch }));
    set((st) => ({ segments: st.segments.map((x) => (x.id === id ? updated : x)).sort(byTime) }));
  },
  async deleteSegment(id) {
    await get().track(client().api.deleteSegment({ id }));
    set((st) => ({ segments: st.segments.filter((x) => x.id !== id), selectedSegmentId: st.selectedSegmentId === id ? null : st.selectedSegmentId }));
  },
});
