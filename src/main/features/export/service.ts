/** CSV exports: the export dialog's call (see shared/contract/export.ts). */
import type { ServiceOf } from '../../../shared/contract';
import type { exportContract } from '../../../shared/contract/export';
import type { ProjectStore } from '../../db/store';
import { buildExport, dataRows } from './export';

export function exportService(store: ProjectStore): ServiceOf<typeof exportContract> {
  return {
    async exportCsv({ kind, filters, bom, unitMs, exact, excludeUncoded }) {
      const files = buildExport(store, kind, { filters, bom, unitMs, exact, excludeUncoded });
      return { files, rows: dataRows(files[0].text) };
    },
  };
}
