/**
 * The unitary alignments that may belong to the best alignment. As pygamma does (Mathet et al.
 * 2015, §5.1.1), a tuple whose summed pair dissimilarity exceeds C(n, 2) · n · δ∅ is pruned:
 * splitting it into units aligned with the empty unit always costs less. Every pair term is
 * non-negative, so a tuple is pruned as soon as a prefix exceeds that bound, and a pair of
 * units further apart than the bound allows is never paired: the neighbour lists below hold,
 * per unit, only the other annotator's units within reach (found by start time).
 */
import { combinedDissimilarity } from './dissimilarity';
import type { Continuum, Dissimilarity, GammaUnit } from './types';

export interface Candidates {
  /** count × n annotator unit indices, -1 for the empty unit. */
  tuples: Int32Array;
  /** Disorder of each candidate (mean over the C(n, 2) pairs). */
  disorders: Float64Array;
  count: number;
}

/** Summed-pair bound above which a tuple is pruned (pygamma's criterion). */
export const pruneBound = (n: number, d: Dissimilarity): number => ((n * (n - 1)) / 2) * n * d.deltaEmpty;

function lowerBound(starts: Float64Array, x: number): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * For each unit of `a`, the indices of `b`'s units v with d(u, v) ≤ bound. Since
 * d ≥ α·δ∅·(|Δstart| / (dur u + dur v))², only starts within R = √(bound / (α·δ∅)) · (dur u + max dur b)
 * can qualify (all of them when α = 0).
 */
function neighbours(a: GammaUnit[], b: GammaUnit[], d: Dissimilarity, bound: number): Int32Array[] {
  const order = b.map((_, i) => i).sort((i, j) => b[i]!.start - b[j]!.start);
  const starts = Float64Array.from(order, (i) => b[i]!.start);
  const maxDur = b.reduce((m, v) => Math.max(m, v.end - v.start), 0);
  const k = d.alpha > 0 ? Math.sqrt(bound / (d.alpha * d.deltaEmpty)) : Infinity;
  return a.map((u) => {
    const r = k * (u.end - u.start + maxDur);
    const out: number[] = [];
    for (let p = Number.isFinite(r) ? lowerBound(starts, u.start - r) : 0; p < order.length && starts[p]! <= u.start + r; p++) {
      const j = order[p]!;
      if (combinedDissimilarity(u, b[j]!, d) <= bound) out.push(j);
    }
    return Int32Array.from(out.sort((x, y) => x - y));
  });
}

class Growable {
  tuples: Int32Array;
  disorders: Float64Array;
  count = 0;
  constructor(private n: number) {
    this.tuples = new Int32Array(1024 * n);
    this.disorders = new Float64Array(1024);
  }
  push(tuple: Int32Array, disorder: number): void {
    if (this.count === this.disorders.length) {
      const t = new Int32Array(this.tuples.length * 2);
      t.set(this.tuples);
      this.tuples = t;
      const dd = new Float64Array(this.disorders.length * 2);
      dd.set(this.disorders);
      this.disorders = dd;
    }
    this.tuples.set(tuple, this.count * this.n);
    this.disorders[this.count++] = disorder;
  }
}

/** Every unitary alignment (except the all-empty one) within pygamma's pruning bound. */
export function candidateAlignments(c: Continuum, d: Dissimilarity): Candidates {
  const n = c.annotators.length;
  const bound = pruneBound(n, d);
  const pairs = (n * (n - 1)) / 2;
  // nb[f][k][i]: units of annotator k within reach of unit i of annotator f (f < k).
  const nb: Int32Array[][][] = c.units.map((uf, f) => c.units.map((uk, k) => (k > f ? neighbours(uf, uk, d, bound) : [])));
  const all = c.units.map((us) => Int32Array.from(us, (_, i) => i));
  const out = new Growable(n);
  const chosen = new Int32Array(n).fill(-1);

  const visit = (k: number, partial: number, nonEmpty: number): void => {
    if (k === n) {
      if (nonEmpty > 0) out.push(chosen, partial / pairs);
      return;
    }
    let first = -1;
    for (let m = 0; m < k && first < 0; m++) if (chosen[m]! >= 0) first = m;
    const options = first < 0 ? all[k]! : nb[first]![k]![chosen[first]!]!;
    const emptyCost = k * d.deltaEmpty;
    if (partial + emptyCost <= bound) {
      chosen[k] = -1;
      visit(k + 1, partial + emptyCost, nonEmpty);
    }
    const uk = c.units[k]!;
    for (const j of options) {
      let add = 0;
      for (let m = 0; m < k; m++) add += chosen[m]! < 0 ? d.deltaEmpty : combinedDissimilarity(c.units[m]![chosen[m]!]!, uk[j]!, d);
      if (partial + add <= bound) {
        chosen[k] = j;
        visit(k + 1, partial + add, nonEmpty + 1);
      }
    }
    chosen[k] = -1;
  };
  visit(0, 0, 0);
  return { tuples: out.tuples.subarray(0, out.count * n), disorders: out.disorders.subarray(0, out.count), count: out.count };
}
