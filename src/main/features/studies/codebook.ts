/**
 * A new study's starting codebook: the default CHAT codebook (ProjectStore.create), a copy of
 * another study's codebook, or a REFI-QDA codebook file (.qdc) validated against the standard's
 * Codebook.xsd, whose codes are merged into the default codebook by path (Study settings' import).
 */
import { randomUUID } from 'node:crypto';
import type { Uuid } from '../../../shared/domain';
import { codebookOrder } from '../../../shared/csv/agreementProject';
import { ProjectStore } from '../../db/store';
import { deleteAllCodes } from '../../db/tables/codes';
import { deleteAllSystems } from '../../db/tables/systems';
import { applyCodebookPlan, planCodebookFile } from '../settings/codebookFile';

/** Replaces the new study's codebook (systems and codes) with a copy of another study's, under new ids. */
export function copyCodebook(target: ProjectStore, sourceFile: string): void {
  const source = ProjectStore.open(sourceFile, { readonly: true });
  try {
    const systems = source.listSystems();
    const codes = source.listCodes();
    const ids = new Map<Uuid, Uuid>([...systems, ...codes].map((x) => [x.id, randomUUID()]));
    const now = target.now();
    target.tx(() => {
      deleteAllCodes(target.db);
      deleteAllSystems(target.db);
      for (const s of systems) target.insertSystemRow({ ...s, id: ids.get(s.id)!, createdAt: now, updatedAt: now });
      for (const c of codebookOrder(codes)) {
        target.insertCodeRow({ ...c, id: ids.get(c.id)!, parentId: c.parentId && ids.get(c.parentId)!, systemId: c.systemId && ids.get(c.systemId)!, createdAt: now, updatedAt: now });
      }
    });
  } finally {
    source.close();
  }
}

/** Merges a .qdc's codes into the new study's codebook by path (validated against Codebook.xsd by features/settings/codebookFile; never deletes). */
export async function importQdc(target: ProjectStore, file: string): Promise<void> {
  const plan = await planCodebookFile(target, file);
  target.tx(() => applyCodebookPlan(target, plan));
}
