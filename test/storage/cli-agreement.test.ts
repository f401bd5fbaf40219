/**
 * `triangulate agreement`: numbers on a small hand-made CSV checked against values worked out by
 * hand, the same data through a project file, matrix input against a published example, and
 * every kind of malformed input (exit 2, one line naming the file/row/field, no stack trace).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triangulate-cli-agreement-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string | Buffer): string {
  const f = path.join(dir, name);
  fs.writeFileSync(f, text);
  return f;
}

/*
 * Two coders, two codes, timeline [0, 10) s, unit 1 s → slices k = 0..9 with midpoints k + 0.5.
 *   A: Tools [0,4)  → slices 0 1 2 3        Shared object [6,8) → slices 6 7
 *   B: Tools [0,3)  → slices 0 1 2          Shared object [6,9) → slices 6 7 8
 *      Tools [5,6)  → slice  5
 * Tools:  both 3 (0,1,2), only A 1 (3), only B 1 (5), neither 5 → 10 slices.
 *   percent = 8/10 = 0.8; p_A = p_B = 0.4; p_e = 0.4·0.4 + 0.6·0.6 = 0.52;
 *   Cohen = (0.8 − 0.52)/(1 − 0.52) = 0.28/0.48 = 0.583333…; positive = 2·3/(2·3 + 1 + 1) = 0.75;
 *   Fleiss: pooled share applied = 8/20 = 0.4 → P_e = 0.52, κ = 0.583333…;
 *   alpha: n = 20 values, n_1 = 8, n_0 = 12, two disagreeing units each give o_01 = o_10 = 1:
 *   α = 1 − (n − 1)·Σoδ/Σn_c n_k δ = 1 − 19·4/(2·8·12) = 1 − 76/192 = 0.604166….
 * Shared object: both 2, only A 0, only B 1, neither 7.
 *   percent = 0.9; p_A = 0.2, p_B = 0.3; p_e = 0.06 + 0.56 = 0.62; Cohen = 0.28/0.38 = 0.736842…;
 *   positive = 4/5 = 0.8; Fleiss: share 5/20 = 0.25, P_e = 0.625, κ = 0.275/0.375 = 0.733333…;
 *   alpha = 1 − 19·2/(2·5·15) = 1 − 38/150 = 0.746666….
 * Overall (pooled 2x2 of 20 units): both 5, only A 1, only B 2, neither 12.
 *   percent = 17/20 = 0.85; p_A = 0.3, p_B = 0.35; p_e = 0.105 + 0.455 = 0.56; Cohen = 0.29/0.44 = 0.659090…;
 *   Fleiss: share 13/40 = 0.325, P_e = 0.105625 + 0.455625 = 0.56125, κ = 0.28875/0.43875 = 0.658119…;
 *   alpha = 1 − 39·6/(2·13·27) = 1 − 234/702 = 0.666666…; positive = 10/13.
 * --exclude-uncoded drops slices 4 and 9 (nobody coded anything): Tools then has both 3, only A 1,
 *   only B 1, neither 3 of 8: percent 0.75, p_A = p_B = 0.5, p_e = 0.5, Cohen = 0.5.
 * --exact (every boundary is on the 1 s grid): percent and kappas as with slices; alpha loses its
 *   small-sample factor: Tools α = 1 − n·Σoδ/Σn_c n_k δ = 1 − 20·4/192 = 0.583333….
 */
const HAND = [
  'coder,code,start,end,note',
  'A,Researchers/Tools,0,4,',
  'A,Shared object,6,8,',
  'B,Researchers/Tools,0,3,',
  'B,Researchers/Tools,5.000,6,split',
  'B,Shared object,6,9,',
].join('\n');

