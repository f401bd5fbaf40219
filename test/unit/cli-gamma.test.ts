/**
 * `triangulate agreement --gamma`: Mathet's γ on pygamma's headerless CSV and on a segments CSV,
 * the same figures in JSON, table and CSV, and malformed options refused (exit 2, one line).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { computeGamma } from '../../src/shared/agreement/gamma';
import { cli } from '../helpers/cli';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triangulate-cli-gamma-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string) => {
  const f = path.join(dir, name);
  fs.writeFileSync(f, text);
  return f;
};

/*
 * Two coders: x [0,10] both; y [20,30] (A) and [22,32] (B).
 *   pair x: d = 0; pair y: pos = (2 + 2)/(10 + 10) = 0.2, d = 3 · 0.04 = 0.12 (< 2, apart);
 *   observed disorder = (0 + 0.12) / (4 units / 2 coders) = 0.06, 2 unitary alignments.
 */
const PYGAMMA = 'A,x,0,10\nA,y,20,30\nB,x,0,10\nB,y,22,32\n';
const SEGMENTS = 'coder,code,start,end\nA,x,0,10\nA,y,20,30\nB,x,0,10\nB,y,22,32\n';

describe('agreement --gamma', () => {
  it("reads pygamma's headerless CSV; JSON carries the hand-worked disorder and every figure", async () => {
    const r = await cli('agreement', write('p.csv', PYGAMMA), '--gamma', '--format', 'json', '--seed', '7');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const g = JSON.parse(r.stdout).gamma;
    expect(Object.keys(g).sort()).toEqual(['alpha', 'beta', 'deltaEmpty', 'disorder', 'expectedDisorder', 'gamma', 'gammaCat', 'gammaK', 'precision', 'sampler', 'samples', 'seed', 'unitaryAlignments'].sort());
    expect(g.disorder).toBeCloseTo(0.06, 12);
    expect(g.unitaryAlignments).toBe(2);
    expect(Object.keys(g.gammaK)).toEqual(['x', 'y']);
    expect({ alpha: g.alpha, beta: g.beta, deltaEmpty: g.deltaEmpty, sampler: g.sampler, precision: g.precision, seed: g.seed }).toEqual({ alpha: 3, beta: 1, deltaEmpty: 1, sampler: 'statistical', precision: 0.05, seed: 7 });
    // The library on the same continuum and options gives the same numbers.
    const lib = await computeGamma(
      { annotators: ['A', 'B'], units: [[{ start: 0, end: 10, category: 'x' }, { start: 20, end: 30, category: 'y' }], [{ start: 0, end: 10, category: 'x' }, { start: 22, end: 32, category: 'y' }]] },
      { seed: 7 },
    );
    expect(g.gamma).toBe(lib.gamma);
    expect(g.expectedDisorder).toBe(lib.expectedDisorder);
  });

  it('gives the same γ from a segments CSV with a header, and honours the options', async () => {
    const a = JSON.parse((await cli('agreement', write('p2.csv', PYGAMMA), '--gamma', '--format', 'json', '--gamma-sampler', 'shuffle', '--delta-empty', '0.5', '--gamma-alpha', '1', '--gamma-beta', '2', '--precision', '0.1')).stdout).gamma;
    const b = JSON.parse((await cli('agreement', write('s.csv', SEGMENTS), '--gamma', '--format', 'json', '--gamma-sampler', 'shuffle', '--delta-empty', '0.5', '--gamma-alpha', '1', '--gamma-beta', '2', '--precision', '0.1')).stdout).gamma;
    expect(b).toEqual(a);
    expect(a.sampler).toBe('shuffle');
    // d(y) = α·δ∅·pos² = 1 · 0.5 · 0.04 = 0.02 → disorder 0.02 / 2 = 0.01
    expect(a.disorder).toBeCloseTo(0.01, 12);
  });

  it('table and CSV show the same figures as the JSON', async () => {
    const f = write('p3.csv', PYGAMMA);
    const g = JSON.parse((await cli('agreement', f, '--gamma', '--format', 'json')).stdout).gamma;
    const table = (await cli('agreement', f, '--gamma')).stdout;
    expect(table).toContain(`gamma ${g.gamma.toFixed(3)}`);
    expect(table).toMatch(/over 2 unitary alignments/);
    const csv = (await cli('agreement', f, '--gamma', '--format', 'csv')).stdout.split('\r\n');
    const header = csv[0]!.split(',');
    const overall = csv.find((l) => l.startsWith('overall'))!.split(',');
    expect(Number(overall[header.indexOf('gamma')])).toBe(g.gamma);
    expect(Number(overall[header.indexOf('gamma_disorder')])).toBe(g.disorder);
    expect(Number(overall[header.indexOf('gamma_samples')])).toBe(g.samples);
    const y = csv.find((l) => l.startsWith('code,y'))!.split(',');
    expect(y[header.indexOf('gamma')] === '' ? null : Number(y[header.indexOf('gamma')])).toBe(g.gammaK.y);
  });

  it.each([
    [['--gamma', '--gamma-sampler', 'bogus'], /--gamma-sampler: "bogus" is not one of shuffle, statistical/],
    [['--gamma', '--precision', '1.5'], /--precision: "1.5" must be below 1/],
    [['--gamma', '--precision', '0'], /--precision: "0" is not a number > 0/],
    [['--gamma', '--seed', '-3'], /--seed: "-3" is not a whole number/],
    [['--gamma', '--delta-empty', '0'], /--delta-empty: "0" is not a number > 0/],
    [['--gamma', '--gamma-alpha', 'x'], /--gamma-alpha: "x" is not a number/],
    [['--gamma-sampler', 'shuffle'], /--gamma-sampler applies to Mathet's gamma: add --gamma/],
    [['--gamma', '--coders', 'A'], /at least two coders/],
  ])('refuses %j with one line, exit 2', async (args, msg) => {
    const r = await cli('agreement', write('bad.csv', PYGAMMA), ...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(msg);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('refuses a malformed pygamma row and --gamma on a reliability matrix', async () => {
    const bad = await cli('agreement', write('badrow.csv', 'A,x,0,10\nB,x,zero,10\n'), '--gamma');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/line 2: expected annotator,category,start,end/);
    const m = await cli('agreement', write('m.csv', 'A,B\n1,1\n0,1\n'), '--gamma');
    expect(m.code).toBe(2);
    expect(m.stderr).toMatch(/--gamma aligns coded segments/);
  });
});
