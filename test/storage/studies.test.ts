/**
 * Issue 13 items 1, 2, 3 and 7: the study lifecycle through the app-wide service (the one both
 * transports use): new/open/close/switch, recent studies in the user's settings, bad input, the
 * starting codebook, recordings, safety copies and rolling backups. Real SQLite files.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ProjectStore } from '../../src/main/db/store';
import { sessionService } from '../../src/main/features/studies/service';
import { StudySession } from '../../src/main/features/studies/session';
import { rollingBackup, listBackups } from '../../src/main/features/studies/backups';
import { createService } from '../../src/main/service';
import type { Api } from '../../src/shared/contract';
import { fileHash, tmpDir } from '../helpers/tmp';

const MEDIA = path.resolve(__dirname, '../fixtures/media');
const DAY = 86_400_000;
const sessions: StudySession[] = [];
afterEach(() => {
  while (sessions.length) sessions.pop()!.close();
});

function setup(now = () => Date.UTC(2026, 11, 4, 12)) {
  const dir = tmpDir();
  const userDir = path.join(dir, 'appdata');
  const demo = path.join(dir, 'demo', 'Demo.triangulate');
  const session = new StudySession({
    userDir,
    now,
    demo: () => {
      if (!fs.existsSync(demo)) {
        fs.mkdirSync(path.dirname(demo), { recursive: true });
        ProjectStore.create(demo, { name: 'Demo' }).close();
      }
      return demo;
    },
    serviceFor: createService,
  });
  sessions.push(session);
  return { dir, userDir, demo, session, api: sessionService(session) as Api };
}

/** Open descriptors of this process that point at `file` (Linux /proc). */
function openHandles(file: string): string[] {
  const fdDir = '/proc/self/fd';
  return fs.readdirSync(fdDir).map((fd) => {
    try {
      return fs.readlinkSync(path.join(fdDir, fd));
    } catch {
      return '';
    }
  }).filter((l) => l.startsWith(file));
}

async function addSegments(api: Api, n: number) {
  const p = await api.getProject({});
  const coder = p.coders[0] ?? (await api.createCoder({ name: 'Ana' }));
  let media = p.media[0];
  if (!media) {
    const copy = path.join(path.dirname(p.file), `clip-${p.projectId}.mkv`);
    fs.copyFileSync(path.join(MEDIA, 'clip.mkv'), copy);
    media = (await api.addMediaFiles({ paths: [copy] })).added[0]!;
  }
  for (let i = 0; i < n; i++) await api.createSegment({ mediaId: media.id, coderId: coder.id, startMs: i, endMs: i + 10, codeIds: [p.codes[0]!.id] });
}

describe('start and switch studies', () => {
  it('first launch opens the demo; a new study is remembered in the settings file, not in the study', async () => {
    const { dir, userDir, demo, session, api } = setup();
    expect(session.startup().study?.file).toBe(demo);
    const file = path.join(dir, 'Pilot');
    const state = await api.newStudy({ file, name: 'Pilot', codebook: 'default' });
    expect(state.study).toMatchObject({ file: `${file}.triangulate`, name: 'Pilot', readOnly: false });
    expect((await api.getProject({})).name).toBe('Pilot');
    const settings = JSON.parse(fs.readFileSync(path.join(userDir, 'settings.json'), 'utf8'));
    expect(settings.recent.map((r: { file: string }) => r.file)).toEqual([`${file}.triangulate`]);
    expect(settings.lastStudy).toBe(`${file}.triangulate`);
    // the demo is never listed; a second launch reopens the last study
    const again = setup();
    fs.mkdirSync(again.userDir, { recursive: true });
    fs.copyFileSync(path.join(userDir, 'settings.json'), path.join(again.userDir, 'settings.json'));
    expect(again.session.startup().study?.file).toBe(`${file}.triangulate`);
  });

  it('switching closes the first store: WAL checkpointed into the file, no handle left open', async () => {
    const { dir, api } = setup();
    await api.newStudy({ file: path.join(dir, 'A'), name: 'A', codebook: 'default' });
    await addSegments(api, 30);
    const a = path.join(dir, 'A.triangulate');
    expect(openHandles(a).length).toBeGreaterThan(0);
    await api.newStudy({ file: path.join(dir, 'B'), name: 'B', codebook: 'default' });
    expect(openHandles(a)).toEqual([]);
    expect(fs.existsSync(`${a}-wal`) ? fs.statSync(`${a}-wal`).size : 0).toBe(0);
    // everything written to A is in the main file itself
    const db = new Database(a, { readonly: true });
    expect((db.prepare('SELECT count(*) AS n FROM segments').get() as { n: number }).n).toBe(30);
    db.close();
    const back = await api.openStudy({ file: a });
    expect(back.study?.name).toBe('A');
    expect((await api.getProject({})).segmentCount).toBe(30);
    expect(back.recent.map((r) => [r.name, r.segments, r.coders])).toEqual([['A', 30, 1], ['B', 0, 0]]);
  });

  it('Close study leaves no study open; study calls then say to open one', async () => {
    const { dir, api } = setup();
    await api.newStudy({ file: path.join(dir, 'A'), name: 'A', codebook: 'default' });
    const closed = await api.closeStudy({});
    expect(closed.study).toBeNull();
    expect(closed.recent.map((r) => r.name)).toEqual(['A']);
    await expect(api.getProject({})).rejects.toThrow('No study is open; open or create one on the start screen');
  });
});

