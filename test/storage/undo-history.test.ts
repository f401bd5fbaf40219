/**
 * One undo history per study, on a real project file: coding edits, reconcile decisions,
 * "Accept N agreed ranges", imports and merges all enter it in the order made; Ctrl+Z (undo)
 * reverts the latest, and a merge (not undoable) stops undo instead of being skipped over.
 * Hand-made coding (ms): Tools amina [1000,5000], ben nothing → one disagreement;
 * Subject amina/ben [20000,25000] and Object amina/ben [40000,42000] → two agreed ranges.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProjectStore } from '../../src/main/db/store';
import { createCoderFile } from '../../src/main/features/merge/coderFile';
import { importSegmentsCsv } from '../../src/main/features/coding/importSegments';
import { buildQueue } from '../../src/main/features/reconcile/reconcile';
import { createService } from '../../src/main/service';
import { codeId, makeProject, tempDir, tickingClock } from '../helpers/mergeStore';

const open: ProjectStore[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

function setup() {
  const dir = tempDir();
  const p = makeProject(dir, ['amina', 'ben'], { clock: tickingClock(1_700_000_000_000) });
  open.push(p.store);
  const [A, B] = [p.coderIds.amina!, p.coderIds.ben!];
  const code = (n: string) => codeId(p.store, n);
  const add = (coderId: string, startMs: number, endMs: number, c: string) => p.store.insertSegment({ mediaId: p.mediaId, coderId, startMs, endMs, codeIds: [code(c)] });
  add(A, 1000, 5000, 'Researchers/Tools');
  add(A, 20000, 25000, 'Researchers/Subject');
  add(B, 20000, 25000, 'Researchers/Subject');
  add(A, 40000, 42000, 'Researchers/Object');
  add(B, 40000, 42000, 'Researchers/Object');
  return { ...p, dir, A, B, code, api: createService(p.store), coders: [A, B] };
}

type T = ReturnType<typeof setup>;
const decisions = (t: T) => t.store.db.prepare('SELECT action, undone_at FROM reconcile_decisions ORDER BY decided_at').all();
const consensusCount = (t: T) => t.store.listSegments().filter((s) => t.store.listCoders().find((c) => c.id === s.coderId)?.isConsensus).length;
const tables = (t: T) => ({
  segments: t.store.db.prepare('SELECT * FROM segments ORDER BY id').all(),
  links: t.store.db.prepare('SELECT * FROM segment_codes ORDER BY segment_id, code_id').all(),
  coders: t.store.db.prepare('SELECT * FROM coders ORDER BY id').all(),
  decisions: t.store.db.prepare('SELECT * FROM reconcile_decisions ORDER BY id').all(),
  sources: t.store.db.prepare('SELECT * FROM reconcile_decision_sources ORDER BY decision_id, segment_id').all(),
  consensus: t.store.db.prepare('SELECT * FROM consensus_segments ORDER BY segment_id').all(),
  tombstones: t.store.db.prepare('SELECT * FROM tombstones ORDER BY id').all(),
});

describe('one undo history for coding and reconciling', () => {
  it('code a segment, decide a disagreement: undo reverts the decision first, then the segment; redo puts both back', async () => {
    const t = setup();
    const start = tables(t);
    const seg = await t.api.createSegment({ mediaId: t.mediaId, coderId: t.A, startMs: 60000, endMs: 61000, codeIds: [t.code('Researchers/Rules')] });
    const afterSegment = tables(t);
    const item = buildQueue(t.store, t.mediaId, t.coders).items[0]!;
    expect([item.codeName, item.startMs, item.endMs]).toEqual(['Researchers/Tools', 1000, 5000]);
    await t.api.reconcileDecide({ mediaId: t.mediaId, coderIds: t.coders, itemKey: item.key, action: 'union', rationale: 'both', decidedBy: t.A });
    const afterDecision = tables(t);
    expect(consensusCount(t)).toBe(1);

    expect((await t.api.undoState({})).undo).toMatchObject({ label: 'Reconcile union: Researchers/Tools 0:00:01–0:00:05', undoable: true });
    expect((await t.api.undo({})).label).toBe('Reconcile union: Researchers/Tools 0:00:01–0:00:05');
    // the decision and its consensus segment (and the consensus coder it created) are gone; the coded segment stays
    expect(tables(t)).toEqual(afterSegment);
    expect(t.store.listSegments().some((s) => s.id === seg.id)).toBe(true);
    expect((await t.api.undoState({})).undo?.label).toBe('Create segment');
    expect((await t.api.undo({})).label).toBe('Create segment');
    expect(tables(t)).toEqual(start);

    await t.api.redo({});
    expect(tables(t)).toEqual(afterSegment);
    expect((await t.api.redo({})).label).toMatch(/^Reconcile union/);
    expect(tables(t)).toEqual(afterDecision);
  });

  it('"Accept N agreed ranges" is one step: one undo removes all N decisions and their consensus segments', async () => {
    const t = setup();
    const before = tables(t);
    expect(await t.api.reconcileBulkAgree({ mediaId: t.mediaId, coderIds: t.coders, rationale: '', decidedBy: t.B })).toEqual({ decided: 2 });
    expect(consensusCount(t)).toBe(2);
    expect((await t.api.undoState({})).undo?.label).toBe('Accept 2 agreed ranges');
    await t.api.undo({});
    expect(tables(t)).toEqual(before);
    expect((await t.api.undoState({})).undo).toBeNull();
    await t.api.redo({});
    expect(decisions(t)).toEqual([{ action: 'bulk-agree', undone_at: null }, { action: 'bulk-agree', undone_at: null }]);
  });

  it('"Undo decision" (kept in the log as undone) is itself a step Ctrl+Z reverts', async () => {
    const t = setup();
    const item = buildQueue(t.store, t.mediaId, t.coders).items[0]!;
    const d = await t.api.reconcileDecide({ mediaId: t.mediaId, coderIds: t.coders, itemKey: item.key, action: 'accept', chosenCoderId: t.A, rationale: 'amina', decidedBy: t.A });
    const decided = tables(t);
    await t.api.reconcileUndo({ decisionId: d.id, undoneBy: t.B });
    expect(consensusCount(t)).toBe(0);
    expect((await t.api.undo({})).label).toBe('Undo reconcile decision');
    expect(tables(t)).toEqual(decided);
  });

  it('a CSV import is one undo step', async () => {
    const t = setup();
    const before = tables(t);
    const csv = 'media,coder,code,start,end\nworkshop.mp4,amina,Researchers/Rules,70,72\nworkshop.mp4,dana,Researchers/Rules,80,81\n';
    const media = t.store.getMedia(t.mediaId).name;
    importSegmentsCsv(t.store, csv.replaceAll('workshop.mp4', media), { file: '/x/more.csv' });
    expect((await t.api.undoState({})).undo?.label).toBe('Import 2 segments from more.csv');
    await t.api.undo({});
    // the segments and the coder the import created are gone
    expect(tables(t)).toEqual(before);
  });

  it('a merge enters the history as not undoable: undo stops there instead of undoing an earlier edit', async () => {
    const t = setup();
    const file = path.join(t.dir, 'ben.triangulate');
    createCoderFile(t.store, 'ben', file);
    await t.api.createSegment({ mediaId: t.mediaId, coderId: t.A, startMs: 60000, endMs: 61000, codeIds: [t.code('Researchers/Rules')] });
    await t.api.mergeCoderFiles({ paths: [file] });
    const merged = tables(t);
    expect((await t.api.undoState({})).undo).toMatchObject({ label: 'Merge ben.triangulate', undoable: false });
    await expect(t.api.undo({})).rejects.toThrow('"Merge ben.triangulate" cannot be undone');
    expect(tables(t)).toEqual(merged);
    // a later edit is undoable again, back to the merge
    await t.api.createSegment({ mediaId: t.mediaId, coderId: t.A, startMs: 62000, endMs: 63000, codeIds: [t.code('Researchers/Rules')] });
    expect((await t.api.undo({})).label).toBe('Create segment');
    expect(tables(t)).toEqual(merged);
  });
});

describe('an identical segment', () => {
  it('is refused with code identical_segment (nothing written, no undo step) unless the caller says to add it anyway', async () => {
    const t = setup();
    const input = { mediaId: t.mediaId, coderId: t.A, startMs: 60000, endMs: 61000, codeIds: [t.code('Researchers/Rules'), t.code('Researchers/Tools')] };
    await t.api.createSegment(input);
    const before = tables(t);
    // same codes in another order: still identical
    const again = t.api.createSegment({ ...input, codeIds: [...input.codeIds].reverse(), note: 'a note does not make it different' });
    await expect(again).rejects.toMatchObject({ code: 'identical_segment', message: 'amina already has this segment (Researchers/Rules, Researchers/Tools, 0:01:00.000–0:01:01.000): not added again' });
    expect(tables(t)).toEqual(before);
    expect((await t.api.undoState({})).undo?.label).toBe('Create segment');
    // other times, another coder or other codes are not identical
    await t.api.createSegment({ ...input, endMs: 61040 });
    await t.api.createSegment({ ...input, coderId: t.B });
    await t.api.createSegment({ ...input, codeIds: [t.code('Researchers/Rules')] });
    await t.api.createSegment({ ...input, addIdentical: true });
    expect(t.store.listSegments().filter((s) => s.startMs === 60000).length).toBe(5);
  });
});