describe('agreement on a hand-made segments CSV', () => {
  const csv = write('hand.csv', HAND + '\n');

  it('reports the hand-computed numbers (slices of 1 s)', async () => {
    const r = await cli('agreement', csv, '--duration', '10', '--format', 'json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j).slice(0, 9)).toEqual(['input', 'unit', 'exact', 'duration', 'coders', 'units', 'overall', 'codes', 'pairs']);
    expect(j).toMatchObject({ input: 'segments', unit: 1, exact: false, duration: 10, coders: ['A', 'B'], units: 10 });
    const [tools, shared] = j.codes;
    expect(tools.code).toBe('Researchers/Tools');
    expect(tools.units).toBe(10);
    expect(tools.percentAgreement).toBeCloseTo(0.8, 12);
    expect(tools.cohensKappa).toBeCloseTo(0.28 / 0.48, 12);
    expect(tools.fleissKappa).toBeCloseTo(0.28 / 0.48, 12);
    expect(tools.krippendorffAlpha).toBeCloseTo(1 - 76 / 192, 12);
    expect(tools.positiveAgreement).toBeCloseTo(0.75, 12);
    expect(shared.code).toBe('Shared object');
    expect(shared.percentAgreement).toBeCloseTo(0.9, 12);
    expect(shared.cohensKappa).toBeCloseTo(0.28 / 0.38, 12);
    expect(shared.fleissKappa).toBeCloseTo(0.275 / 0.375, 12);
    expect(shared.krippendorffAlpha).toBeCloseTo(1 - 38 / 150, 12);
    expect(shared.positiveAgreement).toBeCloseTo(0.8, 12);
    expect(j.overall.percentAgreement).toBeCloseTo(0.85, 12);
    expect(j.overall.cohensKappa).toBeCloseTo(0.29 / 0.44, 12);
    expect(j.overall.fleissKappa).toBeCloseTo(0.28875 / 0.43875, 12);
    expect(j.overall.krippendorffAlpha).toBeCloseTo(1 - 234 / 702, 12);
    expect(j.overall.meanPairwiseCohensKappa).toBeCloseTo(0.29 / 0.44, 12);
    expect(j.overall.positiveAgreement).toBeCloseTo(10 / 13, 12);
    expect(j.pairs).toHaveLength(1);
    expect(j.pairs[0].coders).toEqual(['A', 'B']);
    expect(j.pairs[0].cohensKappa).toBeCloseTo(0.29 / 0.44, 12);
    expect(j.pairs[0].confusion).toEqual({ both: 5, onlyA: 1, onlyB: 2, neither: 12 });
  });

  it('--exclude-uncoded drops the slices nobody coded', async () => {
    const j = JSON.parse((await cli('agreement', csv, '--duration', '10', '--exclude-uncoded', '--format', 'json')).stdout);
    expect(j.codes[0].units).toBe(8);
    expect(j.codes[0].percentAgreement).toBeCloseTo(0.75, 12);
    expect(j.codes[0].cohensKappa).toBeCloseTo(0.5, 12);
  });

  it('--exact equals the slices for percent and kappas when boundaries sit on the grid; alpha drops (n−1)/n', async () => {
    const j = JSON.parse((await cli('agreement', csv, '--duration', '10', '--exact', '--format', 'json')).stdout);
    expect(j.exact).toBe(true);
    expect(j.unit).toBeNull();
    expect(j.codes[0].percentAgreement).toBeCloseTo(0.8, 12);
    expect(j.codes[0].cohensKappa).toBeCloseTo(0.28 / 0.48, 12);
    expect(j.codes[0].krippendorffAlpha).toBeCloseTo(1 - 80 / 192, 12);
    expect(j.overall.cohensKappa).toBeCloseTo(0.29 / 0.44, 12);
    // half-second slices see the same grid-aligned boundaries: same percent and kappa
    const h = JSON.parse((await cli('agreement', csv, '--duration', '10', '--unit', '0.5', '--format', 'json')).stdout);
    expect(h.units).toBe(20);
    expect(h.codes[0].percentAgreement).toBeCloseTo(0.8, 12);
    expect(h.codes[0].cohensKappa).toBeCloseTo(0.28 / 0.48, 12);
  });

  it('without --duration the timeline ends at the largest segment end (9 s → 9 slices)', async () => {
    const j = JSON.parse((await cli('agreement', csv, '--format', 'json')).stdout);
    expect(j.duration).toBe(9);
    expect(j.units).toBe(9);
    // slice 9 (neither) is gone: Tools both 3, onlyA 1, onlyB 1, neither 4 → percent 7/9
    expect(j.codes[0].percentAgreement).toBeCloseTo(7 / 9, 12);
  });

  it('--codes and --coders select, by full path or unique name', async () => {
    const j = JSON.parse((await cli('agreement', csv, '--duration', '10', '--codes', 'shared object', '--coders', 'B,A', '--format', 'json')).stdout);
    expect(j.coders).toEqual(['B', 'A']);
    expect(j.codes.map((c: { code: string }) => c.code)).toEqual(['Shared object']);
    expect(j.overall.cohensKappa).toBeCloseTo(0.28 / 0.38, 12);
  });

  it('table: rounded to 3 decimals, per code, overall and pairs', async () => {
    const r = await cli('agreement', csv, '--duration', '10');
    expect(r.code).toBe(0);
    const line = (start: string) => r.stdout.split('\n').find((l) => l.startsWith(start))!.split(/\s{2,}/);
    expect(line('Researchers/Tools')).toEqual(['Researchers/Tools', '10', '0.800', '0.583', '0.583', '0.604', '0.750']);
    expect(line('Shared object')).toEqual(['Shared object', '10', '0.900', '0.737', '0.733', '0.747', '0.800']);
    expect(line('OVERALL')).toEqual(['OVERALL (pooled)', '20', '0.850', '0.659', '0.658', '0.667', '0.769']);
    expect(line('A – B')).toEqual(['A – B', '0.850', '0.659', '0.667', '0.769', '5', '1', '2', '12']);
  });

  it('csv: the agreement export table at full precision', async () => {
    const r = await cli('agreement', csv, '--duration', '10', '--format', 'csv');
    const lines = r.stdout.trim().split(/\r?\n/);
    expect(lines[0]).toBe('scope,code,coder_a,coder_b,units,percent_agreement,cohens_kappa,fleiss_kappa,krippendorff_alpha,positive_agreement,mean_pairwise_cohens_kappa,notes,u_alpha');
    const overall = lines[1].split(',');
    expect(overall[0]).toBe('overall');
    expect(Number(overall[6])).toBeCloseTo(0.29 / 0.44, 12);
    expect(lines.filter((l) => l.startsWith('code,'))).toHaveLength(2);
    expect(lines.filter((l) => l.startsWith('pair,'))).toHaveLength(1);
  });

  it('undefined statistics are null with a note (a code nobody applied within the chosen time)', async () => {
    const j = JSON.parse((await cli('agreement', csv, '--duration', '10', '--coders', 'A,B', '--codes', 'Researchers/Tools', '--format', 'json')).stdout);
    expect(j.codes[0].cohensKappa).not.toBeNull();
    // A applied X in both slices, B never: p_o = 0, p_A = 1, p_B = 0, p_e = 1·0 + 0·1 = 0 → κ = 0.
    // W is applied by C only, who is not selected: nobody applied it in any slice, chance
    // agreement is 1 and every chance-corrected statistic is null with a note (not 1, not NaN).
    // Z is only a point event: it is compared as a point code (under "points"), not in the slices.
    const one = write('one-sided.csv', 'coder,code,start,end\nA,X,0,2\nB,Y,0,2\nA,Z,1,1\nC,W,0,2\n');
    const k = JSON.parse((await cli('agreement', one, '--coders', 'A,B', '--codes', 'X,W,Z', '--format', 'json')).stdout);
    expect(k.codes.map((c: { code: string }) => c.code)).toEqual(['X', 'W']);
    expect(k.codes[0].percentAgreement).toBe(0);
    expect(k.codes[0].cohensKappa).toBe(0);
    expect(k.codes[1]).toMatchObject({ code: 'W', percentAgreement: 1, cohensKappa: null, fleissKappa: null, krippendorffAlpha: null, pointEvents: 0 });
    expect(k.codes[1].notes.cohensKappa).toMatch(/ever applied the code/);
    expect(k.codes[1].notes.krippendorffAlpha).toMatch(/undefined/);
    expect(k.points.codes).toEqual([{ code: 'Z', points: { A: 1, B: 0 } }]);
    expect(k.points.pairs[0]).toMatchObject({ coders: ['A', 'B'], matched: 0, onlyA: 1, onlyB: 0, recall: 0, precision: null });
    const table = (await cli('agreement', one, '--coders', 'A,B', '--codes', 'X,W,Z')).stdout;
    expect(table.split('\n').find((l) => l.startsWith('W '))).toMatch(/^W\s+2\s+1\.000\s+—\s+—\s+—\s+—\s+\[1\]/);
    expect(table).toMatch(/\[1\] Cohen: .*ever applied/);
    expect(table).toMatch(/Point events \(markers\), matched one-to-one within 1 s/);
    // matched 0, only A 1, only B 0, precision — (B placed none), recall 0, F1 0, κ 0 (1 window: pA = 1, pB = 0 → pe = po = 0)
    expect(table.split('\n').find((l) => /^A – B\s+Z\s/.test(l))).toMatch(/^A – B\s+Z\s+0\s+1\s+0\s+—\s+0\.000\s+0\.000\s+0\.000$/);
    // three coders: Cohen's kappa is null with a note
    const three = write('three.csv', 'coder,code,start,end\nA,X,0,2\nB,X,0,2\nC,X,0,1\n');
    const t = JSON.parse((await cli('agreement', three, '--format', 'json')).stdout);
    expect(t.codes[0].cohensKappa).toBeNull();
    expect(t.codes[0].notes.cohensKappa).toMatch(/exactly two coders/);
    expect(t.pairs.map((p: { coders: string[] }) => p.coders.join('-'))).toEqual(['A-B', 'A-C', 'B-C']);
  });
});

describe('agreement on a project file gives the same numbers as on the CSV', () => {
  it('imports the hand-made CSV and agrees with the CSV run', async () => {
    const project = path.join(dir, 'hand.triangulate');
    expect((await cli('new', project)).code).toBe(0);
    expect((await cli('import-segments', project, path.join(dir, 'hand.csv'), '--media', 'clip.mp4')).code).toBe(0);
    const before = fs.readFileSync(project);
    const p = await cli('agreement', project, '--duration', '10', '--format', 'json');
    expect(p.stderr).toBe('');
    const c = await cli('agreement', path.join(dir, 'hand.csv'), '--duration', '10', '--format', 'json');
    const pj = JSON.parse(p.stdout);
    const cj = JSON.parse(c.stdout);
    expect(pj.media).toBe('clip.mp4');
    expect(pj.codes.map((x: { code: string }) => x.code)).toEqual(['Researchers/Tools', 'Shared object']);
    expect(pj.overall).toEqual(cj.overall);
    expect(pj.codes).toEqual(cj.codes);
    expect(pj.pairs).toEqual(cj.pairs);
    expect(fs.readFileSync(project).equals(before)).toBe(true); // read only
    const bad = await cli('agreement', project, '--codes', 'Nope');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/hand\.triangulate: --codes: unknown code "Nope"/);
    const amb = await cli('agreement', project, '--codes', 'Tools');
    expect(amb.code).toBe(2);
    expect(amb.stderr).toMatch(/ambiguous.*Researchers\/Tools.*Practitioners\/Tools/);
  });
});