describe('bad input: one clear line, nothing changed', () => {
  it('a folder chosen as a study', async () => {
    const { dir, api } = setup();
    await api.newStudy({ file: path.join(dir, 'A'), name: 'A', codebook: 'default' });
    await expect(api.openStudy({ file: dir })).rejects.toThrow(`${dir} is a folder, not a study; choose a .triangulate file`);
    expect((await api.studyState({})).study?.name).toBe('A');
    expect((await api.getProject({})).name).toBe('A');
  });

  it('a file that is not a study leaves the open study open and the file untouched', async () => {
    const { dir, api } = setup();
    await api.newStudy({ file: path.join(dir, 'A'), name: 'A', codebook: 'default' });
    const notes = path.join(dir, 'notes.triangulate');
    fs.writeFileSync(notes, 'my notes, not a database\n'.repeat(10));
    const before = fileHash(notes);
    await expect(api.openStudy({ file: notes })).rejects.toThrow(`${notes}: not a Triangulate project (not a SQLite database)`);
    expect(fileHash(notes)).toBe(before);
    expect((await api.getProject({})).name).toBe('A');
  });

  it('a recent study that was deleted: marked missing, the start screen says so at launch, removable', async () => {
    const { dir, userDir, api } = setup();
    await api.newStudy({ file: path.join(dir, 'Gone'), name: 'Gone', codebook: 'default' });
    await api.closeStudy({});
    fs.rmSync(path.join(dir, 'Gone.triangulate'));
    const later = setup();
    fs.mkdirSync(later.userDir, { recursive: true });
    fs.copyFileSync(path.join(userDir, 'settings.json'), path.join(later.userDir, 'settings.json'));
    const state = later.session.startup();
    expect(state.study).toBeNull();
    expect(state.message).toBe(`${path.join(dir, 'Gone.triangulate')}: no such study file; it may have been moved or deleted`);
    expect(state.recent).toMatchObject([{ name: 'Gone', missing: true }]);
    expect((await later.api.forgetRecent({ file: path.join(dir, 'Gone.triangulate') })).recent).toEqual([]);
  });

  it('a study file that cannot be written (chattr +i) opens read-only: a banner line, edits refused, file unchanged', async () => {
    const { dir, api } = setup();
    await api.newStudy({ file: path.join(dir, 'Locked'), name: 'Locked', codebook: 'default' });
    await addSegments(api, 2);
    await api.closeStudy({});
    const file = path.join(dir, 'Locked.triangulate');
    const before = fileHash(file);
    execFileSync('chattr', ['+i', file]);
    try {
      const state = await api.openStudy({ file });
      expect(state.study?.readOnly).toBe(true);
      expect(state.message).toBe(`${file} cannot be written (read-only file or folder): it is open read-only. Save a copy to edit it.`);
      const p = await api.getProject({});
      expect(p.segmentCount).toBe(2);
      await expect(api.createSegment({ mediaId: p.media[0]!.id, coderId: p.coders[0]!.id, startMs: 0, endMs: 5, codeIds: [] })).rejects.toThrow(
        'the project file is read-only: nothing was changed; make it writable (or work on a copy) and try again',
      );
      await api.closeStudy({});
    } finally {
      execFileSync('chattr', ['-i', file]);
    }
    expect(fileHash(file)).toBe(before);
  });

  it('a non-media file renamed .mp4 is refused with the reason; the others of the batch are added', async () => {
    const { dir, api } = setup();
    await api.newStudy({ file: path.join(dir, 'A'), name: 'A', codebook: 'default' });
    const fake = path.join(dir, 'holiday.mp4');
    fs.writeFileSync(fake, 'this is a shopping list\n');
    const res = await api.addMediaFiles({ paths: [fake, path.join(MEDIA, 'clip.mkv')] });
    expect(res.refused).toEqual([{ path: fake, message: `${fake}: not a video or audio file (found text); choose a recording (mp4, mov, webm, mkv, mp3, m4a, wav, ogg)` }]);
    expect(res.added.map((m) => m.name)).toEqual(['clip.mkv']);
  });
});

