/**
 * import <project> <file.qdpx|.qde|.eaf|.tsv|.csv|.txt> [--coder NAME] [--tiers a,b] [--media NAME] [--map value=code,...]
 * import --list <file>
 * exchange-export <project> --kind qdpx|eaf --out FILE [--media NAME] [--embed-media]
 */
import type { Command } from 'commander';
import type { ImportChoices } from '../../../shared/contract/exchange';
import { UserError } from '../../../shared/errors';
import { ProjectStore } from '../../db/store';
import { describeReport } from '../../features/exchange/apply';
import { exportExchangeKind } from '../../features/exchange/export';
import { importExchangeFile, readImportSource } from '../../features/exchange/import';
import { listImportSource } from '../../features/exchange/list';
import type { Out } from '../io';
import { describe } from '../summaries';

const collect = (v: string, prev: string[] = []): string[] => [...prev, v];

/** "a,b" (repeatable) → ["a", "b"]. */
function list(values: string[] | undefined): string[] | undefined {
  if (!values) return undefined;
  const out = values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  return out.length ? out : undefined;
}

/** "value=code,other=new,x=skip" (repeatable) → { value: code, … }; the last "=" separates. */
export function parseMap(values: string[] | undefined): Record<string, string> | undefined {
  if (!values) return undefined;
  const out: Record<string, string> = {};
  for (const item of values.flatMap((v) => v.split(','))) {
    if (!item.trim()) continue;
    const i = item.lastIndexOf('=');
    if (i <= 0 || i === item.length - 1) throw new UserError('invalid', `--map: "${item}" is not value=code (or value=new, value=skip)`);
    out[item.slice(0, i).trim()] = item.slice(i + 1).trim();
  }
  return out;
}

/** import PROJECT FILE with the user's choices; prints the summary and its notes. */
function importInto(project: string, file: string, o: { coder?: string; tiers?: string[]; media?: string; map?: string[] }, out: Out): void {
  if (o.coder !== undefined && !o.coder.trim()) throw new UserError('invalid', '--coder: the name is empty');
  const choices: ImportChoices = { coder: o.coder?.trim(), tiers: list(o.tiers), media: o.media, values: parseMap(o.map) };
  const src = readImportSource(file);
  const store = ProjectStore.open(project);
  try {
    if (src.kind === 'qdpx' && (choices.coder || choices.tiers || choices.values)) {
      throw new UserError('invalid', '--coder, --tiers and --map apply to ELAN and event-table imports; a REFI-QDA project brings its own coders and codes');
    }
    const r = importExchangeFile(store, src, choices);
    out.stdout(`${describeReport(r, file)}\n`);
    for (const w of r.warnings) out.stdout(`  note: ${w}\n`);
  } finally {
    store.close();
  }
}

export function registerExchangeCommands(program: Command, out: Out): void {
  program
    .command('import')
    .argument('[project]', 'project file')
    .argument('[file]', 'REFI-QDA .qdpx/.qde, ELAN .eaf, a BORIS project .boris, or an event table (.tsv/.csv/.txt: BORIS or ELAN export)')
    .option('--list <file>', "print the file's tiers (ELAN), subjects and behaviours (BORIS) or codes, coders and media (REFI-QDA) with counts; imports nothing, needs no project")
    .option('--coder <name>', 'coder of every imported segment (EAF default: each tier\'s ANNOTATOR; tables: each subject/tier)')
    .option('--tiers <list>', 'tiers (or table subjects) to import, comma-separated (default: every table subject/tier, and every time-aligned EAF tier; symbolic EAF tiers, which ELAN stores without times, only when named here: they take their parent\'s span, or an equal share of it for a Symbolic_Subdivision)', collect)
    .option('--media <name>', 'existing media the segments belong to')
    .option('--map <pairs>', 'value=code,… (code path or unique name, or "new", or "skip")', collect)
    .description(describe('import'))
    .action((project: string | undefined, file: string | undefined, o: { list?: string; coder?: string; tiers?: string[]; media?: string; map?: string[] }) => {
      if (o.list !== undefined) {
        if (project !== undefined) throw new UserError('invalid', 'import --list takes only the file to list (no project)');
        out.stdout(`${listImportSource(readImportSource(o.list)).join('\n')}\n`);
        return;
      }
      if (project === undefined || file === undefined) throw new UserError('invalid', 'import needs a project and a file: triangulate import PROJECT FILE (or import --list FILE)');
      importInto(project, file, o, out);
    });

  program
    .command('exchange-export')
    .argument('<project>', 'project file')
    .requiredOption('--kind <kind>', 'qdpx (REFI-QDA project) or eaf (ELAN, one media)')
    .requiredOption('--out <file>', 'file to write')
    .option('--media <name>', 'EAF: the media to export (default: the only one)')
    .option('--embed-media', 'QDPX: put the video files into the archive')
    .description(describe('exchange-export'))
    .action((project: string, o: { kind: string; out: string; media?: string; embedMedia?: boolean }) => {
      if (o.kind !== 'qdpx' && o.kind !== 'eaf') throw new UserError('invalid', `--kind must be qdpx or eaf (got "${o.kind}")`);
      out.stdout(`${exportExchangeKind(project, o.kind, o.out, { media: o.media, embedMedia: !!o.embedMedia })}\n`);
    });
}
