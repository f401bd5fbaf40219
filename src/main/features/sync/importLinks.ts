/** Linked angles brought by an import (EAF MEDIA_DESCRIPTORs with TIME_ORIGIN), inside the import's transaction. */
import type { Uuid } from '../../../shared/domain';
import { MAX_OFFSET_MS } from '../../../shared/sync/model';
import type { Db } from '../../db/connection';
import { hasMediaLinks, insertMediaLink, linkOfAngle, linksOfPrimary } from '../../db/tables/mediaLinks';

/** Writes the links it can; returns one warning line per link it could not. */
export function applyImportedLinks(db: Db, links: readonly { primaryId: Uuid; angleId: Uuid; offsetMs: number }[], media: (refId: Uuid) => Uuid | null, now: number): string[] {
  if (links.length === 0) return [];
  if (!hasMediaLinks(db)) return ['The file links angle recordings, but this project file is too old to hold links; they were skipped.'];
  const warnings: string[] = [];
  for (const l of links) {
    const p = media(l.primaryId);
    const a = media(l.angleId);
    const problem = !p || !a || p === a ? 'its recordings are not both in the project'
      : linkOfAngle(db, a) ? 'that recording is already an angle'
      : linkOfAngle(db, p) || linksOfPrimary(db, a).length > 0 ? 'it would link an angle to an angle'
      : Math.abs(l.offsetMs) > MAX_OFFSET_MS ? 'its offset is more than 24 hours'
      : null;
    if (problem) warnings.push(`An angle link (offset ${l.offsetMs} ms) was skipped: ${problem}.`);
    else insertMediaLink(db, { primaryMediaId: p!, angleMediaId: a!, offsetMs: Math.round(l.offsetMs), label: '' }, now);
  }
  return warnings;
}
