/** new, demo, import-segments. */
import path from 'node:path';
import type { Command } from 'commander';
import { ProjectStore } from '../../db/store';
import { createDemoProject } from '../../features/studies/demo';
import { importSegmentsFile } from '../../features/coding/importSegments';
import type { Out } from '../io';
import { plural } from '../../../shared/plural';
import { describe } from '../summaries';

export function registerCoreCommands(program: Command, out: Out): void {
  program
    .command('new')
    .argument('<project>', 'project file to create (*.triangulate)')
    .option('--name <name>', 'project name')
    .description(describe('new'))
    .action((project: string, o: { name?: string }) => {
      const store = ProjectStore.create(project, { name: o.name });
      const codes = store.listCodes().length;
      store.close();
      out.stdout(`Created ${path.resolve(project)} with the default CHAT codebook (${codes} codes)\n`);
    });

  program
    .command('demo')
    .argument('<dir>', 'folder to write the demo project into')
    .description(describe('demo'))
    .action(async (dir: string) => {
      const file = await createDemoProject(dir);
      out.stdout(`Wrote the demo project to ${file}\n`);
    });

  program
    .command('import-segments')
    .argument('<project>', 'project file')
    .argument('<csv>', 'segments CSV: coder,code,start,end[,media][,note]')
    .option('--media <name>', 'media the segments belong to')
    .description(describe('import-segments'))
    .action(async (project: string, csv: string, o: { media?: string }) => {
      const store = ProjectStore.open(project);
      try {
        const r = await importSegmentsFile(store, csv, { media: o.media });
        const skipped = r.skippedIdentical ? `; skipped ${plural(r.skippedIdentical, 'identical segment')} already in the project` : '';
        out.stdout(`Imported ${plural(r.segments, 'segment')} (${plural(r.rows, 'row')}) into ${r.media}${r.codersCreated.length ? `; new coders: ${r.codersCreated.join(', ')}` : ''}${skipped}\n`);
      } finally {
        store.close();
      }
    });

}
