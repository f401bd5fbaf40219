/** Themes: the theme board's calls (see shared/contract/themes.ts). */
import type { ServiceOf } from '../../../shared/contract';
import type { themesContract } from '../../../shared/contract/themes';
import { buildDiagramModel, diagramSegments } from '../../../shared/diagram/model';
import { computeBoardFigures } from '../../../shared/themes/figures';
import type { ProjectStore } from '../../db/store';
import { readSnapshot } from '../export/snapshot';
import { addCodeToTheme, createTheme, deleteTheme, removeCodeFromTheme, reorderThemeCodes, reorderThemes, updateTheme } from './themes';

export function themesService(store: ProjectStore): ServiceOf<typeof themesContract> {
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
  };
}
