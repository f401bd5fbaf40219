/** The Compare screen's drill-down: the segments a comparison-table cell counts, for the list under the map. */
import type { ServiceOf } from '../../../shared/contract';
import { COMPARE_LIST_MAX, type CompareCellList, type CompareSegment, type compareContract } from '../../../shared/contract/compare';
import { codePath, type Code, type ProjectSnapshot, type Segment, type Uuid } from '../../../shared/domain';
import { compareCellSegments, type CellRequest } from '../../../shared/participants/compare';
import type { ProjectStore } from '../../db/store';
import { cachedSnapshot } from '../participants/compare';

const cmpStr = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

interface Names {
  codes: Map<Uuid, Code>;
  coders: Map<Uuid, string>;
  media: Map<Uuid, string>;
}

function namesOf(p: Pick<ProjectSnapshot, 'codes' | 'coders' | 'media'>): Names {
  return { codes: new Map(p.codes.map((c) => [c.id, c])), coders: new Map(p.coders.map((c) => [c.id, c.name])), media: new Map(p.media.map((m) => [m.id, m.name])) };
}

function rowOf(s: Segment, n: Names): CompareSegment {
  return {
    segmentId: s.id,
    mediaId: s.mediaId,
    mediaName: n.media.get(s.mediaId) ?? '',
    coderId: s.coderId,
    coderName: n.coders.get(s.coderId) ?? '',
    startMs: s.startMs,
    endMs: s.endMs,
    note: s.note,
    codes: s.codeIds.flatMap((c) => (n.codes.has(c) ? [codePath(n.codes.get(c)!, n.codes)] : [])).sort(cmpStr),
    participantIds: s.participantIds ?? [],
  };
}

/** Segment id → segment of a snapshot, built once per snapshot (the service keeps the snapshot while nothing changes). */
const byIdOf = new WeakMap<ProjectSnapshot, Map<Uuid, Segment>>();

function segmentsById(p: ProjectSnapshot): Map<Uuid, Segment> {
  let m = byIdOf.get(p);
  if (!m) byIdOf.set(p, (m = new Map(p.segments.map((s) => [s.id, s]))));
  return m;
}

/** One cell's drill-down from the study's kept snapshot: its segments in the study's order, the first COMPARE_LIST_MAX as rows. */
export function compareCellOf(store: ProjectStore, req: CellRequest): CompareCellList {
  const p = cachedSnapshot(store);
  const { segmentIds, contradictionIds } = compareCellSegments(p, req);
  const byId = segmentsById(p);
  const names = namesOf(p);
  const segments = segmentIds.slice(0, COMPARE_LIST_MAX).map((id) => rowOf(byId.get(id)!, names));
  return { total: segmentIds.length, segments, ...(contradictionIds ? { contradictionIds } : {}) };
}

export function compareService(store: ProjectStore): ServiceOf<typeof compareContract> {
  return {
    async compareThemes() {
      return store.listThemes();
    },
    async compareCell(req) {
      return compareCellOf(store, req);
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
      const names = namesOf({ codes: store.listCodes(), coders: store.listCoders(), media: store.listMedia() });
      const rows = found.map((s) => rowOf(s, names));
      rows.sort((x, y) => cmpStr(x.mediaName, y.mediaName) || x.startMs - y.startMs || x.endMs - y.endMs || cmpStr(x.coderName, y.coderName) || cmpStr(x.segmentId, y.segmentId));
      return { total: rows.length, segments: rows.slice(0, COMPARE_LIST_MAX) };
    },
  };
}
