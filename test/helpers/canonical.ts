/**
 * (A test helper: the merge property tests compare A+B with B+A by this export.)
 * A canonical export of a project: every record sorted by id, keys sorted, without what is local
 * to one machine (media paths, playback positions, the media row's update stamp, the project's
 * own id and name). Two projects with the same canonical export hold the same work; the merge
 * tests compare A+B with B+A this way.
 */
import { canonicalJson } from '../../src/shared/merge/version';
import type { ProjectStore } from '../../src/main/db/store';

export function canonicalExport(store: ProjectStore): string {
  const db = store.db;
  const rows = (sql: string) => db.prepare(sql).all() as Record<string, unknown>[];
  const snapshot = {
    lineage: store.getMeta('lineage_id'),
    systems: rows('SELECT * FROM activity_systems ORDER BY id'),
    media: rows('SELECT id, name, fingerprint, size, duration_ms, frame_rate, created_at FROM media ORDER BY id'),
    coders: rows('SELECT * FROM coders ORDER BY id'),
    codes: rows('SELECT * FROM codes ORDER BY id'),
    segments: rows('SELECT * FROM segments ORDER BY id'),
    segmentCodes: rows('SELECT segment_id, code_id FROM segment_codes ORDER BY segment_id, code_id'),
    memos: rows('SELECT * FROM memos ORDER BY id'),
    contradictions: rows('SELECT * FROM contradictions ORDER BY id'),
    evidence: rows('SELECT * FROM contradiction_evidence ORDER BY contradiction_id, segment_id'),
    themes: rows('SELECT * FROM themes ORDER BY id'),
    themeCodes: rows('SELECT * FROM theme_codes ORDER BY theme_id, code_id'),
    tombstones: rows('SELECT * FROM tombstones ORDER BY id'),
  };
  return canonicalJson(snapshot);
}
