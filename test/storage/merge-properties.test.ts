/**
 * Merge properties on real SQLite files: lossless, idempotent (A+A = A), order-independent
 * (A+B = B+A, compared by the canonical export), and a re-merged edited file updates only what
 * was edited. Coder files get random coding sessions (fast-check): add, edit, delete their own
 * segments, add codes (sometimes with a name another coder also adds).
 */
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { ProjectStore } from '../../src/main/db/store';
import { createCoderFile } from '../../src/main/features/merge/coderFile';
import { mergeCoderFiles } from '../../src/main/features/merge/merge';
import { canonicalExport } from '../helpers/canonical';
import { codeId, copyProject, makeProject, tempDir, tickingClock } from '../unit/merge/helpers';

const open: ProjectStore[] = [];
const track = (s: ProjectStore) => (open.push(s), s);
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

type Op =
  | { kind: 'add'; start: number; len: number; code: number; note: string }
  | { kind: 'edit'; pick: number; start: number; len: number; note: string }
  | { kind: 'delete'; pick: number }
  | { kind: 'code'; name: string; use: boolean }
  | { kind: 'define'; code: number; text: string };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), start: fc.integer({ min: 0, max: 100_000 }), len: fc.integer({ min: 0, max: 15_000 }), code: fc.nat(5), note: fc.string({ maxLength: 8 }) }),
  fc.record({ kind: fc.constant('edit' as const), pick: fc.nat(50), start: fc.integer({ min: 0, max: 100_000 }), len: fc.integer({ min: 0, max: 15_000 }), note: fc.string({ maxLength: 8 }) }),
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat(50) }),
  fc.record({ kind: fc.constant('code' as const), name: fc.constantFrom('Noise', 'Laughter', 'Gesture'), use: fc.boolean() }),
  // both coders may edit the same shared codebook entry: the later edit must win whatever the merge order
  fc.record({ kind: fc.constant('define' as const), code: fc.nat(5), text: fc.constantFrom('x', 'y', 'z') }),
);

const CODES = ['Researchers/Tools', 'Researchers/Subject', 'Practitioners/Rules', 'Shared object', 'Markers/Challenge', 'Markers/Artifact'];

/** Replays a coding session in a coder file (as the app would: through the store). */
function session(file: string, coderId: string, mediaId: string, ops: Op[], clock: () => number) {
  const s = ProjectStore.open(file, { clock });
  try {
    const codes = CODES.map((c) => codeId(s, c));
    const markers = codeId(s, 'Markers');
    for (const op of ops) {
      const mine = s.listSegments().filter((x) => x.coderId === coderId);
      if (op.kind === 'add') {
        s.insertSegment({ mediaId, coderId, startMs: op.start, endMs: op.start + op.len, codeIds: [codes[op.code % codes.length]!], note: op.note });
      } else if (op.kind === 'edit' && mine.length) {
        s.updateSegment(mine[op.pick % mine.length]!.id, { startMs: op.start, endMs: op.start + op.len, note: op.note });
      } else if (op.kind === 'delete' && mine.length) {
        s.deleteSegment(mine[op.pick % mine.length]!.id);
      } else if (op.kind === 'code') {
        const existing = s.listCodes().find((c) => c.name === op.name && c.parentId === markers);
        const code = existing ?? s.createCode({ name: op.name, parentId: markers, kind: 'marker' });
        if (op.use) s.insertSegment({ mediaId, coderId, startMs: 5000, endMs: 5000, codeIds: [code.id] });
      } else if (op.kind === 'define') {
        s.updateCode(codes[op.code % codes.length]!, { definition: op.text });
      }
    }
  } finally {
    s.close();
  }
}

function setup(opsA: Op[], opsB: Op[], skew = 7) {
  const dir = tempDir();
  const p = makeProject(dir, ['amina', 'ben'], { clock: tickingClock(1_000_000) });
  track(p.store);
  const tools = codeId(p.store, 'Researchers/Tools');
  // some work already in the project before handing out
  for (const [c, t] of [['amina', 0], ['amina', 20_000], ['ben', 1000], ['ben', 40_000]] as const) {
    p.store.insertSegment({ mediaId: p.mediaId, coderId: p.coderIds[c]!, startMs: t, endMs: t + 3000, codeIds: [tools] });
  }
  const a = path.join(dir, 'amina.triangulate');
  const b = path.join(dir, 'ben.triangulate');
  createCoderFile(p.store, 'amina', a);
  createCoderFile(p.store, 'ben', b);
  // the coders work on their laptops, with clocks of their own (interleaved stamps)
  session(a, p.coderIds.amina!, p.mediaId, opsA, tickingClock(2_000_000));
  session(b, p.coderIds.ben!, p.mediaId, opsB, tickingClock(2_000_000 + skew));
  return { dir, p, a, b };
}

const segmentsOf = (file: string, coderId: string) => {
  const s = ProjectStore.open(file, { readonly: true });
  try {
    return s.listSegments().filter((x) => x.coderId === coderId);
  } finally {
    s.close();
  }
};

