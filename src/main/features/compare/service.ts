/** The Compare screen's drill-down: the segments a comparison-table cell counts, for the list under the map. */
import type { ServiceOf } from '../../../shared/contract';
import { COMPARE_LIST_MAX, type CompareSegment, type compareContract } from '../../../shared/contract/compare';
import { codePath, type Segment } from '../../../shared/domain';
import type { ProjectStore } from '../../db/store';

const cmpStr = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function compareService(store: ProjectStore): ServiceOf<typeof compareContract> {
  return {
    async compareThemes() {
      return store.listThemes();
    },
    async compareSegments({ ids }) {
      const found: Segment[] = [];
      for (const id of new Set(ids)) {
        try {
          found.push(store.getSegment(id));
        } catch {
          /* deleted since the table was computed */
        }
      }
      const codes = new Map(store.listCodes().map((c) => [c.id, c]));
      const coders = new Map(store.listCoders().map((c) => [c.id, c.name]));
      const media = new Map(store.listMedia().map((m) => [m.id, m.name]));
      const rows: CompareSegment[] = found.map((s) => ({
        segmentId: s.id,
        mediaId: s.mediaId,
        mediaName: media.get(s.mediaId) ?? '',
        coderId: s.coderId,
        coderName: coders.get(s.coderId) ?? '',
        startMs: s.startMs,
        endMs: s.endMs,
        note: s.note,
        codes: s.codeIds.flatMap((c) => (codes.has(c) ? [codePath(codes.get(c)!, codes)] : [])).sort(cmpStr),
        participantIds: s.participantIds ?? [],
      }));
      rows.sort((x, y) => cmpStr(x.mediaName, y.mediaName) || x.startMs - y.startMs || x.endMs - y.endMs || cmpStr(x.coderName, y.coderName) || cmpStr(x.segmentId, y.segmentId));
      return { total: rows.length, segments: rows.slice(0, COMPARE_LIST_MAX) };
    },
  };
}
