/**
 * Reports of agreement results (the CLI's `--format json|table`). Pure.
 * JSON keeps the contract's keys first, in the contract's order, at full double precision, then
 * the extras (positive agreement, notes explaining every null, confusion tables, settings).
 * The table rounds to 3 decimals, shows a null as "—" with a numbered note below.
 */
import type { MatrixAgreementResult } from './matrix';
import type { AgreementStats, SegmentsAgreementResult } from './segments';
import type { Notes } from './types';
import { pointAgreementTableLines } from './points';

export interface ReportContext {
  /** Media name (project input). */
  media?: string;
}

/** The contract's JSON object for segments input. */
export function segmentsAgreementJson(r: SegmentsAgreementResult, ctx: ReportContext = {}): Record<string, unknown> {
  const stats = (s: AgreementStats) => ({
    percentAgreement: s.percentAgreement,
    cohensKappa: s.cohensKappa,
    fleissKappa: s.fleissKappa,
    krippendorffAlpha: s.krippendorffAlpha,
  });
  return {
    input: r.input,
    unit: r.unit,
    exact: r.exact,
    duration: r.duration,
    coders: r.coders,
    units: r.units,
    overall: {
      ...stats(r.overall),
      meanPairwiseCohensKappa: r.overall.meanPairwiseCohensKappa,
      positiveAgreement: r.overall.positiveAgreement,
      units: r.overall.units,
      unitsDuration: r.overall.unitsDuration,
      notes: r.overall.notes,
    },
    codes: r.codes.map((c) => ({
      code: c.code,
      units: c.units,
      ...stats(c),
      positiveAgreement: c.positiveAgreement,
      meanPairwiseCohensKappa: c.meanPairwiseCohensKappa,
      unitsDuration: c.unitsDuration,
      pointEvents: c.pointEvents,
      notes: c.notes,
    })),
    pairs: r.pairs.map((p) => ({
      coders: p.coders,
      percentAgreement: p.percentAgreement,
      cohensKappa: p.cohensKappa,
      krippendorffAlpha: p.krippendorffAlpha,
      positiveAgreement: p.positiveAgreement,
      confusion: p.confusion,
      notes: p.notes,
      codes: p.codes,
    })),
    excludeUncoded: r.excludeUncoded,
    ...(ctx.media !== undefined ? { media: ctx.media } : {}),
    confusionUnit: r.confusionUnit,
    pointEvents: r.pointEvents,
    points: r.points,
    notes: r.notes,
  };
}

/** The contract's JSON object for matrix input. */
export function matrixAgreementJson(r: MatrixAgreementResult): Record<string, unknown> {
  return {
    input: r.input,
    level: r.level,
    coders: r.coders,
    units: r.units,
    pairableUnits: r.pairableUnits,
    krippendorffAlpha: r.krippendorffAlpha,
    fleissKappa: r.fleissKappa,
    cohensKappa: r.cohensKappa,
    percentAgreement: r.percentAgreement,
    completeUnits: r.completeUnits,
    pairableValues: r.pairableValues,
    notes: r.notes,
  };
}

/** 3 decimals, "—" for null. */
export function fmt3(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  const s = x.toFixed(3);
  return s === '-0.000' ? '0.000' : s;
}

/** Collects notes and numbers them, the same text keeping the same number. */
class NoteIndex {
  private texts: string[] = [];
  ref(notes: Notes | Record<string, string | undefined>): string {
    const nums: number[] = [];
    for (const [field, text] of Object.entries(notes)) {
      if (!text) continue;
      const line = `${LABELS[field] ?? field}: ${text}`;
      let i = this.texts.indexOf(line);
      if (i < 0) i = this.texts.push(line) - 1;
      nums.push(i + 1);
    }
    return nums.length ? nums.map((n) => `[${n}]`).join('') : '';
  }
  lines(): string[] {
    return this.texts.map((t, i) => `[${i + 1}] ${t}`);
  }
}

const LABELS: Record<string, string> = {
  percentAgreement: 'percent',
  cohensKappa: 'Cohen',
  fleissKappa: 'Fleiss',
  krippendorffAlpha: 'alpha',
  positiveAgreement: 'positive',
  meanPairwiseCohensKappa: 'mean pairwise Cohen',
  units: 'units',
  pointEvents: 'point events',
};

