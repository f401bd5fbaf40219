/** Themes & exports: the theme board, theme edits, the activity-system diagram and the CSV export dialog. */
import { z } from 'zod';
import { call } from './call';
import { LIMITS, zName, zText } from '../limits';
import type { CsvFile } from '../csv/safe';
import type { DiagramModel, DiagramSegment } from '../diagram/model';
import type { Theme } from '../domain';
import type { BoardFigures } from '../themes/figures';

const id = z.string().uuid();
const ms = z.number().int().min(0).max(1000 * 3600 * 1000);
const themeName = zName();
const description = zText(LIMITS.definition);

/** Export scope (src/shared/csv/scope.ts ExportFilters). */
export const exportFiltersSchema = z
  .object({
    mediaIds: z.array(id).max(10_000).optional(),
    coderIds: z.array(id).max(1_000).optional(),
    consensusOnly: z.boolean().optional(),
    codeIds: z.array(id).max(10_000).optional(),
    themeIds: z.array(id).max(10_000).optional(),
    fromMs: ms.nullable().optional(),
    toMs: ms.nullable().optional(),
  })
  .strict()
  .refine((f) => f.fromMs == null || f.toMs == null || f.toMs > f.fromMs, { message: 'the end of the time range must be after its start', path: ['toMs'] });

export const EXPORT_KIND_NAMES = ['thematic', 'segments', 'contradictions', 'agreement'] as const;

export interface ThemeBoard {
  themes: Theme[];
  figures: BoardFigures;
  diagram: DiagramModel;
}

export interface ExportResult {
  /** Main file first, then side files (name = default file name; suffix per sideFilePath). */
  files: CsvFile[];
  /** Data rows of the main file. */
  rows: number;
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
  /** Runs one export and returns its files' text (the renderer saves them). */
  exportCsv: call<ExportResult>()(
    z
      .object({
        kind: z.enum(EXPORT_KIND_NAMES),
        filters: exportFiltersSchema.optional(),
        bom: z.boolean().optional(),
        /** agreement: slice length in ms (default 1000), or exact. */
        unitMs: z.number().int().min(1).max(3_600_000).optional(),
        exact: z.boolean().optional(),
        excludeUncoded: z.boolean().optional(),
      })
      .strict(),
  ),
} as const;
