/** Themes and CSV exports: the theme board's calls and the export dialog's. */
import type { ServiceOf } from '../../shared/contract';
import type { themesContract } from '../../shared/contract/themes';
import { buildDiagramModel, diagramSegments } from '../../shared/diagram/model';
import { computeBoardFigures } from '../../shared/themes/figures';
import type { ProjectStore } from '../db/store';
import { buildExport, dataRows } from '../ops/export';
import { readSnapshot } from '../ops/exportSnapshot';
import { addCodeToTheme, createTheme, deleteTheme, removeCodeFromTheme, reorderThemeCodes, reorderThemes, updateTheme } from '../ops/themes';

export function exportService(store: ProjectStore): ServiceOf<typeof themesContract> {
  return {
    async themeBoard({ filters }) {
      const snapshot = readSnapshot(store);
      return {
        themes: snapshot.themes,
        figures: computeBoardFigures(snapshot, filters ?? {}),
        diagram: buildDiagramModel(snapshot, filters ?? {}),
      };
    },
    async createTheme(input) {
      return createTheme(store, input);
    },
    async updateTheme({ id, ...patch }) {
      return updateTheme(store, id, patch);
    },
    async reorderThemes({ ids }) {
      return reorderThemes(store, ids);
    },
    async deleteTheme({ id }) {
      return deleteTheme(store, id);
    },
    async addCodeToTheme({ themeId, codeId, index }) {
      return addCodeToTheme(store, themeId, codeId, index);
    },
    async removeCodeFromTheme({ themeId, codeId }) {
      return removeCodeFromTheme(store, themeId, codeId);
    },
    async reorderThemeCodes({ themeId, codeIds }) {
      return reorderThemeCodes(store, themeId, codeIds);
    },
    async diagramSegments({ filters, node, link }) {
      return diagramSegments(readSnapshot(store), filters ?? {}, node !== undefined ? { node } : { link: link! });
    },
    async exportCsv({ kind, filters, bom, unitMs, exact, excludeUncoded }) {
      const files = buildExport(store, kind, { filters, bom, unitMs, exact, excludeUncoded });
      return { files, rows: dataRows(files[0].text) };
    },
  };
}
