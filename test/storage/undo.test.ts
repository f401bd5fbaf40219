/**
 * Undo/redo: every edit command undoes to exactly the stored state before it and redoes to
 * exactly the state after it (all tables, timestamps included), on a real SQLite file, also
 * after closing and reopening the file in between.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProjectStore } from '../../src/main/db/store';
import { codingService } from '../../src/main/features/coding/service';
import { workstationService } from '../../src/main/features/workstation/service';
import type { Code, Segment } from '../../src/shared/domain';

let dir: string;
let file: string;
let store: ProjectStore;
let tick = 1_700_000_000_000;
const clock = () => (tick += 1000);

function services(s: ProjectStore) {
  return { ...codingService(s), ...workstationService(s) };
}
let api: ReturnType<typeof services>;

/** Everything stored that an edit may change. */
function fullState(s: ProjectStore) {
  const all = (sql: string) => s.db.prepare(sql).all();
  return {
    snapshot: s.snapshot(),
    tombstones: all('SELECT * FROM tombstones ORDER BY id'),
    transcripts: all('SELECT * FROM transcripts ORDER BY id'),
    cues: all('SELECT * FROM transcript_cues ORDER BY id'),
    links: all('SELECT * FROM segment_codes ORDER BY segment_id, code_id'),
  };
}

function reopen() {
  store.close();
  store = ProjectStore.open(file, { clock });
  api = services(store);
}

let mediaId: string;
let amina: string;
let ben: string;
let codes: Code[];
const code = (p: string) => {
  const [group, name] = p.split('/');
  const parent = codes.find((c) => c.name === group && c.parentId === null)!;
  return codes.find((c) => c.name === name && c.parentId === parent.id)!.id;
};

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triangulate-undo-'));
  file = path.join(dir, 'p.triangulate');
  store = ProjectStore.create(file, { clock });
  api = services(store);
  mediaId = store.insertMedia({ path: '/x/workshop.mp4', name: 'workshop.mp4', fingerprint: 'f'.repeat(64), size: 10, durationMs: 120_000 }).id;
  amina = store.insertCoder({ name: 'amina' }).id;
  ben = store.insertCoder({ name: 'ben' }).id;
  codes = store.listCodes();
});
afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs an edit, then undo/redo twice (reopening the file in between): states must match exactly. */
async function roundTrip(edit: () => Promise<unknown>, label: RegExp) {
  const before = fullState(store);
  await edit();
  const after = fullState(store);
  expect(after).not.toEqual(before);
  expect((await api.undoState({})).undo?.label).toMatch(label);
  const u = await api.undo({});
  expect(u.label).toMatch(label);
  expect(fullState(store)).toEqual(before);
  reopen();
  expect((await api.undoState({})).redo?.label).toMatch(label);
  await api.redo({});
  expect(fullState(store)).toEqual(after);
  await api.undo({});
  expect(fullState(store)).toEqual(before);
  await api.redo({});
  reopen();
  expect(fullState(store)).toEqual(after);
}

async function seg(startMs: number, endMs: number, codeIds: string[], coderId = amina): Promise<Segment> {
  return api.createSegment({ mediaId, coderId, startMs, endMs, codeIds });
}

