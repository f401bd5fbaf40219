/**
 * Participants through REFI-QDA: the fixture study (test/helpers/participantsStudy.ts) exported as
 * .qdpx (Cases with Variables, valid against schemas/refi-qda/Project.xsd) and imported into a
 * new project gives back the participants, their attributes, the groups and who every segment is
 * about, so the comparison tables come out the same.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ProjectStore } from '../../src/main/db/store';
import { exportExchangeKind } from '../../src/main/features/exchange/export';
import { importExchangeFile, readImportSource } from '../../src/main/features/exchange/import';
import { createService } from '../../src/main/service';
import { participantsStudy } from '../helpers/participantsStudy';

const XSD = path.resolve(__dirname, '../../schemas/refi-qda/Project.xsd');

async function participantSide(file: string) {
  const store = ProjectStore.open(file);
  try {
    const api = createService(store);
    const st = await api.listParticipants({});
    const attr = new Map(st.attributes.map((a) => [a.id, `${a.name}:${a.type}`]));
    const name = new Map(st.participants.map((p) => [p.id, p.name]));
    const req = { rows: 'code', cols: 'group', measure: 'share' } as const;
    const matrix = await api.compareMatrix(req);
    const drill = async (row: string, col: string) => (await api.compareCell({ ...req, row, col })).segments.map((s) => s.segmentId);
    const systems = new Map(store.listSystems().map((s) => [s.id, s.name]));
    const codePaths = new Map(matrix.rows.map((r) => [r.key, r.label]));
    return {
      participants: st.participants.map((p) => ({ id: p.id, name: p.name, role: p.role, system: p.systemId && systems.get(p.systemId), key: p.key, attributes: Object.entries(p.attributes).map(([k, v]) => `${attr.get(k)}=${JSON.stringify(v)}`).sort() })),
      groups: st.groups.map((g) => ({ id: g.id, name: g.name, members: g.memberIds.map((m) => name.get(m)) })),
      segments: store.listSegments().map((s) => `${s.id} ${(s.participantIds ?? []).map((p) => name.get(p)).sort().join('+')}`).sort(),
      contradictions: (await api.listContradictions({})).map((k) => `${k.id} ${(k.participantIds ?? []).map((p) => name.get(p)).sort().join('+')}`).sort(),
      cells: await Promise.all(matrix.cells.map(async (c) => [codePaths.get(c.row), c.col, c.segments, c.codedMs, c.share, await drill(c.row, c.col)])),
    };
  }  finally {
    store.close();
  }
}

describe('QDPX: participants as Cases with Variables', () => {
  it('round-trips participants, attributes, groups and segment links; project.qde validates against the XSD', async () => {
    const f = await participantsStudy();
    const years = await f.api.addAttribute({ name: 'Years', type: 'number' });
    const prior = await f.api.addAttribute({ name: 'Prior relationship', type: 'boolean' });
    const since = await f.api.addAttribute({ name: 'Since', type: 'date' });
    const school = await f.api.addAttribute({ name: 'School', type: 'text' });
    await f.api.updateParticipant({ id: f.people.lena, key: 'l', attributes: { [years.id]: 12.5, [prior.id]: true, [since.id]: '2021-09-01', [school.id]: 'Uni & "Co"' } });
    await f.api.updateParticipant({ id: f.people.omar, attributes: { [prior.id]: false } });
    // k2 is about Lena (the fixture); k1 about Omar and Ria here: a contradiction's own links, apart from its evidence's
    await f.api.setContradictionParticipants({ contradictionId: f.contradictions.k1, participantIds: [f.people.omar, f.people.ria] });
    f.store.close();
    const out = path.join(f.dir, 'out.qdpx');
    expect(exportExchangeKind(f.file, 'qdpx', out, { embedMedia: true })).toMatch(/REFI-QDA project/);

    const qde = strFromU8(unzipSync(new Uint8Array(fs.readFileSync(out)))['project.qde']!);
    expect(qde).toContain('<Variable guid="' + years.id + '" name="Years" typeOfVariable="Float">');
    expect(qde).toContain('<Case guid="' + f.people.lena + '" name="Lena">');
    expect(qde).toContain('<SelectionRef targetGUID="' + f.segs.s1 + '"/>');
    // a participant's case refers to the notes of the contradictions about them (a Note is a source)
    const caseOf = (id: string) => qde.slice(qde.indexOf('<Case guid="' + id + '"'), qde.indexOf('</Case>', qde.indexOf('<Case guid="' + id + '"')));
    const sourceRefs = (id: string) => [...caseOf(id).matchAll(/<SourceRef targetGUID="([^"]+)"\/>/g)].map((m) => m[1]!);
    expect(sourceRefs(f.people.lena)).toHaveLength(1);
    expect(sourceRefs(f.people.ria)).toHaveLength(1);
    expect(sourceRefs(f.people.omar)).toEqual(sourceRefs(f.people.ria));
    expect(sourceRefs(f.people.lena)).not.toEqual(sourceRefs(f.people.ria));
    for (const g of [...sourceRefs(f.people.lena), ...sourceRefs(f.people.ria)]) expect(qde).toMatch(new RegExp(`<Note guid="${g}" name="Secondary contradiction: `));
    if (fs.existsSync('/usr/bin/xmllint')) {
      const qdeFile = path.join(f.dir, 'project.qde');
      fs.writeFileSync(qdeFile, qde);
      expect(execFileSync('/usr/bin/xmllint', ['--noout', '--schema', XSD, qdeFile], { stdio: 'pipe' }).toString()).toBe('');
    } else console.warn('SKIPPED: xmllint is not installed (Debian libxml2-utils)');

    const targetDir = path.join(f.dir, 'elsewhere');
    fs.mkdirSync(targetDir);
    const target = path.join(targetDir, 'target.triangulate');
    ProjectStore.create(target).close();
    const store = ProjectStore.open(target);
    const report = importExchangeFile(store, readImportSource(out));
    store.close();
    expect(report.participants).toBe(3);
    const a = await participantSide(f.file);
    const b = await participantSide(target);
    expect(a.participants.find((p) => p.name === 'Lena')!.attributes).toEqual(['Prior relationship:boolean=true', 'School:text="Uni & \\"Co\\""', 'Since:date="2021-09-01"', 'Years:number=12.5']);
    // the target's own default codebook and systems are matched by name, so compare by names there
    expect(a.contradictions).toEqual([`${f.contradictions.k1} Omar+Ria`, `${f.contradictions.k2} Lena`].sort());
    expect(b).toEqual(a);
  });
});
