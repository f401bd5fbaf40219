/**
 * Mathet, Widlöcher & Métivier's γ as pygamma-agreement defines it: dissimilarity, best
 * alignment (exact ILP with HiGHS), samplers, γ / γ-cat / γ_k. Asynchronous: the solver's
 * WebAssembly runtime loads once on first use.
 */
export * from './types';
export * from './dissimilarity';
export { candidateAlignments, pruneBound, type Candidates } from './candidates';
export { bestAlignment, bestAlignmentWith, SEARCH_NODES } from './alignment';
export { loadSolver } from './solver';
export { shuffleSampler, statisticalSampler, continuumStatistics, bounds, type Sampler } from './sampler';
export * from './gamma';
