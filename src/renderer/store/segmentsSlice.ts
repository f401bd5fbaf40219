/**
 * Segments of the current media. The full segments (ids, notes) are held for one time window
 * around what the coding screen shows (the web API pages by window); the whole media comes as
 * compact marks for the seek bar and the zoomed-out timeline. Every edit goes to the service
 * first; the list changes and the status says "saved" only once SQLite has committed it.
 */
import type { StateCreator } from 'zustand';
import { SEGMENT_WINDOW_MAX_MS } from '../../shared/contract';
import type { ContradictionLevel, Segment, SegmentMarks } from '../../shared/domain';
import { nextWindow, wantedSpan, type Span } from '../../shared/timeline/segmentWindow';
import { ServiceError } from '../api/client';
import { client } from './client';
import type { AppState } from './index';

export interface SegmentsSlice {
  /** The segments overlapping segWindow. */
  segments: Segment[];
  segWindow: Span | null;
  /** Every segment of the media, compact (null until loaded). */
  marks: SegmentMarks | null;
  /** The timeline's visible range, which the held window follows. */
  timelineView: Span | null;
  selectedSegmentId: string | null;
  /** (Re)load the held window and the marks of a media. */
  loadSegments(mediaId: string): Promise<void>;
  /** After the playhead or the timeline view moved: fetch a new window if the held one no longer covers it. */
  followWindow(view?: Span | null): Promise<void>;
  selectSegment(id: string | null): void;
  /** A code's hotkey or a click in the codebook: code the marked range, or drop a point marker. */
  applyCode(codeId: string): Promise<Segment | null>;
  updateSegment(id: string, patch: { startMs?: number; endMs?: number; note?: string; codeIds?: string[] }): Promise<void>;
  deleteSegment(id: string): Promise<void>;
  /**
   * Creates a segment; when the coder already has an identical one (same times and codes) nothing
   * is added and the banner says so, offering "Add anyway". Null when not added.
   */
  createSegmentChecked(input: NewSegmentInput): Promise<Segment | null>;
  /** A range just coded with a contradiction level: the relation form opens with it as evidence. */
  contradictionDraft: { level: ContradictionLevel; evidenceSegmentIds: string[] } | null;
  setContradictionDraft(d: SegmentsSlice['contradictionDraft']): void;
}

type NewSegmentInput = { mediaId: string; coderId: string; startMs: number; endMs: number; codeIds: string[] };

const byTime = (a: Segment, b: Segment) => a.startMs - b.startMs || a.endMs - b.endMs || a.createdAt - b.createdAt;

export const createSegmentsSlice: StateCreator<AppState, [], [], SegmentsSlice> = (set, get) => {
  let asked = 0;
  /** The window being fetched (the latest request), so a follow it already covers waits for it. */
  let inFlight: { mediaId: string; w: Span } | null = null;
  /** Fetch one window; an answer overtaken by a later request is dropped. */
  const fetchWindow = async (mediaId: string, w: Span) => {
    const mine = ++asked;
    inFlight = { mediaId, w };
    try {
      const segments = await client().api.listSegments({ mediaId, fromMs: w.fromMs, toMs: w.toMs });
      if (mine === asked && get().mediaId === mediaId) set({ segments, segWindow: w });
    } finally {
      if (mine === asked) inFlight = null;
    }
  };
  const refreshMarks = async (mediaId: string) => {
    const marks = await client().api.segmentMarks({ mediaId });
    if (get().mediaId === mediaId) set({ marks });
  };
  const wanted = () => wantedSpan(get().currentMs, get().timelineView, SEGMENT_WINDOW_MAX_MS);
  return {
    segments: [],
    segWindow: null,
    marks: null,
    timelineView: null,
    selectedSegmentId: null,
    contradictionDraft: null,
    setContradictionDraft(d) {
      set({ contradictionDraft: d });
    },
    async loadSegments(mediaId) {
      const held = get().mediaId === mediaId ? get().segWindow : null;
      const w = held && nextWindow(held, wanted(), SEGMENT_WINDOW_MAX_MS) === null ? held : nextWindow(null, wanted(), SEGMENT_WINDOW_MAX_MS)!;
      // the window first (the list and the timeline around the playhead), then the whole media's
      // marks: the video's own requests go out ahead of that larger, slower answer
      await fetchWindow(mediaId, w);
      await refreshMarks(mediaId);
    },
    async followWindow(view) {
      if (view !== undefined) set({ timelineView: view });
      const mediaId = get().mediaId;
      // a window on its way that covers what is wanted is not asked for again (the timeline's
      // first views used to fetch the same 10-minute window three times while a study opened)
      const coming = inFlight?.mediaId === mediaId ? inFlight!.w : null;
      if (!mediaId || (coming && nextWindow(coming, wanted(), SEGMENT_WINDOW_MAX_MS) === null)) return;
      const w = nextWindow(get().segWindow, wanted(), SEGMENT_WINDOW_MAX_MS);
      if (w) await fetchWindow(mediaId, w);
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
      // marks set by selecting transcript cues code the cues: the segment is about their speakers
      const segment = code.kind !== 'marker' && s.marksAreCues(startMs, endMs)
        ? await s.codeCues([codeId])
        : await s.createSegmentChecked({ mediaId: s.mediaId, coderId: s.coderId, startMs, endMs, codeIds: [codeId] });
      if (!segment) return null;
      void refreshMarks(segment.mediaId);
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
      if (patch.startMs !== undefined || patch.endMs !== undefined || patch.codeIds) void refreshMarks(updated.mediaId);
      set((st) => ({ segments: st.segments.map((x) => (x.id === id ? updated : x)).sort(byTime) }));
    },
    async createSegmentChecked(input) {
      const identical = (e: unknown) => e instanceof ServiceError && e.wire.code === 'identical_segment';
      const created = await get().track(client().api.createSegment(input).catch((e: unknown) => {
        if (identical(e)) return { skipped: (e as Error).message };
        throw e;
      }));
      if (!('skipped' in created)) return created;
      const addAnyway = async () => {
        get().showBanner(null);
        await get().track(client().api.createSegment({ ...input, addIdentical: true }));
        if (get().mediaId === input.mediaId) await get().loadSegments(input.mediaId);
      };
      get().showBanner({ kind: 'info', message: created.skipped, action: { label: 'Add anyway', run: () => void addAnyway().catch(() => undefined) } });
      return null;
    },
    async deleteSegment(id) {
      await get().track(client().api.deleteSegment({ id }));
      if (get().mediaId) void refreshMarks(get().mediaId!);
      set((st) => ({ segments: st.segments.filter((x) => x.id !== id), selectedSegmentId: st.selectedSegmentId === id ? null : st.selectedSegmentId }));
    },
  };
};
