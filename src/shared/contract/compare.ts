/** Compare screen calls beside the comparison tables themselves (contract/participants.ts): the segments behind a cell. */
import { z } from 'zod';
import { call } from './call';
import type { DiagramSegment } from '../diagram/model';
import type { Theme, Uuid } from '../domain';

/** A segment listed under a clicked cell. */
export interface CompareSegment extends DiagramSegment {
  coderId: Uuid;
  participantIds: Uuid[];
}

/** How many of a cell's segments are listed (the rest are counted). */
export const COMPARE_LIST_MAX = 500;

export const compareContract = {
  /**
   * The segments with these ids, in the export order (media name, start, end, coder), at most
   * COMPARE_LIST_MAX of them; ids that no longer exist are left out of `total`.
   */
  compareSegments: call<{ total: number; segments: CompareSegment[] }>()(z.object({ ids: z.array(z.string().uuid()).max(200_000) }).strict()),
  /** The study's themes (names and codes), for the theme filter. */
  compareThemes: call<Theme[]>()(z.object({}).strict()),
} as const;
