/**
 * Reliability-matrix input (contract: `agreement --matrix`): header = coder names, each
 * further row one unit, each cell a category label or empty (= missing).
 *
 * Krippendorff's alpha follows the coincidence-matrix formulation of Krippendorff (2011),
 * "Computing Krippendorff's Alpha-Reliability": o_ck = Σ_u (number of c–k pairs of values
 * in u from different coders) / (m_u − 1) over units with m_u ≥ 2 values;
 * α = 1 − (n − 1)·Σ o_ck·δ²_ck / Σ n_c·n_k·δ²_ck.
 */
import { AgreementInputError, type Stat } from './types';
import { cohensKappa, fleissKappa } from './measures';

export type MeasurementLevel = 'nominal' | 'ordinal' | 'interval' | 'ratio';
export const MEASUREMENT_LEVELS: readonly MeasurementLevel[] = ['nominal', 'ordinal', 'interval', 'ratio'];

/** units[u][i] = value coder i gave unit u, or null when missing. */
export interface ReliabilityData {
  coders: string[];
  units: (string | null)[][];
}

/**
 * Parses already-tokenised CSV rows (first row = header of coder names). Cells are trimmed;
 * an empty cell is missing; a row that is one empty cell (a blank line) is skipped; a row may
 * be shorter than the header (trailing cells missing) but not longer.
 * Row numbers in errors count the header as row 1.
 */
export function parseReliabilityMatrix(rows: readonly (readonly string[])[]): ReliabilityData {
  if (rows.length === 0) throw new AgreementInputError('row 1: the matrix is empty (expected a header of coder names)');
  const coders = rows[0].map((c) => c.trim());
  const seen = new Set<string>();
  coders.forEach((c, i) => {
    if (c === '') throw new AgreementInputError(`row 1, column ${i + 1}: empty coder name`);
    if (seen.has(c)) throw new AgreementInputError(`row 1, column ${i + 1}: coder "${c}" appears twice`);
    seen.add(c);
  });
  if (coders.length < 2) throw new AgreementInputError(`row 1: agreement needs at least two coders; the header names ${coders.length}`);
  const units: (string | null)[][] = [];
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r];
    if (row.length === 0 || (row.length === 1 && row[0].trim() === '')) continue;
    if (row.length > coders.length) {
      throw new AgreementInputError(`row ${r + 1}: ${row.length} fields but the header names ${coders.length} coders`);
    }
    units.push(coders.map((_, i) => {
      const v = (row[i] ?? '').trim();
      return v === '' ? null : v;
    }));
  }
  if (units.length === 0) throw new AgreementInputError('row 2: the matrix has a header but no unit rows');
  return { coders, units };
}

export interface MatrixOptions {
  level?: MeasurementLevel;
  /** Ordinal level with non-numeric labels: their order, lowest first. */
  order?: readonly string[];
}

export interface MatrixAgreementResult {
  input: 'matrix';
  level: MeasurementLevel;
  coders: string[];
  /** Rows of the matrix. */
  units: number;
  /** Units with at least two values (they enter alpha). */
  pairableUnits: number;
  /** Units with no missing value (they enter the kappas and percent agreement). */
  completeUnits: number;
  /** Number of pairable values n. */
  pairableValues: number;
  krippendorffAlpha: number | null;
  /** Nominal Fleiss' kappa over complete units. */
  fleissKappa: number | null;
  /** Nominal Cohen's kappa over complete units, exactly two coders only. */
  cohensKappa: number | null;
  /** Share of complete units where every coder gave the same value. */
  percentAgreement: number | null;
  notes: Partial<Record<'krippendorffAlpha' | 'fleissKappa' | 'cohensKappa' | 'percentAgreement', string>>;
}

/** Agreement numbers of a reliability matrix. Throws AgreementInputError for values the level cannot use. */
export function computeMatrixAgreement(data: ReliabilityData, options: MatrixOptions = {}): MatrixAgreementResult {
  const level = options.level ?? 'nominal';
  const m = data.coders.length;
  const alpha = krippendorffAlpha(data.units, level, options.order);
  const complete = data.units.filter((u) => u.every((v) => v !== null)) as string[][];
  const notes: MatrixAgreementResult['notes'] = {};
  const take = (name: keyof MatrixAgreementResult['notes'], s: Stat) => {
    if (s.note) notes[name] = s.note;
    return s.value;
  };
  const noComplete: Stat = { value: null, note: 'no unit has a value from every coder' };
  const categories = [...new Set(complete.flat())];
  const catIndex = new Map(categories.map((c, i) => [c, i]));

  let fleiss: Stat = noComplete;
  let cohen: Stat = m === 2 ? noComplete : { value: null, note: `Cohen's kappa is defined for exactly two coders; the matrix has ${m}` };
  let percent: Stat = noComplete;
  if (complete.length > 0) {
    fleiss = fleissKappa(complete.map((u) => {
      const row = new Array<number>(categories.length).fill(0);
      for (const v of u) row[catIndex.get(v)!]++;
      return row;
    }));
    percent = { value: complete.filter((u) => u.every((v) => v === u[0])).length / complete.length };
    if (m === 2) {
      const table = categories.map(() => new Array<number>(categories.length).fill(0));
      for (const u of complete) table[catIndex.get(u[0])!][catIndex.get(u[1])!]++;
      cohen = cohensKappa(table);
    }
  }
  return {
    input: 'matrix',
    level,
    coders: [...data.coders],
    units: data.units.length,
    pairableUnits: alpha.pairableUnits,
    completeUnits: complete.length,
    pairableValues: alpha.pairableValues,
    krippendorffAlpha: take('krippendorffAlpha', alpha),
    fleissKappa: take('fleissKappa', fleiss),
    cohensKappa: take('cohensKappa', cohen),
    percentAgreement: take('percentAgreement', percent),
    notes,
  };
}

