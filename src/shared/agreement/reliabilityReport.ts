/**
 * The reliability report for a paper's methods section (`export --kind reliability`): Markdown,
 * HTML and a CSV of every number, built from one list of numbers, each with the CLI command and
 * the JSON path that give it (so every number can be traced and checked). Pure.
 *
 * APA style: two decimals; no leading zero for values bounded by 1 (α, κ, F1, q); "−" for
 * negatives; 95 % CI in brackets.
 */
import type { AgreementCi, StatsCi } from './ci';
import type { ContradictionAgreement } from './contradictions';
import type { SegmentsAgreementResult } from './segments';
import type { UnitizingResult } from './unitizing';

export interface ReliabilityReportInput {
  /** The project file as the user named it (for the commands). */
  project: string;
  media: { name: string; durationMs: number | null };
  agreement: SegmentsAgreementResult;
  ci: AgreementCi | null;
  unitizing: UnitizingResult | null;
  contradictions: ContradictionAgreement | null;
  /** The `agreement` command (with --format json) whose JSON holds every agreement number. */
  agreementCommand: string;
  /** Reconcile decisions in effect, by action, and how many were undone. */
  decisions: { byAction: Record<string, number>; undone: number; command: string };
  /** γ and γ-cat (Mathet et al. 2015), when computed, and the command whose JSON has them under "gamma". */
  gamma?: { gamma: number | null; gammaCat: number | null; command: string } | null;
}

/** One reported number: where it is shown and where it comes from. */
export interface ReportNumber {
  section: string;
  row: string;
  measure: string;
  value: number | null;
  /** Path in the JSON printed by `command` (e.g. "codes[0].ci.krippendorffAlpha.lower"). */
  path: string;
  command: string;
}

export interface ReliabilityReport {
  markdown: string;
  html: string;
  /** section,row,measure,value,json_path,command */
  numbers: ReportNumber[];
}

type Block = { h: string } | { p: string } | { table: string[][]; head: string[] } | { code: string };

/** APA: 2 decimals, no leading zero for |x| ≤ 1 statistics, a real minus sign; "—" for null. */
export function apa(x: number | null | undefined, leadingZero = false): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  let s = Math.abs(x).toFixed(2);
  if (!leadingZero) s = s.replace(/^0\./, '.');
  return (x < 0 && Number(s) !== 0 ? '−' : '') + s;
}

export function durationWords(ms: number): string {
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  if (h) return `${h} h ${m} min`;
  if (m) return r ? `${m} min ${r} s` : `${m} min`;
  return `${r} s`;
}

const WORDS = ['Zero', 'One', 'Two', 'Three', 'Four', 'Five', 'Six', 'Seven', 'Eight', 'Nine', 'Ten'];

class Numbers {
  list: ReportNumber[] = [];
  constructor(private command: string) {}
  add(section: string, row: string, measure: string, value: number | null | undefined, path: string, command = this.command): number | null {
    const v = value === undefined || value === null || !Number.isFinite(value) ? null : value;
    this.list.push({ section, row, measure, value: v, path, command });
    return v;
  }
}

const ciText = (lo: number | null, hi: number | null) => (lo === null || hi === null ? '—' : `[${apa(lo)}, ${apa(hi)}]`);

function statRows(nums: Numbers, section: string, name: string, base: string, s: { krippendorffAlpha: number | null; fleissKappa: number | null }, ci: StatsCi | undefined, uAlpha: { v: number | null | undefined; path: string } | null): string[] {
  const a = nums.add(section, name, 'krippendorff_alpha', s.krippendorffAlpha, `${base}.krippendorffAlpha`);
  const c = ci?.krippendorffAlpha;
  const lo = c ? nums.add(section, name, 'alpha_ci_lower', c.lower, `${base}.ci.krippendorffAlpha.lower`) : null;
  const hi = c ? nums.add(section, name, 'alpha_ci_upper', c.upper, `${base}.ci.krippendorffAlpha.upper`) : null;
  const q = c ? nums.add(section, name, 'alpha_p_below_0.667', c.pBelow['0.667'], `${base}.ci.krippendorffAlpha.pBelow["0.667"]`) : null;
  const f = nums.add(section, name, 'fleiss_kappa', s.fleissKappa, `${base}.fleissKappa`);
  const u = uAlpha ? nums.add(section, name, 'u_alpha', uAlpha.v, uAlpha.path) : null;
  return [name, apa(a), ciText(lo, hi), c ? apa(q) : '—', apa(f), apa(u)];
}

