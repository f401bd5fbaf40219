/**
 * Answers beyond the held window: the coding screen holds one time window of segments
 * (listSegments pages by window), so a panel's link to a segment outside it (a contradiction's
 * evidence, a segment memo) fetches the segment itself, and a panel that speaks of the whole
 * media (the contradiction codings without a relation) asks the service, which reads it all.
 */
import { z } from 'zod';
import type { ProposedContradiction } from '../contradictions/fromCodings';
import type { Segment } from '../domain';
import { call } from './call';

/** How many of the uncovered contradiction codings are listed (all are counted). */
export const UNCOVERED_LISTED = 20;

export interface UncoveredCodings {
  /** Contradiction codings of the media that no relation covers. */
  total: number;
  /** The first UNCOVERED_LISTED of them by time, with their segment's start. */
  first: (ProposedContradiction & { startMs: number })[];
}

/** The most ids one segmentsById call takes (a contradiction's evidence list is bounded the same). */
export const SEGMENTS_BY_ID_MAX = 10_000;

export const segmentsContract = {
  /** The segments with these ids that exist (a deleted one is left out), in the order asked. */
  segmentsById: call<Segment[]>()(z.object({ ids: z.array(z.string().uuid()).min(1).max(SEGMENTS_BY_ID_MAX) }).strict()),
  /** The media's contradiction codings without a relation (of these coders), as convertContradictionCodings would convert them. */
  uncoveredContradictionCodings: call<UncoveredCodings>()(z.object({ mediaId: z.string().uuid(), coderIds: z.array(z.string().uuid()).max(1000).optional() }).strict()),
};