describe('starting codebook', () => {
  it('a copy of another study\'s codebook: same names, paths and hotkeys, new ids', async () => {
    const { dir, api } = setup();
    await api.newStudy({ file: path.join(dir, 'Src'), name: 'Src', codebook: 'default' });
    const src = await api.getProject({});
    await api.renameSystem({ id: src.systems[0]!.id, name: 'School leaders' });
    await api.createCode({ name: 'Own code', hotkey: 'z' });
    const srcCodes = (await api.getProject({})).codes;
    await api.newStudy({ file: path.join(dir, 'Copy'), name: 'Copy', codebook: 'study', codebookFile: src.file });
    const copy = await api.getProject({});
    expect(copy.systems.map((s) => s.name)).toEqual(['School leaders', 'Practitioners']);
    const shape = (codes: typeof srcCodes, sys: typeof copy.systems) => codes.map((c) => [c.name, c.hotkey, c.element, sys.find((s) => s.id === c.systemId)?.name ?? null, codes.find((p) => p.id === c.parentId)?.name ?? null]);
    const srcStore = ProjectStore.open(src.file, { readonly: true });
    expect(shape(copy.codes, copy.systems)).toEqual(shape(srcCodes, srcStore.listSystems()));
    srcStore.close();
    expect(copy.codes.some((c) => srcCodes.some((s) => s.id === c.id))).toBe(false);
  });

  it('a REFI-QDA .qdc valid against Codebook.xsd: its codes join the CHAT codebook, nested as in the file', async () => {
    const { dir, api } = setup();
    const qdc = path.join(dir, 'shared.qdc');
    fs.writeFileSync(qdc, `<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="hand-written">
  <Codes>
    <Code guid="3f2b1c1e-0000-4000-8000-000000000001" name="Tensions" isCodable="true" color="#aa0000">
      <Description>Moments of friction</Description>
      <Code guid="3f2b1c1e-0000-4000-8000-000000000002" name="Time pressure" isCodable="true"/>
    </Code>
  </Codes>
</CodeBook>`);
    await api.newStudy({ file: path.join(dir, 'Q'), name: 'Q', codebook: 'qdc', codebookFile: qdc });
    const codes = (await api.getProject({})).codes;
    const tensions = codes.find((c) => c.name === 'Tensions')!;
    expect(tensions).toMatchObject({ color: '#aa0000', definition: 'Moments of friction', parentId: null });
    expect(codes.find((c) => c.name === 'Time pressure')?.parentId).toBe(tensions.id);
    expect(codes.filter((c) => c.kind === 'element')).toHaveLength(15); // the default CHAT codebook is kept: 7 elements × 2 systems + the shared object
  });

  it('a .qdc that is not valid against Codebook.xsd: one line naming the problem, no study file left', async () => {
    const { dir, api } = setup();
    const qdc = path.join(dir, 'bad.qdc');
    fs.writeFileSync(qdc, `<?xml version="1.0"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="3f2b1c1e-0000-4000-8000-000000000009" name="Odd" isCodable="maybe"/></Codes></CodeBook>`);
    const err = await api.newStudy({ file: path.join(dir, 'Q'), name: 'Q', codebook: 'qdc', codebookFile: qdc }).catch((e: Error) => e);
    expect((err as Error).message.slice(0, qdc.length + 2)).toBe(`${qdc}: `);
    expect((err as Error).message).toMatch(/isCodable.*maybe.* \(not a valid REFI-QDA codebook, Codebook.xsd\); nothing was imported$/);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('Q.'))).toEqual([]);
    expect((await api.studyState({})).study).toBeNull();
  });
});

describe('recordings', () => {
  it('adds several at once with duration and frame rate from ffprobe', async () => {
    const { dir, api } = setup();
    await api.newStudy({ file: path.join(dir, 'A'), name: 'A', codebook: 'default' });
    const { added } = await api.addMediaFiles({ paths: [path.join(MEDIA, 'hevc-1s.mp4'), path.join(MEDIA, 'clip.mkv')] });
    // hevc-1s.mp4: one second at 25 fps; clip.mkv: testsrc rate=5 duration=0.4 (make-sniff-fixtures.sh)
    expect(added.map((m) => [m.name, m.durationMs, m.frameRate])).toEqual([['hevc-1s.mp4', 1000, 25], ['clip.mkv', 400, 5]]);
  });

  it('rename, then remove says what goes with it, and one undo brings it all back', async () => {
    const { dir, api } = setup();
    await api.newStudy({ file: path.join(dir, 'A'), name: 'A', codebook: 'default' });
    await addSegments(api, 3);
    const media = (await api.getProject({})).media[0]!;
    await api.createMemo({ title: 'm', body: 'b', scope: 'media', mediaId: media.id });
    expect((await api.renameMedia({ mediaId: media.id, name: 'Workshop 1' })).name).toBe('Workshop 1');
    const usage = await api.mediaUsage({ mediaId: media.id });
    expect(usage).toEqual({ segments: 3, memos: 1, transcripts: 0, contradictions: 0, links: 0 });
    expect(await api.removeMedia({ mediaId: media.id })).toEqual(usage);
    expect((await api.getProject({})).media).toEqual([]);
    expect((await api.getProject({})).segmentCount).toBe(0);
    await api.undo({});
    const back = await api.getProject({});
    expect(back.media.map((m) => m.name)).toEqual(['Workshop 1']);
    expect(back.segmentCount).toBe(3);
    expect((await api.listMemos({})).map((m) => m.title)).toEqual(['m']);
  });
});

