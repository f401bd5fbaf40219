/**
 * The best alignment's exact optimisation: choose candidate unitary alignments so that every
 * unit is in exactly one (a set partition), minimising the summed disorder. An integer linear
 * programme solved by HiGHS (compiled to WebAssembly, the `highs` package); the runtime loads
 * asynchronously once, solves are then synchronous.
 */
import type { Candidates } from './candidates';

type HighsRuntime = Awaited<ReturnType<typeof import('highs').default>>;

/**
 * Added to every candidate's cost so that, among alignments of equal disorder (units that just
 * touch, with different categories, cost exactly as much paired as apart), the one with fewer
 * unitary alignments wins, as pygamma's solver returns on its test continua. Far below
 * any disorder difference that matters (pygamma computes disorders in float32).
 */
const TIE_BREAK = 1e-7;

let runtime: Promise<HighsRuntime> | null = null;

/** Loads HiGHS once (Node: from the package's highs.wasm). */
export function loadSolver(): Promise<HighsRuntime> {
  runtime ??= import('highs').then((m) => {
    const load = ((m as { default?: unknown }).default ?? m) as typeof import('highs').default;
    return load();
  });
  return runtime;
}

/**
 * Indices of the chosen candidates. `unitOffsets[a]` is the row of annotator a's first unit;
 * rows are the units, columns the candidates (each column's rows: its non-empty units).
 */
export function solveSetPartition(highs: HighsRuntime, cand: Candidates, unitOffsets: readonly number[], numUnits: number): number[] {
  const n = unitOffsets.length;
  const starts = new Int32Array(cand.count + 1);
  const indices: number[] = [];
  for (let j = 0; j < cand.count; j++) {
    for (let a = 0; a < n; a++) {
      const u = cand.tuples[j * n + a]!;
      if (u >= 0) indices.push(unitOffsets[a]! + u);
    }
    starts[j + 1] = indices.length;
  }
  const ones = new Float64Array(indices.length).fill(1);
  const model = highs.createModel({
    numCols: cand.count,
    numRows: numUnits,
    colCost: cand.disorders.map((x) => x + TIE_BREAK),
    colLower: new Float64Array(cand.count),
    colUpper: new Float64Array(cand.count).fill(1),
    rowLower: new Float64Array(numUnits).fill(1),
    rowUpper: new Float64Array(numUnits).fill(1),
    matrix: { format: 'csc', numRows: numUnits, numCols: cand.count, starts, indices: Int32Array.from(indices), values: ones },
    integrality: new Int32Array(cand.count).fill(1),
  });
  try {
    const opts = model.options as unknown as Record<string, unknown>;
    opts.output_flag = false;
    opts.mip_rel_gap = 0; // exact: HiGHS stops at a 0.01 % gap by default
    opts.mip_abs_gap = TIE_BREAK / 10;
    model.run();
    const x = model.getSolution().colValue;
    const chosen: number[] = [];
    for (let j = 0; j < cand.count; j++) if (x[j]! > 0.5) chosen.push(j);
    return chosen;
  } finally {
    model.dispose();
  }
}
