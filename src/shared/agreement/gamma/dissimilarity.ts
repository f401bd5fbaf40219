/**
 * The combined categorical dissimilarity between two units, and the disorder of unitary
 * alignments and alignments, as pygamma-agreement computes them:
 *   d(u, v) = α · δ∅ · ((|Δstart| + |Δend|) / (dur u + dur v))²  +  β · δ∅ · cat(u, v)
 * a unitary alignment's disorder is the mean of d over its C(n, 2) pairs of annotators (a pair
 * with an empty unit costs δ∅), and an alignment's is the sum of its unitary disorders divided
 * by the mean number of units per annotator.
 */
import type { Alignment, Continuum, Dissimilarity, GammaUnit } from './types';

export function positionalDissimilarity(u: GammaUnit, v: GammaUnit, d: Dissimilarity): number {
  const pos = (Math.abs(u.start - v.start) + Math.abs(u.end - v.end)) / (u.end - u.start + (v.end - v.start));
  return pos * pos * d.deltaEmpty;
}

export function categoricalDissimilarity(u: GammaUnit, v: GammaUnit, d: Dissimilarity): number {
  if (u.category === v.category) return 0;
  const m = d.categoryMatrix;
  if (!m) return d.deltaEmpty;
  return m.values[m.categories.indexOf(u.category)]![m.categories.indexOf(v.category)]! * d.deltaEmpty;
}

export function combinedDissimilarity(u: GammaUnit, v: GammaUnit, d: Dissimilarity): number {
  return d.alpha * positionalDissimilarity(u, v, d) + d.beta * categoricalDissimilarity(u, v, d);
}

/** Disorder of one unitary alignment (one unit or null per annotator). */
export function unitaryDisorder(units: readonly (GammaUnit | null)[], d: Dissimilarity): number {
  const n = units.length;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const a = units[i];
      const b = units[j];
      sum += a && b ? combinedDissimilarity(a, b, d) : d.deltaEmpty;
    }
  }
  return sum / ((n * (n - 1)) / 2);
}

export const unitCount = (c: Continuum): number => c.units.reduce((s, us) => s + us.length, 0);

/** Sum of unitary disorders over the mean number of units per annotator. */
export function alignmentDisorder(c: Continuum, unitaryDisorders: readonly number[]): number {
  const total = unitaryDisorders.reduce((a, b) => a + b, 0);
  return total / (unitCount(c) / c.annotators.length);
}

/** The units of a unitary alignment, resolved in the continuum. */
export const unitsOf = (c: Continuum, tuple: readonly (number | null)[]): (GammaUnit | null)[] =>
  tuple.map((i, a) => (i === null ? null : c.units[a]![i]!));

/** Recomputes an alignment's disorder from its tuples (for checks and hand-built alignments). */
export function disorderOf(c: Continuum, tuples: readonly (number | null)[][], d: Dissimilarity): Alignment {
  const unitary = tuples.map((t) => ({ units: [...t], disorder: unitaryDisorder(unitsOf(c, t), d) }));
  return { unitary, disorder: alignmentDisorder(c, unitary.map((u) => u.disorder)) };
}
