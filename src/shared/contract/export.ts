/** CSV exports: the export dialog's call and the export scope (filters) the theme board shares. */
import { z } from 'zod';
import { call } from './call';
import type { CsvFile } from '../csv/safe';

const id = z.string().uuid();
const ms = z.number().int().min(0).max(1000 * 3600 * 1000);

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

export interface ExportResult {
  /** Main file first, then side files (name = default file name; suffix per sideFilePath). */
  files: CsvFile[];
  /** Data rows of the main file. */
  rows: number;
}

export const exportContract = {
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
