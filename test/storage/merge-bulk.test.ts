/**
 * The merge's bulk path: new segments are written many rows per statement (batches of 100 and a
 * remainder), the undo recorder's triggers are dropped for the merge and put back after it (also
 * when the transaction fails), and the hand-written row checks accept exactly what the zod row
 * schemas accept.
 */
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { ProjectStore } from '../../src/main/db/store';
import { createCoderFile } from '../../src/main/features/merge/coderFile';
import { mergeCoderFiles } from '../../src/main/features/merge/merge';
import { fastSegmentCodeRow, fastSegmentRow, segmentCodeRow, segmentRow } from '../../src/shared/merge/rows';
import { codeId, makeProject, tempDir, tickingClock } from '../unit/merge/helpers';

const open: ProjectStore[] = [];
const track = (s: ProjectStore) => (open.push(s), s);
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

/** Project + amina's coder file holding `n` segments (every third with two codes, every fifth with none). */
function withCoderFile(n: number) {
  const dir = tempDir();
  const p = makeProject(dir, ['amina'], { clock: tickingClock(1_000_000) });
  track(p.store);
  const file = path.join(dir, 'amina.triangulate');
  createCoderFile(p.store, 'amina', file);
  const tools = codeId(p.store, 'Researchers/Tools');
  const rules = codeId(p.store, 'Researchers/Rules');
  const c = ProjectStore.open(file, { clock: tickingClock(2_000_000) });
  for (let i = 0; i < n; i++) {
    const codeIds = i % 5 === 0 ? [] : i % 3 === 0 ? [tools, rules] : [tools];
    c.insertSegment({ mediaId: p.mediaId, coderId: p.coderIds.amina!, startMs: i * 10, endMs: i * 10 + 5 + (i % 7), note: i % 4 === 0 ? `note ${i}` : '', codeIds });
  }
  const rows = (s: ProjectStore) => ({
    segments: s.db.prepare('SELECT id, media_id, coder_id, start_ms, end_ms, note, created_at, updated_at FROM segments ORDER BY id').all(),
    links: s.db.prepare('SELECT segment_id, code_id FROM segment_codes ORDER BY segment_id, code_id').all(),
  });
  const expected = rows(c);
  c.close();
  return { ...p, file, expected, rows };
}

describe('merge: bulk writing of new segments', () => {
  it.each([0, 1, 99, 100, 237])('writes all %i segments of a coder file with their codes, field for field', (n) => {
    const p = withCoderFile(n);
    const summary = mergeCoderFiles(p.store, [p.file]);
    expect(summary.counts.segments.added).toBe(n);
    const got = p.rows(p.store);
    expect(got.segments).toEqual(p.expected.segments);
    expect(got.links).toEqual(p.expected.links);
    // every link of the 237: n minus the uncoded fifth, plus a second code on every third
    if (n === 237) expect(got.links).toHaveLength(237 - 48 + 79 - 16);
  });

  it('is entered in the history as not undoable (no rows recorded), and the undo recorder works again right after it', () => {
    const p = withCoderFile(150);
    const store = p.store;
    mergeCoderFiles(store, [p.file]);
    expect(store.undoLog!.state().undo).toMatchObject({ label: `Merge ${path.basename(p.file)}`, undoable: false });
    expect(store.db.prepare('SELECT count(*) AS n FROM undo_rows').get()).toEqual({ n: 0 });
    const seg = store.recordEdit('Create segment', () => store.insertSegment({ mediaId: p.mediaId, coderId: p.coderIds.amina!, startMs: 5, endMs: 9, codeIds: [] }));
    expect(store.undoLog!.state().undo?.label).toBe('Create segment');
    store.undoLog!.undo();
    expect(store.db.prepare('SELECT count(*) AS n FROM segments WHERE id = ?').get(seg.id)).toEqual({ n: 0 });
    expect(store.db.prepare('SELECT count(*) AS n FROM segments').get()).toEqual({ n: 150 });
  });

  it('puts the undo triggers back when the transaction around it fails', () => {
    const p = withCoderFile(0);
    const store = p.store;
    const triggers = () => store.db.prepare("SELECT name FROM temp.sqlite_master WHERE type = 'trigger' ORDER BY name").pluck().all();
    const all = triggers();
    expect(all.length).toBeGreaterThan(0);
    expect(() =>
      store.tx(() =>
        store.undoLog!.withoutCapture(() => {
          expect(triggers()).toEqual([]);
          store.insertSegment({ mediaId: p.mediaId, coderId: p.coderIds.amina!, startMs: 1, endMs: 2, codeIds: [] });
          throw new Error('boom');
        }),
      ),
    ).toThrow('boom');
    expect(triggers()).toEqual(all);
    expect(store.db.prepare('SELECT count(*) AS n FROM segments').get()).toEqual({ n: 0 });
    store.recordEdit('Create segment', () => store.insertSegment({ mediaId: p.mediaId, coderId: p.coderIds.amina!, startMs: 1, endMs: 2, codeIds: [] }));
    expect(store.undoLog!.state().undo?.label).toBe('Create segment');
  });
});

