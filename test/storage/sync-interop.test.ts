/**
 * Linked recordings through REFI-QDA (the offset in the VideoSource Description) and ELAN: an EAF export of a recording with two angles writes three
 * MEDIA_DESCRIPTORs, the angles with TIME_ORIGIN = their offset (ELAN: media time = annotation
 * time + TIME_ORIGIN); importing it into a new study links the same angles at the same offsets.
 * An audio file with the video's name (its sound) and an EXTRACTED_FROM file are not angles.
 */
import fs from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ProjectStore } from '../../src/main/db/store';
import { listMediaLinks } from '../../src/main/db/tables/mediaLinks';
import { buildExchangeExport } from '../../src/main/features/exchange/export';
import { importExchangeFile, readImportSource } from '../../src/main/features/exchange/import';
import { createService } from '../../src/main/service';
import { addMediaFile } from '../../src/main/features/coding/service';
import { codeId, fakeRecording, tempDir, tickingClock } from '../helpers/mergeStore';
import { eafStructureProblems } from '../helpers/eafStructure';

function linkedStudy(dir: string) {
  const store = ProjectStore.create(path.join(dir, 'lead.triangulate'), { clock: tickingClock() });
  const add = (name: string) => {
    fs.writeFileSync(path.join(dir, name), fakeRecording());
    return addMediaFile(store, path.join(dir, name), 60_000, 25).id;
  };
  return { store, room: add('room.mp4'), table: add('table.mp4'), recorder: add('recorder.m4a') };
}

describe('QDPX with linked angles', () => {
  it('says the angle and offset in the VideoSource Description and reads them back', async () => {
    const dir = tempDir();
    const { store, room, table, recorder } = linkedStudy(dir);
    const api = createService(store);
    await api.linkAngle({ primaryId: room, angleId: table, offsetMs: 3250, label: '' });
    await api.linkAngle({ primaryId: room, angleId: recorder, offsetMs: -1200, label: '' });
    const built = buildExchangeExport(store, 'qdpx');
    store.close();
    const qdpx = path.join(dir, 'study.qdpx');
    fs.writeFileSync(qdpx, built.bytes);
    const qde = new TextDecoder().decode(unzipSync(built.bytes)['project.qde']);
    expect(qde).toContain('Video "table.mp4", 0:01:00.000. Angle of "room.mp4" at +3.250 s (angle time = primary time + offset).');
    expect(qde).toContain('Angle of "room.mp4" at −1.200 s');
    const fresh = ProjectStore.create(path.join(tempDir(), 'fresh.triangulate'), { clock: tickingClock() });
    try {
      importExchangeFile(fresh, readImportSource(qdpx));
      expect(listMediaLinks(fresh.db).map((l) => [fresh.getMedia(l.primaryMediaId).name, fresh.getMedia(l.angleMediaId).name, l.offsetMs])).toEqual([
        ['room.mp4', 'table.mp4', 3250],
        ['room.mp4', 'recorder.m4a', -1200],
      ]);
    } finally {
      fresh.close();
    }
  });
});

