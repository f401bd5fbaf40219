/**
 * The best alignment's exact optimisation: choose candidate unitary alignments so that every
 * unit is in exactly one (a set partition), minimising the summed disorder. An integer linear
 * programme solved by HiGHS (compiled to WebAssembly, the `highs` package); the runtime loads
 * asynchronously once, solves are then synchronous.
 */
type HighsRuntime = Awaited<ReturnType<typeof import('highs').default>>;

/**
 * Added to every candidate's cost so that, among alignments of equal disorder (units that just
 * touch, with different categories, cost exactly as much paired as apart), the one with fewer
 * unitary alignments wins, as pygamma's solver returns on its test continua. Far below
 * any disorder difference that matters (pygamma computes disorders in float32).
 */
export const TIE_BREAK = 1e-7;

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
 * Set partition problems (columns = the rows each covers; every row covered exactly once;
 * minimal summed cost), solved together in one HiGHS model (they are independent blocks):
 * first the LP relaxation, whose optimal vertex is the ILP's optimum wherever it is integral
 * (with two coders it always is: the matrix is totally unimodular); the blocks left fractional
 * then go to HiGHS's branch and cut, exact (relative gap 0). Returns the chosen columns per block.
 */
export function solveSetPartitions(highs: HighsRuntime, blocks: readonly SetPartition[]): number[][] {
  const lp = solveJoined(highs, blocks, false);
  const integral = lp.map((x) => x.every((v) => Math.abs(v - Math.round(v)) < 1e-9));
  const rest = blocks.filter((_, i) => !integral[i]);
  const mip = rest.length > 0 ? solveJoined(highs, rest, true) : [];
  let k = 0;
  return blocks.map((_, i) => {
    const x = integral[i] ? lp[i]! : mip[k++]!;
    const chosen: number[] = [];
    x.forEach((v, j) => v > 0.5 && chosen.push(j));
    return chosen;
  });
}

export interface SetPartition {
  columns: readonly (readonly number[])[];
  costs: Float64Array;
  numRows: number;
}

/** One model of independent blocks (rows and columns offset per block); the values per block. */
function solveJoined(highs: HighsRuntime, blocks: readonly SetPartition[], integer: boolean): number[][] {
  const columns: number[][] = [];
  const costs: number[] = [];
  let rowOffset = 0;
  for (const b of blocks) {
    for (const c of b.columns) columns.push(c.map((r) => r + rowOffset));
    costs.push(...b.costs);
    rowOffset += b.numRows;
  }
  const x = runModel(highs, columns, Float64Array.from(costs), rowOffset, integer);
  let colOffset = 0;
  return blocks.map((b) => x.slice(colOffset, (colOffset += b.columns.length)));
}

function runModel(highs: HighsRuntime, columns: readonly (readonly number[])[], costs: Float64Array, numRows: number, integer: boolean): number[] {
  const numCols = columns.length;
  const starts = new Int32Array(numCols + 1);
  columns.forEach((r, j) => (starts[j + 1] = starts[j]! + r.length));
  const indices = Int32Array.from(columns.flat());
  const model = highs.createModel({
    numCols,
    numRows,
    colCost: costs.map((x) => x + TIE_BREAK),
    colLower: new Float64Array(numCols),
    colUpper: new Float64Array(numCols).fill(1),
    rowLower: new Float64Array(numRows).fill(1),
    rowUpper: new Float64Array(numRows).fill(1),
    matrix: { format: 'csc', numRows, numCols, starts, indices, values: new Float64Array(indices.length).fill(1) },
    ...(integer ? { integrality: new Int32Array(numCols).fill(1) } : {}),
  });
  try {
    const opts = model.options as unknown as Record<string, unknown>;
    opts.output_flag = false;
    if (integer) {
      opts.mip_rel_gap = 0; // exact: HiGHS stops at a 0.01 % gap by default
      opts.mip_abs_gap = TIE_BREAK / 10;
    }
    model.run();
    return Array.from(model.getSolution().colValue);
  } finally {
    model.dispose();
  }
}
