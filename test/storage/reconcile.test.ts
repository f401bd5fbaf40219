/**
 * Reconciliation on a real project file. Hand-made coding (ms):
 *   Tools:     amina [1000,5000]  ben [2000,7000]  chen —        → disagreement d1 (amina+ben matched: overlap 3000 ≥ ½·4000)
 *   Tools:     amina [10000,12000] only                           → disagreement d2
 *   Subject:   amina [20000,25000] ben [20000,25000] chen [20500,25000] → agreed range (common 20500–25000)
 *   Challenge: amina point 30000, ben point 30400 (≤ 1 s apart), chen — → disagreement d3 (point events)
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ProjectStore } from '../../src/main/db/store';
import { bulkAgree, buildQueue, decide, decisionLog, undoDecision } from '../../src/main/features/reconcile/reconcile';
import { createService } from '../../src/main/service';
import { writeAgreementCsv } from '../../src/shared/csv/agreementCsv';
import { codeId, makeProject, tempDir, tickingClock } from '../unit/merge/helpers';

const open: ProjectStore[] = [];
const track = (s: ProjectStore) => (open.push(s), s);
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

function setup() {
  const dir = tempDir();
  const p = makeProject(dir, ['amina', 'ben', 'chen'], { clock: tickingClock(1_700_000_000_000) });
  track(p.store);
  const [A, B, C] = [p.coderIds.amina!, p.coderIds.ben!, p.coderIds.chen!];
  const tools = codeId(p.store, 'Researchers/Tools');
  const subject = codeId(p.store, 'Researchers/Subject');
  const challenge = codeId(p.store, 'Markers/Challenge');
  const add = (coderId: string, startMs: number, endMs: number, code: string) => p.store.insertSegment({ mediaId: p.mediaId, coderId, startMs, endMs, codeIds: [code] }).id;
  const seg = {
    a1: add(A, 1000, 5000, tools), b1: add(B, 2000, 7000, tools), a2: add(A, 10000, 12000, tools),
    as: add(A, 20000, 25000, subject), bs: add(B, 20000, 25000, subject), cs: add(C, 20500, 25000, subject),
    ap: add(A, 30000, 30000, challenge), bp: add(B, 30400, 30400, challenge),
  };
  return { ...p, A, B, C, tools, subject, challenge, seg, coders: [A, B, C] };
}

const consensusSegments = (s: ProjectStore) => {
  const cons = s.listCoders().filter((c) => c.isConsensus);
  return s.listSegments().filter((x) => cons.some((c) => c.id === x.coderId)).map((x) => ({ startMs: x.startMs, endMs: x.endMs, codeIds: x.codeIds }));
};

describe('reconcile queue and decisions', () => {
  it('lists the disagreements by time with each coder\'s segments, and the agreed ranges', () => {
    const t = setup();
    const q = buildQueue(t.store, t.mediaId, t.coders);
    expect(q.items.map((i) => [i.codeName, i.startMs, i.endMs, i.pointEvent, i.codersApplied, i.codersNotApplied])).toEqual([
      ['Researchers/Tools', 1000, 7000, false, [t.A, t.B], [t.C]],
      ['Researchers/Tools', 10000, 12000, false, [t.A], [t.B, t.C]],
      ['Markers/Challenge', 30000, 30400, true, [t.A, t.B], [t.C]],
    ]);
    expect(q.items[0]!.segments).toEqual([
      { id: t.seg.a1, coderId: t.A, startMs: 1000, endMs: 5000 },
      { id: t.seg.b1, coderId: t.B, startMs: 2000, endMs: 7000 },
    ]);
    expect(q.agreed.map((a) => [a.codeName, a.startMs, a.endMs])).toEqual([['Researchers/Subject', 20000, 25000]]);
    expect(q).toMatchObject({ decided: 0, total: 3, agreedUndecided: 1, consensusCoderId: null });
  });

  it('each action writes the consensus segments worked out by hand, linked to the decision and its sources', () => {
    const t = setup();
    const q = buildQueue(t.store, t.mediaId, t.coders);
    const [d1, d2, d3] = q.items;
    const base = { mediaId: t.mediaId, coderIds: t.coders, decidedBy: t.A };
    const union = decide(t.store, { ...base, itemKey: d1!.key, action: 'union', rationale: 'both readings hold' });
    expect(union).toMatchObject({ action: 'union', startMs: 1000, endMs: 7000, by: 'amina', rationale: 'both readings hold' });
    const drop = decide(t.store, { ...base, itemKey: d2!.key, action: 'drop', rationale: 'no tool in use here' });
    expect(drop).toMatchObject({ action: 'drop', startMs: null, endMs: null, consensusSegmentIds: [] });
    const adjust = decide(t.store, { ...base, itemKey: d3!.key, action: 'adjust', startMs: 30200, endMs: 30200, rationale: 'the challenge is voiced at 30.2 s' });
    expect(adjust).toMatchObject({ startMs: 30200, endMs: 30200 });
    expect(bulkAgree(t.store, { mediaId: t.mediaId, coderIds: t.coders, rationale: '', decidedBy: t.B })).toEqual({ decided: 1 });

    const consensus = t.store.listCoders().filter((c) => c.isConsensus);
    expect(consensus.map((c) => c.name)).toEqual(['Consensus']);
    expect(consensusSegments(t.store)).toEqual([
      { startMs: 1000, endMs: 7000, codeIds: [t.tools] },
      { startMs: 20500, endMs: 25000, codeIds: [t.subject] },
      { startMs: 30200, endMs: 30200, codeIds: [t.challenge] },
    ]);
    // links: consensus segment → decision → the coders' source segments
    const links = t.store.db.prepare('SELECT segment_id FROM consensus_segments WHERE decision_id = ?').all(union.id);
    expect(links).toEqual(union.consensusSegmentIds.map((segment_id) => ({ segment_id })));
    const sources = t.store.db.prepare('SELECT segment_id, coder_id FROM reconcile_decision_sources WHERE decision_id = ? ORDER BY start_ms').all(union.id);
    expect(sources).toEqual([{ segment_id: t.seg.a1, coder_id: t.A }, { segment_id: t.seg.b1, coder_id: t.B }]);

    const after = buildQueue(t.store, t.mediaId, t.coders);
    expect(after).toMatchObject({ decided: 3, total: 3, agreedUndecided: 0 });
    expect(after.consensusCoderId).toBe(consensus[0]!.id);
  });

  it('accept and intersection take one reading / the shared time', () => {
    const t = setup();
    const [d1] = buildQueue(t.store, t.mediaId, t.coders).items;
    const base = { mediaId: t.mediaId, coderIds: t.coders, decidedBy: t.A, itemKey: d1!.key, rationale: '' };
    const acc = decide(t.store, { ...base, action: 'accept', chosenCoderId: t.B });
    expect([acc.startMs, acc.endMs, acc.chosenCoderId]).toEqual([2000, 7000, t.B]);
    expect(() => decide(t.store, { ...base, action: 'union' })).toThrow(/already decided \(accept\); undo that decision first/);
    undoDecision(t.store, acc.id, t.A);
    const inter = decide(t.store, { ...base, action: 'intersection' });
    expect([inter.startMs, inter.endMs]).toEqual([2000, 5000]);
    expect(consensusSegments(t.store)).toEqual([{ startMs: 2000, endMs: 5000, codeIds: [t.tools] }]);
    expect(() => decide(t.store, { ...base, itemKey: 'd-nope', action: 'drop' })).toThrow(/no longer in the queue/);
  });

  it('point events: keep one time, keep both or drop; never a range (adjusted or intersected)', () => {
    const t = setup();
    const d3 = buildQueue(t.store, t.mediaId, t.coders).items[2]!;
    expect(d3).toMatchObject({ pointEvent: true, startMs: 30000, endMs: 30400 });
    const base = { mediaId: t.mediaId, coderIds: t.coders, decidedBy: t.A, itemKey: d3.key, rationale: '' };
    const isPoint = () => consensusSegments(t.store).every((x) => x.startMs === x.endMs);
    // keep both: amina's 30 s and ben's 30.4 s, two points (not a 0.4 s range)
    const both = decide(t.store, { ...base, action: 'union' });
    expect(consensusSegments(t.store)).toEqual([
      { startMs: 30000, endMs: 30000, codeIds: [t.challenge] },
      { startMs: 30400, endMs: 30400, codeIds: [t.challenge] },
    ]);
    undoDecision(t.store, both.id, t.A);
    // keep one time: ben's
    const one = decide(t.store, { ...base, action: 'accept', chosenCoderId: t.B });
    expect(consensusSegments(t.store)).toEqual([{ startMs: 30400, endMs: 30400, codeIds: [t.challenge] }]);
    undoDecision(t.store, one.id, t.A);
    // a range from the handles, or an "intersection", would turn markers into a range: refused, nothing written
    expect(() => decide(t.store, { ...base, action: 'adjust', startMs: 30000, endMs: 30400 })).toThrow(/point event.*one time/i);
    expect(() => decide(t.store, { ...base, action: 'intersection' })).toThrow(/point events/i);
    expect(consensusSegments(t.store)).toEqual([]);
    // a chosen time of one point is fine
    const at = decide(t.store, { ...base, action: 'adjust', startMs: 30200, endMs: 30200 });
    expect(isPoint()).toBe(true);
    undoDecision(t.store, at.id, t.A);
    decide(t.store, { ...base, action: 'drop' });
    expect(consensusSegments(t.store)).toEqual([]);
  });

  it('decisions persist (leave and resume), undo removes the consensus segments and the log keeps both', () => {
    const t = setup();
    const [d1, d2] = buildQueue(t.store, t.mediaId, t.coders).items;
    const base = { mediaId: t.mediaId, coderIds: t.coders, decidedBy: t.C };
    const u = decide(t.store, { ...base, itemKey: d1!.key, action: 'union', rationale: 'overlap, keep both' });
    decide(t.store, { ...base, itemKey: d2!.key, action: 'drop', rationale: 'stray' });
    t.store.close();
    const again = track(ProjectStore.open(t.file, { clock: tickingClock(1_800_000_000_000) }));
    const q = buildQueue(again, t.mediaId, t.coders);
    expect(q.items.map((i) => i.decision?.action ?? null)).toEqual(['union', 'drop', null]);
    expect(q.decided).toBe(2);

    expect(undoDecision(again, u.id, t.A)).toEqual({ id: u.id, removedSegments: 1 });
    expect(consensusSegments(again)).toEqual([]);
    expect(again.db.prepare('SELECT table_name FROM tombstones WHERE id = ?').get(u.consensusSegmentIds[0])).toEqual({ table_name: 'segments' });
    expect(() => undoDecision(again, u.id, t.A)).toThrow(/already undone/);
    const q2 = buildQueue(again, t.mediaId, t.coders);
    expect(q2.items[0]!.decision).toBeNull();
    expect(q2.decided).toBe(1);

    const log = decisionLog(again);
    expect(log.map((e) => [e.by, e.action, e.code, e.startMs, e.endMs, e.resultStartMs, e.resultEndMs, e.rationale, e.undoneBy])).toEqual([
      ['chen', 'union', 'Researchers/Tools', 1000, 7000, 1000, 7000, 'overlap, keep both', 'amina'],
      ['chen', 'drop', 'Researchers/Tools', 10000, 12000, null, null, 'stray', ''],
    ]);
    expect(log[0]!.sourceSegmentIds).toEqual([t.seg.a1, t.seg.b1]);
    expect(log[0]!.undoneAt).toBe(1_800_000_000_000);
    expect(log[1]!.undoneAt).toBeNull();
    // the shape the agreement CSV export writes
    const [, , decisions] = writeAgreementCsv({ settings: {}, codes: [], pairs: [] }, log);
    const lines = decisions!.text.split('\r\n');
    expect(lines[0]).toBe('at,by,media,code,start,end,action,result_start,result_end,chosen_coder,rationale,undone_at,undone_by');
    expect(lines[1]).toBe(`${new Date(log[0]!.at).toISOString()},chen,workshop.mp4,Researchers/Tools,1,7,union,1,7,,"overlap, keep both",${new Date(1_800_000_000_000).toISOString()},amina`);
  });

  it('the service validates its calls: two or more coders, not the consensus coder, a known coder as decider', async () => {
    const t = setup();
    const api = createService(t.store);
    await expect(api.reconcileQueue({ mediaId: t.mediaId, coderIds: [t.A, t.A] })).rejects.toThrow(/chosen twice/);
    const q = await api.reconcileQueue({ mediaId: t.mediaId, coderIds: [t.A, t.B] });
    // amina+ben only: Tools d1 agreed, d2 (amina only) a disagreement, Subject agreed, Challenge agreed
    expect(q.items.map((i) => [i.startMs, i.endMs])).toEqual([[10000, 12000]]);
    expect(q.agreed.map((i) => [i.startMs, i.endMs])).toEqual([[1000, 7000], [20000, 25000], [30000, 30400]]);
    await api.reconcileBulkAgree({ mediaId: t.mediaId, coderIds: [t.A, t.B], rationale: 'agreed', decidedBy: t.A });
    const cons = t.store.listCoders().find((c) => c.isConsensus)!;
    await expect(api.reconcileQueue({ mediaId: t.mediaId, coderIds: [t.A, cons.id] })).rejects.toThrow(/consensus coder/);
    // bulk on agreed Tools takes the shared time 2000–5000; the points go to their mean 30200
    expect(consensusSegments(t.store)).toEqual([
      { startMs: 2000, endMs: 5000, codeIds: [t.tools] },
      { startMs: 20000, endMs: 25000, codeIds: [t.subject] },
      { startMs: 30200, endMs: 30200, codeIds: [t.challenge] },
    ]);
  });
});