describe('every edit undoes and redoes to identical stored state', () => {
  it('create segment', async () => {
    await roundTrip(() => seg(1000, 5000, [code('Researchers/Tools')]), /^Create segment$/);
  });
  it('point marker', async () => {
    await roundTrip(() => seg(7000, 7000, [code('Markers/Challenge')]), /^Add marker$/);
  });
  it('change times', async () => {
    const s = await seg(1000, 5000, [code('Researchers/Tools')]);
    await roundTrip(() => api.updateSegment({ id: s.id, startMs: 1040, endMs: 6000 }), /^Change segment times$/);
  });
  it('re-code', async () => {
    const s = await seg(1000, 5000, [code('Researchers/Tools'), code('Researchers/Rules')]);
    await roundTrip(() => api.updateSegment({ id: s.id, codeIds: [code('Practitioners/Object')] }), /^Re-code segment$/);
  });
  it('re-code that keeps one of the codes (its link deleted and re-inserted in one step)', async () => {
    const s = await seg(1000, 5000, [code('Researchers/Tools'), code('Researchers/Rules')]);
    const linkOf = (c: string) => store.db.prepare('SELECT created_at FROM segment_codes WHERE segment_id = ? AND code_id = ?').get(s.id, c) as { created_at: number } | undefined;
    const keptBefore = linkOf(code('Researchers/Tools'))!.created_at;
    await roundTrip(() => api.updateSegment({ id: s.id, codeIds: [code('Researchers/Tools'), code('Practitioners/Object')] }), /^Re-code segment$/);
    // after the redo the kept link carries the re-code's time; one undo gives back the original link
    expect(linkOf(code('Researchers/Tools'))!.created_at).toBeGreaterThan(keptBefore);
    await api.undo({});
    expect(linkOf(code('Researchers/Tools'))!.created_at).toBe(keptBefore);
    expect(linkOf(code('Researchers/Rules'))).toBeDefined();
    expect(linkOf(code('Practitioners/Object'))).toBeUndefined();
  });
  it('note', async () => {
    const s = await seg(1000, 5000, [code('Researchers/Tools')]);
    await roundTrip(() => api.updateSegment({ id: s.id, note: 'the template again' }), /^Edit segment$/);
  });
  it('delete segment with its links, evidence and segment memo (cascades)', async () => {
    const s = await seg(1000, 5000, [code('Researchers/Tools'), code('Researchers/Rules')]);
    const other = await seg(6000, 9000, [code('Researchers/Object')]);
    await api.createContradiction({ level: 'secondary', elementA: 'tools', systemA: codes[0]!.systemId, elementB: 'object', systemB: codes[0]!.systemId, coderId: amina, evidenceSegmentIds: [s.id, other.id] });
    await api.createMemo({ scope: 'segment', segmentId: s.id, title: 'why', body: 'because', coderId: amina });
    await roundTrip(() => api.deleteSegment({ id: s.id }), /^Delete segment$/);
  });
  it('batch re-code and batch delete are one step each', async () => {
    const a = await seg(1000, 2000, [code('Researchers/Tools')]);
    const b = await seg(3000, 4000, [code('Researchers/Rules')], ben);
    await roundTrip(() => api.recodeSegments({ ids: [a.id, b.id], codeIds: [code('Practitioners/Community')] }), /^Re-code 2 segments$/);
    await roundTrip(() => api.deleteSegments({ ids: [a.id, b.id] }), /^Delete 2 segments$/);
  });
  it('codebook: add, edit, delete (with sub-codes and links), rename system', async () => {
    await roundTrip(() => api.createCode({ name: 'Funder template', parentId: null, color: '#123456', hotkey: 'z' }), /^Add code "Funder template"$/);
    const tools = code('Researchers/Tools');
    await roundTrip(() => api.updateCode({ id: tools, name: 'Instruments', color: '#abcdef', hotkey: 'x' }), /^Edit code$/);
    await seg(1000, 2000, [tools]);
    const sub = await api.createCode({ name: 'Brief template', parentId: tools });
    await seg(3000, 4000, [sub.id, code('Researchers/Rules')]);
    await roundTrip(() => api.deleteCode({ id: tools }), /^Delete code$/);
    await roundTrip(() => api.renameSystem({ id: store.listSystems()[0]!.id, name: 'University team' }), /^Rename activity system$/);
  });
  it('memos: add, edit, delete', async () => {
    let memoId = '';
    await roundTrip(async () => {
      memoId = (await api.createMemo({ scope: 'media', mediaId, timeMs: 12_000, title: 'Turn', body: 'Coaches take over', coderId: amina })).id;
    }, /^Add memo$/);
    await roundTrip(() => api.updateMemo({ id: memoId, body: 'Coaches take over the brief' }), /^Edit memo$/);
    await roundTrip(() => api.deleteMemo({ id: memoId }), /^Delete memo$/);
  });
  it('contradictions: code, edit (status, evidence), delete', async () => {
    const s1 = await seg(1000, 2000, [code('Researchers/Tools')]);
    const s2 = await seg(3000, 4000, [code('Researchers/Object')]);
    const sys = store.listSystems()[0]!.id;
    let cid = '';
    await roundTrip(async () => {
      cid = (await api.createContradiction({ level: 'secondary', elementA: 'tools', systemA: sys, elementB: 'object', systemB: sys, coderId: amina, note: 'template vs brief', evidenceSegmentIds: [s1.id] })).id;
    }, /^Code contradiction$/);
    await roundTrip(() => api.updateContradiction({ id: cid, status: 'aggravated', evidenceSegmentIds: [s1.id, s2.id] }), /^Edit contradiction$/);
    await roundTrip(() => api.deleteContradiction({ id: cid }), /^Delete contradiction$/);
  });
  it('transcripts: import, delete', async () => {
    const text = 'WEBVTT\n\n00:01.000 --> 00:02.000\n<v Lena>Hi\n\n00:03.000 --> 00:04.000\n<v Dev>Hello\n';
    let tid = '';
    await roundTrip(async () => {
      tid = (await api.importTranscript({ mediaId, fileName: 'talk.vtt', text })).id;
    }, /^Import transcript talk.vtt$/);
    await roundTrip(() => api.deleteTranscript({ id: tid }), /^Delete transcript$/);
  });
});

