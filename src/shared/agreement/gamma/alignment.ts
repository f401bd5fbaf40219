/**
 * The best alignment of a continuum: candidates (pruned), then the exact set partition of
 * minimal disorder. The problem separates into independent components (units linked by some
 * candidate), each solved exactly: by branch and bound when that settles it within a node
 * budget (most components are a handful of units), else by the integer linear programme with
 * HiGHS (all such components in one model). Both add the same tie-break (fewer unitary
 * alignments among equal disorders).
 */
import { candidateAlignments, type Candidates } from './candidates';
import { alignmentDisorder } from './dissimilarity';
import { loadSolver, solveSetPartitions, TIE_BREAK, type SetPartition } from './solver';
import type { Alignment, Continuum, Dissimilarity } from './types';

type Solver = Awaited<ReturnType<typeof loadSolver>>;

/** Branch-and-bound nodes allowed per component before it goes to HiGHS (0: HiGHS for all). */
export const SEARCH_NODES = 2_000;

interface Component {
  units: number[];
  columns: number[];
}

/** Rows (global unit ids) of each candidate column. */
function columnRows(cand: Candidates, offsets: readonly number[]): number[][] {
  const n = offsets.length;
  const rows: number[][] = [];
  for (let j = 0; j < cand.count; j++) {
    const r: number[] = [];
    for (let a = 0; a < n; a++) {
      const u = cand.tuples[j * n + a]!;
      if (u >= 0) r.push(offsets[a]! + u);
    }
    rows.push(r);
  }
  return rows;
}

/** Groups units (and the columns over them) into connected components (union-find). */
function components(rows: number[][], numUnits: number): Component[] {
  const parent = Int32Array.from({ length: numUnits }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]!]!;
    return x;
  };
  for (const r of rows) for (let k = 1; k < r.length; k++) parent[find(r[k]!)] = find(r[0]!);
  const byRoot = new Map<number, Component>();
  const of = (u: number) => {
    const root = find(u);
    let c = byRoot.get(root);
    if (!c) byRoot.set(root, (c = { units: [], columns: [] }));
    return c;
  };
  for (let u = 0; u < numUnits; u++) of(u).units.push(u);
  rows.forEach((r, j) => of(r[0]!).columns.push(j));
  return [...byRoot.values()];
}

/**
 * Exact set partition of a component by branch and bound (first uncovered unit, its columns by
 * cost per unit), bounded below by each uncovered unit's cheapest share of a column. Gives up
 * (null) after `nodeLimit` nodes: the component then goes to the ILP.
 */
function searchComponent(comp: Component, rows: number[][], cost: Float64Array, nodeLimit: number): number[] | null {
  const k = comp.units.length;
  const local = new Map(comp.units.map((u, i) => [u, i]));
  const cols = comp.columns.map((j) => ({ j, units: rows[j]!.map((u) => local.get(u)!), cost: cost[j]! + TIE_BREAK }));
  const byUnit: (typeof cols)[] = comp.units.map(() => []);
  for (const c of cols) for (const i of c.units) byUnit[i]!.push(c);
  const price = (c: (typeof cols)[number]) => c.cost / c.units.length;
  for (const list of byUnit) list.sort((a, b) => price(a) - price(b));
  const share = byUnit.map((list) => price(list[0]!));
  const covered = new Uint8Array(k);
  const chosen: number[] = [];
  let best: number[] = [];
  let bestCost = Infinity;
  let nodes = 0;
  let bound = share.reduce((s, x) => s + x, 0);
  const rec = (acc: number, from: number): void => {
    if (++nodes > nodeLimit || acc + bound >= bestCost - 1e-12) return;
    let next = from;
    while (next < k && covered[next]) next++;
    if (next === k) {
      bestCost = acc;
      best = chosen.slice();
      return;
    }
    for (const c of byUnit[next]!) {
      if (c.units.some((i) => covered[i])) continue;
      for (const i of c.units) {
        covered[i] = 1;
        bound -= share[i]!;
      }
      chosen.push(c.j);
      rec(acc + c.cost, next + 1);
      chosen.pop();
      for (const i of c.units) {
        covered[i] = 0;
        bound += share[i]!;
      }
    }
  };
  rec(0, 0);
  return nodes > nodeLimit ? null : best;
}

/** A component as a set partition block (units renumbered 0..k-1). */
function block(comp: Component, rows: number[][], cand: Candidates): SetPartition {
  const local = new Map(comp.units.map((u, i) => [u, i]));
  return {
    columns: comp.columns.map((j) => rows[j]!.map((u) => local.get(u)!)),
    costs: Float64Array.from(comp.columns, (j) => cand.disorders[j]!),
    numRows: comp.units.length,
  };
}

/** Best alignment with an already loaded solver (synchronous: the Monte Carlo loop calls it per sample). */
export function bestAlignmentWith(highs: Solver, c: Continuum, d: Dissimilarity, searchLimit = SEARCH_NODES): Alignment {
  const n = c.annotators.length;
  const offsets: number[] = [];
  let numUnits = 0;
  for (const us of c.units) {
    offsets.push(numUnits);
    numUnits += us.length;
  }
  if (numUnits === 0) return { unitary: [], disorder: 0 };
  const cand = candidateAlignments(c, d);
  const rows = columnRows(cand, offsets);
  const starts = c.units.flat().map((u) => u.start);
  const chosen: number[] = [];
  const hard: Component[] = [];
  for (const comp of components(rows, numUnits)) {
    comp.units.sort((a, b) => starts[a]! - starts[b]!); // branch along time: the components are chains
    const found = searchLimit > 0 ? searchComponent(comp, rows, cand.disorders, searchLimit) : null;
    if (found) chosen.push(...found);
    else hard.push(comp);
  }
  if (hard.length > 0) {
    const solved = solveSetPartitions(highs, hard.map((comp) => block(comp, rows, cand)));
    hard.forEach((comp, i) => chosen.push(...solved[i]!.map((k) => comp.columns[k]!)));
  }
  const unitary = chosen.map((j) => ({
    units: Array.from(cand.tuples.subarray(j * n, j * n + n), (u) => (u < 0 ? null : u)),
    disorder: cand.disorders[j]!,
  }));
  const covered = unitary.reduce((s, u) => s + u.units.filter((x) => x !== null).length, 0);
  if (covered !== numUnits) throw new Error(`gamma: the solver returned an alignment covering ${covered} of ${numUnits} units`);
  return { unitary, disorder: alignmentDisorder(c, unitary.map((u) => u.disorder)) };
}

/** The alignment of minimal disorder (exact), as pygamma's Continuum.get_best_alignment. */
export async function bestAlignment(c: Continuum, d: Dissimilarity, searchLimit = SEARCH_NODES): Promise<Alignment> {
  return bestAlignmentWith(await loadSolver(), c, d, searchLimit);
}