export interface AlphaResult extends Stat {
  pairableUnits: number;
  pairableValues: number;
  /** Distinct values, in metric order (numeric for interval/ratio/numeric ordinal). */
  values: string[];
  /** Coincidence matrix o[c][k] in the order of `values`. */
  coincidences: number[][];
  /** Pairs of values in the data, Σ m_u(m_u − 1)/2 (the bootstrap's M). */
  pairs: number;
  /** Distance δ[c][k] of the level (empty when nothing is pairable). */
  delta: number[][];
}

/**
 * Krippendorff's alpha with missing values (null) for any level of measurement.
 * units[u][i] = value of coder i for unit u.
 */
export function krippendorffAlpha(
  units: readonly (readonly (string | number | null)[])[],
  level: MeasurementLevel = 'nominal',
  order?: readonly string[],
): AlphaResult {
  // Distinct values and their numeric meaning.
  const raw = new Set<string>();
  units.forEach((u) => u.forEach((v) => v !== null && raw.add(String(v))));
  const values = orderValues([...raw], level, order);
  const idx = new Map(values.map((v, i) => [v, i]));
  const V = values.length;
  const o = values.map(() => new Array<number>(V).fill(0));
  let pairableUnits = 0;
  let pairs = 0;
  for (const u of units) {
    const present = u.filter((v) => v !== null).map((v) => idx.get(String(v))!);
    const mu = present.length;
    if (mu < 2) continue;
    pairableUnits++;
    pairs += (mu * (mu - 1)) / 2;
    const counts = new Map<number, number>();
    for (const c of present) counts.set(c, (counts.get(c) ?? 0) + 1);
    for (const [c, nc] of counts) {
      for (const [k, nk] of counts) {
        o[c][k] += (c === k ? nc * (nc - 1) : nc * nk) / (mu - 1);
      }
    }
  }
  const nc = o.map((row) => row.reduce((a, b) => a + b, 0));
  const n = nc.reduce((a, b) => a + b, 0);
  const base = { pairableUnits, pairableValues: n, values, coincidences: o, pairs, delta: [] as number[][] };
  if (pairableUnits === 0) return { ...base, value: null, note: 'no unit has two or more values, so nothing is pairable' };
  const delta = metric(values, nc, level);
  base.delta = values.map((_, c) => values.map((_, k) => (c === k ? 0 : delta(c, k))));
  let dO = 0;
  let dE = 0;
  for (let c = 0; c < V; c++) {
    for (let k = 0; k < V; k++) {
      if (c === k) continue;
      const d = delta(c, k);
      dO += o[c][k] * d;
      dE += nc[c] * nc[k] * d;
    }
  }
  if (dE === 0) return { ...base, value: null, note: 'all pairable values are the same, so expected disagreement is 0 and alpha is undefined' };
  return { ...base, value: 1 - ((n - 1) * dO) / dE };
}

function orderValues(raw: string[], level: MeasurementLevel, order?: readonly string[]): string[] {
  if (level === 'nominal') return raw.sort();
  if (level === 'ordinal' && order) {
    const pos = new Map(order.map((v, i) => [v, i]));
    for (const v of raw) if (!pos.has(v)) throw new AgreementInputError(`value "${v}" is not in the given ordinal order`);
    return raw.sort((a, b) => pos.get(a)! - pos.get(b)!);
  }
  for (const v of raw) {
    const x = Number(v);
    if (v.trim() === '' || !Number.isFinite(x)) {
      throw new AgreementInputError(
        level === 'ordinal'
          ? `value "${v}" is not a number: the ordinal level needs numeric values or an explicit order`
          : `value "${v}" is not a number (level ${level})`,
      );
    }
    if (level === 'ratio' && x < 0) throw new AgreementInputError(`value "${v}" is negative (level ratio needs values >= 0)`);
  }
  // Same number written two ways ("1" and "1.0") would be two values: refuse.
  const byNum = new Map<number, string>();
  for (const v of raw) {
    const x = Number(v);
    const prev = byNum.get(x);
    if (prev !== undefined) throw new AgreementInputError(`values "${prev}" and "${v}" are the same number written two ways`);
    byNum.set(x, v);
  }
  return raw.sort((a, b) => Number(a) - Number(b));
}

/** Squared difference δ²(c, k) by index into the ordered values. */
function metric(values: string[], nc: number[], level: MeasurementLevel): (c: number, k: number) => number {
  switch (level) {
    case 'nominal':
      return (c, k) => (c === k ? 0 : 1);
    case 'ordinal': {
      const cum = [0];
      for (const x of nc) cum.push(cum[cum.length - 1] + x);
      return (c, k) => {
        const lo = Math.min(c, k);
        const hi = Math.max(c, k);
        const s = cum[hi + 1] - cum[lo] - (nc[c] + nc[k]) / 2;
        return s * s;
      };
    }
    case 'interval': {
      const x = values.map(Number);
      return (c, k) => (x[c] - x[k]) ** 2;
    }
    case 'ratio': {
      const x = values.map(Number);
      return (c, k) => (x[c] + x[k] === 0 ? 0 : ((x[c] - x[k]) / (x[c] + x[k])) ** 2);
    }
  }
}
