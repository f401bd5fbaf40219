/** Linked angles for the exports (EAF MEDIA_DESCRIPTORs, QDPX). */
import type { Uuid } from '../../../shared/domain';
import type { ProjectStore } from '../../db/store';
import { hasMediaLinks, linksOfPrimary, listMediaLinks } from '../../db/tables/mediaLinks';

/** The angles of a primary recording, in order, as paths with their offsets. */
export function eafAngles(store: ProjectStore, primaryId: Uuid): { path: string; offsetMs: number }[] {
  if (!hasMediaLinks(store.db)) return [];
  return linksOfPrimary(store.db, primaryId).map((l) => ({ path: store.getMedia(l.angleMediaId).path, offsetMs: l.offsetMs }));
}

/** Every link, for the REFI-QDA export. */
export function qdpxLinks(store: ProjectStore): { primaryId: Uuid; angleId: Uuid; offsetMs: number }[] {
  return listMediaLinks(store.db).map((l) => ({ primaryId: l.primaryMediaId, angleId: l.angleMediaId, offsetMs: l.offsetMs }));
}

/** The recordings that are not an angle of another. */
export function withoutAngles<M extends { id: Uuid }>(store: ProjectStore, media: M[]): M[] {
  const angles = new Set(listMediaLinks(store.db).map((l) => l.angleMediaId));
  return media.filter((m) => !angles.has(m.id));
}
