/**
 * `triangulate agreement`: the unitizing alphas (equal to the Agreement screen's) and the
 * bootstrap intervals (`--ci --bootstrap --seed`) in the JSON, table and CSV, with bad options.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProjectStore } from '../../src/main/db/store';
import { agreementService } from '../../src/main/features/agreement/service';
import { cli } from '../helpers/cli';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triangulate-cli-agreement-ci-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const f = path.join(dir, name);
  fs.writeFileSync(f, text);
  return f;
}

const HAND = ['coder,code,start,end', 'A,Researchers/Tools,0,4', 'A,Shared object,6,8', 'B,Researchers/Tools,0,3', 'B,Researchers/Tools,5,6', 'B,Shared object,6,9', ''].join('\n');

describe('unitizing alpha in the CLI equals the Agreement screen', () => {
  const project = path.join(dir, 'hand.triangulate');
  beforeAll(async () => {
    write('hand.csv', HAND);
    expect((await cli('new', project)).code).toBe(0);
    expect((await cli('import-segments', project, path.join(dir, 'hand.csv'), '--media', 'clip.mp4')).code).toBe(0);
  });

  it('JSON: uα per code and the overall family are the numbers the screen gets from the service', async () => {
    const j = JSON.parse((await cli('agreement', project, '--duration', '10', '--format', 'json')).stdout);
    const store = ProjectStore.open(project, { readonly: true });
    try {
      const svc = agreementService(store);
      const choices = await svc.agreementChoices({});
      const screen = await svc.agreementCompute({ mediaId: choices.mediaId!, durationMs: 10_000, unitMs: 1000, exact: false, excludeUncoded: false });
      const u = screen.unitizing!;
      expect(j.codes.map((c: { uAlpha: number }) => c.uAlpha)).toEqual(u.codes.map((c) => c.uAlpha));
      expect(j.unitizing.overall).toEqual(u.overall);
      expect(j.unitizing.codes).toEqual(u.codes);
      // Not vacuous: real numbers, in (−1, 1).
      for (const c of u.codes) expect(c.uAlpha).toBeGreaterThan(0);
      expect(u.overall.pooledUAlpha).toBeLessThan(1);
    } finally {
      store.close();
    }
  });

  it('table and CSV show the same uα', async () => {
    const j = JSON.parse((await cli('agreement', project, '--duration', '10', '--format', 'json')).stdout);
    const t = (await cli('agreement', project, '--duration', '10')).stdout;
    expect(t).toContain('Unitizing alpha');
    const row = t.split('\n').filter((l) => l.startsWith('Researchers/Tools'))[1]!.split(/\s{2,}/);
    expect(row[1]).toBe(j.codes[0].uAlpha.toFixed(3));
    expect(t).toMatch(/Overall, codes as values of one continuum: uα -?\d\.\d{3}, \|uα -?\d\.\d{3}, cuα /);
    const lines = (await cli('agreement', project, '--duration', '10', '--format', 'csv')).stdout.trim().split(/\r?\n/);
    const header = lines[0].split(',');
    const col = header.indexOf('u_alpha');
    expect(Number(lines.find((l) => l.startsWith('overall'))!.split(',')[col])).toBe(j.unitizing.overall.pooledUAlpha);
    expect(Number(lines.find((l) => l.startsWith('code,Researchers/Tools'))!.split(',')[col])).toBe(j.codes[0].uAlpha);
  });
});

describe('agreement --ci', () => {
  /* Two coders, timeline [0, 4) s, unit 1 s: A codes X on slices 0 1, B on slice 0. The same data as
   * the hand-enumerated case of bootstrap.test.ts: alpha's exact bootstrap distribution has its
   * 2.5 % quantile at −0.4 and its 97.5 % quantile at 1, q(α < .667) = .75. */
  const tiny = write('tiny.csv', 'coder,code,start,end\nA,X,0,2\nB,X,0,1\n');
  const hand = write('hand2.csv', HAND);

  it('puts {level, lower, upper, samples, pBelow} beside alpha and the kappas', async () => {
    const r = await cli('agreement', tiny, '--duration', '4', '--ci', '--bootstrap', '20000', '--seed', '9', '--format', 'json');
    expect(r.stderr).toBe('');
    const j = JSON.parse(r.stdout);
    const a = j.codes[0].ci.krippendorffAlpha;
    expect(Object.keys(a)).toEqual(['level', 'lower', 'upper', 'samples', 'pBelow']);
    expect(a.level).toBe(0.95);
    expect(a.samples).toBe(20000);
    expect(a.lower).toBeCloseTo(-0.4, 12);
    expect(a.upper).toBe(1);
    expect(Math.abs(a.pBelow['0.667'] - 0.75)).toBeLessThan(0.015);
    expect(Object.keys(j.overall.ci)).toEqual(['krippendorffAlpha', 'fleissKappa', 'cohensKappa']);
    expect(Object.keys(j.pairs[0].ci)).toEqual(['krippendorffAlpha', 'cohensKappa']);
    expect(j.bootstrap).toEqual({ level: 0.95, samples: 20000, seed: 9 });
  });

  it('is reproducible for a seed and changes with it; --ci 90 sets the level', async () => {
    const run = async (...extra: string[]) => JSON.parse((await cli('agreement', hand, '--duration', '10', '--ci', ...extra, '--format', 'json')).stdout);
    const a = await run('90', '--seed', '3', '--bootstrap', '300');
    const b = await run('90', '--seed', '3', '--bootstrap', '300');
    const c = await run('90', '--seed', '4', '--bootstrap', '300');
    expect(b).toEqual(a);
    expect(c.overall.ci).not.toEqual(a.overall.ci);
    expect(a.overall.ci.krippendorffAlpha.level).toBe(0.9);
    for (const row of [a.overall, ...a.codes]) {
      const ci = row.ci.krippendorffAlpha;
      expect(ci.lower).toBeLessThanOrEqual(row.krippendorffAlpha);
      expect(ci.upper).toBeGreaterThanOrEqual(row.krippendorffAlpha);
    }
  });

  it('table and CSV carry the intervals of the JSON', async () => {
    const args = [hand, '--duration', '10', '--ci', '--bootstrap', '200', '--seed', '5'];
    const j = JSON.parse((await cli('agreement', ...args, '--format', 'json')).stdout);
    const t = (await cli('agreement', ...args)).stdout;
    const a = j.overall.ci.krippendorffAlpha;
    expect(t).toContain('Bootstrap 95 % intervals (200 samples, seed 5');
    expect(t).toContain(`[${a.lower.toFixed(3)}, ${a.upper.toFixed(3)}]`);
    const lines = (await cli('agreement', ...args, '--format', 'csv')).stdout.trim().split(/\r?\n/);
    const header = lines[0].split(',');
    const overall = lines[1].split(',');
    expect(Number(overall[header.indexOf('krippendorff_alpha_ci_lower')])).toBe(a.lower);
    expect(Number(overall[header.indexOf('krippendorff_alpha_ci_upper')])).toBe(a.upper);
    expect(Number(overall[header.indexOf('krippendorff_alpha_p_below_0.8')])).toBe(a.pBelow['0.8']);
    expect(Number(overall[header.indexOf('cohens_kappa_ci_lower')])).toBe(j.overall.ci.cohensKappa.lower);
  });

  it('--seed serves --gamma and --ci together', async () => {
    const r = await cli('agreement', hand, '--duration', '10', '--gamma', '--ci', '--bootstrap', '100', '--seed', '3', '--format', 'json');
    expect(r.stderr).toBe('');
    const j = JSON.parse(r.stdout);
    expect(j.gamma.seed).toBe(3);
    expect(j.bootstrap.seed).toBe(3);
    expect(j.overall.ci.krippendorffAlpha.samples).toBe(100);
    const g = await cli('agreement', hand, '--duration', '10', '--gamma', '--seed', '3', '--format', 'json');
    expect(g.code).toBe(0);
    expect(JSON.parse(g.stdout).bootstrap).toBeUndefined();
  });

  it('exact mode says why it has no interval', async () => {
    const j = JSON.parse((await cli('agreement', hand, '--duration', '10', '--exact', '--ci', '--format', 'json')).stdout);
    expect(j.bootstrap.note).toMatch(/countable units/);
    expect(j.overall.ci).toEqual({});
  });

  it.each([
    [['--ci', 'abc'], /--ci: "abc" is not a confidence level/],
    [['--ci', '--bootstrap', '0'], /--bootstrap: "0" must be a whole number/],
    [['--ci', '--bootstrap', '1e9'], /--bootstrap/],
    [['--ci', '--seed', '-1'], /--seed: "-1" must be a whole number/],
    [['--seed', '3'], /--seed applies to confidence intervals \(--ci\) and gamma \(--gamma\): add one/],
    [['--bootstrap', '30'], /--bootstrap applies to confidence intervals: add --ci/],
  ])('bad options %j: exit 2, one line', async (extra, msg) => {
    const r = await cli('agreement', hand, ...extra);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^triangulate: /);
    expect(r.stderr).toMatch(msg);
  });
});

