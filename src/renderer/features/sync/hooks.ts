/** Selectors of the sync feature (stable results: memoised on the links array). */
import { useMemo } from 'react';
import type { MediaLink } from '../../../shared/contract/sync';
import { useApp } from '../../store';

/** The angles linked to a primary recording, in their order. */
export function useAngles(primaryId: string | null): MediaLink[] {
  const links = useApp((s) => s.links);
  return useMemo(() => (primaryId ? links.filter((l) => l.primaryMediaId === primaryId).sort((a, b) => a.sortOrder - b.sortOrder) : []), [links, primaryId]);
}

/** Videos shown at once: the primary and up to three angles (ELAN shows four). */
export const MAX_TILES = 4;

/** A link's name in the players: its label, else the recording's name. */
export function useAngleName(link: MediaLink): string {
  const name = useApp((s) => s.project?.media.find((m) => m.id === link.angleMediaId)?.name ?? '');
  return link.label || name;
}
