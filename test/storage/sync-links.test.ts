/**
 * Linked recordings (angles) in a real study file: link, rename, offset, order and audio angle
 * are one undo step each; bad links are refused with one line and change nothing; removing a
 * recording removes its links (and says so); links survive a reopen; links, offsets and the
 * waveform cache survive a merge of coder files in both orders.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProjectStore } from '../../src/main/db/store';
import { putWaveform } from '../../src/main/db/tables/waveforms';
import { mediaUsage, removeRecording } from '../../src/main/features/studies/recordings';
import { createCoderFile } from '../../src/main/features/merge/coderFile';
import { mergeCoderFiles } from '../../src/main/features/merge/merge';
import { createService, type StudyApi } from '../../src/main/service';
import { addMediaFile } from '../../src/main/features/coding/service';
import type { MediaLink } from '../../src/shared/sync/model';
import { copyProject, fakeRecording, tempDir, tickingClock } from '../helpers/mergeStore';

function study(clockStart = 1_000_000) {
  const dir = tempDir();
  const file = path.join(dir, 'lead.triangulate');
  const store = ProjectStore.create(file, { clock: tickingClock(clockStart) });
  const add = (name: string) => {
    fs.writeFileSync(path.join(dir, name), fakeRecording());
    return addMediaFile(store, path.join(dir, name), 60_000, 25).id;
  };
  const ids = { room: add('room.mp4'), table1: add('table1.mp4'), table2: add('table2.mp4'), recorder: add('recorder.mp4') };
  return { dir, file, store, api: createService(store), ids };
}

const shape = (l: MediaLink) => ({ primary: l.primaryMediaId, angle: l.angleMediaId, offsetMs: l.offsetMs, label: l.label, audio: l.audio, sortOrder: l.sortOrder });

async function undoAll(api: StudyApi, n: number) {
  const labels: string[] = [];
  for (let i = 0; i < n; i++) labels.push((await api.undo({})).label);
  return labels;
}

describe('linking angles', () => {
  it('links, renames, sets offsets, reorders and picks the audio angle: one undo step each', async () => {
    const { store, api, ids } = study();
    try {
      await api.linkAngle({ primaryId: ids.room, angleId: ids.table1, offsetMs: 3250, label: '' });
      const two = await api.linkAngle({ primaryId: ids.room, angleId: ids.table2, offsetMs: -1200, label: 'Table 2' });
      expect(two.map(shape)).toEqual([
        { primary: ids.room, angle: ids.table1, offsetMs: 3250, label: '', audio: false, sortOrder: 0 },
        { primary: ids.room, angle: ids.table2, offsetMs: -1200, label: 'Table 2', audio: false, sortOrder: 1 },
      ]);
      const [l1, l2] = two as [MediaLink, MediaLink];
      await api.setAngleOffset({ linkId: l1.id, offsetMs: 3290 });
      await api.renameAngle({ linkId: l1.id, label: 'Table 1' });
      await api.moveAngle({ linkId: l2.id, delta: -1 });
      await api.setAudioAngle({ primaryId: ids.room, linkId: l1.id });
      expect((await api.listMediaLinks({})).map(shape)).toEqual([
        { primary: ids.room, angle: ids.table2, offsetMs: -1200, label: 'Table 2', audio: false, sortOrder: 0 },
        { primary: ids.room, angle: ids.table1, offsetMs: 3290, label: 'Table 1', audio: true, sortOrder: 1 },
      ]);
      // each change is its own step, undone in reverse order
      expect(await undoAll(api, 2)).toEqual(['Audio from an angle', 'Move angle up']);
      expect((await api.listMediaLinks({})).map((l) => [l.label, l.offsetMs, l.audio, l.sortOrder])).toEqual([['Table 1', 3290, false, 0], ['Table 2', -1200, false, 1]]);
      expect(await undoAll(api, 2)).toEqual(['Rename angle', 'Set angle offset to 3290 ms']);
      expect((await api.listMediaLinks({})).map((l) => [l.label, l.offsetMs])).toEqual([['', 3250], ['Table 2', -1200]]);
      await undoAll(api, 2);
      expect(await api.listMediaLinks({})).toEqual([]);
      await api.redo({});
      expect((await api.listMediaLinks({})).map(shape)).toEqual([{ primary: ids.room, angle: ids.table1, offsetMs: 3250, label: '', audio: false, sortOrder: 0 }]);
    } finally {
      store.close();
    }
  });

  it('refuses a self link, an angle of two primaries and chains, with one line each, changing nothing', async () => {
    const { store, api, ids } = study();
    try {
      const [link] = await api.linkAngle({ primaryId: ids.room, angleId: ids.table1, offsetMs: 0, label: '' });
      const before = await api.listMediaLinks({});
      await expect(api.linkAngle({ primaryId: ids.table2, angleId: ids.table1, offsetMs: 0, label: '' })).rejects.toThrow('"table1.mp4" is already an angle of "room.mp4"; unlink it there first');
      await expect(api.linkAngle({ primaryId: ids.table1, angleId: ids.table2, offsetMs: 0, label: '' })).rejects.toThrow('"table1.mp4" is itself an angle; link angles to its primary recording instead');
      await expect(api.linkAngle({ primaryId: ids.table2, angleId: ids.room, offsetMs: 0, label: '' })).rejects.toThrow('"room.mp4" has angles of its own; unlink them first');
      await expect(api.linkAngle({ primaryId: ids.room, angleId: ids.room, offsetMs: 0, label: '' })).rejects.toThrow('A recording cannot be an angle of itself');
      await expect(api.setAudioAngle({ primaryId: ids.table2, linkId: link!.id })).rejects.toThrow('That angle is not linked to this recording');
      // the schema holds even if the service is bypassed
      expect(() => store.db.prepare("INSERT INTO media_links (id, primary_media_id, angle_media_id, offset_ms, created_at, updated_at) VALUES ('x', ?, ?, 0, 1, 1)").run(ids.table2, ids.table1)).toThrow(/UNIQUE/);
      expect(() => store.db.prepare("INSERT INTO media_links (id, primary_media_id, angle_media_id, offset_ms, created_at, updated_at) VALUES ('x', ?, ?, 0, 1, 1)").run(ids.room, ids.room)).toThrow(/CHECK/);
      expect(await api.listMediaLinks({})).toEqual(before);
    } finally {
      store.close();
    }
  });

  it('removing a recording removes its links, says how many first, and undo brings them back', async () => {
    const { store, api, ids } = study();
    try {
      const [link] = await api.linkAngle({ primaryId: ids.room, angleId: ids.table1, offsetMs: 3250, label: '' });
      await api.linkAngle({ primaryId: ids.room, angleId: ids.table2, offsetMs: 10, label: '' });
      expect(mediaUsage(store, ids.table1).links).toBe(1);
      expect(mediaUsage(store, ids.room).links).toBe(2);
      expect(removeRecording(store, ids.table1).links).toBe(1);
      expect((await api.listMediaLinks({})).map((l) => l.angleMediaId)).toEqual([ids.table2]);
      expect(store.db.prepare("SELECT table_name FROM tombstones WHERE id = ?").pluck().get(link!.id)).toBe('media_links');
      await api.undo({});
      expect((await api.listMediaLinks({})).map((l) => [l.angleMediaId, l.offsetMs])).toEqual([[ids.table1, 3250], [ids.table2, 10]]);
    } finally {
      store.close();
    }
  });

  it('keeps links after a reopen', async () => {
    const { file, store, api, ids } = study();
    await api.linkAngle({ primaryId: ids.room, angleId: ids.recorder, offsetMs: -86_400_000, label: 'Zoom H4n' });
    store.close();
    const again = ProjectStore.open(file);
    try {
      expect((await createService(again).listMediaLinks({})).map(shape)).toEqual([{ primary: ids.room, angle: ids.recorder, offsetMs: -86_400_000, label: 'Zoom H4n', audio: false, sortOrder: 0 }]);
    } finally {
      again.close();
    }
  });
});

describe('a moved angle', () => {
  it('is located like any recording: the path follows, the link, offset and cached envelope stay; another file is refused in one line', async () => {
    const { dir, store, api, ids } = study();
    try {
      await api.linkAngle({ primaryId: ids.room, angleId: ids.table1, offsetMs: 3250, label: 'table' });
      const fp = store.getMedia(ids.table1).fingerprint;
      putWaveform(store.db, { mediaId: ids.table1, fingerprint: fp, rateHz: 100, values: new Float32Array([0.1, 0.5, 0.2]) }, store.now());
      const moved = path.join(dir, 'moved', 'table1.mp4');
      fs.mkdirSync(path.dirname(moved));
      fs.renameSync(path.join(dir, 'table1.mp4'), moved);
      expect(await api.mediaStatus({ mediaId: ids.table1 })).toMatchObject({ state: 'missing', message: `The video "table1.mp4" is not at ${path.join(dir, 'table1.mp4')} any more. Locate it to re-link it.` });

      // another recording's file is refused (content fingerprint), and nothing changes
      await expect(api.locateMedia({ mediaId: ids.table1, path: path.join(dir, 'table2.mp4') })).rejects.toThrow(`${path.join(dir, 'table2.mp4')} is not the same recording as "table1.mp4" (its content fingerprint differs)`);
      expect(store.getMedia(ids.table1).path).toBe(path.join(dir, 'table1.mp4'));

      await api.locateMedia({ mediaId: ids.table1, path: moved });
      expect(store.getMedia(ids.table1).path).toBe(moved);
      expect(await api.mediaStatus({ mediaId: ids.table1 })).toEqual({ state: 'ok', mediaId: ids.table1 });
      expect((await api.listMediaLinks({})).map(shape)).toEqual([{ primary: ids.room, angle: ids.table1, offsetMs: 3250, label: 'table', audio: false, sortOrder: 0 }]);
      expect((await api.waveform({ mediaId: ids.table1 }))?.rateHz).toBe(100);
    } finally {
      store.close();
    }
  });
});

describe('merging linked recordings', () => {
  // the lead links table2 before handing out; amina links table1 and caches its envelope; ben
  // re-times table1 later, unlinks table2 and links the recorder as the audio angle
  it('gives the same links, offsets and envelope cache in both orders, and they survive a reopen', async () => {
    const p = study();
    const l2 = (await p.api.linkAngle({ primaryId: p.ids.room, angleId: p.ids.table2, offsetMs: 500, label: '' }))[0]!;
    const a = path.join(p.dir, 'amina.triangulate');
    const b = path.join(p.dir, 'ben.triangulate');
    createCoderFile(p.store, 'amina', a);
    createCoderFile(p.store, 'ben', b);
    const envelope = Float32Array.from([0, 0.25, 0.5, 1]);
    const edit = async (file: string, start: number, fn: (api: StudyApi, s: ProjectStore) => Promise<unknown>) => {
      const s = ProjectStore.open(file, { clock: tickingClock(start) });
      try {
        await fn(createService(s), s);
      } finally {
        s.close();
      }
    };
    await edit(a, 2_000_000, async (api, s) => {
      await api.linkAngle({ primaryId: p.ids.room, angleId: p.ids.table1, offsetMs: 3250, label: 'Table 1' });
      putWaveform(s.db, { mediaId: p.ids.table1, fingerprint: s.getMedia(p.ids.table1).fingerprint, rateHz: 100, values: envelope }, s.now());
    });
    await edit(b, 3_000_000, async (api) => {
      await api.linkAngle({ primaryId: p.ids.room, angleId: p.ids.table1, offsetMs: 3260, label: 'Table one' });
      await api.unlinkAngle({ linkId: l2.id });
      const links = await api.linkAngle({ primaryId: p.ids.room, angleId: p.ids.recorder, offsetMs: -1200, label: '' });
      await api.setAudioAngle({ primaryId: p.ids.room, linkId: links.find((l) => l.angleMediaId === p.ids.recorder)!.id });
    });
    const other = copyProject(p.store, path.join(p.dir, 'lead2.triangulate'));
    mergeCoderFiles(p.store, [a, b]);
    mergeCoderFiles(other, [b, a]);
    // ben's later timing of table1 wins; ben's unlink of table2 holds; the recorder is the audio angle
    const expected = [
      { primary: p.ids.room, angle: p.ids.table1, offsetMs: 3260, label: 'Table one', audio: false },
      { primary: p.ids.room, angle: p.ids.recorder, offsetMs: -1200, label: '', audio: true },
    ];
    const links = async (api: StudyApi) => (await api.listMediaLinks({})).map(({ primaryMediaId, angleMediaId, offsetMs, label, audio }) => ({ primary: primaryMediaId, angle: angleMediaId, offsetMs, label, audio })).sort((x, y) => (x.angle < y.angle ? -1 : 1));
    const sorted = [...expected].sort((x, y) => (x.angle < y.angle ? -1 : 1));
    expect(await links(p.api)).toEqual(sorted);
    expect(await links(createService(other))).toEqual(sorted);
    // merging again changes nothing
    mergeCoderFiles(p.store, [b, a]);
    expect(await links(p.api)).toEqual(sorted);
    // amina's cached envelope came along, in both orders
    for (const s of [p.store, other]) {
      const w = await createService(s).waveform({ mediaId: p.ids.table1 });
      expect(w).toMatchObject({ rateHz: 100, count: 4, maxRms: 1 });
      expect([...Buffer.from(w!.levels, 'base64')]).toEqual([0, 64, 128, 255]);
    }
    const file = p.store.file;
    p.store.close();
    other.close();
    const again = ProjectStore.open(file);
    try {
      expect(await links(createService(again))).toEqual(sorted);
      expect(await createService(again).waveform({ mediaId: p.ids.table1 })).not.toBeNull();
    } finally {
      again.close();
    }
  });

  it('skips a link that would chain recordings (an angle of an angle), saying so', async () => {
    const p = study();
    const a = path.join(p.dir, 'amina.triangulate');
    createCoderFile(p.store, 'amina', a);
    // the lead links table1 to the room; amina, in her file, links the room to the recorder (room would become an angle)
    await p.api.linkAngle({ primaryId: p.ids.room, angleId: p.ids.table1, offsetMs: 100, label: '' });
    const s = ProjectStore.open(a, { clock: tickingClock(5_000_000) });
    const api = createService(s);
    await api.linkAngle({ primaryId: p.ids.recorder, angleId: p.ids.room, offsetMs: 0, label: '' });
    s.close();
    const before = await p.api.listMediaLinks({});
    const r = mergeCoderFiles(p.store, [a]);
    expect(r.conflicts.map((c) => [c.kind, c.message])).toEqual([
      ['media_link', 'An angle link of this file would link a recording that is itself an angle, or has angles, in the project; skipped'],
    ]);
    expect(await p.api.listMediaLinks({})).toEqual(before);
  });

  it('applies a file’s links newest first, so the result does not depend on their ids', async () => {
    const p = study();
    const a = path.join(p.dir, 'amina.triangulate');
    createCoderFile(p.store, 'amina', a);
    await p.api.linkAngle({ primaryId: p.ids.room, angleId: p.ids.table1, offsetMs: 100, label: '' });
    // in her file (made before that link) amina links the recorder's angle room, then moves table1 under table2;
    // newest first: table1 leaves the room, after which the room may be the recorder's angle
    const s = ProjectStore.open(a, { clock: tickingClock(5_000_000) });
    const api = createService(s);
    await api.linkAngle({ primaryId: p.ids.recorder, angleId: p.ids.room, offsetMs: 7, label: '' });
    await api.linkAngle({ primaryId: p.ids.table2, angleId: p.ids.table1, offsetMs: 9, label: '' });
    s.close();
    expect(mergeCoderFiles(p.store, [a]).conflicts).toEqual([]);
    const links = (await p.api.listMediaLinks({})).map((l) => [l.primaryMediaId, l.angleMediaId, l.offsetMs]);
    expect(links.sort()).toEqual([[p.ids.recorder, p.ids.room, 7], [p.ids.table2, p.ids.table1, 9]].sort());
  });
});
