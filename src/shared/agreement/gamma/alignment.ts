/** The best alignment of a continuum: candidates (pruned), then the exact set-partition ILP. */
import { candidateAlignments } from './candidates';
import { alignmentDisorder } from './dissimilarity';
import { loadSolver, solveSetPartition } from './solver';
import type { Alignment, Continuum, Dissimilarity } from './types';

type Solver = Awaited<ReturnType<typeof loadSolver>>;

/** Best alignment with an already loaded solver (synchronous: the Monte Carlo loop calls it per sample). */
export function bestAlignmentWith(highs: Solver, c: Continuum, d: Dissimilarity): Alignment {
  const n = c.annotators.length;
  const offsets: number[] = [];
  let numUnits = 0;
  for (const us of c.units) {
    offsets.push(numUnits);
    numUnits += us.length;
  }
  if (numUnits === 0) return { unitary: [], disorder: 0 };
  const cand = candidateAlignments(c, d);
  const chosen = solveSetPartition(highs, cand, offsets, numUnits);
  const unitary = chosen.map((j) => ({
    units: Array.from(cand.tuples.subarray(j * n, j * n + n), (u) => (u < 0 ? null : u)),
    disorder: cand.disorders[j]!,
  }));
  const covered = unitary.reduce((s, u) => s + u.units.filter((x) => x !== null).length, 0);
  if (covered !== numUnits) throw new Error(`gamma: the solver returned an alignment covering ${covered} of ${numUnits} units`);
  return { unitary, disorder: alignmentDisorder(c, unitary.map((u) => u.disorder)) };
}

/** The alignment of minimal disorder (exact), as pygamma's Continuum.get_best_alignment. */
export async function bestAlignment(c: Continuum, d: Dissimilarity): Promise<Alignment> {
  return bestAlignmentWith(await loadSolver(), c, d);
}
