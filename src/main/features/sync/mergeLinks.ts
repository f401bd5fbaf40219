/**
 * Linked recordings and cached envelopes in a merge (called by ops/merge.ts for each file).
 *
 * - A link matches by id, else by its angle (after the merge's media matching: by id, then by
 *   fingerprint): one angle has one primary. Of two versions the later `updated_at` wins (equal:
 *   the larger canonical text), the project's row keeps its id, so both merge orders give the
 *   same links. Links are study records like recordings: a coder file may bring them too.
 * - A link that would make a chain (its angle is a primary, or its primary an angle, in the
 *   project) or whose recording is missing is reported and skipped.
 * - One audio angle per primary: the newer choice wins, the other link loses its flag.
 * - Tombstones: a project tombstone keeps an older link out; a file's tombstone deletes a link
 *   not updated after it, and is kept either way.
 * - An envelope is copied when the project has none for that recording's current fingerprint.
 */
import { z } from 'zod';
import type { MergeConflictKind } from '../../../shared/merge/types';
import { parseRows } from '../../../shared/merge/rows';
import { pickVersion, tombstoneWins } from '../../../shared/merge/version';
import type { Db } from '../../db/connection';
import { hasMediaLinks, type MediaLinkRow } from '../../db/tables/mediaLinks';
import { stmt } from '../../db/connection';

const id = z.string().min(1).max(200);
const int = z.number().int().safe();
export const mediaLinkRow = z.object({
  id, primary_media_id: id, angle_media_id: id, offset_ms: int.min(-86_400_000).max(86_400_000), sort_order: int,
  label: z.string().max(200), audio: z.union([z.literal(0), z.literal(1)]), created_at: int, updated_at: int,
}).strip().refine((r) => r.primary_media_id !== r.angle_media_id, { message: 'a recording linked to itself', path: ['angle_media_id'] });
export const waveformRow = z.object({
  media_id: id, fingerprint: z.string().max(200), rate_hz: int.min(1).max(8000), sample_count: int.min(0),
  envelope: z.instanceof(Uint8Array), created_at: int,
}).strip().refine((r) => r.envelope.length === 4 * r.sample_count, { message: 'envelope length is not 4 × sample_count', path: ['envelope'] });
export type WaveformRow = z.infer<typeof waveformRow>;

export interface SyncRows { mediaLinks: MediaLinkRow[]; waveforms: WaveformRow[] }

/** The link and envelope rows of a coder file (none before migration 80), validated. */
export function readSyncRows(db: Db, fail: (message: string) => Error): SyncRows {
  if (!hasMediaLinks(db)) return { mediaLinks: [], waveforms: [] };
  return {
    mediaLinks: parseRows('media_links', mediaLinkRow, db.prepare('SELECT * FROM media_links ORDER BY id').all(), fail),
    waveforms: parseRows('waveforms', waveformRow, db.prepare('SELECT * FROM waveforms ORDER BY media_id').all(), fail),
  };
}

export interface LinkMergeContext {
  db: Db;
  /** Source media id → project media id. */
  mediaMap: ReadonlyMap<string, string>;
  tombAt(id: string, table: string): number | undefined;
  putTomb(id: string, table: string, at: number): void;
  conflict(kind: MergeConflictKind, message: string, ids: string[]): void;
}

type Fields = Omit<MediaLinkRow, 'id'>;
const fieldsOf = ({ id: _id, ...rest }: MediaLinkRow): Fields => rest;