/** A plain-text table: the first `alignLeft` columns left-aligned, the rest right-aligned. */
export function table(header: string[], rows: string[][], alignLeft: number): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) =>
    r.map((cell, i) => (i < alignLeft ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}

const secs = (x: number) => `${Number(x.toFixed(3))} s`;

/** A readable plain-text report of a segments result. */
export function segmentsAgreementTable(r: SegmentsAgreementResult, ctx: ReportContext = {}): string {
  const notes = new NoteIndex();
  const out: string[] = [];
  const mode = r.exact ? 'exact (continuous time)' : `unit ${r.unit} s (${r.units} slices per code)`;
  out.push(`Agreement of ${r.coders.length} coders (${r.coders.join(', ')})${ctx.media ? ` on ${ctx.media}` : ''}`);
  out.push(`Timeline 0–${secs(r.duration)}, ${mode}${r.excludeUncoded ? ', uncoded time excluded' : ', uncoded time included'}`);
  out.push('');
  // Cohen's kappa and positive agreement exist for two coders only: with more, their columns go.
  const two = r.coders.length === 2;
  const drop = (n: Notes): Notes => {
    if (two) return n;
    const { cohensKappa: _c, positiveAgreement: _p, ...rest } = n;
    return rest;
  };
  const header = ['code', r.exact ? 'seconds' : 'units', 'percent', ...(two ? ['Cohen'] : []), 'Fleiss', 'alpha', ...(two ? ['positive'] : []), 'notes'];
  const row = (name: string, s: AgreementStats) => [
    name,
    r.exact ? secs(s.unitsDuration).replace(' s', '') : String(s.units),
    fmt3(s.percentAgreement),
    ...(two ? [fmt3(s.cohensKappa)] : []),
    fmt3(s.fleissKappa),
    fmt3(s.krippendorffAlpha),
    ...(two ? [fmt3(s.positiveAgreement)] : []),
    notes.ref(drop(s.notes)),
  ];
  const rows = r.codes.map((c) => row(c.code, c));
  const o = r.overall;
  rows.push(row('OVERALL (pooled)', o));
  const t = table(header, rows, 1);
  out.push(...t.slice(0, t.length - 1), t[1], t[t.length - 1]);
  if (!two) out.push(`Cohen's kappa and positive agreement are defined for exactly two coders (${r.coders.length} are selected): see the pairs below.`);
  out.push(`Mean pairwise Cohen's kappa (Light's kappa): ${fmt3(o.meanPairwiseCohensKappa)}${o.notes.meanPairwiseCohensKappa ? ' ' + notes.ref({ meanPairwiseCohensKappa: o.notes.meanPairwiseCohensKappa }) : ''}`);
  out.push('');
  out.push('Pairs (pooled over the codes)');
  const unitName = r.confusionUnit === 'seconds' ? 's' : 'slices';
  out.push(
    ...table(
      ['coders', 'percent', 'Cohen', 'alpha', 'positive', `both (${unitName})`, 'only first', 'only second', 'neither', 'notes'],
      r.pairs.map((p) => [
        `${p.coders[0]} – ${p.coders[1]}`,
        fmt3(p.percentAgreement),
        fmt3(p.cohensKappa),
        fmt3(p.krippendorffAlpha),
        fmt3(p.positiveAgreement),
        num(p.confusion.both),
        num(p.confusion.onlyA),
        num(p.confusion.onlyB),
        num(p.confusion.neither),
        notes.ref(p.notes),
      ]),
      1,
    ),
  );
  out.push(...pointAgreementTableLines(r.points, fmt3));
  const noteLines = notes.lines();
  if (noteLines.length || r.notes.length) {
    out.push('');
    out.push('Notes');
    out.push(...noteLines);
    for (const n of r.notes) out.push(`- ${n}`);
  }
  out.push('');
  out.push('percent = share of units where all coders agree; Cohen = chance-corrected, two coders only;');
  out.push('Fleiss = chance-corrected for any number of coders; alpha = Krippendorff\'s nominal alpha;');
  out.push('positive = 2·both / (2·both + only first + only second), two coders only. — = undefined (see notes).');
  return out.join('\n') + '\n';
}

function num(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(3);
}

/** A readable plain-text report of a matrix result. */
export function matrixAgreementTable(r: MatrixAgreementResult): string {
  const notes = new NoteIndex();
  const rows: string[][] = [
    ["Krippendorff's alpha", fmt3(r.krippendorffAlpha), notes.ref({ krippendorffAlpha: r.notes.krippendorffAlpha })],
    ["Fleiss' kappa", fmt3(r.fleissKappa), notes.ref({ fleissKappa: r.notes.fleissKappa })],
    ["Cohen's kappa", fmt3(r.cohensKappa), notes.ref({ cohensKappa: r.notes.cohensKappa })],
    ['percent agreement', fmt3(r.percentAgreement), notes.ref({ percentAgreement: r.notes.percentAgreement })],
  ];
  const out = [
    `Reliability matrix: ${r.coders.length} coders (${r.coders.join(', ')}), ${r.units} units, ${r.pairableUnits} pairable, ${r.completeUnits} complete; level ${r.level}`,
    '',
    ...table(['measure', 'value', 'notes'], rows, 1),
  ];
  const noteLines = notes.lines();
  if (noteLines.length) out.push('', 'Notes', ...noteLines);
  out.push('', `alpha uses every unit with at least two values (${r.level} distance); the kappas and percent agreement use the ${r.completeUnits} units with no missing value.`);
  return out.join('\n') + '\n';
}