describe('agreement --contradictions on a project', () => {
  /*
   * Segments (Researchers/Tools): A [0,10) [20,30); B [4,10) [40,50); C [0,10).
   * Contradictions: A secondary tools↔rules (Researchers) on A[0,10); B the same pair written
   * rules↔tools on B[4,10) (shares 6 s of the shorter 6 s); A quaternary Researchers object ↔
   * Practitioners object on A[20,30); B the same on B[40,50) (no overlap); C tertiary tools↔rules
   * on C[0,10).
   * A–B: matched 1, only A 1, only B 1, F1 2/4 = .5; level-agnostic pairs: (sec, sec) only → κ
   *   undefined (one category). A–C: matched 0, only A 2, only C 1, F1 0; level pairs (sec, ter):
   *   p_o = 0, p_e = 0 → κ 0. B–C: the same, κ 0.
   * Overall: matched 1, only first 5, only second 3 → F1 2/10 = .2; level table (sec,sec) 1,
   *   (sec,ter) 2: p_o = 1/3, p_e = 3·1/9 = 1/3 → κ 0.
   */
  const project = path.join(dir, 'contra.triangulate');
  beforeAll(async () => {
    const csv = write('contra.csv', ['coder,code,start,end', 'A,Researchers/Tools,0,10', 'A,Researchers/Tools,20,30', 'B,Researchers/Tools,4,10', 'B,Researchers/Tools,40,50', 'C,Researchers/Tools,0,10', ''].join('\n'));
    expect((await cli('new', project)).code).toBe(0);
    expect((await cli('import-segments', project, csv, '--media', 'clip.mp4')).code).toBe(0);
    const store = ProjectStore.open(project);
    try {
      const [R, P] = store.listSystems();
      const coder = (n: string) => store.listCoders().find((c) => c.name === n)!.id;
      const seg = (n: string, start: number) => store.listSegments().find((s) => s.coderId === coder(n) && s.startMs === start * 1000)!.id;
      store.insertContradiction({ coderId: coder('A'), level: 'secondary', elementA: 'tools', systemA: R.id, elementB: 'rules', systemB: R.id, evidenceSegmentIds: [seg('A', 0)] });
      store.insertContradiction({ coderId: coder('B'), level: 'secondary', elementA: 'rules', systemA: R.id, elementB: 'tools', systemB: R.id, evidenceSegmentIds: [seg('B', 4)] });
      store.insertContradiction({ coderId: coder('A'), level: 'quaternary', elementA: 'object', systemA: R.id, elementB: 'object', systemB: P.id, evidenceSegmentIds: [seg('A', 20)] });
      store.insertContradiction({ coderId: coder('B'), level: 'quaternary', elementA: 'object', systemA: R.id, elementB: 'object', systemB: P.id, evidenceSegmentIds: [seg('B', 40)], note: 'budget' });
      store.insertContradiction({ coderId: coder('C'), level: 'tertiary', elementA: 'tools', systemA: R.id, elementB: 'rules', systemB: R.id, evidenceSegmentIds: [seg('C', 0)] });
    } finally {
      store.close();
    }
  });

  it('JSON: per pair and pooled, with the unmatched ones and their evidence', async () => {
    const r = await cli('agreement', project, '--contradictions', '--format', 'json');
    expect(r.stderr).toBe('');
    const k = JSON.parse(r.stdout).contradictions;
    expect(k.counts).toEqual({ A: 2, B: 2, C: 1 });
    const rows = k.pairs.map((p: { coders: string[]; matched: number; onlyA: number; onlyB: number; f1: number; levelKappa: number | null }) => [p.coders.join('-'), p.matched, p.onlyA, p.onlyB, p.f1, p.levelKappa]);
    expect(rows).toEqual([['A-B', 1, 1, 1, 0.5, null], ['A-C', 0, 2, 1, 0, 0], ['B-C', 0, 2, 1, 0, 0]]);
    expect([k.overall.matched, k.overall.onlyA, k.overall.onlyB, k.overall.f1, k.overall.levelKappa]).toEqual([1, 5, 3, 0.2, 0]);
    expect(k.pairs[0].unmatched.map((u: { coder: string; elements: string; evidence: string; note: string }) => [u.coder, u.elements, u.evidence, u.note])).toEqual([
      ['A', 'Researchers: object ↔ Practitioners: object', 'clip.mp4 @ 0:00:20–0:00:30', ''],
      ['B', 'Researchers: object ↔ Practitioners: object', 'clip.mp4 @ 0:00:40–0:00:50', 'budget'],
    ]);
  });

  it('--min-overlap, the table and the CSV column set', async () => {
    const t = (await cli('agreement', project, '--contradictions')).stdout;
    expect(t).toMatch(/A – B\s+1\s+1\s+1\s+0\.500\s+—\s+1/);
    expect(t).toContain('only B: quaternary Researchers: object ↔ Practitioners: object; clip.mp4 @ 0:00:40–0:00:50 (budget)');
    const lines = (await cli('agreement', project, '--contradictions', '--format', 'csv')).stdout.trim().split(/\r?\n/);
    const header = lines[0].split(',');
    expect(header.slice(-5)).toEqual(['contradictions_matched', 'contradictions_only_a', 'contradictions_only_b', 'contradictions_f1', 'contradictions_level_kappa']);
    expect(lines[1].split(',').slice(-5)).toEqual(['1', '5', '3', '0.2', '0']);
    expect(lines.find((l) => l.startsWith('pair,,A,B'))!.split(',').slice(-5)).toEqual(['1', '1', '1', '0.5', '']);
    const bad = await cli('agreement', project, '--contradictions', '--min-overlap', '2');
    expect([bad.code, bad.stderr.trim().split('\n').length]).toEqual([2, 1]);
    expect(bad.stderr).toMatch(/^triangulate: --min-overlap: "2" must be a share/);
    const csvInput = await cli('agreement', path.join(dir, 'contra.csv'), '--contradictions');
    expect(csvInput.code).toBe(2);
    expect(csvInput.stderr).toMatch(/--contradictions needs a project file/);
  });
});