describe('EAF with linked angles', () => {
  it('exports the angles as MEDIA_DESCRIPTORs with TIME_ORIGIN and imports them back with the same offsets', async () => {
    const dir = tempDir();
    const store = ProjectStore.create(path.join(dir, 'lead.triangulate'), { clock: tickingClock() });
    const add = (name: string) => {
      fs.writeFileSync(path.join(dir, name), fakeRecording());
      return addMediaFile(store, path.join(dir, name), 60_000, 25).id;
    };
    const room = add('room.mp4');
    const table = add('table.mp4');
    const recorder = add('recorder.m4a');
    const api = createService(store);
    await api.linkAngle({ primaryId: room, angleId: table, offsetMs: 3250, label: '' });
    await api.linkAngle({ primaryId: room, angleId: recorder, offsetMs: -1200, label: '' });
    const coder = store.insertCoder({ name: 'amina' });
    store.insertSegment({ mediaId: room, coderId: coder.id, startMs: 1000, endMs: 2500, codeIds: [codeId(store, 'Researchers/Tools')] });

    // the other recordings are angles of room.mp4: no --media needed
    const built = buildExchangeExport(store, 'eaf');
    expect(built.summary).toMatch(/^ELAN file for room\.mp4: .*, 2 linked angles \(MEDIA_DESCRIPTOR with TIME_ORIGIN = offset\)$/);
    store.close();
    const xml = Buffer.from(built.bytes).toString('utf8');
    expect(eafStructureProblems(xml)).toEqual([]);
    const header = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml).ANNOTATION_DOCUMENT.HEADER;
    expect(header.MEDIA_DESCRIPTOR.map((d: Record<string, string>) => [d.RELATIVE_MEDIA_URL, d.MIME_TYPE, d.TIME_ORIGIN])).toEqual([
      ['./room.mp4', 'video/mp4', undefined],
      ['./table.mp4', 'video/mp4', '3250'],
      ['./recorder.m4a', 'audio/mp4', '-1200'],
    ]);
    const eaf = path.join(dir, 'room.eaf');
    fs.writeFileSync(eaf, xml);

    const fresh = ProjectStore.create(path.join(dir, 'fresh.triangulate'), { clock: tickingClock() });
    try {
      const report = importExchangeFile(fresh, readImportSource(eaf));
      const byName = new Map(fresh.listMedia().map((m) => [m.name, m]));
      expect([...byName.keys()].sort()).toEqual(['recorder.m4a', 'room.mp4', 'table.mp4']);
      // the files were found where the EAF says (same paths on this machine)
      expect(byName.get('table.mp4')!.path).toBe(path.join(dir, 'table.mp4'));
      expect(listMediaLinks(fresh.db).map((l) => [byName.get('room.mp4')!.id === l.primaryMediaId, fresh.getMedia(l.angleMediaId).name, l.offsetMs])).toEqual([
        [true, 'table.mp4', 3250],
        [true, 'recorder.m4a', -1200],
      ]);
      expect(fresh.listSegments().map((s) => [fresh.getMedia(s.mediaId).name, s.startMs, s.endMs])).toEqual([['room.mp4', 1000, 2500]]);
      expect(report.warnings).toContain('Linked as angles of room.mp4: table.mp4 (offset 3250 ms), recorder.m4a (offset -1200 ms)');
    } finally {
      fresh.close();
    }
  });
});

describe('BORIS project with several players', () => {
  it('imports player 1 as the recording and players 2 and 3 as its angles, BORIS offsets turned into ours', () => {
    // BORIS: player n shows t1 − offset[n]; offsets 3.25 and −1.2 s → ours −3250 and +1200 ms (see test/unit/interop/boris-project.test.ts)
    const fresh = ProjectStore.create(path.join(tempDir(), 'fresh.triangulate'), { clock: tickingClock() });
    try {
      const report = importExchangeFile(fresh, readImportSource(path.join(__dirname, '../fixtures/boris/two-cameras.boris')));
      const name = (id: string) => fresh.getMedia(id).name;
      expect(listMediaLinks(fresh.db).map((l) => [name(l.primaryMediaId), name(l.angleMediaId), l.offsetMs])).toEqual([
        ['room.mp4', 'table.mp4', -3250],
        ['room.mp4', 'recorder.m4a', 1200],
      ]);
      expect(fresh.listSegments().map((s) => [name(s.mediaId), s.startMs, s.endMs]).sort((a, b) => Number(a[1]) - Number(b[1]))).toEqual([
        ['room.mp4', 3500, 7000],
        ['room.mp4', 4250, 4250],
        ['room.mp4', 10000, 12500],
      ]);
      expect(report.warnings).toContain('Linked as angles: table.mp4 (offset -3250 ms), recorder.m4a (offset 1200 ms)');
    } finally {
      fresh.close();
    }
  });
});