describe('merge: the fast row checks agree with the zod row schemas', () => {
  const value = fc.oneof(
    fc.string({ maxLength: 3 }), fc.constant(''), fc.constant('x'.repeat(200)), fc.constant('x'.repeat(201)),
    fc.integer({ min: -5, max: 5 }), fc.constant(2 ** 53), fc.constant(2 ** 53 - 1), fc.constant(-(2 ** 53)), fc.constant(1.5),
    fc.constant(Number.NaN), fc.constant(Number.POSITIVE_INFINITY), fc.constant(null), fc.constant(undefined), fc.constant(Buffer.from('ab')),
  );
  // mostly well-typed fields (so that many rows pass), each sometimes replaced by anything of `value`
  const typed = (k: string) => (k.endsWith('_id') || k === 'id' ? fc.string({ minLength: 1, maxLength: 4 }) : k === 'note' ? fc.string({ maxLength: 4 }) : fc.nat(50));
  const field = (k: string) => fc.oneof({ arbitrary: typed(k), weight: 6 }, { arbitrary: value, weight: 1 });
  const record = (keys: string[]) => fc.record(Object.fromEntries([...keys, 'extra'].map((k) => [k, field(k)])), { requiredKeys: keys });
  const seen = { accepted: 0, refused: 0 };
  const agree = (fast: (r: unknown) => unknown, schema: { safeParse: (r: unknown) => { success: boolean; data?: unknown } }) => (row: unknown) => {
    const quick = fast(row);
    seen[quick === undefined ? 'refused' : 'accepted']++;
    const slow = schema.safeParse(row);
    if (quick !== undefined) {
      expect(slow.success).toBe(true);
      expect(quick).toEqual(slow.data);
    } else if (slow.success) {
      throw new Error(`fast check refused a row the schema accepts: ${JSON.stringify(row)}`);
    }
  };

  it('segments', () => {
    fc.assert(fc.property(record(['id', 'media_id', 'coder_id', 'start_ms', 'end_ms', 'note', 'created_at', 'updated_at']), agree(fastSegmentRow, segmentRow)), { numRuns: 3000 });
    expect(seen.accepted).toBeGreaterThan(300); // both branches were exercised
    expect(seen.refused).toBeGreaterThan(300);
    // a valid row with end before start, and one without: worked out by hand
    const ok = { id: 's', media_id: 'm', coder_id: 'c', start_ms: 10, end_ms: 10, note: '', created_at: -1, updated_at: 0, extra: 1 };
    expect(fastSegmentRow(ok)).toEqual({ id: 's', media_id: 'm', coder_id: 'c', start_ms: 10, end_ms: 10, note: '', created_at: -1, updated_at: 0 });
    expect(fastSegmentRow({ ...ok, end_ms: 9 })).toBeUndefined();
  });

  it('segment code links', () => {
    fc.assert(fc.property(record(['segment_id', 'code_id']), agree(fastSegmentCodeRow, segmentCodeRow)), { numRuns: 2000 });
    expect(fastSegmentCodeRow({ segment_id: 's', code_id: 'c', created_at: 5 })).toEqual({ segment_id: 's', code_id: 'c' });
  });
});
