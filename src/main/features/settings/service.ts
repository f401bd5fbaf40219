/**
 * Study settings: name, activity systems, coders, codebook files. Every change is one undo step
 * (store.recordEdit); a coder file (fixed coder, fixed codebook lineage) refuses them.
 */
import path from 'node:path';
import type { ServiceOf } from '../../../shared/contract';
import type { CodebookImportPreview, settingsContract } from '../../../shared/contract/settings';
import { codePath } from '../../../shared/domain';
import { UserError } from '../../../shared/errors';
import type { CodebookImportPlan } from '../../../shared/interop/qdc';
import type { ProjectStore } from '../../db/store';
import { applyCodebookPlan, exportCodebookFile, planCodebookFile } from './codebookFile';

export function settingsService(store: ProjectStore): ServiceOf<typeof settingsContract> {
  const notInCoderFile = (what: string) => {
    if (store.getMeta('coder_file_for')) throw new UserError('forbidden', `This is a coder file; ${what} in the main study`);
  };
  return {
    async renameStudy({ name }) {
      store.recordEdit('Rename study', () => store.setMeta('name', name));
      return { name };
    },
    async addSystem({ name }) {
      notInCoderFile('add activity systems');
      return store.recordEdit(`Add activity system "${name}"`, () => store.addSystem(name));
    },
    async reorderSystems({ ids }) {
      notInCoderFile('reorder activity systems');
      return store.recordEdit('Reorder activity systems', () => store.reorderSystems(ids));
    },
    async deleteSystem({ id }) {
      notInCoderFile('delete activity systems');
      store.recordEdit('Delete activity system', () => store.deleteSystem(id));
      return { id };
    },
    async updateCoder({ id, ...patch }) {
      notInCoderFile('edit coders');
      const label = patch.active === false ? 'Mark coder as not coding' : patch.active ? 'Mark coder as coding' : patch.name !== undefined ? 'Rename coder' : 'Recolour coder';
      return store.recordEdit(label, () => store.updateCoder(id, patch));
    },
    async deleteCoder({ id }) {
      notInCoderFile('delete coders');
      store.recordEdit('Delete coder', () => store.deleteCoder(id));
      return { id };
    },
    async exportCodebook({ path: out }) {
      return exportCodebookFile(store, out);
    },
    async previewCodebookImport({ path: file }) {
      return preview(store, file, await planCodebookFile(store, file));
    },
    async importCodebook({ path: file }) {
      notInCoderFile('import codebooks');
      const plan = await planCodebookFile(store, file);
      store.recordEdit(`Import codebook ${path.basename(file)}`, () => applyCodebookPlan(store, plan));
      return preview(store, file, plan);
    },
  };
}

/** The plan in words for the screen: code paths rather than ids. */
function preview(store: ProjectStore, file: string, plan: CodebookImportPlan): CodebookImportPreview {
  const byId = new Map([...store.listCodes(), ...plan.add].map((c) => [c.id, c]));
  return {
    file: path.resolve(file),
    add: plan.add.map((c) => codePath(c, byId)),
    update: plan.update.map((u) => ({ path: u.path, changes: u.changes })),
    unchanged: plan.unchanged,
    newSystems: plan.newSystems.map((s) => s.name),
    notes: plan.notes,
  };
}
