/**
 * Workstation storage and service: migration 40, contradiction shapes per level, memo search,
 * transcript import into the project file, media codec probing (ffprobe and the MP4 header).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProjectStore } from '../../src/main/db/store';
import { mp4SampleEntries, probeMediaFile, workstationService } from '../../src/main/features/workstation/service';

let dir: string;
let store: ProjectStore;
let api: ReturnType<typeof workstationService>;
let mediaId: string;
let amina: string;
let segA: string;
let segB: string;
let sysR: string;
let sysP: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triangulate-ws-'));
  store = ProjectStore.create(path.join(dir, 'p.triangulate'));
  api = workstationService(store);
  mediaId = store.insertMedia({ path: '/x/w.mp4', name: 'w.mp4', fingerprint: 'a'.repeat(64), size: 1, durationMs: 60_000 }).id;
  amina = store.insertCoder({ name: 'amina' }).id;
  segA = store.insertSegment({ mediaId, coderId: amina, startMs: 1000, endMs: 2000, codeIds: [] }).id;
  segB = store.insertSegment({ mediaId, coderId: amina, startMs: 3000, endMs: 4000, codeIds: [] }).id;
  [sysR, sysP] = store.listSystems().map((s) => s.id) as [string, string];
});
afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('migration 40', () => {
  it('creates the undo and transcript tables at schema 40', () => {
    expect(store.schemaVersion).toBeGreaterThanOrEqual(40);
    const tables = (store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['undo_log', 'undo_rows', 'transcripts', 'transcript_cues']));
  });
});

describe('contradictions', () => {
  it('a primary contradiction is inside one element: B becomes A', async () => {
    const c = await api.createContradiction({ level: 'primary', elementA: 'tools', systemA: sysR, elementB: 'rules', systemB: sysP, coderId: amina, evidenceSegmentIds: [segA] });
    expect([c.elementA, c.systemA, c.elementB, c.systemB]).toEqual(['tools', sysR, 'tools', sysR]);
    expect(c.status).toBe('unresolved');
  });
  it('a secondary contradiction needs two different elements of the same system', async () => {
    await expect(api.createContradiction({ level: 'secondary', elementA: 'tools', systemA: sysR, elementB: 'tools', systemB: sysR, coderId: amina, evidenceSegmentIds: [segA] }))
      .rejects.toThrow(/two different elements/);
    await expect(api.createContradiction({ level: 'secondary', elementA: 'tools', systemA: sysR, elementB: 'object', systemB: sysP, coderId: amina, evidenceSegmentIds: [segA] }))
      .rejects.toThrow(/same activity system/);
    const c = await api.createContradiction({ level: 'secondary', elementA: 'subject', systemA: sysR, elementB: 'object', systemB: sysR, coderId: amina, note: 'n', evidenceSegmentIds: [segB, segA] });
    expect(c.evidenceSegmentIds).toEqual([segA, segB].sort());
  });
  it('a quaternary contradiction is between two systems', async () => {
    await expect(api.createContradiction({ level: 'quaternary', elementA: 'object', systemA: sysR, elementB: 'object', systemB: sysR, coderId: amina, evidenceSegmentIds: [segA] }))
      .rejects.toThrow(/two different activity systems/);
  });
  it('needs evidence that exists, and an edit that fails changes nothing', async () => {
    const c = await api.createContradiction({ level: 'tertiary', elementA: 'object', systemA: sysR, coderId: amina, evidenceSegmentIds: [segA] });
    await expect(api.updateContradiction({ id: c.id, status: 'resolved', evidenceSegmentIds: ['00000000-0000-4000-8000-000000000000'] })).rejects.toThrow(/No segment/);
    expect(store.getContradiction(c.id).status).toBe('unresolved');
    expect(store.getContradiction(c.id).evidenceSegmentIds).toEqual([segA]);
  });
});

describe('memos', () => {
  it('searches title and body case-insensitively and keeps the moment', async () => {
    await api.createMemo({ scope: 'project', title: 'Research question', body: 'Who is the brief for?' });
    const m = await api.createMemo({ scope: 'media', mediaId, timeMs: 42_000, title: 'Turn', body: 'Coaches take over the BRIEF' });
    await api.createMemo({ scope: 'segment', segmentId: segA, title: 'Template', body: 'funder template' });
    expect((await api.listMemos({ query: 'brief' })).map((x) => x.title).sort()).toEqual(['Research question', 'Turn']);
    expect((await api.listMemos({ query: 'TEMPLATE' })).map((x) => x.title)).toEqual(['Template']);
    expect((await api.listMemos({})).length).toBe(3);
    expect(m.timeMs).toBe(42_000);
    const seg = (await api.listMemos({ query: 'funder' }))[0]!;
    expect(seg.mediaId).toBe(mediaId); // a segment memo knows its media, to jump there
  });
  it('refuses an empty memo', async () => {
    await expect(api.createMemo({ scope: 'project', title: ' ', body: '' })).rejects.toThrow(/needs a title or some text/);
  });
});

describe('transcripts', () => {
  it('imports the demo VTT into the project and lists its cues', async () => {
    const text = fs.readFileSync(path.resolve(__dirname, '../../assets/demo/workshop.vtt'), 'utf8');
    const t = await api.importTranscript({ mediaId, fileName: 'workshop.vtt', text });
    expect(t.cues).toHaveLength(17);
    const [listed] = await api.listTranscripts({ mediaId });
    expect(listed!.cues[3]).toMatchObject({ startMs: 22_500, endMs: 29_500, speaker: 'Dev' });
  });
  it('a bad file is refused with its name and line and nothing is stored', async () => {
    await expect(api.importTranscript({ mediaId, fileName: 'bad.srt', text: '1\n00:00:01,000 --> 00:00:02,000\nA\n\n2\n00:00:0x,000 --> 00:00:04,000\nB\n' }))
      .rejects.toThrow(/^bad\.srt: line 6: malformed cue timing/);
    expect(await api.listTranscripts({ mediaId })).toEqual([]);
    expect((await api.undoState({})).undo).toBeNull();
  });
});

describe('media probing', () => {
  const make = (name: string, args: string[]) => {
    const out = path.join(dir, name);
    execFileSync('ffmpeg', ['-nostdin', '-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=s=160x120:r=25:d=1', ...args, out]);
    return out;
  };
  it('names HEVC from the MP4 sample entry and through ffprobe, with the ffmpeg command', () => {
    const file = make('clip hevc.mp4', ['-c:v', 'libx265', '-tag:v', 'hvc1', '-x265-params', 'log-level=error']);
    expect(mp4SampleEntries(file)).toContain('hvc1');
    const p = probeMediaFile('m', file);
    expect(p.videoCodec).toBe('HEVC/H.265');
    expect(p.playable).toBe(false);
    expect(p.convertCommand).toBe('ffmpeg -i "clip hevc.mp4" -c:v libx264 -preset medium -crf 20 -pix_fmt yuv420p -g 25 -c:a aac -b:a 160k -movflags +faststart "clip hevc-h264.mp4"');
  });
  it('reads H.264 and ProRes sample entries', () => {
    expect(mp4SampleEntries(make('a.mp4', ['-c:v', 'libx264']))).toContain('avc1');
    expect(mp4SampleEntries(make('b.mov', ['-c:v', 'prores_ks', '-profile:v', '2']))).toContain('apcn');
  });
});
