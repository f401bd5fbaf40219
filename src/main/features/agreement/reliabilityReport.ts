/**
 * `export --kind reliability`: the reliability report of one media of a project (Markdown, HTML
 * and the CSV of its numbers), computed by the same bundle as `triangulate agreement`, whose
 * command (with --format json) is printed beside every number.
 */
import { buildReliabilityReport, type CiOptions, type ReliabilityReport } from '../../../shared/agreement';
import { writeCsv } from '../../../shared/csv';
import type { ProjectStore } from '../../db/store';
import { gammaFigures, pickMedia, projectAgreementInput, selectionGamma } from './agreement';
import { agreementBundle } from './bundle';
import { projectContradictionAgreement } from './contradictions';
import { readDecisions } from '../export/decisions';
import { readSnapshot } from '../export/snapshot';

export interface ReliabilityOptions {
  media?: string;
  coders?: string[];
  codes?: string[];
  unitMs?: number;
  exact?: boolean;
  excludeUncoded?: boolean;
  ci?: CiOptions;
  minOverlap?: number;
}

const ciOf = (o: ReliabilityOptions) => ({ level: o.ci?.level ?? 0.95, samples: o.ci?.samples ?? 1000, seed: o.ci?.seed ?? 1 });

export const RELIABILITY_CSV_COLUMNS = ['section', 'row', 'measure', 'value', 'json_path', 'command'] as const;

/** A shell word: kept as is when safe, else in single quotes. */
export function shellWord(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The `triangulate agreement` command that prints every agreement number of the report. */
export function reliabilityAgreementCommand(projectArg: string, media: string, o: ReliabilityOptions): string[] {
  const ci = ciOf(o);
  return [
    'agreement', projectArg, '--media', media,
    ...(o.coders ? ['--coders', o.coders.join(',')] : []),
    ...(o.codes ? ['--codes', o.codes.join(',')] : []),
    ...(o.exact ? ['--exact'] : ['--unit', String((o.unitMs ?? 1000) / 1000)]),
    ...(o.excludeUncoded ? ['--exclude-uncoded'] : []),
    '--ci', String(ci.level), '--bootstrap', String(ci.samples), '--seed', String(ci.seed),
    '--contradictions', '--min-overlap', String(o.minOverlap ?? 0.5),
    '--gamma',
    '--format', 'json',
  ];
}

export async function reliabilityReport(store: ProjectStore, projectArg: string, o: ReliabilityOptions = {}): Promise<ReliabilityReport & { csv: string }> {
  const media = pickMedia(store, { mediaName: o.media });
  const input = projectAgreementInput(store, { mediaId: media.id, coderNames: o.coders, codeNames: o.codes });
  const ci = ciOf(o);
  const contradictions = projectContradictionAgreement(store, input.coders, o.minOverlap ?? 0.5);
  const b = agreementBundle(store.file, input, { unitMs: o.unitMs ?? 1000, exact: o.exact === true, excludeUncoded: o.excludeUncoded === true, ci }, contradictions);
  const snapshot = readSnapshot(store);
  const decisions = readDecisions(store, snapshot, { mediaIds: [media.id] });
  const byAction: Record<string, number> = {};
  for (const d of decisions) if (!d.undoneAt) byAction[d.action] = (byAction[d.action] ?? 0) + 1;
  const cmd = (args: string[]) => `triangulate ${args.map(shellWord).join(' ')}`;
  const agreementCommand = cmd(reliabilityAgreementCommand(projectArg, media.name, o));
  // Mathet's γ with the CLI's defaults and the same seed (agreement --gamma --seed S).
  const g = gammaFigures((await selectionGamma(input, store.file, { seed: ci.seed })).result);
  const report = buildReliabilityReport({
    project: projectArg,
    media: { name: media.name, durationMs: media.durationMs },
    agreement: b.result,
    ci: b.ci,
    unitizing: b.unitizing,
    contradictions: b.contradictions,
    agreementCommand,
    decisions: { byAction, undone: decisions.filter((d) => d.undoneAt).length, command: cmd(['export', projectArg, '--kind', 'agreement', '--media', media.name, '--out', 'agreement.csv']) },
    gamma: { gamma: g.gamma, gammaCat: g.gammaCat, command: agreementCommand },
  });
  const csv = writeCsv(RELIABILITY_CSV_COLUMNS, report.numbers.map((n) => [n.section, n.row, n.measure, n.value, n.path, n.command]));
  return { ...report, csv };
}
