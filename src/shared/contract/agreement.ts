/** Inter-rater agreement: the dashboard's calls (same selection rules and numbers as the CLI). */
import { z } from 'zod';
import { call } from './call';
import type { ContradictionAgreement, SegmentAgreement, SegmentsAgreementResult, UnitizingResult } from '../agreement';
import type { Uuid } from '../domain';
import type { AgreementCsvGamma } from '../csv/agreementCsv';

const id = z.string().uuid();

export interface AgreementChoiceCoder {
  id: Uuid;
  name: string;
  color: string;
  isConsensus: boolean;
  /** false: marked as not coding any more (not selected by default). */
  active: boolean;
  /** Segments of this coder in the media. */
  segments: number;
}

export interface AgreementChoiceCode {
  id: Uuid;
  /** Full path, the name used in every agreement result ("Researchers/Tools"). */
  path: string;
  color: string;
  /** Segment-code links of the non-consensus coders in the media. */
  uses: number;
}

export interface AgreementChoices {
  media: { id: Uuid; name: string; durationMs: number | null }[];
  mediaId: Uuid | null;
  coders: AgreementChoiceCoder[];
  /** Every code, in codebook order. */
  codes: AgreementChoiceCode[];
  /** The defaults: the non-consensus coders still coding (`isCoding`) who coded something in this
   * media (the CLI takes every non-consensus coder, so they can differ); the codes they applied. */
  defaultCoderIds: Uuid[];
  defaultCodeIds: Uuid[];
}

export interface AgreementComputation {
  mediaId: Uuid;
  mediaName: string;
  /** Selected coders and codes as ids, in the order of the result's names. */
  coderIds: Uuid[];
  codeIds: Uuid[];
  agreement: SegmentsAgreementResult;
  /** Segment-level matches and disagreements (input of reconciliation). */
  segments: SegmentAgreement;
  /** Krippendorff's unitizing alphas; null (with a note) when they cannot be computed. */
  unitizing: UnitizingResult | null;
  unitizingNote?: string;
  /** Agreement on the coders' contradictions (all media); null (with a note) when not computed. */
  contradictions?: ContradictionAgreement | null;
  contradictionsNote?: string;
}

/** The reliability report (export --kind reliability): Markdown first, then HTML and the numbers' CSV. */
export interface ReliabilityReportFiles {
  files: { fileName: string; text: string; type: string }[];
  /** How many numbers the report holds (rows of the CSV). */
  numbers: number;
}

const selection = {
  mediaId: id,
  coderIds: z.array(id).min(2).max(16).optional(),
  codeIds: z.array(id).min(1).max(2000).optional(),
  /** Slice length in ms (ignored when exact). Default 1000. */
  unitMs: z.number().positive().max(3_600_000).optional(),
  exact: z.boolean().optional(),
  excludeUncoded: z.boolean().optional(),
  /** Only segments about these participants or about a member of these groups (agreement per dyad). */
  participantIds: z.array(id).max(1000).optional(),
  groupIds: z.array(id).max(1000).optional(),
};

/** Mathet's γ of a selection (issue 15): the CLI's figures plus the best alignment to draw. */
export interface AgreementGammaResult {
  /** The same object as the CLI JSON's "gamma". */
  figures: AgreementCsvGamma;
  /** Coder names (lanes), in the selection's order. */
  coders: string[];
  /** Each coder's units (one per segment × code with a duration), in ms. */
  units: { segmentId?: string; code: string; startMs: number; endMs: number }[][];
  /** Unitary alignments of the best alignment: per coder an index into units[coder], or null. */
  alignment: { disorder: number; units: (number | null)[] }[];
  /** Point events of the selection (no duration: not aligned). */
  pointEvents: number;
}

export const agreementContract = {
  /** Media, coders and codes to choose from, with the CLI's default selection for a media. */
  agreementChoices: call<AgreementChoices>()(z.object({ mediaId: id.optional() }).strict()),
  /** Agreement of a selection: the engine result, the disagreements and the unitizing alphas. */
  agreementCompute: call<AgreementComputation>()(
    z
      .object({
        ...selection,
        /** Share of the shorter run two runs must overlap to match (segment-level view). Default 0.5. */
        minOverlapShare: z.number().gt(0).max(1).optional(),
        /** Largest distance at which two point events (markers) match, in ms. Default 1000. */
        pointToleranceMs: z.number().min(0).max(60_000).optional(),
        /** Timeline length in ms; default the media duration. */
        durationMs: z.number().positive().optional(),
      })
      .strict(),
  ),
  /** Mathet's γ of a selection, with its best alignment (same numbers as `agreement --gamma`). */
  agreementGamma: call<AgreementGammaResult>()(
    z
      .object({
        mediaId: id,
        coderIds: z.array(id).min(2).max(16).optional(),
        codeIds: z.array(id).min(1).max(2000).optional(),
        sampler: z.enum(['shuffle', 'statistical']).optional(),
        seed: z.number().int().min(0).max(0xffffffff).optional(),
        precision: z.number().gt(0).lt(1).optional(),
        alpha: z.number().min(0).max(1000).optional(),
        beta: z.number().min(0).max(1000).optional(),
        deltaEmpty: z.number().gt(0).max(1000).optional(),
        participantIds: selection.participantIds,
        groupIds: selection.groupIds,
      })
      .strict(),
  ),
  /** The reliability report of a selection, as `triangulate export --kind reliability` writes it. */
  agreementReliabilityReport: call<ReliabilityReportFiles>()(
    z
      .object({
        ...selection,
        bootstrap: z.number().int().min(1).max(100_000).optional(),
        seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
      })
      .strict(),
  ),
} as const;
