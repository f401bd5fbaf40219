/**
 * The Angles tab's "Show" choice kept in the study (migration 90, `media_links.shown`): new links
 * are shown while fewer than three of their primary's are; showing a fourth is refused in one line
 * and changes nothing; each change is one undo step; it survives a reopen and a merge of coder
 * files in both orders (the later choice wins). A version-80 file with four links of one primary
 * opens with the first three (in order) shown, as the players showed them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProjectStore } from '../../src/main/db/store';
import { createCoderFile } from '../../src/main/features/merge/coderFile';
import { mergeCoderFiles } from '../../src/main/features/merge/merge';
import { addMediaFile } from '../../src/main/features/coding/service';
import { createService, type StudyApi } from '../../src/main/service';
import { fileHash } from '../helpers/tmp';
import { copyProject, fakeRecording, tempDir, tickingClock } from '../helpers/mergeStore';
import { oldSchemaFile } from '../helpers/oldSchema';

function study() {
  const dir = tempDir();
  const store = ProjectStore.create(path.join(dir, 'lead.triangulate'), { clock: tickingClock(1_000_000) });
  const add = (name: string) => {
    fs.writeFileSync(path.join(dir, name), fakeRecording());
    return addMediaFile(store, path.join(dir, name), 60_000, 25).id;
  };
  const ids = ['room', 'a1', 'a2', 'a3', 'a4'].map((n) => add(`${n}.mp4`));
  return { dir, store, api: createService(store), ids };
}

const shownOf = async (api: StudyApi) => (await api.listMediaLinks({})).sort((x, y) => x.sortOrder - y.sortOrder).map((l) => l.shown);

describe('shown angles', () => {
  it('the first three links are shown, a fourth is not; showing it is refused in one line until another is hidden; one undo step each; kept after a reopen', async () => {
    const { store, api, ids } = study();
    for (const id of ids.slice(1)) await api.linkAngle({ primaryId: ids[0]!, angleId: id, offsetMs: 0, label: '' });
    expect(await shownOf(api)).toEqual([true, true, true, false]);
    const links = (await api.listMediaLinks({})).sort((x, y) => x.sortOrder - y.sortOrder);
    store.close();
    const before = fileHash(store.file);
    const again = ProjectStore.open(store.file);
    const api2 = createService(again);
    try {
      await expect(api2.setAngleShown({ linkId: links[3]!.id, shown: true })).rejects.toThrow('Four videos at most: hide another angle of "room.mp4" first');
      again.close();
      expect(fileHash(store.file)).toBe(before);
    } finally {
      if (again.db.open) again.close();
    }
    const s = ProjectStore.open(store.file);
    const api3 = createService(s);
    try {
      await api3.setAngleShown({ linkId: links[1]!.id, shown: false });
      await api3.setAngleShown({ linkId: links[3]!.id, shown: true });
      expect(await shownOf(api3)).toEqual([true, false, true, true]);
      expect((await api3.undo({})).label).toBe('Show angle');
      expect(await shownOf(api3)).toEqual([true, false, true, false]);
      await api3.redo({});
    } finally {
      s.close();
    }
    const reopened = ProjectStore.open(store.file);
    try {
      expect(await shownOf(createService(reopened))).toEqual([true, false, true, true]);
    } finally {
      reopened.close();
    }
  });

  it('travels with merges in both orders: the later choice wins', async () => {
    const p = study();
    for (const id of p.ids.slice(1, 3)) await p.api.linkAngle({ primaryId: p.ids[0]!, angleId: id, offsetMs: 0, label: '' });
    const [l1, l2] = (await p.api.listMediaLinks({})).sort((x, y) => x.sortOrder - y.sortOrder);
    const a = path.join(p.dir, 'amina.triangulate');
    const b = path.join(p.dir, 'ben.triangulate');
    createCoderFile(p.store, 'amina', a);
    createCoderFile(p.store, 'ben', b);
    const edit = async (file: string, start: number, fn: (api: StudyApi) => Promise<unknown>) => {
      const s = ProjectStore.open(file, { clock: tickingClock(start) });
      try {
        await fn(createService(s));
      } finally {
        s.close();
      }
    };
    // amina hides angle 1; ben, later, hides angle 2, and hides angle 1 and shows it again (his last word on it: shown)
    await edit(a, 2_000_000, (api) => api.setAngleShown({ linkId: l1!.id, shown: false }));
    await edit(b, 3_000_000, async (api) => {
      await api.setAngleShown({ linkId: l2!.id, shown: false });
      await api.setAngleShown({ linkId: l1!.id, shown: false });
      await api.setAngleShown({ linkId: l1!.id, shown: true });
    });
    const other = copyProject(p.store, path.join(p.dir, 'lead2.triangulate'));
    const solo = copyProject(p.store, path.join(p.dir, 'lead3.triangulate'));
    mergeCoderFiles(p.store, [a, b]);
    mergeCoderFiles(other, [b, a]);
    expect(await shownOf(p.api)).toEqual([true, false]);
    expect(await shownOf(createService(other))).toEqual([true, false]);
    // amina's file alone: her hiding of angle 1 comes through
    mergeCoderFiles(solo, [a]);
    expect(await shownOf(createService(solo))).toEqual([false, true]);
    solo.close();
    p.store.close();
    other.close();
  });
});

describe('migration 90', () => {
  it('upgrades a version-80 file with four links of one primary: the first three in order are shown, the fourth not; other data kept', () => {
    const { file, db } = oldSchemaFile(80);
    db.exec(`INSERT INTO project_meta (key, value) VALUES ('project_id', 'p1'), ('lineage_id', 'l1'), ('name', 'Old');
      INSERT INTO media (id, path, name, fingerprint, size, duration_ms, frame_rate, last_position_ms, created_at, updated_at) VALUES
        ('m0', '/room.mp4', 'room.mp4', 'f0', 1, 60000, 25, 0, 1, 1), ('m1', '/a.mp4', 'a.mp4', 'f1', 1, 60000, 25, 0, 1, 1),
        ('m2', '/b.mp4', 'b.mp4', 'f2', 1, 60000, 25, 0, 1, 1), ('m3', '/c.mp4', 'c.mp4', 'f3', 1, 60000, 25, 0, 1, 1), ('m4', '/d.mp4', 'd.mp4', 'f4', 1, 60000, 25, 0, 1, 1);
      INSERT INTO media_links (id, primary_media_id, angle_media_id, offset_ms, sort_order, label, audio, created_at, updated_at) VALUES
        ('k4', 'm0', 'm4', 40, 3, 'last', 0, 1, 1), ('k1', 'm0', 'm1', 10, 0, '', 1, 1, 1), ('k3', 'm0', 'm3', 30, 2, '', 0, 1, 1), ('k2', 'm0', 'm2', -20, 1, 'Two', 0, 1, 1);`);
    db.close();
    const store = ProjectStore.open(file);
    try {
      expect(store.schemaVersion).toBe(90);
      const rows = store.db.prepare('SELECT id, offset_ms, label, audio, shown FROM media_links ORDER BY sort_order').all();
      expect(rows).toEqual([
        { id: 'k1', offset_ms: 10, label: '', audio: 1, shown: 1 },
        { id: 'k2', offset_ms: -20, label: 'Two', audio: 0, shown: 1 },
        { id: 'k3', offset_ms: 30, label: '', audio: 0, shown: 1 },
        { id: 'k4', offset_ms: 40, label: 'last', audio: 0, shown: 0 },
      ]);
      expect(() => store.db.prepare("UPDATE media_links SET shown = 2 WHERE id = 'k1'").run()).toThrow(/CHECK constraint failed/);
    } finally {
      store.close();
    }
  });
});
