/**
 * Shared types of the inter-rater agreement engine (see
 * docs/cli.md). Pure TypeScript: no DOM, no Node.
 * Every time given to the engine is in milliseconds; every time in a result is in
 * seconds (as the contract's JSON shape asks) unless its name ends in `Ms`.
 */

/** One coded segment-code pair. Start = end is a point event (a marker). */
export interface AgreementSegment {
  coder: string;
  code: string;
  startMs: number;
  endMs: number;
  /** Media name or id; when segments span several media, `options.media` must pick one. */
  media?: string;
  /** Optional caller id (e.g. the segment's uuid), echoed in segment references. */
  id?: string;
}

/** Selection shared by every entry point. */
export interface SelectionOptions {
  /** Coders to compare, in this order (default: order of first appearance). At least two. */
  coders?: readonly string[];
  /** Codes to report, in this order (default: order of first appearance). */
  codes?: readonly string[];
  /** Keep only segments of this media (segments without a media always pass). */
  media?: string;
  /** Timeline length D; default: the largest segment end. Segments are clipped to [0, D). */
  durationMs?: number;
}

/** A user error in the input: the message is one line naming the row/field. */
export class AgreementInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AgreementInputError';
  }
}

/** Names of the statistics a note can explain. */
export type MeasureName =
  | 'percentAgreement'
  | 'cohensKappa'
  | 'fleissKappa'
  | 'krippendorffAlpha'
  | 'positiveAgreement'
  | 'meanPairwiseCohensKappa'
  | 'units'
  | 'pointEvents';

/** Why a statistic is null (or a caveat about it), keyed by the statistic's field name. */
export type Notes = Partial<Record<MeasureName, string>>;

/** A statistic that may be undefined: `value` null always comes with a `note`. */
export interface Stat {
  value: number | null;
  note?: string;
}
