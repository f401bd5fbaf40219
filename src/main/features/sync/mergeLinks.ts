/**
 * Linked recordings and cached envelopes in a merge (called by features/merge/merge.ts for each file).
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
import type { Media } from '../../../shared/domain';
import type { Db } from '../../db/connection';
import * as T from '../../db/tables/mediaLinks';
import { hasMediaLinks, type MediaLinkRow } from '../../db/tables/mediaLinks';
import { getMedia } from '../../db/tables/media';
import { readRawRows } from '../../db/tables/rawRows';
import { hasWaveform, putWaveformRow } from '../../db/tables/waveforms';

const id = z.string().min(1).max(200);
const int = z.number().int().safe();
export const mediaLinkRow = z.object({
  id, primary_media_id: id, angle_media_id: id, offset_ms: int.min(-86_400_000).max(86_400_000), sort_order: int,
  label: z.string().max(200), audio: z.union([z.literal(0), z.literal(1)]), shown: z.union([z.literal(0), z.literal(1)]).default(1), created_at: int, updated_at: int,
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
    mediaLinks: parseRows('media_links', mediaLinkRow, readRawRows(db, 'media_links'), fail),
    waveforms: parseRows('waveforms', waveformRow, readRawRows(db, 'waveforms'), fail),
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
  // newest first, so that of two links of the file that cannot both hold (a chain), the later one wins, whatever their ids
  const ordered = [...src.mediaLinks].sort((x, y) => y.updated_at - x.updated_at || (x.id < y.id ? -1 : 1));
  for (const raw of ordered) {
    const p = ctx.mediaMap.get(raw.primary_media_id);
    const a = ctx.mediaMap.get(raw.angle_media_id);
    if (!p || !a || p === a) {
      ctx.conflict('dangling', 'An angle link of this file refers to a recording that is not in the project; skipped', [raw.id]);
      continue;
    }
    if (tombstoneWins(ctx.tombAt(raw.id, 'media_links'), raw.updated_at)) continue;
    const l: MediaLinkRow = { ...raw, primary_media_id: p, angle_media_id: a };
    const cur = T.mediaLinkRow(db, l.id) ?? T.mediaLinkRowOfAngle(db, a);
    if (cur && pickVersion(fieldsOf(l), fieldsOf(cur)) !== 'incoming') continue;
    const self = cur?.id ?? null;
    const others = [T.otherLinksOf(db, a, self).asPrimary, T.otherLinksOf(db, p, self).asAngle];
    if (others.some((n) => n > 0)) {
      ctx.conflict('media_link', 'An angle link of this file would link a recording that is itself an angle, or has angles, in the project; skipped', [l.id]);
      continue;
    }
    const other = T.audioLinkRow(db, p, self);
    const audio = l.audio === 1 && (!other || pickVersion(fieldsOf(l), fieldsOf(other)) === 'incoming');
    if (audio) T.clearAudioAngle(db, p, null, self ?? l.id);
    T.putMediaLinkRow(db, { ...l, id: self ?? l.id, audio: audio ? 1 : 0 });
  }
  for (const t of src.tombstones) {
    if (t.table_name !== 'media_links') continue;
    const cur = T.mediaLinkRow(db, t.id);
    if (cur && tombstoneWins(t.deleted_at, cur.updated_at)) T.deleteMediaLinkRow(db, t.id);
    ctx.putTomb(t.id, 'media_links', t.deleted_at);
  }
}

/** Copies the file's envelopes the project lacks (for its recordings' current fingerprints). */
export function mergeWaveforms(db: Db, mediaMap: ReadonlyMap<string, string>, rows: readonly WaveformRow[]): void {
  for (const w of rows) {
    const target = mediaMap.get(w.media_id);
    const media = target ? listMediaById(db, target) : undefined;
    if (!media || media.fingerprint !== w.fingerprint || hasWaveform(db, media.id, w.fingerprint)) continue;
    putWaveformRow(db, { ...w, media_id: media.id });
  }
}

const listMediaById = (db: Db, id: string): Media | undefined => {
  try {
    return getMedia(db, id);
  } catch {
    return undefined;
  }
};
