/** Linked angles for the exports (EAF MEDIA_DESCRIPTORs, QDPX). */
import type { Uuid } from '../../../shared/domain';
import type { ProjectStore } from '../../db/store';
import { hasMediaLinks, linksOfPrimary } from '../../db/tables/mediaLinks';

/** The angles of a primary recording, in order, as paths with their offsets. */
export function eafAngles(store: ProjectStore, primaryId: Uuid): { path: string; offsetMs: number }[] {
  if (!hasMediaLinks(store.db)) return [];
  return linksOfPrimary(store.db, primaryId).map((l) => ({ path: store.getMedia(l.angleMediaId).path, offsetMs: l.offsetMs }));
}
