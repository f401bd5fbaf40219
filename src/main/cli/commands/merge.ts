/** coder-file, merge. */
import type { Command } from 'commander';
import { MERGE_KINDS, type MergeSummary } from '../../../shared/merge/types';
import { ProjectStore } from '../../db/store';
import { createCoderFile } from '../../features/merge/coderFile';
import { mergeCoderFiles } from '../../features/merge/merge';
import type { Out } from '../io';
import { plural } from '../../../shared/plural';
import { describe } from '../summaries';

export function formatMergeSummary(s: MergeSummary): string {
  const lines: string[] = [];
  for (const f of s.files) lines.push(`Merged ${f.file}${f.coderName ? ` (coder file of ${f.coderName}, ${plural(f.segments, 'segment')})` : ` (${plural(f.segments, 'segment')})`}`);
  const t = s.totals;
  lines.push(`added ${t.added}, updated ${t.updated}, unchanged ${t.unchanged}, deleted ${t.deleted}, conflicts ${t.conflicts}`);
  lines.push(`${'kind'.padEnd(15)}${'added'.padStart(8)}${'updated'.padStart(9)}${'unchanged'.padStart(11)}${'deleted'.padStart(9)}`);
  for (const k of MERGE_KINDS) {
    const c = s.counts[k];
    if (c.added + c.updated + c.unchanged + c.deleted === 0) continue;
    lines.push(`${k.padEnd(15)}${String(c.added).padStart(8)}${String(c.updated).padStart(9)}${String(c.unchanged).padStart(11)}${String(c.deleted).padStart(9)}`);
  }
  for (const n of s.notes) lines.push(`note: ${n.message}`);
  for (const c of s.conflicts) lines.push(`conflict (${c.kind}): ${c.message} [${c.file}]`);
  return `${lines.join('\n')}\n`;
}

export function registerMergeCommands(program: Command, out: Out): void {
  program
    .command('coder-file')
    .argument('<project>', 'project file')
    .argument('<coder-name>', 'coder to hand the file out to (created in the project when new)')
    .requiredOption('--out <file>', 'coder file to write')
    .option('--not-blind', 'include the other coders\' segments (default: blind)')
    .description(describe('coder-file'))
    .action((project: string, coderName: string, o: { out: string; notBlind?: boolean }) => {
      const store = ProjectStore.open(project);
      try {
        const r = createCoderFile(store, coderName, o.out, { blind: !o.notBlind });
        out.stdout(`Wrote coder file ${r.file} for ${r.coderName}${r.coderCreated ? ' (new coder, added to the project)' : ''}: ${r.blind ? 'blind' : 'not blind'}, ${r.segments} of their segments\n`);
      } finally {
        store.close();
      }
    });

  program
    .command('merge')
    .argument('<project>', 'project file to merge into')
    .argument('<coder-files...>', 'coder files')
    .description(describe('merge'))
    .action((project: string, files: string[]) => {
      const store = ProjectStore.open(project);
      try {
        out.stdout(formatMergeSummary(mergeCoderFiles(store, files)));
      } finally {
        store.close();
      }
    });
}
