/**
 * Compare screen state (one slice of the app store): which comparison table (rows × columns),
 * the measure, the scope filters (remembered per study), the table from the service (numbers
 * only), the clicked cell and the segments behind it (asked from the service on the click, with
 * the table's request), and opening one of them in the coding screen.
 */
import type { StateCreator } from 'zustand';
import type { CompareCellList, CompareSegment } from '../../../shared/contract/compare';
import type { ExportFilters } from '../../../shared/csv/scope';
import type { Theme } from '../../../shared/domain';
import type { CompareMatrix, MatrixCols, MatrixMeasure, MatrixRows } from '../../../shared/participants/compare';
import { client } from '../../store/client';
import { recall, remember } from '../../store/persist';
import type { AppState } from '../../store';

export const COMPARE_KINDS = {
  'code-participant': { rows: 'code', cols: 'participant', label: 'Code × participant' },
  'code-group': { rows: 'code', cols: 'group', label: 'Code × group' },
  'contradiction-participant': { rows: 'contradiction', cols: 'participant', label: 'Contradiction × participant' },
  'contradiction-group': { rows: 'contradiction', cols: 'group', label: 'Contradiction × group' },
  cooccurrence: { rows: 'cooccurrence', cols: 'code', label: 'Code co-occurrence' },
} as const satisfies Record<string, { rows: MatrixRows; cols: MatrixCols; label: string }>;
export type CompareKind = keyof typeof COMPARE_KINDS;

export interface CompareChoice {
  kind: CompareKind;
  measure: MatrixMeasure;
  filters: ExportFilters;
  /** Co-occurrence: only codings whose segments share a participant. */
  sameParticipants: boolean;
}

export interface CompareCell {
  row: string;
  col: string;
  label: string;
}

export interface CompareSlice {
  compareChoice: CompareChoice;
  compareTable: CompareMatrix | null;
  compareError: string | null;
  /** The study's themes, for the theme filter. */
  compareThemes: Theme[];
  /** Reads the table for the current choice (and the themes for the filter). */
  loadCompare(): Promise<void>;
  setCompareChoice(patch: Partial<CompareChoice>): Promise<void>;
  compareCell: CompareCell | null;
  /** The clicked cell's segments; null while they are asked for. */
  compareList: CompareCellList | null;
  /** Why the clicked cell's segments could not be listed (one line), or null. */
  compareListError: string | null;
  pickCompareCell(row: string, col: string): Promise<void>;
  /** Opens a listed segment in the coding screen: its media, the player at its start, it selected. */
  openCompareSegment(s: CompareSegment): Promise<void>;
}

/** The service request of a choice (the table, and its CSV export). */
export function matrixRequest(c: CompareChoice) {
  const k = COMPARE_KINDS[c.kind];
  return { rows: k.rows, cols: k.cols, measure: c.measure, filters: c.filters, ...(c.kind === 'cooccurrence' ? { sameParticipants: c.sameParticipants } : {}) };
}

const DEFAULT_CHOICE: CompareChoice = { kind: 'code-participant', measure: 'segments', filters: {}, sameParticipants: false };

/** A remembered choice, without coders, media or themes the study no longer has. */
function validChoice(s: AppState, c: CompareChoice | null): CompareChoice {
  if (!c || !(c.kind in COMPARE_KINDS)) return DEFAULT_CHOICE;
  const keep = (ids: string[] | undefined, have: Set<string>) => {
    const left = ids?.filter((id) => have.has(id));
    return left?.length ? left : undefined;
  };
  const f = c.filters ?? {};
  const filters: ExportFilters = {
    ...f,
    coderIds: keep(f.coderIds, new Set(s.project?.coders.map((x) => x.id))),
    mediaIds: keep(f.mediaIds, new Set(s.project?.media.map((x) => x.id))),
    themeIds: f.themeIds,
  };
  return { ...DEFAULT_CHOICE, ...c, filters };
}

export const createCompareSlice: StateCreator<AppState, [], [], CompareSlice> = (set, get) => {
  let restoredFor: string | null = null;
  let asked = 0;
  return {
    compareChoice: DEFAULT_CHOICE,
    compareTable: null,
    compareError: null,
    compareThemes: [],
    async loadCompare() {
      void client().api.compareThemes({}).then((compareThemes) => set({ compareThemes })).catch(() => undefined);
      const projectId = get().project?.projectId ?? null;
      if (projectId && restoredFor !== projectId) {
        restoredFor = projectId;
        set({ compareChoice: validChoice(get(), recall<CompareChoice>(projectId, 'compare.choice')) });
      }
      const mine = ++asked;
      try {
        const table = await client().api.compareMatrix(matrixRequest(get().compareChoice));
        if (mine === asked) set({ compareTable: table, compareError: null });
      } catch (e) {
        if (mine === asked) set({ compareTable: null, compareError: (e as Error).message });
      }
    },
    async setCompareChoice(patch) {
      const compareChoice = { ...get().compareChoice, ...patch };
      set({ compareChoice, compareCell: null, compareList: null, compareListError: null });
      remember(get().project?.projectId, 'compare.choice', compareChoice);
      await get().loadCompare();
    },
    compareCell: null,
    compareList: null,
    compareListError: null,
    async pickCompareCell(row, col) {
      const t = get().compareTable;
      if (!t) return;
      const label = `${t.rows.find((r) => r.key === row)?.label ?? row} × ${t.cols.find((c) => c.key === col)?.label ?? col}`;
      const picked: CompareCell = { row, col, label };
      set({ compareCell: picked, compareList: null, compareListError: null });
      const counted = t.cells.some((c) => c.row === row && c.col === col);
      try {
        const list = counted ? await client().api.compareCell({ ...matrixRequest(get().compareChoice), row, col }) : { total: 0, segments: [] };
        if (get().compareCell === picked) set({ compareList: list });
      } catch (e) {
        if (get().compareCell === picked) set({ compareListError: `The segments of this cell could not be listed: ${(e as Error).message}` });
      }
    },
    async openCompareSegment(s) {
      if (get().mediaId !== s.mediaId) await get().selectMedia(s.mediaId);
      set({ currentMs: s.startMs });
      get().setSelection([s.segmentId]);
      get().setView('code');
      await get().followWindow();
    },
  };
};
