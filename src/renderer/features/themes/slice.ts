/**
 * Themes & exports state: the theme board (themes, their live figures, the activity-system
 * diagram) in the board's scope, theme edits (each one a service call; the board is reloaded
 * from the file after it commits), the diagram selection and its segments, the export dialog.
 * The board's scope is remembered per study (store/persist).
 */
import type { StateCreator } from 'zustand';
import type { ExportResult } from '../../../shared/contract/export';
import type { ThemeBoard } from '../../../shared/contract/themes';
import type { ExportFilters } from '../../../shared/csv/scope';
import type { DiagramSegment } from '../../../shared/diagram/model';
import { client } from '../../store/client';
import { recall, remember } from '../../store/persist';
import type { AppState } from '../../store';

export type DiagramTarget = { kind: 'node'; key: string; label: string } | { kind: 'link'; a: string; b: string; label: string };

export interface ExportRequest {
  kind: 'thematic' | 'segments' | 'contradictions' | 'agreement';
  filters: ExportFilters;
  bom: boolean;
  unitMs?: number;
  exact?: boolean;
  excludeUncoded?: boolean;
}

export interface ThemesSlice {
  board: ThemeBoard | null;
  /** Scope of the board's figures and diagram (coders, media, time). */
  boardFilters: ExportFilters;
  boardError: string | null;
  loadBoard(): Promise<void>;
  setBoardFilters(f: ExportFilters): Promise<void>;
  createTheme(name: string, description?: string): Promise<void>;
  updateTheme(id: string, patch: { name?: string; description?: string }): Promise<void>;
  moveTheme(id: string, delta: -1 | 1): Promise<void>;
  deleteTheme(id: string): Promise<void>;
  addCodeToTheme(themeId: string, codeId: string, index?: number): Promise<void>;
  removeCodeFromTheme(themeId: string, codeId: string): Promise<void>;
  /** The theme that Enter on a codebook item adds to: the last theme card focused (else the first). */
  themeTarget: string | null;
  setThemeTarget(id: string | null): void;
  diagramTarget: DiagramTarget | null;
  diagramSegments: DiagramSegment[];
  selectDiagram(t: DiagramTarget | null): Promise<void>;
  /** Opens a segment in the coding screen, at its start. */
  openSegment(s: DiagramSegment): Promise<void>;
  exportOpen: boolean;
  setExportOpen(open: boolean): void;
  runExport(req: ExportRequest): Promise<ExportResult>;
}

/** Remembered board scope, without coders or media the project no longer has. */
function validFilters(s: AppState, f: ExportFilters): ExportFilters {
  const coders = new Set(s.project?.coders.map((c) => c.id));
  const media = new Set(s.project?.media.map((m) => m.id));
  const out: ExportFilters = { ...f };
  if (f.coderIds) out.coderIds = f.coderIds.filter((id) => coders.has(id));
  if (f.mediaIds) out.mediaIds = f.mediaIds.filter((id) => media.has(id));
  if (out.coderIds?.length === 0) delete out.coderIds;
  if (out.mediaIds?.length === 0) delete out.mediaIds;
  return out;
}

export const createThemesSlice: StateCreator<AppState, [], [], ThemesSlice> = (set, get) => {
  /** A theme edit: saved indicator around it, then the board is read back from the file. */
  const edit = async (p: Promise<unknown>) => {
    try {
      await get().track(p);
    } finally {
      await get().loadBoard();
    }
  };
  let restoredFor: string | null = null;
  return {
    board: null,
    boardFilters: {},
    boardError: null,
    async loadBoard() {
      const projectId = get().project?.projectId;
      if (projectId && restoredFor !== projectId) {
        // the scope the user last chose in this study (coders/media that no longer exist dropped)
        restoredFor = projectId;
        set({ boardFilters: validFilters(get(), recall<ExportFilters>(projectId, 'themes.scope') ?? {}) });
      }
      try {
        const board = await client().api.themeBoard({ filters: get().boardFilters });
        set({ board, boardError: null });
      } catch (e) {
        set({ boardError: (e as Error).message });
      }
    },
    async setBoardFilters(boardFilters) {
      set({ boardFilters });
      remember(get().project?.projectId, 'themes.scope', boardFilters);
      await get().loadBoard();
      const t = get().diagramTarget;
      if (t) await get().selectDiagram(t);
    },
    async createTheme(name, description) {
      await edit(client().api.createTheme({ name, description }));
    },
    async updateTheme(id, patch) {
      await edit(client().api.updateTheme({ id, ...patch }));
    },
    async moveTheme(id, delta) {
      const ids = (get().board?.themes ?? []).map((t) => t.id);
      const i = ids.indexOf(id);
      const j = i + delta;
      if (i < 0 || j < 0 || j >= ids.length) return;
      [ids[i], ids[j]] = [ids[j]!, ids[i]!];
      await edit(client().api.reorderThemes({ ids }));
    },
    async deleteTheme(id) {
      await edit(client().api.deleteTheme({ id }));
    },
    async addCodeToTheme(themeId, codeId, index) {
      await edit(client().api.addCodeToTheme({ themeId, codeId, index }));
    },
    async removeCodeFromTheme(themeId, codeId) {
      await edit(client().api.removeCodeFromTheme({ themeId, codeId }));
    },
    themeTarget: null,
    setThemeTarget(themeTarget) {
      set({ themeTarget });
    },
    diagramTarget: null,
    diagramSegments: [],
    async selectDiagram(t) {
      set({ diagramTarget: t, diagramSegments: [] });
      if (!t) return;
      const filters = get().boardFilters;
      const list = await client().api.diagramSegments(t.kind === 'node' ? { filters, node: t.key } : { filters, link: { a: t.a, b: t.b } });
      if (get().diagramTarget === t) set({ diagramSegments: list });
    },
    async openSegment(s) {
      if (get().mediaId !== s.mediaId) await get().selectMedia(s.mediaId);
      get().selectSegment(s.segmentId);
      // the coding screen's player starts at currentMs when it mounts
      set({ currentMs: s.startMs });
      get().setView('code');
    },
    exportOpen: false,
    setExportOpen(exportOpen) {
      set({ exportOpen });
    },
    async runExport(req) {
      return client().api.exportCsv({ kind: req.kind, filters: req.filters, bom: req.bom, unitMs: req.unitMs, exact: req.exact, excludeUncoded: req.excludeUncoded });
    },
  };
};
