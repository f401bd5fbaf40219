/** The Compare screen's drill-down: the segments a comparison-table cell counts, for the list under the map. */
import type { ServiceOf } from '../../../shared/contract';
import { COMPARE_LIST_MAX, type CompareCellList, type CompareSegment, type compareContract } from '../../../shared/contract/compare';
import { cmpStr } from '../../../shared/csv/scope';
import { codePath, type Code, type ProjectSnapshot, type Segment, type Uuid } from '../../../shared/domain';
import { compareCellSegments, type CellRequest } from '../../../shared/participants/compare';
import type { ProjectStore } from '../../db/store';
import { cachedSnapshot } from '../participants/compare';

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

/** The export order: media name, start, end, coder name (then id, for a stable list). */
function exportOrder(n: Names): (x: Segment, y: Segment) => number {
  const media = (s: Segment) => n.media.get(s.mediaId) ?? '';
  const coder = (s: Segment) => n.coders.get(s.coderId) ?? '';
  return (x, y) => cmpStr(media(x), media(y)) || x.startMs - y.startMs || x.endMs - y.endMs || cmpStr(coder(x), coder(y)) || cmpStr(x.id, y.id);
}

/** One cell's drill-down from the study's kept snapshot: its segments in the export order, the first COMPARE_LIST_MAX as rows. */
export function compareCellOf(store: ProjectStore, req: CellRequest): CompareCellList {
  const p = cachedSnapshot(store);
  const { segmentIds, contradictionIds } = compareCellSegments(p, req);
  const byId = segmentsById(p);
  const names = namesOf(p);
  const found = segmentIds.map((id) => byId.get(id)!).sort(exportOrder(names));
  const segments = found.slice(0, COMPARE_LIST_MAX).map((s) => rowOf(s, names));
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
  };
}
