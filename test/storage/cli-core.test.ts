import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli';
import { ProjectStore } from '../../src/main/db/store';
import { fileHash, tmpDir } from '../helpers/tmp';

/** A project with one media of 60 s. */
function project(): { dir: string; file: string } {
  const dir = tmpDir();
  const file = path.join(dir, 'study.triangulate');
  const store = ProjectStore.create(file);
  store.insertMedia({ path: path.join(dir, 'w.mp4'), name: 'w.mp4', fingerprint: 'c'.repeat(64), size: 3, durationMs: 60_000 });
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  store.close();
  return { dir, file };
}

function csv(dir: string, text: string): string {
  const f = path.join(dir, 'in.csv');
  fs.writeFileSync(f, text);
  return f;
}

describe('triangulate new', () => {
  it('creates a project with the default CHAT codebook', async () => {
    const file = path.join(tmpDir(), 'n.triangulate');
    const r = await cli('new', file);
    expect(r).toEqual({ code: 0, stdout: `Created ${file} with the default CHAT codebook (26 codes)\n`, stderr: '' });
    const s = ProjectStore.open(file);
    expect(s.listSystems().map((x) => x.name)).toEqual(['Researchers', 'Practitioners']);
    s.close();
  });
  it('refuses to overwrite with exit 2 and one line', async () => {
    const { file } = project();
    const before = fileHash(file);
    const r = await cli('new', file);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`triangulate: ${file}: file already exists; choose another name\n`);
    expect(fileHash(file)).toBe(before);
  });
});

describe('triangulate import-segments', () => {
  it('imports segments, creating coders and grouping codes of the same range into one segment', async () => {
    const { dir, file } = project();
    const input = csv(dir, [
      'coder,code,start,end,note',
      'Amina,Researchers/Tools,1.5,4.25,"the template, again"',
      'Amina,Researchers/Rules,1.5,4.25,"the template, again"',
      'Ben,Challenge,9.2,9.2,',
      'Ben,Practitioners/Object,10,12.001,brief',
    ].join('\n'));
    const r = await cli('import-segments', file, input);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('Imported 3 segments (4 rows) into w.mp4; new coders: Amina, Ben\n');
    const s = ProjectStore.open(file);
    const segs = s.listSegments();
    const byId = new Map(s.listCodes().map((c) => [c.id, c.name]));
    expect(segs.map((x) => [x.startMs, x.endMs, x.codeIds.map((c) => byId.get(c)).sort(), x.note])).toEqual([
      [1500, 4250, ['Rules', 'Tools'], 'the template, again'],
      [9200, 9200, ['Challenge'], ''],
      [10000, 12001, ['Object'], 'brief'],
    ]);
    s.close();
  });

  it('says "1 segment (1 row)" in the singular', async () => {
    const { dir, file } = project();
    const r = await cli('import-segments', file, csv(dir, 'coder,code,start,end\nAmina,Researchers/Tools,1,2\n'));
    expect(r.stdout).toBe('Imported 1 segment (1 row) into w.mp4; new coders: Amina\n');
  });

  it.each([
    ['a negative time', 'coder,code,start,end\nAmina,Researchers/Tools,-1,2\n', /line 2.*start.*negative/i],
    ['end < start', 'coder,code,start,end\nAmina,Researchers/Tools,5,2.5\n', /line 2.*end 2\.5 is before start 5/],
    ['an unknown code', 'coder,code,start,end\nAmina,Researchers/Tools,1,2\nAmina,Researchers/Teapot,1,2\n', /line 3.*Researchers\/Teapot/],
    ['a missing column', 'coder,code,start\nAmina,Researchers/Tools,1\n', /end/],
    ['a non-numeric time', 'coder,code,start,end\nAmina,Researchers/Tools,abc,2\n', /line 2.*start/],
    ['an ambiguous code name', 'coder,code,start,end\nAmina,Tools,1,2\n', /line 2.*Researchers\/Tools.*Practitioners\/Tools/],
  ])('refuses %s with exit 2, one line naming it, the project unchanged', async (_what, text, message) => {
    const { dir, file } = project();
    const before = fileHash(file);
    const r = await cli('import-segments', file, csv(dir, text));
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.stderr.startsWith(`triangulate: ${path.join(dir, "in.csv")}: `)).toBe(true);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(fileHash(file)).toBe(before);
    expect(fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0).toBe(0);
  });

  it('leaves the project unchanged when a later row is bad (one transaction)', async () => {
    const { dir, file } = project();
    const before = fileHash(file);
    const r = await cli('import-segments', file, csv(dir, 'coder,code,start,end\nAmina,Researchers/Tools,1,2\nNew coder,Researchers/Tools,3,2\n'));
    expect(r.code).toBe(2);
    expect(fileHash(file)).toBe(before);
    const s = ProjectStore.open(file, { readonly: true });
    expect([s.countSegments(), s.listCoders().length]).toEqual([0, 0]);
    s.close();
  });

  it('refuses an empty file and a missing file', async () => {
    const { dir, file } = project();
    const empty = csv(dir, '');
    expect(await cli('import-segments', file, empty)).toMatchObject({ code: 2, stderr: `triangulate: ${empty}: file is empty\n` });
    const gone = path.join(dir, 'nope.csv');
    expect(await cli('import-segments', file, gone)).toMatchObject({ code: 2, stderr: `triangulate: ${gone}: no such file\n` });
  });

  it('refuses a non-SQLite project file and a truncated one, unchanged', async () => {
    const { dir, file } = project();
    const input = csv(dir, 'coder,code,start,end\nAmina,Researchers/Tools,1,2\n');
    const fake = path.join(dir, 'fake.triangulate');
    fs.writeFileSync(fake, 'not a database');
    expect(await cli('import-segments', fake, input)).toMatchObject({ code: 2, stderr: `triangulate: ${fake}: not a Triangulate project (not a SQLite database)\n` });
    const cut = path.join(dir, 'cut.triangulate');
    fs.writeFileSync(cut, fs.readFileSync(file).subarray(0, 8192));
    const before = fileHash(cut);
    const r = await cli('import-segments', cut, input);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/project file is damaged or truncated/);
    expect(fileHash(cut)).toBe(before);
  });

  it('runs as a real command: exit 2 and no stack trace on bad input', () => {
    const { dir, file } = project();
    const input = csv(dir, 'coder,code,start,end\nAmina,Researchers/Tools,5,1\n');
    const r = spawnSync(process.execPath, [require.resolve('tsx/cli'), path.resolve(__dirname, '../../src/main/cli/index.ts'), 'import-segments', file, input], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/line 2/);
  });
});

describe('triangulate demo', () => {
  it('writes the demo project with the video and three coders', async () => {
    const dir = path.join(tmpDir(), 'demo');
    const r = await cli('demo', dir);
    expect(r.code).toBe(0);
    const s = ProjectStore.open(path.join(dir, 'Demo workshop.triangulate'));
    expect(s.listMedia().map((m) => [m.name, m.durationMs, m.frameRate])).toEqual([['workshop.mp4', 120_000, 25]]);
    expect(s.listCoders().map((c) => c.name)).toEqual(['amina', 'ben', 'chen']);
    // rows per coder in assets/demo/coders/*.csv: 24, 20, 24 (several rows may share one segment)
    const rows = s.db.prepare('SELECT count(*) AS n FROM segment_codes').get() as { n: number };
    expect(rows.n).toBe(68);
    s.close();
  });
});
