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
export { generateBenchSegments, type BenchOptions } from './benchData';
export { segmentsAgreementJson, matrixAgreementJson, segmentsAgreementTable, matrixAgreementTable, fmt3, type ReportContext } from './report';
