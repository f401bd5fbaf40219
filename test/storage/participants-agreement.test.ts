/**
 * Agreement per participant and per group (the CLI's --participants/--groups and the Agreement
 * screen's call): only the segments about them enter the slices. Worked by hand on 1 s slices of
 * a 120 s recording, code Tools:
 *   amina [0,10) about Lena, [20,30) about Omar; ben [0,10) about Lena, [40,50) about Omar.
 * - all segments: both 10, only amina 10, only ben 10 → positive agreement 2·10/(20+10+10) = 0.5;
 *   Cohen's kappa: po = 100/120, pe = (20/120)² + (100/120)² = 10400/14400 → (po−pe)/(1−pe) = 0.4
 * - Lena: both 10, none alone → positive agreement 1, kappa 1
 * - Omar: only amina 10, only ben 10 → positive agreement 0; pe = (10/120)² + (110/120)² → kappa −1/11
 * - group "Dyad" {Lena, Omar} = all segments; group "Solo" {Lena} = Lena.
 */
import { describe, expect, it } from 'vitest';
import { createService } from '../../src/main/service';
import { cli } from '../helpers/cli';
import { tmpDir } from '../helpers/tmp';
import { codeId, makeProject } from '../unit/merge/helpers';

async function study() {
  const p = makeProject(tmpDir(), ['amina', 'ben']);
  const api = createService(p.store);
  const T = codeId(p.store, 'Researchers/Tools');
  const lena = (await api.addParticipant({ name: 'Lena' })).id;
  const omar = (await api.addParticipant({ name: 'Omar' })).id;
  const dyad = (await api.addGroup({ name: 'Dyad', memberIds: [lena, omar] })).id;
  const solo = (await api.addGroup({ name: 'Solo', memberIds: [lena] })).id;
  const seg = async (coder: string, a: number, b: number, who: string) => {
    const s = await api.createSegment({ mediaId: p.mediaId, coderId: p.coderIds[coder]!, startMs: a * 1000, endMs: b * 1000, codeIds: [T] });
    await api.setSegmentParticipants({ segmentId: s.id, participantIds: [who] });
  };
  await seg('amina', 0, 10, lena);
  await seg('amina', 20, 30, omar);
  await seg('ben', 0, 10, lena);
  await seg('ben', 40, 50, omar);
  return { ...p, api, lena, omar, dyad, solo };
}

async function overall(file: string, ...args: string[]) {
  const r = await cli('agreement', file, '--format', 'json', ...args);
  expect(r.stderr).toBe('');
  const o = JSON.parse(r.stdout).overall;
  return [o.positiveAgreement, Number(o.cohensKappa.toFixed(6))];
}

describe('agreement by participant and group', () => {
  it('restricts the slices to the segments about the chosen participants (CLI)', async () => {
    const s = await study();
    s.store.close();
    expect(await overall(s.file)).toEqual([0.5, 0.4]);
    expect(await overall(s.file, '--participants', 'Lena')).toEqual([1, 1]);
    expect(await overall(s.file, '--participants', 'omar')).toEqual([0, Number((-1 / 11).toFixed(6))]);
    expect(await overall(s.file, '--groups', 'Dyad')).toEqual([0.5, 0.4]);
    expect(await overall(s.file, '--groups', 'Solo')).toEqual([1, 1]);
    const bad = await cli('agreement', s.file, '--groups', 'Nobody');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(`triangulate: ${s.file}: --groups: unknown group "Nobody" (the study has: Dyad, Solo)\n`);
  });

  it('the Agreement screen call takes participant and group ids', async () => {
    const s = await study();
    const all = await s.api.agreementCompute({ mediaId: s.mediaId });
    const solo = await s.api.agreementCompute({ mediaId: s.mediaId, groupIds: [s.solo] });
    const omar = await s.api.agreementCompute({ mediaId: s.mediaId, participantIds: [s.omar] });
    expect([all, solo, omar].map((r) => r.agreement.overall.positiveAgreement)).toEqual([0.5, 1, 0]);
    await expect(s.api.agreementReliabilityReport({ mediaId: s.mediaId, groupIds: [s.dyad] })).rejects.toThrow(/The reliability report covers every segment/);
  });
});
