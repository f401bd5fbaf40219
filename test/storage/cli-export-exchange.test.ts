import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { cli } from '../helpers/cli';
import { ProjectStore } from '../../src/main/db/store';
import { tmpDir } from '../helpers/tmp';

describe('export --kind qdpx|eaf (the contract command routes to the exchange writers)', () => {
  it('writes a REFI-QDA archive and an ELAN file of the demo that import back with every segment', async () => {
    const dir = tmpDir();
    expect((await cli('demo', path.join(dir, 'demo'))).code).toBe(0);
    const project = path.join(dir, 'demo', 'Demo workshop.triangulate');

    const qdpx = path.join(dir, 'demo.qdpx');
    const q = await cli('export', project, '--kind', 'qdpx', '--out', qdpx);
    expect(q.stderr).toBe('');
    expect(q.code).toBe(0);
    expect(Object.keys(unzipSync(fs.readFileSync(qdpx)))).toContain('project.qde');

    const eaf = path.join(dir, 'demo.eaf');
    expect((await cli('export', project, '--kind', 'eaf', '--out', eaf)).code).toBe(0);
    expect(fs.readFileSync(eaf, 'utf8')).toMatch(/^<\?xml[^>]*\?>\s*<ANNOTATION_DOCUMENT/);

    // the QDPX goes back into a fresh project with all 68 segment-code links of the three coders
    const fresh = path.join(dir, 'fresh.triangulate');
    expect((await cli('new', fresh)).code).toBe(0);
    const imp = await cli('import', fresh, qdpx);
    expect(imp.stderr).toBe('');
    const s = ProjectStore.open(fresh, { readonly: true });
    expect((s.db.prepare('SELECT count(*) AS n FROM segment_codes').get() as { n: number }).n).toBe(68);
    expect(s.listCoders().map((c) => c.name).sort()).toEqual(['amina', 'ben', 'chen']);
    s.close();
  });

  it('refuses CSV-only options with exchange kinds, exit 2 and nothing written', async () => {
    const dir = tmpDir();
    await cli('demo', path.join(dir, 'demo'));
    const project = path.join(dir, 'demo', 'Demo workshop.triangulate');
    const out = path.join(dir, 'x.csv');
    const r = await cli('export', project, '--kind', 'segments', '--out', out, '--embed-media');
    expect(r).toMatchObject({ code: 2, stderr: 'triangulate: --embed-media applies to --kind qdpx only\n' });
    expect(fs.existsSync(out)).toBe(false);
  });
});