function agreementBlocks(nums: Numbers, x: ReliabilityReportInput): Block[] {
  const r = x.agreement;
  const uBy = new Map((x.unitizing?.codes ?? []).map((c) => [c.code, c.uAlpha]));
  const sec = 'alpha';
  const rows = r.codes.map((c, i) => statRows(nums, sec, c.code, `codes[${i}]`, c, x.ci?.codes[i]?.ci, { v: uBy.get(c.code), path: `codes[${i}].uAlpha` }));
  rows.push(statRows(nums, sec, 'Overall (pooled)', 'overall', r.overall, x.ci?.overall, { v: x.unitizing?.overall.pooledUAlpha, path: 'unitizing.overall.pooledUAlpha' }));
  const pct = x.ci ? `${Math.round(x.ci.level * 100)} % CI` : 'CI';
  return [
    { h: "Krippendorff's α per code" },
    { table: rows, head: ['Code', 'α', pct, 'q(α < .667)', "Fleiss' κ", 'uα'] },
    { p: `Source: \`${x.agreementCommand}\` (keys codes[i] and overall: krippendorffAlpha, ci.krippendorffAlpha, fleissKappa, uAlpha; unitizing.overall.pooledUAlpha).` },
  ];
}

function pairBlocks(nums: Numbers, x: ReliabilityReportInput): Block[] {
  const rows = x.agreement.pairs.map((p, i) => {
    const name = `${p.coders[0]} – ${p.coders[1]}`;
    const k = nums.add('pairs', name, 'cohens_kappa', p.cohensKappa, `pairs[${i}].cohensKappa`);
    const c = x.ci?.pairs[i]?.ci.cohensKappa;
    const lo = c ? nums.add('pairs', name, 'cohens_kappa_ci_lower', c.lower, `pairs[${i}].ci.cohensKappa.lower`) : null;
    const hi = c ? nums.add('pairs', name, 'cohens_kappa_ci_upper', c.upper, `pairs[${i}].ci.cohensKappa.upper`) : null;
    const pa = nums.add('pairs', name, 'percent_agreement', p.percentAgreement, `pairs[${i}].percentAgreement`);
    return [name, apa(k), ciText(lo, hi), apa(pa)];
  });
  return [
    { h: "Cohen's κ per pair of coders (pooled over codes)" },
    { table: rows, head: ['Coders', 'κ', 'CI', 'Percent agreement'] },
    { p: `Source: \`${x.agreementCommand}\` (keys pairs[i].cohensKappa, pairs[i].ci.cohensKappa, pairs[i].percentAgreement).` },
  ];
}

function contradictionBlocks(nums: Numbers, x: ReliabilityReportInput): Block[] {
  const k = x.contradictions;
  if (!k) return [];
  const row = (name: string, p: ContradictionAgreement['overall'], base: string) => [
    name,
    String(nums.add('contradictions', name, 'matched', p.matched, `${base}.matched`)),
    String(nums.add('contradictions', name, 'only_first', p.onlyA, `${base}.onlyA`)),
    String(nums.add('contradictions', name, 'only_second', p.onlyB, `${base}.onlyB`)),
    apa(nums.add('contradictions', name, 'f1', p.f1, `${base}.f1`)),
    apa(nums.add('contradictions', name, 'level_kappa', p.levelKappa, `${base}.levelKappa`)),
  ];
  const rows = k.pairs.map((p, i) => row(`${p.coders[0]} – ${p.coders[1]}`, p, `contradictions.pairs[${i}]`));
  rows.push(row('Overall (pooled)', k.overall, 'contradictions.overall'));
  return [
    { h: 'Agreement on contradictions' },
    { p: `Two coders' contradictions match when they have the same level and element pair and their evidence overlaps by at least ${k.minOverlap} of the shorter; κ on the level is computed over contradictions matched on element pair and evidence alone.` },
    { table: rows, head: ['Coders', 'Matched', 'Only first', 'Only second', 'F1', 'κ (level)'] },
    { p: `Source: \`${x.agreementCommand}\` (key contradictions).` },
  ];
}

