/**
 * The dashboard's agreement calls on a real project file (the demo project): same numbers as the
 * CLI for the same selection, the disagreement list, the selection defaults, consensus coders left
 * out by default, and bad selections refused.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/main/cli/index';
import { ProjectStore } from '../../src/main/db/store';
import { writeDemoProject } from '../../src/main/features/studies/demo';
import { createService, type StudyApi } from '../../src/main/service';
import { parseInput } from '../../src/shared/contract';

let dir: string;
let file: string;
let store: ProjectStore;
let api: StudyApi;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triangulate-agreement-svc-'));
  file = writeDemoProject(path.join(dir, 'p'));
  store = ProjectStore.open(file);
  api = createService(store);
});
afterAll(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function cliJson(...args: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(['agreement', file, '--format', 'json', ...args], { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  expect(err).toBe('');
  expect(code).toBe(0);
  return JSON.parse(out);
}

describe('agreementChoices', () => {
  it('lists the media, the coders and the codes in codebook order with the CLI defaults', async () => {
    const c = await api.agreementChoices({});
    expect(c.media.map((m) => m.name)).toEqual(['workshop.mp4']);
    expect(c.mediaId).toBe(c.media[0]!.id);
    expect(c.coders.map((x) => x.name)).toEqual(['amina', 'ben', 'chen']);
    expect(c.defaultCoderIds).toEqual(c.coders.map((x) => x.id));
    // the demo CSVs: amina 24 rows, ben 20, chen 24 (one row per segment-code pair)
    const links = c.codes.reduce((n, x) => n + x.uses, 0);
    expect(links).toBe(24 + 20 + 24);
    expect(c.codes[0]!.path).toBe('Researchers');
    expect(c.codes[1]!.path).toBe('Researchers/Subject');
    const used = c.codes.filter((x) => x.uses > 0).map((x) => x.id);
    expect(c.defaultCodeIds).toEqual(used);
  });
});

describe('agreementCompute', () => {
  it('gives the CLI numbers for the default selection', async () => {
    const choices = await api.agreementChoices({});
    const r = await api.agreementCompute(parseInput('agreementCompute', { mediaId: choices.mediaId }));
    const cli = await cliJson();
    expect(r.agreement.coders).toEqual(cli.coders);
    expect(r.agreement.codes.map((c) => c.code)).toEqual(cli.codes.map((c: { code: string }) => c.code));
    expect(r.agreement.overall.fleissKappa).toBe(cli.overall.fleissKappa);
    expect(r.agreement.overall.krippendorffAlpha).toBe(cli.overall.krippendorffAlpha);
    r.agreement.codes.forEach((c, i) => expect(c.krippendorffAlpha).toBe(cli.codes[i].krippendorffAlpha));
    expect(r.codeIds).toEqual(choices.defaultCodeIds);
    expect(r.mediaName).toBe('workshop.mp4');
  });

  it('gives the CLI numbers for a chosen selection (two coders, three codes, 0.5 s, uncoded excluded)', async () => {
    const choices = await api.agreementChoices({});
    const coder = (n: string) => choices.coders.find((c) => c.name === n)!.id;
    const code = (p: string) => choices.codes.find((c) => c.path === p)!.id;
    const paths = ['Shared object', 'Researchers/Tools', 'Contradictions/Secondary'];
    const r = await api.agreementCompute(
      parseInput('agreementCompute', { mediaId: choices.mediaId, coderIds: [coder('ben'), coder('amina')], codeIds: paths.map(code), unitMs: 500, excludeUncoded: true }),
    );
    const cli = await cliJson('--coders', 'ben,amina', '--codes', paths.join(','), '--unit', '0.5', '--exclude-uncoded');
    expect(r.agreement.coders).toEqual(['ben', 'amina']);
    expect(r.agreement.codes.map((c) => c.code)).toEqual(paths);
    expect(r.agreement.overall.cohensKappa).toBe(cli.overall.cohensKappa);
    expect(r.agreement.overall.cohensKappa).not.toBeNull();
    r.agreement.codes.forEach((c, i) => {
      expect(c.percentAgreement).toBe(cli.codes[i].percentAgreement);
      expect(c.cohensKappa).toBe(cli.codes[i].cohensKappa);
    });
    const exact = await api.agreementCompute(parseInput('agreementCompute', { mediaId: choices.mediaId, coderIds: [coder('ben'), coder('amina')], codeIds: paths.map(code), exact: true }));
    expect(exact.agreement.overall.krippendorffAlpha).toBe((await cliJson('--coders', 'ben,amina', '--codes', paths.join(','), '--exact')).overall.krippendorffAlpha);
  });

  it('returns the disagreements with time ranges, codes and coders, and the unitizing alphas', async () => {
    const choices = await api.agreementChoices({});
    const r = await api.agreementCompute(parseInput('agreementCompute', { mediaId: choices.mediaId }));
    expect(r.segments.disagreements.length).toBeGreaterThan(0);
    // From the demo CSVs: ben codes Researchers/Subject over 0–7.5 s, chen over 1–7.5 s (overlap
    // 6.5 s ≥ half of the shorter 6.5 s run: matched), amina never: one disagreement over 0–7.5 s.
    const subj = r.segments.disagreements.filter((x) => x.code === 'Researchers/Subject');
    expect(subj).toHaveLength(1);
    expect(subj[0]).toMatchObject({ startMs: 0, endMs: 7500, codersApplied: ['ben', 'chen'], codersNotApplied: ['amina'], pointEvent: false });
    expect(subj[0]!.segmentRefs.map((s) => [s.coder, s.startMs, s.endMs])).toEqual([['ben', 0, 7500], ['chen', 1000, 7500]]);
    for (const x of r.segments.disagreements) {
      expect(x.codersApplied.length + x.codersNotApplied.length).toBe(3);
      expect(x.codersApplied.length).toBeGreaterThan(0);
      expect(x.codersNotApplied.length).toBeGreaterThan(0);
      expect([...r.agreement.codes.map((c) => c.code), ...r.agreement.points.codes.map((c) => c.code)]).toContain(x.code);
    }
    expect(r.unitizing).not.toBeNull();
    expect(r.unitizing!.codes.map((c) => c.code)).toEqual(r.agreement.codes.map((c) => c.code));
  });

  it('compares marker codes as point events, never in the pooled slice statistics (hand-worked on the demo CSVs)', async () => {
    const choices = await api.agreementChoices({});
    const r = await api.agreementCompute(parseInput('agreementCompute', { mediaId: choices.mediaId }));
    const markers = ['Markers/Challenge', 'Markers/Artifact', 'Markers/Moment of clarity'];
    // no marker code in the slice statistics, and the pooled overall has 120 one-second units per range code only
    for (const m of markers) expect(r.agreement.codes.map((c) => c.code)).not.toContain(m);
    expect(r.agreement.overall.units).toBe(120 * r.agreement.codes.length);
    expect(r.unitizing!.codes.map((c) => c.code)).toEqual(r.agreement.codes.map((c) => c.code));
    expect(r.agreement.points.codes.map((c) => c.code).sort()).toEqual([...markers].sort());
    // amina – ben, tolerance 1 s, 120 s → 60 windows of 2 s. From the demo CSVs:
    // Challenge amina 9.2, 37.6 / ben 8.5 → 1 matched (0.7 s), amina 1 unmatched, neither 58;
    // Artifact amina 16.4, 73.9 / ben 74.0 → 1 matched, amina 1, neither 58;
    // Moment of clarity amina 88.1 / ben 89.0 → 1 matched, neither 59.
    // Pooled: 3 / 2 / 0 / 175 (N 180): precision 3/3, recall 3/5,
    // κ = (178·180 − (5·3 + 175·177)) / (180² − (5·3 + 175·177)) = 1050 / 1410.
    const ab = r.agreement.points.pairs.find((p) => p.coders.join() === 'amina,ben')!;
    expect(ab).toMatchObject({ matched: 3, onlyA: 2, onlyB: 0, neither: 175, precision: 1, recall: 0.6 });
    expect(ab.kappa).toBeCloseTo(1050 / 1410, 12);
    expect(ab.codes.find((c) => c.code === 'Markers/Challenge')).toMatchObject({ matched: 1, onlyA: 1, onlyB: 0, neither: 58 });
    // the CLI gives the same figures under "points"
    const cli = await cliJson();
    expect(cli.points.pairs.find((p: { coders: string[] }) => p.coders.join() === 'amina,ben').kappa).toBe(ab.kappa);
    expect(cli.codes.map((c: { code: string }) => c.code)).toEqual(r.agreement.codes.map((c) => c.code));
  });

  it('leaves the consensus layer out by default, like the CLI', async () => {
    const consensus = store.insertCoder({ name: 'consensus', isConsensus: true });
    try {
      const media = store.listMedia()[0]!;
      const code = store.listCodes().find((c) => c.name === 'Tools')!;
      store.insertSegment({ mediaId: media.id, coderId: consensus.id, startMs: 0, endMs: 5000, codeIds: [code.id], note: '' });
      const choices = await api.agreementChoices({ mediaId: media.id });
      expect(choices.defaultCoderIds).not.toContain(consensus.id);
      const r = await api.agreementCompute(parseInput('agreementCompute', { mediaId: media.id }));
      expect(r.agreement.coders).toEqual(['amina', 'ben', 'chen']);
      expect((await cliJson()).coders).toEqual(['amina', 'ben', 'chen']);
    } finally {
      store.tx(() => {
        for (const s of store.listSegments()) if (s.coderId === consensus.id) store.deleteSegment(s.id);
        store.db.prepare('DELETE FROM coders WHERE id = ?').run(consensus.id);
      });
    }
  });

  it('refuses a selection of one coder and unknown ids', async () => {
    const choices = await api.agreementChoices({});
    expect(() => parseInput('agreementCompute', { mediaId: choices.mediaId, coderIds: [choices.coders[0]!.id] })).toThrow(/coderIds/);
    await expect(api.agreementCompute({ mediaId: choices.mediaId!, codeIds: ['00000000-0000-4000-8000-000000000000'] })).rejects.toThrow(/no code with id/);
    expect(() => parseInput('agreementCompute', { mediaId: choices.mediaId, unitMs: 0 })).toThrow(/unitMs/);
  });
});

describe('agreementGamma (Mathet)', () => {
  it('gives the CLI JSON gamma for the same selection and options, with an alignment covering every unit once', async () => {
    const choices = await api.agreementChoices({});
    const mediaId = choices.mediaId!;
    const g = await api.agreementGamma(parseInput('agreementGamma', { mediaId, sampler: 'shuffle', seed: 9, precision: 0.1 }));
    const cli = (await cliJson('--gamma', '--gamma-sampler', 'shuffle', '--seed', '9', '--precision', '0.1')).gamma;
    expect(g.figures).toEqual(cli);
    expect(g.coders).toEqual(['amina', 'ben', 'chen']);
    expect(g.alignment.length).toBe(cli.unitaryAlignments);
    g.units.forEach((us, lane) => {
      const used = g.alignment.map((a) => a.units[lane]).filter((i) => i !== null).sort((a, b) => a! - b!);
      expect(used).toEqual(us.map((_, i) => i));
      for (const u of us) expect(u.segmentId).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  it('refuses a bad request before computing', () => {
    expect(() => parseInput('agreementGamma', { mediaId: '00000000-0000-4000-8000-000000000000', precision: 2 })).toThrow();
    expect(() => parseInput('agreementGamma', { mediaId: '00000000-0000-4000-8000-000000000000', sampler: 'x' })).toThrow();
  });
});

describe('coders with no segments', () => {
  it('a coder just given a coder file (no segments in the media) is offered but not selected by default', async () => {
    const copy = path.join(dir, 'with-dana.triangulate');
    store.db.prepare('VACUUM INTO ?').run(copy);
    const s = ProjectStore.open(copy);
    try {
      const dana = s.insertCoder({ name: 'dana' });
      const c = await createService(s).agreementChoices({});
      expect(c.coders.map((x) => [x.name, x.segments])).toEqual([['amina', 24], ['ben', 20], ['chen', 24], ['dana', 0]]);
      expect(c.defaultCoderIds).toEqual(c.coders.filter((x) => x.name !== 'dana').map((x) => x.id));
      expect(c.defaultCoderIds).not.toContain(dana.id);
    } finally {
      s.close();
    }
  });
});
