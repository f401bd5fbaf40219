/**
 * Issue 10, item 10: a QDPX round trip keeps every segment, also segments of one coder on one span
 * that differ only in their note (each is its own VideoSelection with its own guid). Real SQLite
 * files: the demo project plus a stack of same-span segments, exported and imported into a new one.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProjectStore } from '../../src/main/db/store';
import { writeDemoProject } from '../../src/main/ops/demo';
import { exportExchangeKind } from '../../src/main/ops/exchangeExport';
import { importExchangeFile, readImportSource } from '../../src/main/ops/exchangeImport';
import { codePath, type ProjectSnapshot } from '../../src/shared/domain';
import { tmpDir } from '../helpers/tmp';

/** Every segment as "coder | media | start | end | sorted code paths | note" (a multiset: sorted list). */
function segmentLines(snap: ProjectSnapshot): string[] {
  const byId = new Map(snap.codes.map((c) => [c.id, c]));
  const coder = new Map(snap.coders.map((c) => [c.id, c.name]));
  const media = new Map(snap.media.map((m) => [m.id, m.name]));
  return snap.segments
    .map((s) => `${coder.get(s.coderId)} | ${media.get(s.mediaId)} | ${s.startMs} | ${s.endMs} | ${s.codeIds.map((id) => codePath(byId.get(id)!, byId)).sort().join(' + ')} | ${s.note}`)
    .sort();
}

function snapshotOf(file: string): ProjectSnapshot {
  const s = ProjectStore.open(file);
  try {
    return s.snapshot();
  } finally {
    s.close();
  }
}

/** The span 50.000–52.500 s, coded again and again by amina and ben. */
const STACK: { coder: 'amina' | 'ben'; codes: string[]; note: string }[] = [
  { coder: 'amina', codes: ['Tools'], note: 'first look' },
  { coder: 'amina', codes: ['Tools'], note: 'second look' },
  { coder: 'amina', codes: ['Tools'], note: 'third look' },
  { coder: 'amina', codes: ['Tools'], note: '' },
  { coder: 'amina', codes: ['Tools'], note: 'first look' }, // an exact twin of the first: still two segments
  { coder: 'amina', codes: ['Rules'], note: 'first look' },
  { coder: 'amina', codes: ['Tools', 'Rules'], note: 'both' },
  { coder: 'amina', codes: [], note: 'uncoded, with a note' },
  { coder: 'ben', codes: ['Tools'], note: 'first look' },
  { coder: 'ben', codes: ['Tools'], note: 'ben again' },
];

function projectWithStack(): { dir: string; file: string } {
  const dir = tmpDir('triangulate-qdpx-span-');
  const file = writeDemoProject(path.join(dir, 'source'));
  const s = ProjectStore.open(file);
  const media = s.listMedia()[0]!;
  const coders = new Map(s.listCoders().map((c) => [c.name, c.id]));
  const researchers = s.listSystems()[0]!.id;
  const code = (name: string): string => s.listCodes().find((c) => c.name === name && c.systemId === researchers)!.id;
  for (const x of STACK) s.insertSegment({ mediaId: media.id, coderId: coders.get(x.coder)!, startMs: 50_000, endMs: 52_500, codeIds: x.codes.map(code), note: x.note });
  s.close();
  return { dir, file };
}

describe('QDPX round trip of same-span segments', () => {
  it('export → import into a new project gives the identical multiset of (coder, media, start, end, codes, note)', () => {
    const { dir, file } = projectWithStack();
    const before = snapshotOf(file);
    const onSpan = (snap: ProjectSnapshot): number => snap.segments.filter((x) => x.startMs === 50_000 && x.endMs === 52_500).length;
    expect(onSpan(before)).toBe(STACK.length);

    const qdpx = path.join(dir, 'out.qdpx');
    exportExchangeKind(file, 'qdpx', qdpx);
    const target = path.join(dir, 'target.triangulate');
    ProjectStore.create(target).close();
    const store = ProjectStore.open(target);
    const report = importExchangeFile(store, readImportSource(qdpx));
    store.close();

    const after = snapshotOf(target);
    expect(report.segmentsCreated).toBe(before.segments.length);
    expect(after.segments).toHaveLength(before.segments.length);
    expect(onSpan(after)).toBe(STACK.length);
    expect(segmentLines(after)).toEqual(segmentLines(before));
  });

  it('importing the .qdpx again into either project adds nothing', () => {
    const { dir, file } = projectWithStack();
    const qdpx = path.join(dir, 'out.qdpx');
    exportExchangeKind(file, 'qdpx', qdpx);
    const before = segmentLines(snapshotOf(file));
    const store = ProjectStore.open(file);
    const r = importExchangeFile(store, readImportSource(qdpx));
    store.close();
    expect([r.segmentsCreated, r.segmentsUpdated, r.segmentsUnchanged]).toEqual([0, 0, before.length]);
    expect(segmentLines(snapshotOf(file))).toEqual(before);
  });
});
