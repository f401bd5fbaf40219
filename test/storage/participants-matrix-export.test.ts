/**
 * `export --kind matrix` on the fixture study (test/helpers/participantsStudy.ts): the tidy and the
 * wide CSV hold the same numbers, and those are the hand-worked counts; bad options give one line
 * and exit 2.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../../src/shared/csv/safe';
import { cli } from '../helpers/cli';
import { participantsStudy } from '../helpers/participantsStudy';

const rowsOf = (file: string) => readCsv(fs.readFileSync(file, 'utf8')).map((r) => r.cells);

/** The wide table as tidy triples (row, column, value), for comparing with the tidy file. */
function wideAsTidy(cells: string[][]): string[][] {
  const [header, ...rows] = cells;
  return rows.flatMap((r) => header!.slice(1).map((col, i) => [r[0]!, col, r[i + 1]!]));
}

describe('export --kind matrix', () => {
  it('writes tidy and wide CSV with the same numbers, worked out by hand', async () => {
    const f = await participantsStudy();
    f.store.close();
    const tidy = path.join(f.dir, 'tidy.csv');
    const wide = path.join(f.dir, 'wide.csv');
    const r1 = await cli('export', f.file, '--kind', 'matrix', '--rows', 'code', '--cols', 'group', '--measure', 'seconds', '--out', tidy);
    expect(r1.stderr).toBe('');
    expect(r1.code).toBe(0);
    expect(r1.stdout).toMatch(/Wrote matrix export: .*tidy\.csv \(4 rows\)/);
    const r2 = await cli('export', f.file, '--kind', 'matrix', '--rows', 'code', '--cols', 'group', '--measure', 'seconds', '--wide', '--out', wide);
    expect(r2.code).toBe(0);
    const t = rowsOf(tidy);
    // coded seconds (see participants-compare.test.ts): Rules × A = s2 + s7 = 18, Rules × B = s2 + s4 = 25,
    // Tools × A = [0,12) = 12, Tools × B = [0,10) + [30,40) = 20
    expect(t).toEqual([
      ['row', 'column', 'measure', 'value'],
      ['Researchers/Rules', 'Dyad A', 'seconds', '18'],
      ['Researchers/Rules', 'Dyad B', 'seconds', '25'],
      ['Researchers/Tools', 'Dyad A', 'seconds', '12'],
      ['Researchers/Tools', 'Dyad B', 'seconds', '20'],
    ]);
    const w = rowsOf(wide);
    expect(w[0]).toEqual(['code', 'Dyad A', 'Dyad B']);
    expect(wideAsTidy(w)).toEqual(t.slice(1).map(([row, col, , v]) => [row!, col!, v!]));
  });

  it('tidy lists every row × column (empty cells as 0, an undefined share empty); share and contradictions', async () => {
    const f = await participantsStudy();
    f.store.close();
    const out = path.join(f.dir, 'share.csv');
    expect((await cli('export', f.file, '--kind', 'matrix', '--rows', 'code', '--cols', 'participant', '--measure', 'share', '--out', out)).code).toBe(0);
    const t = rowsOf(out);
    expect(t).toHaveLength(1 + 2 * 3);
    // Tools × Lena = 10 s of 20 s on screen
    expect(t).toContainEqual(['Researchers/Tools', 'Lena', 'share', '0.5']);
    expect(t).toContainEqual(['Researchers/Rules', 'Omar', 'share', '1']);
    const k = path.join(f.dir, 'k.csv');
    expect((await cli('export', f.file, '--kind', 'matrix', '--rows', 'contradiction', '--cols', 'participant', '--wide', '--out', k)).code).toBe(0);
    // Lena: k1 and k2; Omar: k1; Ria: k2
    expect(rowsOf(k)).toEqual([['contradiction', 'Lena', 'Omar', 'Ria'], ['Secondary: Tools – Rules', '2', '1', '1']]);
  });

  it('refuses bad options with one line, exit 2, writing nothing', async () => {
    const f = await participantsStudy();
    f.store.close();
    const out = path.join(f.dir, 'x.csv');
    const cases: [string[], RegExp][] = [
      [['--rows', 'code'], /--kind matrix needs --cols participant\|group/],
      [['--cols', 'group'], /--kind matrix needs --rows/],
      [['--rows', 'cooccurrence', '--cols', 'group'], /a co-occurrence table has codes as columns/],
      [['--rows', 'code', '--cols', 'group', '--coders', 'nobody'], /nobody/],
    ];
    for (const [args, msg] of cases) {
      const r = await cli('export', f.file, '--kind', 'matrix', ...args, '--out', out);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(msg);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(fs.existsSync(out)).toBe(false);
    }
    const r = await cli('export', f.file, '--kind', 'thematic', '--wide', '--out', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/apply to --kind matrix only/);
  });

  it('the thematic export gains per-group columns and the segments export participants and groups, agreeing with the matrix', async () => {
    const f = await participantsStudy();
    await f.api.createTheme({ name: 'Mediation', codeIds: [f.codes.T, f.codes.R] });
    f.store.close();
    const th = path.join(f.dir, 'thematic.csv');
    expect((await cli('export', f.file, '--kind', 'thematic', '--out', th)).code).toBe(0);
    const [header, ...rows] = rowsOf(th);
    const col = (name: string) => header!.indexOf(name);
    expect(header!.slice(col('count_amina'), col('consensus_count'))).toEqual(['count_amina', 'count_ben', 'group_Dyad A', 'group_Dyad B']);
    // Tools: coders' pairs s1 (Lena), s3 (Omar), s4 (Ria), s6 (nobody) → Dyad A {Lena, Omar}: s1, s3; Dyad B {Lena, Ria}: s1, s4
    // Rules: s2 (Lena, Omar), s4 (Ria), s7 (Omar) → A: s2, s7; B: s2, s4 — the matrix's segments of code × group
    const by = (code: string) => rows.find((r) => r[col('code')] === code)!;
    expect([by('Researchers/Tools')[col('segments')], by('Researchers/Tools')[col('group_Dyad A')], by('Researchers/Tools')[col('group_Dyad B')]]).toEqual(['4', '2', '2']);
    expect([by('Researchers/Rules')[col('segments')], by('Researchers/Rules')[col('group_Dyad A')], by('Researchers/Rules')[col('group_Dyad B')]]).toEqual(['3', '2', '2']);
    const seg = path.join(f.dir, 'segments.csv');
    expect((await cli('export', f.file, '--kind', 'segments', '--out', seg)).code).toBe(0);
    const [sh, ...srows] = rowsOf(seg);
    expect(sh!.slice(-2)).toEqual(['participants', 'groups']);
    const who = (id: string) => srows.filter((r) => r[sh!.indexOf('segment_id')] === id).map((r) => r.slice(-2));
    expect(who(f.segs.s2)).toEqual([['Lena; Omar', 'Dyad A; Dyad B']]);
    expect(who(f.segs.s4)).toEqual([['Ria', 'Dyad B'], ['Ria', 'Dyad B']]);
    expect(who(f.segs.s6)).toEqual([['', '']]);
    // the app's (in-memory) segments export writes the same text as the streamed file
    const store = f.reopen();
    const files = await (await import('../../src/main/service')).createService(store).exportCsv({ kind: 'segments' });
    store.close();
    expect(files.files[0]!.text).toBe(fs.readFileSync(seg, 'utf8'));
  });
});
