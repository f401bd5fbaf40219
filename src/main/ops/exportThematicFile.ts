/**
 * The `thematic` export read straight from the project: each in-scope media's segment × code
 * rows come from the media/start index (store.iterateSegmentCodes) into the ThematicTally, so a
 * million-segment project's segments are never held; the snapshot carries only the small tables
 * and the contradictions' evidence segments. One read transaction. Same text as writeThematicCsv
 * on a full snapshot.
 */
import type { CsvWriteOptions } from '../../shared/csv/safe';
import { clipToScope, type ExportFilters } from '../../shared/csv/scope';
import { writeThematicFrom } from '../../shared/csv/thematic';
import type { ProjectSnapshot } from '../../shared/domain';
import type { ProjectStore } from '../db/store';

export function thematicExportText(store: ProjectStore, snapshot: ProjectSnapshot, filters: ExportFilters, opts: CsvWriteOptions = {}): string {
  return store.db.transaction(() =>
    writeThematicFrom(snapshot, filters, opts, (scope, ix, tally) => {
      const before = Number.isFinite(scope.toMs) ? scope.toMs : Number.MAX_SAFE_INTEGER;
      for (const media of snapshot.media) {
        if (scope.media && !scope.media.has(media.id)) continue;
        for (const [segmentId, coderId, start, end, note, codeId] of store.iterateSegmentCodes(media.id, before)) {
          if ((scope.coders && !scope.coders.has(coderId)) || (scope.codes && !scope.codes.has(codeId))) continue;
          if (!ix.coderById.has(coderId) || !ix.codeById.has(codeId)) continue;
          const t = clipToScope(scope, start, end);
          if (t) tally.add({ segmentId, mediaId: media.id, coderId, codeId, startMs: t[0], endMs: t[1], note });
        }
      }
    }),
  )();
}