function decisionBlocks(nums: Numbers, x: ReliabilityReportInput): Block[] {
  const d = x.decisions;
  const rows = Object.entries(d.byAction).map(([action, n]) => [action, String(nums.add('reconcile', action, 'decisions', n, `action=${action}, undone_at empty`, d.command))]);
  rows.push(['undone', String(nums.add('reconcile', 'undone', 'decisions', d.undone, 'undone_at set', d.command))]);
  return [{ h: 'Reconciliation' }, { table: rows, head: ['Decision', 'Count'] }, { p: `Source: \`${d.command}\` (the -decisions.csv file, counted by action).` }];
}

/** ── γ (Mathet et al. 2015): printed when a gamma result is given (see ReliabilityReportInput.gamma). */
function gammaBlocks(nums: Numbers, x: ReliabilityReportInput): Block[] {
  const g = x.gamma;
  if (!g) return [];
  const gv = nums.add('gamma', 'all codes', 'gamma', g.gamma, 'gamma.gamma', g.command);
  const gc = nums.add('gamma', 'all codes', 'gamma_cat', g.gammaCat, 'gamma.gammaCat', g.command);
  return [{ h: 'γ (unitizing and categorizing together)' }, { table: [['γ', apa(gv)], ['γ-cat', apa(gc)]], head: ['Measure', 'Value'] }, { p: `Source: \`${g.command}\` (keys gamma.gamma, gamma.gammaCat).` }];
}

function dataBlocks(nums: Numbers, x: ReliabilityReportInput): Block[] {
  const r = x.agreement;
  const dur = nums.add('data', x.media.name, 'duration_seconds', r.duration, 'duration');
  const units = r.exact ? 'continuous time (exact)' : `${r.unit} s slices, ${nums.add('data', x.media.name, 'units_per_code', r.units, 'units')} per code`;
  const s = x.ci;
  return [
    { h: 'Data' },
    {
      table: [
        ['Media', x.media.name],
        ['Duration', `${durationWords((dur ?? 0) * 1000)} (${dur} s)`],
        ['Coders', `${r.coders.length}: ${r.coders.join(', ')}`],
        ['Codes', `${r.codes.length}: ${r.codes.map((c) => c.code).join(', ')}`],
        ['Units', units],
        ['Uncoded time', r.excludeUncoded ? 'excluded' : 'included (agreement that nothing applies)'],
        ['Bootstrap', s ? `${s.samples} samples, seed ${s.seed}, ${Math.round(s.level * 100)} % percentile intervals; α after Hayes & Krippendorff (2007), κ over units` : 'none'],
      ],
      head: ['', ''],
    },
  ];
}