describe('reliability matrix input', () => {
  // Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", 4 observers × 12 units,
  // missing values empty. Published: nominal α = .743, interval α = .849.
  const K2011 = 'A,B,C,D\n1,1,,1\n2,2,3,2\n3,3,3,3\n3,3,3,3\n2,2,2,2\n1,2,3,4\n4,4,4,4\n1,1,2,1\n2,2,2,2\n,5,5,5\n,,1,1\n,3,,\n';
  const m = write('k2011.csv', K2011);
  it('is detected by its header and reproduces the published alphas', async () => {
    const j = JSON.parse((await cli('agreement', m, '--format', 'json')).stdout);
    expect(j).toMatchObject({ input: 'matrix', level: 'nominal', coders: ['A', 'B', 'C', 'D'], units: 12, pairableUnits: 11 });
    expect(j.krippendorffAlpha).toBeCloseTo(0.743, 3);
    expect(j.cohensKappa).toBeNull();
    const i = JSON.parse((await cli('agreement', m, '--matrix', '--level', 'interval', '--format', 'json')).stdout);
    expect(i.krippendorffAlpha).toBeCloseTo(0.849, 3);
    const t = await cli('agreement', m, '--level', 'ordinal');
    expect(t.stdout).toMatch(/Krippendorff's alpha\s+0\.815/);
  });
  it('refuses segment options', async () => {
    const r = await cli('agreement', m, '--unit', '0.5');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/k2011\.csv: --unit applies to coded segments/);
  });
});

