/**
 * Linking angle recordings to a primary: each edit is one undo step (store.recordEdit). Rules
 * checked here with one clear line each: both recordings are in the study, an angle has one
 * primary, an angle is never itself a primary (no chains), at most MAX_ANGLES per primary.
 */
import type { Uuid } from '../../../shared/domain';
import { UserError } from '../../../shared/errors';
import { MAX_ANGLES, MAX_SHOWN_ANGLES, type MediaLink } from '../../../shared/sync/model';
import type { ProjectStore } from '../../db/store';
import * as T from '../../db/tables/mediaLinks';

const name = (store: ProjectStore, id: Uuid) => `"${store.getMedia(id).name}"`;

function checkLink(store: ProjectStore, primaryId: Uuid, angleId: Uuid): void {
  const db = store.db;
  store.getMedia(primaryId);
  store.getMedia(angleId);
  if (primaryId === angleId) throw new UserError('invalid', 'A recording cannot be an angle of itself');
  const existing = T.linkOfAngle(db, angleId);
  if (existing) throw new UserError('exists', `${name(store, angleId)} is already an angle of ${name(store, existing.primaryMediaId)}; unlink it there first`);
  if (T.linkOfAngle(db, primaryId)) throw new UserError('invalid', `${name(store, primaryId)} is itself an angle; link angles to its primary recording instead`);
  if (T.linksOfPrimary(db, angleId).length > 0) throw new UserError('invalid', `${name(store, angleId)} has angles of its own; unlink them first`);
  if (T.linksOfPrimary(db, primaryId).length >= MAX_ANGLES) throw new UserError('limit', `${name(store, primaryId)} already has ${MAX_ANGLES} angles`);
}

export function linkAngle(store: ProjectStore, input: { primaryId: Uuid; angleId: Uuid; offsetMs: number; label: string }): MediaLink[] {
  checkLink(store, input.primaryId, input.angleId);
  store.recordEdit(`Link ${name(store, input.angleId)} as an angle`, () =>
    T.insertMediaLink(store.db, { primaryMediaId: input.primaryId, angleMediaId: input.angleId, offsetMs: input.offsetMs, label: input.label }, store.now()));
  return T.linksOfPrimary(store.db, input.primaryId);
}

export function unlinkAngle(store: ProjectStore, linkId: Uuid): MediaLink[] {
  const link = T.getMediaLink(store.db, linkId);
  store.recordEdit(`Unlink ${name(store, link.angleMediaId)}`, () => {
    T.deleteMediaLink(store.db, linkId, store.now());
    T.reorderMediaLinks(store.db, T.linksOfPrimary(store.db, link.primaryMediaId).map((l) => l.id), store.now());
  });
  return T.linksOfPrimary(store.db, link.primaryMediaId);
}

export function moveAngle(store: ProjectStore, linkId: Uuid, delta: -1 | 1): MediaLink[] {
  const link = T.getMediaLink(store.db, linkId);
  const ids = T.linksOfPrimary(store.db, link.primaryMediaId).map((l) => l.id);
  const from = ids.indexOf(linkId);
  const to = from + delta;
  if (to >= 0 && to < ids.length) {
    [ids[from], ids[to]] = [ids[to]!, ids[from]!];
    store.recordEdit(delta < 0 ? 'Move angle up' : 'Move angle down', () => T.reorderMediaLinks(store.db, ids, store.now()));
  }
  return T.linksOfPrimary(store.db, link.primaryMediaId);
}

export function renameAngle(store: ProjectStore, linkId: Uuid, label: string): MediaLink {
  T.getMediaLink(store.db, linkId);
  return store.recordEdit('Rename angle', () => T.updateMediaLink(store.db, linkId, { label }, store.now()));
}

export function setAngleOffset(store: ProjectStore, linkId: Uuid, offsetMs: number): MediaLink {
  const cur = T.getMediaLink(store.db, linkId);
  if (cur.offsetMs === offsetMs) return cur;
  return store.recordEdit(`Set angle offset to ${offsetMs} ms`, () => T.updateMediaLink(store.db, linkId, { offsetMs }, store.now()));
}

/** Shows or hides an angle in the players; a fourth shown angle (a fifth video) is refused in one line. */
export function setAngleShown(store: ProjectStore, linkId: Uuid, shown: boolean): MediaLink {
  const cur = T.getMediaLink(store.db, linkId);
  if (cur.shown === shown) return cur;
  if (shown && T.shownCount(store.db, cur.primaryMediaId, linkId) >= MAX_SHOWN_ANGLES) {
    throw new UserError('limit', `Four videos at most: hide another angle of ${name(store, cur.primaryMediaId)} first`);
  }
  return store.recordEdit(shown ? 'Show angle' : 'Hide angle', () => T.updateMediaLink(store.db, linkId, { shown }, store.now()));
}

/** Audio from one angle of the primary (linkId), or from the primary itself (null). */
export function setAudioAngle(store: ProjectStore, primaryId: Uuid, linkId: Uuid | null): MediaLink[] {
  store.getMedia(primaryId);
  if (linkId !== null && T.getMediaLink(store.db, linkId).primaryMediaId !== primaryId) {
    throw new UserError('invalid', 'That angle is not linked to this recording');
  }
  store.recordEdit(linkId ? 'Audio from an angle' : 'Audio from the primary recording', () => {
    T.clearAudioAngle(store.db, primaryId, store.now());
    if (linkId) T.updateMediaLink(store.db, linkId, { audio: true }, store.now());
  });
  return T.linksOfPrimary(store.db, primaryId);
}

/**
 * Before a recording is removed (inside the caller's undo step): tombstones its links, which
 * the foreign keys then delete with it, so a merge does not bring them back. Returns how many.
 */
export function dropLinksOfMedia(store: ProjectStore, mediaId: Uuid): number {
  if (!T.hasMediaLinks(store.db)) return 0;
  const links = T.linksOfMedia(store.db, mediaId);
  for (const l of links) T.deleteMediaLink(store.db, l.id, store.now());
  return links.length;
}