/** The APA methods paragraph, from the same numbers. */
function methodsParagraph(x: ReliabilityReportInput): string {
  const r = x.agreement;
  const m = r.coders.length;
  const who = m <= 10 ? WORDS[m] : String(m);
  const o = r.overall;
  const oc = x.ci?.overall;
  const parts: string[] = [];
  parts.push(`${who} coders independently coded ${durationWords(r.duration * 1000)} of video (${x.media.name}) with ${r.codes.length} codes of a CHAT codebook.`);
  parts.push(r.exact ? 'Agreement was measured in continuous time.' : `Agreement was measured on ${r.unit}-s units (${r.units} per code).`);
  const a = oc?.krippendorffAlpha;
  const pct = x.ci ? `${Math.round(x.ci.level * 100)} %` : '';
  parts.push(`Pooled over codes, Krippendorff's α = ${apa(o.krippendorffAlpha)}${a ? `, ${pct} CI ${ciText(a.lower, a.upper)} (${x.ci!.samples} bootstrap samples; Hayes & Krippendorff, 2007); the probability that α < .667 was q = ${apa(a.pBelow['0.667'])}` : ''}.`);
  const f = oc?.fleissKappa;
  parts.push(`Fleiss' κ = ${apa(o.fleissKappa)}${f ? `, ${pct} CI ${ciText(f.lower, f.upper)}` : ''}; mean pairwise Cohen's κ = ${apa(o.meanPairwiseCohensKappa)}.`);
  const defined = r.codes.filter((c) => c.krippendorffAlpha !== null);
  if (defined.length > 1) {
    const lo = defined.reduce((p, c) => (c.krippendorffAlpha! < p.krippendorffAlpha! ? c : p));
    const hi = defined.reduce((p, c) => (c.krippendorffAlpha! > p.krippendorffAlpha! ? c : p));
    parts.push(`Per code, α ranged from ${apa(lo.krippendorffAlpha)} (${lo.code}) to ${apa(hi.krippendorffAlpha)} (${hi.code}).`);
  }
  if (x.unitizing?.overall.pooledUAlpha != null) parts.push(`Unitizing agreement (Krippendorff's uα) was ${apa(x.unitizing.overall.pooledUAlpha)}.`);
  if (x.gamma) parts.push(`Mathet et al.'s (2015) γ = ${apa(x.gamma.gamma)}, γ-cat = ${apa(x.gamma.gammaCat)}.`);
  const k = x.contradictions?.overall;
  if (k && k.matched + k.onlyA + k.onlyB > 0) parts.push(`Across pairs of coders, ${k.matched} contradictions were identified by both coders and ${k.onlyA + k.onlyB} by one only (F1 = ${apa(k.f1)}).`);
  const total = Object.values(x.decisions.byAction).reduce((s, v) => s + v, 0);
  if (total > 0) parts.push(`Disagreements were reconciled in discussion (${total} decisions: ${Object.entries(x.decisions.byAction).map(([a, n]) => `${n} ${a}`).join(', ')}).`);
  return parts.join(' ');
}

export function buildReliabilityReport(x: ReliabilityReportInput): ReliabilityReport {
  const nums = new Numbers(x.agreementCommand);
  const blocks: Block[] = [
    { h: `Reliability report: ${x.media.name}` },
    { p: `Every number below comes from the command printed beside it; run it to check. All agreement numbers: \`${x.agreementCommand}\`.` },
    ...dataBlocks(nums, x),
    ...agreementBlocks(nums, x),
    ...pairBlocks(nums, x),
    ...gammaBlocks(nums, x),
    ...contradictionBlocks(nums, x),
    ...decisionBlocks(nums, x),
    { h: 'Methods paragraph (APA)' },
    { p: methodsParagraph(x) },
  ];
  return { markdown: toMarkdown(blocks), html: toHtml(blocks, x.media.name), numbers: nums.list };
}

function toMarkdown(blocks: Block[]): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const out: string[] = [];
  blocks.forEach((b, i) => {
    if ('h' in b) out.push(`${i === 0 ? '#' : '##'} ${b.h}`);
    else if ('p' in b) out.push(b.p);
    else if ('code' in b) out.push('```', b.code, '```');
    else out.push(`| ${b.head.map(cell).join(' | ')} |`, `|${b.head.map(() => ' --- ').join('|')}|`, ...b.table.map((r) => `| ${r.map(cell).join(' | ')} |`));
    out.push('');
  });
  return out.join('\n');
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const inline = (s: string) => esc(s).replace(/`([^`]+)`/g, '<code>$1</code>');

function toHtml(blocks: Block[], title: string): string {
  const body = blocks.map((b, i) => {
    if ('h' in b) return i === 0 ? `<h1>${esc(b.h)}</h1>` : `<h2>${esc(b.h)}</h2>`;
    if ('p' in b) return `<p>${inline(b.p)}</p>`;
    if ('code' in b) return `<pre>${esc(b.code)}</pre>`;
    const head = b.head.some((h) => h) ? `<thead><tr>${b.head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead>` : '';
    return `<table>${head}<tbody>${b.table.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
  });
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${esc(`Reliability report: ${title}`)}</title>\n<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60em;margin:2em auto;padding:0 1em}table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.2em .6em;text-align:left}code{font-size:90%;background:#f4f4f4;padding:0 .2em}</style></head>\n<body>\n${body.join('\n')}\n</body></html>\n`;
}