describe('malformed input: exit 2, one line naming the file and the row/field, no stack trace', () => {
  const hand = path.join(dir, 'hand.csv');
  const cases: [string, () => string[], RegExp][] = [
    ['unknown coder', () => ['agreement', write('h1.csv', HAND), '--coders', 'A,Zoe'], /h1\.csv: --coders: unknown coder "Zoe" \(the file has: A, B\)/],
    ['unknown code', () => ['agreement', write('h2.csv', HAND), '--codes', 'Tools,Rulez'], /h2\.csv: --codes: unknown code "Rulez"/],
    ['empty file', () => ['agreement', write('empty.csv', '')], /empty\.csv: file is empty/],
    ['header only', () => ['agreement', write('header.csv', 'coder,code,start,end\n')], /header\.csv: no segments/],
    ['end before start', () => ['agreement', write('back.csv', 'coder,code,start,end\nA,X,0,4\nB,X,5,2\n')], /back\.csv: line 3, column "end": end 2 is before start 5/],
    ['non-numeric time', () => ['agreement', write('nan.csv', 'coder,code,start,end\nA,X,0,4\nB,X,1:02,70\n')], /nan\.csv: line 3, column "start"/],
    ['one coder only', () => ['agreement', write('one.csv', 'coder,code,start,end\nA,X,0,4\nA,Y,1,2\n')], /one\.csv: agreement needs at least two coders; got 1 \(A\)/],
    ['missing column', () => ['agreement', write('nostart.csv', 'coder,code,strat,end\nA,X,0,4\n')], /nostart\.csv: line 1: missing column "start"/],
    ['unknown format', () => ['agreement', hand, '--format', 'xml'], /--format: "xml" is not one of json, csv, table/],
    ['unknown level', () => ['agreement', hand, '--level', 'cardinal'], /--level: "cardinal" is not one of nominal, ordinal, interval, ratio/],
    ['level on segments', () => ['agreement', hand, '--level', 'ordinal'], /hand\.csv: --level applies to reliability matrix input only/],
    ['non-numeric unit', () => ['agreement', hand, '--unit', 'abc'], /--unit: "abc" is not a number of seconds/],
    ['zero unit', () => ['agreement', hand, '--unit', '0'], /--unit: "0" must be a positive number of seconds/],
    ['unit and exact', () => ['agreement', hand, '--unit', '1', '--exact'], /--unit and --exact exclude each other/],
    ['missing file', () => ['agreement', path.join(dir, 'nope.csv')], /nope\.csv: no such file/],
    ['unknown media', () => ['agreement', hand, '--media', 'other.mp4'], /hand\.csv: --media: no segment has media "other\.mp4"/],
    ['matrix with a ragged row', () => ['agreement', write('ragged.csv', 'A,B\n1,2\n1,2,3\n')], /ragged\.csv: row 3: 3 fields but the header names 2 coders/],
    ['project is not a matrix', () => ['agreement', path.join(dir, 'hand.triangulate'), '--matrix'], /--matrix: this is a project file/],
    // the streamed segments CSV reader (issue 11): a bad byte or quote past the header, found as the file is read
    ['bad UTF-8 in a row', () => ['agreement', write('latin1.csv', Buffer.from('coder,code,start,end\nA,X,0,4\nB,X,1,3\nB,caf\xe9,1,2\n', 'latin1'))], /latin1\.csv: not valid UTF-8 at byte offset 42 \(line 4\); save it as UTF-8/],
    ['a quote never closed', () => ['agreement', write('open.csv', 'coder,code,start,end,note\nA,X,0,4,ok\nB,X,1,3,"says ""hi""\n')], /open\.csv: line 3: a quoted field is never closed/],
  ];
  it.each(cases)('%s', async (_name, argv, message) => {
    const r = await cli(...argv());
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^triangulate: /);
    expect(lines[0]).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a real subprocess: exit status 2 and one line on stderr', () => {
    const bad = write('sub.csv', 'coder,code,start,end\nA,X,0,4\nB,X,zero,2\n');
    const tsx = path.resolve(__dirname, '../../node_modules/.bin/tsx');
    const p = spawnSync(tsx, ['src/main/cli/index.ts', 'agreement', bad], { cwd: path.resolve(__dirname, '../..'), encoding: 'utf8' });
    expect(p.status).toBe(2);
    expect(p.stdout).toBe('');
    expect(p.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^triangulate: .*sub\.csv: line 3, column "start": /)]);
  });
  it('a real subprocess: success prints the JSON numbers', () => {
    const tsx = path.resolve(__dirname, '../../node_modules/.bin/tsx');
    const p = spawnSync(tsx, ['src/main/cli/index.ts', 'agreement', hand, '--duration', '10', '--format', 'json'], { cwd: path.resolve(__dirname, '../..'), encoding: 'utf8' });
    expect(p.status).toBe(0);
    expect(JSON.parse(p.stdout).overall.cohensKappa).toBeCloseTo(0.29 / 0.44, 12);
  });
});