describe('merge properties', () => {
  it('lossless, idempotent and order-independent for random coding sessions', () => {
    fc.assert(
      // skew: how far the second laptop's clock is off (0 = equal stamps, settled by content)
      fc.property(fc.array(opArb, { maxLength: 12 }), fc.array(opArb, { maxLength: 12 }), fc.integer({ min: -3, max: 3 }), (opsA, opsB, skew) => {
        const { dir, p, a, b } = setup(opsA, opsB, skew);
        const ab = track(copyProject(p.store, path.join(dir, 'ab.triangulate')));
        const ba = track(copyProject(p.store, path.join(dir, 'ba.triangulate')));
        const both = track(copyProject(p.store, path.join(dir, 'both.triangulate')));
        mergeCoderFiles(ab, [a]);
        const afterA = canonicalExport(ab);
        // A + A = A
        const twice = mergeCoderFiles(ab, [a]);
        expect(canonicalExport(ab)).toBe(afterA);
        expect(twice.totals).toMatchObject({ added: 0, updated: 0, deleted: 0 });
        mergeCoderFiles(ab, [b]);
        mergeCoderFiles(ba, [b]);
        mergeCoderFiles(ba, [a]);
        mergeCoderFiles(both, [b, a]);
        // A + B = B + A = [A, B] in one merge
        const canon = canonicalExport(ab);
        expect(canonicalExport(ba)).toBe(canon);
        expect(canonicalExport(both)).toBe(canon);
        // lossless: every segment of every coder file is in the project once, as it is in the file
        const merged = ab.listSegments();
        for (const [file, coder] of [[a, p.coderIds.amina!], [b, p.coderIds.ben!]] as const) {
          const mine = segmentsOf(file, coder);
          expect(merged.filter((s) => s.coderId === coder)).toEqual(mine);
        }
        expect(new Set(merged.map((s) => s.id)).size).toBe(merged.length);
      }),
      { numRuns: 25 },
    );
  });

  it('a re-merged, edited coder file updates only the edited records', () => {
    const { p, a } = setup([], []);
    const tools = codeId(p.store, 'Researchers/Tools');
    // amina codes three segments and the file is merged
    const s1 = ProjectStore.open(a, { clock: tickingClock(3_000_000) });
    const made = [0, 1, 2].map((i) => s1.insertSegment({ mediaId: p.mediaId, coderId: p.coderIds.amina!, startMs: 60_000 + i * 5000, endMs: 62_000 + i * 5000, codeIds: [tools] }));
    s1.close();
    const first = mergeCoderFiles(p.store, [a]);
    expect(first.counts.segments).toEqual({ added: 3, updated: 0, unchanged: 2, deleted: 0 });
    const before = new Map(p.store.listSegments().map((s) => [s.id, s]));
    // she edits one, deletes one, adds one, and hands the file in again
    const s2 = ProjectStore.open(a, { clock: tickingClock(4_000_000) });
    s2.updateSegment(made[0]!.id, { endMs: 63_500, note: 'longer' });
    s2.deleteSegment(made[1]!.id);
    const added = s2.insertSegment({ mediaId: p.mediaId, coderId: p.coderIds.amina!, startMs: 90_000, endMs: 91_000, codeIds: [tools] });
    s2.close();
    const second = mergeCoderFiles(p.store, [a]);
    expect(second.counts.segments).toEqual({ added: 1, updated: 1, unchanged: 3, deleted: 1 });
    const after = new Map(p.store.listSegments().map((s) => [s.id, s]));
    expect(after.get(made[0]!.id)).toMatchObject({ endMs: 63_500, note: 'longer', updatedAt: 4_000_000 });
    expect(after.has(made[1]!.id)).toBe(false);
    expect(after.get(added.id)).toMatchObject({ startMs: 90_000, endMs: 91_000 });
    // every other record is byte-for-byte what it was (same stamps)
    for (const [id, s] of before) if (id !== made[0]!.id && id !== made[1]!.id) expect(after.get(id)).toEqual(s);
    // the deletion travelled as a tombstone
    expect(p.store.db.prepare('SELECT table_name, deleted_at FROM tombstones WHERE id = ?').get(made[1]!.id)).toEqual({ table_name: 'segments', deleted_at: 4_000_001 });
  });

  it('a segment the lead deleted after handing out does not come back; an older copy does not overwrite a newer edit', () => {
    const { p, a } = setup([], []);
    const amina = p.store.listSegments().filter((s) => s.coderId === p.coderIds.amina);
    p.store.deleteSegment(amina[0]!.id); // deleted in the project (tombstone newer than the file's copy)
    p.store.updateSegment(amina[1]!.id, { note: 'lead fixed the note' });
    const r = mergeCoderFiles(p.store, [a]);
    expect(r.counts.segments).toMatchObject({ added: 0, updated: 0, deleted: 0 });
    expect(p.store.listSegments().some((s) => s.id === amina[0]!.id)).toBe(false);
    expect(p.store.getSegment(amina[1]!.id).note).toBe('lead fixed the note');
  });

  it('two edits with the same stamp are settled by content, the same way in either order', () => {
    const { dir, p, a, b } = setup([], []);
    const tools = codeId(p.store, 'Researchers/Tools');
    for (const [file, text] of [[a, 'x: mediating artefacts'], [b, 'y: instruments']] as const) {
      const s = ProjectStore.open(file, { clock: () => 5_000_000 });
      s.updateCode(tools, { definition: text });
      s.close();
    }
    const ab = track(copyProject(p.store, path.join(dir, 'ab2.triangulate')));
    const ba = track(copyProject(p.store, path.join(dir, 'ba2.triangulate')));
    mergeCoderFiles(ab, [a, b]);
    mergeCoderFiles(ba, [b, a]);
    expect(canonicalExport(ab)).toBe(canonicalExport(ba));
    // equal stamps: the larger canonical text wins; the rows differ first at the definition, "y…" > "x…"
    expect(ab.getCode(tools).definition).toBe('y: instruments');
  });
});
