/**
 * Inter-rater agreement engine (pure TypeScript). Entry points:
 * - computeAgreement(segments, options): per code / pair / pooled overall, slices or exact;
 * - parseReliabilityMatrix(rows) + computeMatrixAgreement(data, {level}): matrix input;
 * - findDisagreements(segments, options): segment-level matches and disagreements;
 * - computeUnitizingAgreement(segments, options): Krippendorff's unitizing alphas;
 * - low-level: cohensKappa, fleissKappa, krippendorffAlpha.
 */
export * from './types';
export {
  cohensKappa,
  fleissKappa,
  confusionCohensKappa,
  confusionPositiveAgreement,
  MAX_CODERS,
  type BinaryTally,
  type PairConfusion,
} from './measures';
export * from './segments';
export * from './matrix';
export { MAX_SLICES } from './slices';
export * from './disagreements';
export * from './unitizing';
export * from './points';
export { segmentsAgreementJson, matrixAgreementJson, segmentsAgreementTable, matrixAgreementTable, fmt3, type ReportContext } from './report';
export { alphaBootstrap, unitBootstrap, percentileCi, multinomial, seededSampler, ciSettings, CI_THRESHOLDS, type CiOptions, type ConfidenceInterval, type Coincidences, type Sampler } from './bootstrap';
export { computeAgreementCi, tallyCoincidences, tallyCi, EXACT_CI_NOTE, type AgreementCi, type StatsCi } from './ci';
export { addCiToJson, addUnitizingToJson, ciTable, contradictionsTable, unitizingTable } from './reportExtras';
export { computeContradictionAgreement, compareContradictions, evidenceOverlap, describeEvidence, type ContradictionItem, type ContradictionAgreement, type ContradictionPairAgreement, type EvidenceRange, type UnmatchedContradiction } from './contradictions';
export { buildReliabilityReport, apa, durationWords, type ReliabilityReport, type ReliabilityReportInput, type ReportNumber } from './reliabilityReport';