export function mergeMediaLinks(ctx: LinkMergeContext, src: SyncRows & { tombstones: { id: string; table_name: string; deleted_at: number }[] }): void {
  const { db } = ctx;
  for (const raw of src.mediaLinks) {
    const p = ctx.mediaMap.get(raw.primary_media_id);
    const a = ctx.mediaMap.get(raw.angle_media_id);
    if (!p || !a || p === a) {
      ctx.conflict('dangling', `An angle link of this file refers to a recording that is not in the project; skipped`, [raw.id]);
      continue;
    }
    if (tombstoneWins(ctx.tombAt(raw.id, 'media_links'), raw.updated_at)) continue;
    const l: MediaLinkRow = { ...raw, primary_media_id: p, angle_media_id: a };
    const cur = (stmt(db, 'SELECT * FROM media_links WHERE id = ?').get(l.id) ?? stmt(db, 'SELECT * FROM media_links WHERE angle_media_id = ?').get(a)) as MediaLinkRow | undefined;
    if (cur && pickVersion(fieldsOf(l), fieldsOf(cur)) !== 'incoming') continue;
    if (makesChain(db, p, a, cur?.id)) {
      ctx.conflict('media_link', `An angle link of this file would link a recording that is itself an angle, or has angles, in the project; skipped`, [l.id]);
      continue;
    }
    const row = { ...l, id: cur?.id ?? l.id, audio: l.audio && audioWins(db, l, cur?.id) ? 1 : 0 };
    if (row.audio) stmt(db, 'UPDATE media_links SET audio = 0 WHERE primary_media_id = ? AND audio = 1 AND id <> ?').run(p, row.id);
    if (cur) stmt(db, 'UPDATE media_links SET primary_media_id = @primary_media_id, angle_media_id = @angle_media_id, offset_ms = @offset_ms, sort_order = @sort_order, label = @label, audio = @audio, created_at = @created_at, updated_at = @updated_at WHERE id = @id').run(row);
    else stmt(db, 'INSERT INTO media_links (id, primary_media_id, angle_media_id, offset_ms, sort_order, label, audio, created_at, updated_at) VALUES (@id, @primary_media_id, @angle_media_id, @offset_ms, @sort_order, @label, @audio, @created_at, @updated_at)').run(row);
  }
  for (const t of src.tombstones) {
    if (t.table_name !== 'media_links') continue;
    const cur = stmt(db, 'SELECT updated_at FROM media_links WHERE id = ?').get(t.id) as { updated_at: number } | undefined;
    if (cur && tombstoneWins(t.deleted_at, cur.updated_at)) stmt(db, 'DELETE FROM media_links WHERE id = ?').run(t.id);
    ctx.putTomb(t.id, 'media_links', t.deleted_at);
  }
}

/** Would linking angle a to primary p (replacing link `self`) make a chain? */
function makesChain(db: Db, p: string, a: string, self: string | undefined): boolean {
  const asPrimary = stmt(db, 'SELECT count(*) AS n FROM media_links WHERE primary_media_id = ? AND id IS NOT ?').get(a, self ?? null) as { n: number };
  const asAngle = stmt(db, 'SELECT count(*) AS n FROM media_links WHERE angle_media_id = ? AND id IS NOT ?').get(p, self ?? null) as { n: number };
  return asPrimary.n > 0 || asAngle.n > 0;
}

/** The incoming audio choice wins over the project's other audio angle of that primary when it is newer. */
function audioWins(db: Db, l: MediaLinkRow, self: string | undefined): boolean {
  const other = stmt(db, 'SELECT * FROM media_links WHERE primary_media_id = ? AND audio = 1 AND id IS NOT ?').get(l.primary_media_id, self ?? null) as MediaLinkRow | undefined;
  return !other || pickVersion(fieldsOf(l), fieldsOf(other)) === 'incoming';
}

/** Copies the file's envelopes the project lacks (for its recordings' current fingerprints). */
export function mergeWaveforms(db: Db, mediaMap: ReadonlyMap<string, string>, rows: readonly WaveformRow[]): void {
  for (const w of rows) {
    const target = mediaMap.get(w.media_id);
    if (!target) continue;
    const fp = stmt(db, 'SELECT fingerprint FROM media WHERE id = ?').get(target) as { fingerprint: string } | undefined;
    if (!fp || fp.fingerprint !== w.fingerprint) continue;
    if (stmt(db, 'SELECT 1 FROM waveforms WHERE media_id = ? AND fingerprint = ?').get(target, w.fingerprint)) continue;
    stmt(db, 'INSERT OR REPLACE INTO waveforms (media_id, fingerprint, rate_hz, sample_count, envelope, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(target, w.fingerprint, w.rate_hz, w.sample_count, w.envelope, w.created_at);
  }
}
