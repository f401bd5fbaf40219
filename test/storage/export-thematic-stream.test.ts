/**
 * The thematic export read from the store in two passes (consensus rows, then the coders' rows:
 * db/tables/segments.ts) writes the same file as the in-memory writer on the full snapshot.
 */
import { describe, expect, it } from 'vitest';
import { ProjectStore } from '../../src/main/db/store';
import { buildExport, exportFiles } from '../../src/main/features/export/export';
import { readSnapshot } from '../../src/main/features/export/snapshot';
import { createTheme } from '../../src/main/features/themes/themes';
import { codePath } from '../../src/shared/domain';
import { studyWithSegments } from '../helpers/study';

// Agreed copies Ana's note on Tools (an example with its note); its "All agree" rationale never is one.
const CSV = [
  'coder,code,start,end,note,consensus',
  'Ana,Researchers/Tools,1,5,template shown,false',
  'Ben,Researchers/Tools,2,6,,false',
  'Ben,Researchers/Rules,2,6,"says ""the brief""",false',
  'Agreed,Researchers/Tools,1,6,template shown,true',
  'Agreed,Researchers/Rules,3,4,All agree,true',
  'Ana,Researchers/Rules,40,40,=1+1,false',
  'Ben,Practitioners/Object,10,30,,false',
].join('\n');

describe('thematic export streamed from the store', () => {
  it('equals the in-memory export of the full snapshot, whole and filtered', async () => {
    const { file } = await studyWithSegments(CSV);
    const store = ProjectStore.open(file);
    try {
      const codes = store.listCodes();
      const byId = new Map(codes.map((c) => [c.id, c]));
      const id = (p: string) => codes.find((c) => codePath(c, byId) === p)!.id;
      createTheme(store, { name: 'Tools and rules', codeIds: [id('Researchers/Rules'), id('Researchers/Tools')] });
      const b = createTheme(store, { name: 'Object', codeIds: [id('Practitioners/Object')] });
      const full = readSnapshot(store, { segments: true });
      const ana = full.coders.find((c) => c.name === 'Ana')!.id;
      const agreed = full.coders.find((c) => c.name === 'Agreed')!.id;
      for (const filters of [{}, { fromMs: 2500, toMs: 5000 }, { coderIds: [ana, agreed] }, { themeIds: [b.id] }, { consensusOnly: true }]) {
        const streamed = buildExport(store, 'thematic', { filters })[0]!.text;
        expect(streamed).toBe(exportFiles(full, 'thematic', { filters })[0]!.text);
      }
      const whole = buildExport(store, 'thematic')[0]!.text.split('\r\n');
      expect(whole[2]).toContain('w.mp4 @ 0:00:01–0:00:06: template shown');
      expect(whole.join('\n')).not.toContain('All agree');
    } finally {
      store.close();
    }
  });
});