describe('safety copies', () => {
  it('Save a copy and backups are consistent copies while another connection is writing', async () => {
    const { dir, api, session } = setup();
    await api.newStudy({ file: path.join(dir, 'A'), name: 'A', codebook: 'default' });
    await addSegments(api, 5);
    const file = path.join(dir, 'A.triangulate');
    const writer = new Database(file);
    writer.pragma('busy_timeout = 5000');
    const seg = writer.prepare('SELECT * FROM segments LIMIT 1').get() as Record<string, unknown>;
    writer.exec('BEGIN IMMEDIATE');
    const ins = writer.prepare(`INSERT INTO segments (${Object.keys(seg).join(',')}) VALUES (${Object.keys(seg).map(() => '?').join(',')})`);
    for (let i = 0; i < 50; i++) ins.run(...Object.values({ ...seg, id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` }));
    // mid-transaction: the copy holds the 5 committed segments, not the 50 uncommitted ones
    const { file: copy } = await api.saveCopy({ file: path.join(dir, 'copy') });
    const backup = rollingBackup(session.current!.db, file, Date.UTC(2026, 11, 5));
    writer.exec('COMMIT');
    writer.close();
    for (const f of [copy, backup!]) {
      const db = new Database(f, { readonly: true });
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect((db.prepare('SELECT count(*) AS n FROM segments').get() as { n: number }).n).toBe(5);
      db.close();
    }
    await expect(api.saveCopy({ file: copy })).rejects.toThrow(`${copy}: file already exists; choose another name`);
  });

  it('one automatic backup per day, the newest 7 kept; turned off, none', async () => {
    let now = Date.UTC(2026, 10, 1, 9);
    const { dir, api, session } = setup(() => now);
    await api.newStudy({ file: path.join(dir, 'A'), name: 'A', codebook: 'default' });
    const a = path.join(dir, 'A.triangulate');
    const b = path.join(dir, 'B.triangulate');
    ProjectStore.create(b).close();
    for (let day = 0; day < 9; day++) {
      now = Date.UTC(2026, 10, 1 + day, 9);
      await api.openStudy({ file: b });
      await api.openStudy({ file: a }); // twice a day: still one backup that day
      await api.openStudy({ file: b });
      await api.openStudy({ file: a });
    }
    expect(listBackups(a).map((x) => x.day)).toEqual(['2026-11-09', '2026-11-08', '2026-11-07', '2026-11-06', '2026-11-05', '2026-11-04', '2026-11-03']);
    expect(fs.readdirSync(path.join(dir, '.triangulate-backups')).filter((f) => f.startsWith('A '))).toHaveLength(7);
    await api.setBackups({ enabled: false });
    now += DAY;
    await api.openStudy({ file: b });
    await api.openStudy({ file: a });
    expect(listBackups(a)[0]!.day).toBe('2026-11-09');
    void session;
  });

  it('restoring a backup opens it as a new copy and never overwrites', async () => {
    const { dir, api } = setup();
    await api.newStudy({ file: path.join(dir, 'A'), name: 'A', codebook: 'default' });
    await addSegments(api, 4);
    await api.closeStudy({});
    await api.openStudy({ file: path.join(dir, 'A.triangulate') }); // the first backup was made when A was new and empty
    const [backup] = await api.listBackups({ file: path.join(dir, 'A.triangulate') });
    const original = fileHash(path.join(dir, 'A.triangulate'));
    await expect(api.restoreBackup({ backup: backup!.file, file: path.join(dir, 'A.triangulate') })).rejects.toThrow('file already exists; a backup is restored as a new copy, never over a study');
    const restored = await api.restoreBackup({ backup: backup!.file, file: path.join(dir, 'A restored') });
    expect(restored.study?.file).toBe(path.join(dir, 'A restored.triangulate'));
    expect((await api.getProject({})).segmentCount).toBe(0);
    await api.closeStudy({});
    expect(fileHash(path.join(dir, 'A.triangulate'))).toBe(original);
  });
});
