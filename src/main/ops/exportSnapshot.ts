/**
 * A project snapshot for exports, read quickly: the same ProjectSnapshot as store.snapshot(), but
 * segments and their code links are read with two plain queries and joined here, instead of one
 * correlated group_concat per segment (about 8× faster on 50,000 segments: the export bench).
 * One read transaction, so the snapshot is consistent. Segments come in store.listSegments()
 * order (media, start, end, creation) with their code ids sorted, as store.snapshot() gives them.
 */
import type { ProjectSnapshot, Segment, Uuid } from '../../shared/domain';
import type { ProjectStore } from '../db/store';
import { pushTo } from '../../shared/collections';
import { attachSegmentParticipants, participantLists } from '../db/tables/participants';

type SegmentTuple = [string, string, string, number, number, string, number, number];

/**
 * `segments: false` leaves segments out (empty): for a streamed export that reads them itself;
 * `'evidence'` reads only the contradictions' evidence segments (all the contradictions export
 * looks up), so it does not hold a million-segment project's segments.
 */
export function readSnapshot(store: ProjectStore, opts: { segments?: boolean | 'evidence' } = {}): ProjectSnapshot {
  return store.db.transaction((): ProjectSnapshot => {
    if (opts.segments === false) return { ...smallTables(store), segments: [] };
    const only = opts.segments === 'evidence' ? 'WHERE %s IN (SELECT segment_id FROM contradiction_evidence)' : '';
    const links = store.db.prepare(`SELECT segment_id, code_id FROM segment_codes ${only.replace('%s', 'segment_id')} ORDER BY segment_id, code_id`).raw().all() as [Uuid, Uuid][];
    const codesOf = new Map<Uuid, Uuid[]>();
    for (const [s, c] of links) pushTo(codesOf, s, c);
    const rows = store.db
      .prepare(`SELECT id, media_id, coder_id, start_ms, end_ms, note, created_at, updated_at FROM segments ${only.replace('%s', 'id')} ORDER BY media_id, start_ms, end_ms, created_at`)
      .raw()
      .all() as SegmentTuple[];
    const segments: Segment[] = new Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      segments[i] = { id: r[0], createdAt: r[6], updatedAt: r[7], mediaId: r[1], coderId: r[2], startMs: r[3], endMs: r[4], note: r[5], codeIds: codesOf.get(r[0]) ?? [] };
    }
    return { ...smallTables(store), segments: attachSegmentParticipants(store.db, segments) };
  })();
}

/** Every table of the snapshot but segments. */
function smallTables(store: ProjectStore): Omit<ProjectSnapshot, 'segments'> {
  return {
    projectId: store.getMeta('project_id')!,
    name: store.getMeta('name') ?? '',
    systems: store.listSystems(),
    media: store.listMedia(),
    coders: store.listCoders(),
    codes: store.listCodes(),
    memos: store.listMemos(),
    contradictions: store.listContradictions(),
    themes: store.listThemes(),
    ...participantLists(store.db),
  };
}
