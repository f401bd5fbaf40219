/**
 * Optional sections of the agreement report, each in its own function so the CLI adds them
 * only when asked: bootstrap confidence intervals (`--ci`) and Krippendorff's unitizing alphas
 * (always, for segments input; the same numbers as the Agreement screen's uα column).
 */
import type { ConfidenceInterval } from './bootstrap';
import type { AgreementCi, StatsCi } from './ci';
import type { ContradictionAgreement } from './contradictions';
import { fmt3, table } from './report';
import type { UnitizingResult } from './unitizing';

type Json = Record<string, unknown>;

/** Adds `"ci": {krippendorffAlpha|fleissKappa|cohensKappa: {level, lower, upper, samples, pBelow}}` beside the statistics. */
export function addCiToJson(json: Json, ci: AgreementCi): Json {
  const codes = (json.codes as Json[]).map((c, i) => ({ ...c, ci: ci.codes[i]?.ci ?? {} }));
  const pairs = (json.pairs as Json[]).map((p, i) => ({ ...p, ci: ci.pairs[i]?.ci ?? {} }));
  return {
    ...json,
    overall: { ...(json.overall as Json), ci: ci.overall },
    codes,
    pairs,
    bootstrap: { level: ci.level, samples: ci.samples, seed: ci.seed, ...(ci.note ? { note: ci.note } : {}) },
  };
}

/** The unitizing alphas in the JSON: `"unitizing": {atom, overall: {...}, codes: [...]}` and `uAlpha` on each code row. */
export function addUnitizingToJson(json: Json, u: UnitizingResult | null, note?: string): Json {
  if (!u) return { ...json, unitizing: null, ...(note ? { unitizingNote: note } : {}) };
  const byCode = new Map(u.codes.map((c) => [c.code, c]));
  const codes = (json.codes as Json[]).map((c) => {
    const x = byCode.get(c.code as string);
    return x ? { ...c, uAlpha: x.uAlpha, uAlpha2004: x.uAlpha2004, kuAlpha: x.kuAlpha } : c;
  });
  return { ...json, codes, unitizing: { atomMs: u.atomMs, overall: u.overall, codes: u.codes, pointEvents: u.pointEvents } };
}

const interval = (c: ConfidenceInterval | null | undefined) => (c ? `[${fmt3(c.lower)}, ${fmt3(c.upper)}]` : '—');
const q = (c: ConfidenceInterval | null | undefined, t: '0.667' | '0.8') => (c ? fmt3(c.pBelow[t]) : '—');

/** Plain-text section: the intervals per code, overall and per pair. */
export function ciTable(ci: AgreementCi): string[] {
  const pct = `${Math.round(ci.level * 1000) / 10} %`;
  const out = [`Bootstrap ${pct} intervals (${ci.samples} samples, seed ${ci.seed}; α: Hayes & Krippendorff 2007; κ: over units)`];
  if (ci.note) return [...out, ci.note];
  const row = (name: string, c: StatsCi) => [name, interval(c.krippendorffAlpha), q(c.krippendorffAlpha, '0.667'), q(c.krippendorffAlpha, '0.8'), interval(c.fleissKappa), ...('cohensKappa' in c ? [interval(c.cohensKappa)] : ['—'])];
  const rows = [...ci.codes.map((c) => row(c.code, c.ci)), row('OVERALL (pooled)', ci.overall), ...ci.pairs.map((p) => row(`${p.coders[0]} – ${p.coders[1]}`, p.ci))];
  return [...out, ...table(['row', 'alpha CI', 'q(α<.667)', 'q(α<.8)', 'Fleiss CI', 'Cohen CI'], rows, 1), 'q = share of bootstrap samples in which alpha falls below the threshold.'];
}

/** Plain-text section: uα per code and the overall 2016 family (the Agreement screen's column). */
export function unitizingTable(u: UnitizingResult | null, note?: string): string[] {
  const head = 'Unitizing alpha (where the coded stretches begin and end; Krippendorff 2004 and 2016)';
  if (!u) return [head, note ?? 'not computed'];
  const rows = u.codes.map((c) => [c.code, fmt3(c.uAlpha), fmt3(c.uAlpha2004), fmt3(c.kuAlpha)]);
  const o = u.overall;
  rows.push(['OVERALL (pooled)', fmt3(o.pooledUAlpha), fmt3(o.uAlpha2004), '']);
  return [
    head,
    ...table(['code', 'uα', 'uα 2004', '(k)uα'], rows, 1),
    `Overall, codes as values of one continuum: uα ${fmt3(o.uAlpha)}, |uα ${fmt3(o.binaryUAlpha)}, cuα ${fmt3(o.cuAlpha)}` +
      (o.notes.uAlpha || o.notes.cuAlpha ? ` (${[...new Set([o.notes.uAlpha, o.notes.cuAlpha].filter(Boolean))].join('; ')})` : ''),
  ];
}

/** Plain-text section: agreement on contradictions per pair and pooled, then the unmatched ones. */
export function contradictionsTable(c: ContradictionAgreement): string[] {
  const rows = c.pairs.map((p) => [`${p.coders[0]} – ${p.coders[1]}`, String(p.matched), String(p.onlyA), String(p.onlyB), fmt3(p.f1), fmt3(p.levelKappa), String(p.levelMatched)]);
  const o = c.overall;
  rows.push(['OVERALL (pooled)', String(o.matched), String(o.onlyA), String(o.onlyB), fmt3(o.f1), fmt3(o.levelKappa), String(o.levelMatched)]);
  const out = [
    `Agreement on contradictions (same level, element pair and evidence overlapping by ≥ ${c.minOverlap} of the shorter; ${c.coders.map((x) => `${x} ${c.counts[x]}`).join(', ')})`,
    ...table(['coders', 'matched', 'only first', 'only second', 'F1', 'level κ', 'pairs for κ'], rows, 1),
    'level κ: Cohen\'s kappa of the levels of contradictions matched on element pair and evidence whatever their level.',
  ];
  const unmatched = c.pairs.flatMap((p) => p.unmatched.map((u) => `- ${p.coders.join(' – ')}: only ${u.coder}: ${u.level} ${u.elements}; ${u.evidence || 'no evidence'}${u.note ? ` (${u.note})` : ''}`));
  if (unmatched.length) out.push('Unmatched contradictions (for the discussion meeting)', ...unmatched);
  return out;
}
