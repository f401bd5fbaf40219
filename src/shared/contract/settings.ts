/** Study settings calls: the study's name, its activity systems, coders and codebook files (.qdc). */
import { z } from 'zod';
import { call } from './call';
import { zName, zPath } from '../limits';
import type { ActivitySystem, Coder, Uuid } from '../domain';
import type { CodebookImportPlan } from '../interop/qdc';

const id = z.string().uuid();
const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #1f77b4');

export interface CodebookImportPreview {
  file: string;
  /** Full paths of the codes that would be added. */
  add: string[];
  update: { path: string; changes: string[] }[];
  unchanged: number;
  newSystems: string[];
  notes: string[];
}

export type { CodebookImportPlan };

export const settingsContract = {
  renameStudy: call<{ name: string }>()(z.object({ name: zName() }).strict()),
  addSystem: call<ActivitySystem>()(z.object({ name: zName() }).strict()),
  reorderSystems: call<ActivitySystem[]>()(z.object({ ids: z.array(id).min(1).max(100) }).strict()),
  deleteSystem: call<{ id: Uuid }>()(z.object({ id }).strict()),
  updateCoder: call<Coder>()(z.object({ id, name: zName().optional(), color: color.optional(), active: z.boolean().optional() }).strict()),
  deleteCoder: call<{ id: Uuid }>()(z.object({ id }).strict()),
  exportCodebook: call<{ file: string; codes: number }>()(z.object({ path: zPath() }).strict()),
  previewCodebookImport: call<CodebookImportPreview>()(z.object({ path: zPath() }).strict()),
  importCodebook: call<CodebookImportPreview>()(z.object({ path: zPath() }).strict()),
} as const;
