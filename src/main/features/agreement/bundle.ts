/**
 * Everything `agreement` computes for coded segments, in one place, so the CLI and the
 * reliability report (export --kind reliability) give the very same numbers: the statistics,
 * their bootstrap intervals (optional), the unitizing alphas and the contradiction agreement
 * (optional, project input), and the JSON the CLI prints.
 */
import {
  addCiToJson,
  addUnitizingToJson,
  agreementFromTallies,
  computeAgreementCi,
  segmentsAgreementJson,
  talliesOf,
  unitizingOf,
  withoutPointCodes,
  type AgreementCi,
  type CiOptions,
  type ContradictionAgreement,
  type SegmentsAgreementResult,
  type UnitizingResult,
} from '../../../shared/agreement';
import { selectSegments, type Selection } from '../../../shared/agreement/select';
import { UserError } from '../../../shared/errors';
import { asUserError, type AgreementInput } from './agreement';

export interface BundleSettings {
  unitMs: number;
  exact: boolean;
  excludeUncoded: boolean;
  durationMs?: number;
  /** Tolerance of marker (point event) matching in ms; default 1000. */
  pointToleranceMs?: number;
  /** Bootstrap settings, or null for no intervals. */
  ci: CiOptions | null;
}

export interface AgreementBundle {
  input: AgreementInput;
  result: SegmentsAgreementResult;
  ci: AgreementCi | null;
  unitizing: UnitizingResult | null;
  unitizingNote?: string;
  contradictions: ContradictionAgreement | null;
}

export function agreementBundle(file: string, input: AgreementInput, s: BundleSettings, contradictions: ContradictionAgreement | null = null): AgreementBundle {
  const common = { coders: input.coders, codes: input.codes, media: input.media, durationMs: s.durationMs ?? input.durationMs };
  const options = { ...common, exact: s.exact, unitMs: s.unitMs, excludeUncoded: s.excludeUncoded, pointCodes: input.pointCodes, pointToleranceMs: s.pointToleranceMs };
  // one selection for the statistics and the unitizing alphas (a million segments: one copy)
  const selection = asUserError(file, () => selectSegments(input.segments, options));
  const tallies = asUserError(file, () => talliesOf(selection, options));
  const result = agreementFromTallies(tallies);
  if (result.codes.length === 0 && result.points.codes.length === 0) throw new UserError('invalid', `${file}: the selected coders applied no code${input.media ? ` in ${input.media}` : ''}: nothing to compare`);
  const ci = s.ci ? computeAgreementCi(tallies, s.ci) : null;
  // point codes have no extent: they are not units (they are in result.points)
  return { input, result, ci, ...unitizingAlphas(() => withoutPointCodes(selection, input.pointCodes, common.durationMs !== undefined)), contradictions };
}

/** Krippendorff's unitizing alphas of the same selection (as the Agreement screen computes them). */
function unitizingAlphas(selection: () => Selection): { unitizing: UnitizingResult | null; unitizingNote?: string } {
  try {
    return { unitizing: unitizingOf(selection()) };
  } catch (e) {
    return { unitizing: null, unitizingNote: `unitizing alphas not computed: ${(e as Error).message}` };
  }
}

/** The CLI's JSON object of a bundle. */
export function bundleJson(b: AgreementBundle): Record<string, unknown> {
  let json = addUnitizingToJson(segmentsAgreementJson(b.result, { media: b.input.media }), b.unitizing, b.unitizingNote);
  if (b.ci) json = addCiToJson(json, b.ci);
  if (b.contradictions) json = { ...json, contradictions: b.contradictions };
  return json;
}
