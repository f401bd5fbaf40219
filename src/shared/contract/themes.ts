/** Themes: the theme board (candidate themes and their codes) and the activity-system diagram. */
import { z } from 'zod';
import { call } from './call';
import { exportFiltersSchema } from './export';
import { LIMITS, zName, zText } from '../limits';
import type { DiagramModel, DiagramSegment } from '../diagram/model';
import type { Theme } from '../domain';
import type { BoardFigures } from '../themes/figures';

const id = z.string().uuid();
const themeName = zName();
const description = zText(LIMITS.definition);

export interface ThemeBoard {
  themes: Theme[];
  figures: BoardFigures;
  diagram: DiagramModel;
}

const nodeKey = z.string().min(1).max(200);

export const themesContract = {
  /** Themes, live figures of every theme and code, and the activity-system diagram, in a scope. */
  themeBoard: call<ThemeBoard>()(z.object({ filters: exportFiltersSchema.optional() }).strict()),
  createTheme: call<Theme>()(z.object({ name: themeName, description: description.optional(), codeIds: z.array(id).max(1_000).optional() }).strict()),
  updateTheme: call<Theme>()(z.object({ id, name: themeName.optional(), description: description.optional() }).strict()),
  reorderThemes: call<Theme[]>()(z.object({ ids: z.array(id).max(10_000) }).strict()),
  deleteTheme: call<{ id: string }>()(z.object({ id }).strict()),
  addCodeToTheme: call<Theme>()(z.object({ themeId: id, codeId: id, index: z.number().int().min(0).optional() }).strict()),
  removeCodeFromTheme: call<Theme>()(z.object({ themeId: id, codeId: id }).strict()),
  reorderThemeCodes: call<Theme>()(z.object({ themeId: id, codeIds: z.array(id).max(1_000) }).strict()),
  /** Segments behind a diagram node or link (clicked in the diagram). */
  diagramSegments: call<DiagramSegment[]>()(
    z
      .object({
        filters: exportFiltersSchema.optional(),
        node: nodeKey.optional(),
        link: z.object({ a: nodeKey, b: nodeKey }).strict().optional(),
      })
      .strict()
      .refine((v) => (v.node === undefined) !== (v.link === undefined), { message: 'give either node or link' }),
  ),
} as const;
