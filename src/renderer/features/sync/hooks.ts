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

/** The angles shown in the players: those marked shown in the study (the Angles tab's Show), at most MAX_TILES − 1 (a merge may mark more). */
export function useShownAngles(primaryId: string | null): MediaLink[] {
  const angles = useAngles(primaryId);
  return useMemo(() => angles.filter((a) => a.shown).slice(0, MAX_TILES - 1), [angles]);
}

/** Shows or hides an angle in the players; refused (false) when that would make more than MAX_TILES videos. */
export function toggleShownAngle(shown: MediaLink[], linkId: string, on: boolean): boolean {
  if (on && shown.filter((a) => a.id !== linkId).length >= MAX_TILES - 1) return false;
  void useApp.getState().setAngleShown(linkId, on).catch(() => undefined);
  return true;
}
