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

/** The angles shown in the players (at most MAX_TILES − 1): the ones chosen in the Angles tab, else the first ones. */
export function useShownAngles(primaryId: string | null): MediaLink[] {
  const angles = useAngles(primaryId);
  const chosen = useApp((s) => (primaryId ? s.shownAngles[primaryId] : undefined));
  return useMemo(() => (chosen ? angles.filter((a) => chosen.includes(a.id)) : angles).slice(0, MAX_TILES - 1), [angles, chosen]);
}

/** Shows or hides an angle in the players; refused (false) when that would make more than MAX_TILES videos. */
export function toggleShownAngle(primaryId: string, angles: MediaLink[], shown: MediaLink[], linkId: string, on: boolean): boolean {
  const ids = shown.map((a) => a.id).filter((id) => id !== linkId);
  if (on && ids.length >= MAX_TILES - 1) return false;
  const next = on ? angles.filter((a) => a.id === linkId || ids.includes(a.id)).map((a) => a.id) : ids;
  useApp.getState().setShownAngles(primaryId, next);
  return true;
}