describe('the undo history', () => {
  it('undoes several edits in reverse order and redoes them in order, across a reopen', async () => {
    const s0 = fullState(store);
    const s = await seg(1000, 5000, [code('Researchers/Tools')]);
    const s1 = fullState(store);
    await api.updateSegment({ id: s.id, endMs: 8000 });
    const s2 = fullState(store);
    await api.deleteSegment({ id: s.id });
    const s3 = fullState(store);
    await api.undo({});
    expect(fullState(store)).toEqual(s2);
    await api.undo({});
    expect(fullState(store)).toEqual(s1);
    reopen();
    await api.undo({});
    expect(fullState(store)).toEqual(s0);
    await expect(api.undo({})).rejects.toThrow('Nothing to undo');
    await api.redo({});
    await api.redo({});
    await api.redo({});
    expect(fullState(store)).toEqual(s3);
    await expect(api.redo({})).rejects.toThrow('Nothing to redo');
  });

  it('a new edit after undo ends the redo branch', async () => {
    await seg(1000, 5000, [code('Researchers/Tools')]);
    await api.undo({});
    expect((await api.undoState({})).redo?.label).toBe('Create segment');
    await seg(2000, 3000, [code('Researchers/Rules')]);
    expect((await api.undoState({})).redo).toBeNull();
  });

  it('playhead moves and media info are not undo steps', async () => {
    await api.savePosition({ mediaId, positionMs: 42_000 });
    expect(await api.undoState({})).toEqual({ undo: null, redo: null });
    expect(store.getMedia(mediaId).lastPositionMs).toBe(42_000);
  });

  it('a failed edit leaves no undo step and changes nothing', async () => {
    const before = fullState(store);
    await expect(api.createSegment({ mediaId, coderId: amina, startMs: 1000, endMs: 500_000, codeIds: [] })).rejects.toThrow(/after the end/);
    expect(fullState(store)).toEqual(before);
    expect((await api.undoState({})).undo).toBeNull();
  });

  it('refuses to undo over a change made outside the history (e.g. an import) and changes nothing', async () => {
    const s = await seg(1000, 5000, [code('Researchers/Tools')]);
    store.updateSegment(s.id, { endMs: 9000 }); // not recorded, like a merge writing directly
    const before = fullState(store);
    await expect(api.undo({})).rejects.toThrow(/Cannot undo "Create segment": a row of segments was changed since/);
    expect(fullState(store)).toEqual(before);
  });
});
