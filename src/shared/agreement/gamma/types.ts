/**
 * Mathet, Widlöcher & Métivier's γ (Computational Linguistics 41(3), 2015) as the reference
 * implementation pygamma-agreement defines it: types shared by the gamma modules.
 */

/** One annotated unit: a time range (seconds) and its category. */
export interface GammaUnit {
  start: number;
  end: number;
  category: string;
  /** Caller's reference (e.g. the segment id), carried through; not used in any computation. */
  id?: string;
}

/** A continuum: the units of each annotator (same order as `annotators`), each list sorted by time. */
export interface Continuum {
  annotators: string[];
  units: GammaUnit[][];
}

/** The combined categorical dissimilarity's parameters (pygamma's CombinedCategoricalDissimilarity). */
export interface Dissimilarity {
  /** Weight of the positional dissimilarity (default 3). */
  alpha: number;
  /** Weight of the categorical dissimilarity (default 1). */
  beta: number;
  /** Cost of aligning a unit with the empty unit (default 1); also scales both dissimilarities, as in pygamma. */
  deltaEmpty: number;
  /** Category-to-category dissimilarity in [0, 1]; absent = 0 for the same category, 1 otherwise. */
  categoryMatrix?: { categories: string[]; values: number[][] };
}

export const DEFAULT_DISSIMILARITY: Dissimilarity = { alpha: 3, beta: 1, deltaEmpty: 1 };

/** A unitary alignment: per annotator the index of its unit (in continuum.units[a]) or null (the empty unit). */
export interface UnitaryAlignment {
  units: (number | null)[];
  disorder: number;
}

/** An alignment: a partition of every unit into unitary alignments, with its disorder. */
export interface Alignment {
  unitary: UnitaryAlignment[];
  disorder: number;
}

export type GammaSampler = 'shuffle' | 'statistical';
export const GAMMA_SAMPLERS: readonly GammaSampler[] = ['shuffle', 'statistical'];

export class GammaInputError extends Error {
  override name = 'AgreementInputError';
}
