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
import type { ProjectSnapshot } from '../../src/shared/domain';
import { importFile, segmentLines, snapshotOf } from '../helpers/snapshot';
import { tmpDir } from '../helpers/tmp';

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
  function roundTrip(): { file: string; target: string; qdpx: string; report: ReturnType<typeof importFile> } {
    const { dir, file } = projectWithStack();
    const qdpx = path.join(dir, 'out.qdpx');
    exportExchangeKind(file, 'qdpx', qdpx);
    const target = path.join(dir, 'target.triangulate');
    ProjectStore.create(target).close();
    return { file, target, qdpx, report: importFile(target, qdpx) };
  }
  const onSpan = (snap: ProjectSnapshot): number => snap.segments.filter((x) => x.startMs === 50_000 && x.endMs === 52_500).length;

  it('export → import into a new project gives the identical multiset of (coder, media, start, end, codes, note)', () => {
    const { file, target, report } = roundTrip();
    const before = snapshotOf(file);
    const after = snapshotOf(target);
    expect(onSpan(before)).toBe(STACK.length);
    expect(report.segmentsCreated).toBe(before.segments.length);
    expect(after.segments).toHaveLength(before.segments.length);
    expect(onSpan(after)).toBe(STACK.length);
    expect(segmentLines(after)).toEqual(segmentLines(before));
  });

  it('importing the .qdpx again into either project adds nothing', () => {
    const { file, target, qdpx } = roundTrip();
    const lines = segmentLines(snapshotOf(file));
    for (const p of [file, target]) {
      const r = importFile(p, qdpx);
      expect([r.segmentsCreated, r.segmentsUpdated, r.segmentsUnchanged]).toEqual([0, 0, lines.length]);
      expect(segmentLines(snapshotOf(p))).toEqual(lines);
    }
  });
});
