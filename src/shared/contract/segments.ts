/**
 * Segments by id, wherever they lie on the media: the coding screen holds one time window of
 * segments (listSegments pages by window), so a panel's link to a segment outside it (a
 * contradiction's evidence, a segment memo) fetches the segment itself.
 */
import { z } from 'zod';
import type { Segment } from '../domain';
import { call } from './call';

/** The most ids one segmentsById call takes (a contradiction's evidence list is bounded the same). */
export const SEGMENTS_BY_ID_MAX = 10_000;

export const segmentsContract = {
  /** The segments with these ids that exist (a deleted one is left out), in the order asked. */
  segmentsById: call<Segment[]>()(z.object({ ids: z.array(z.string().uuid()).min(1).max(SEGMENTS_BY_ID_MAX) }).strict()),
};
