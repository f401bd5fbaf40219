/**
 * Issue 10, item 10: a QDPX round trip keeps every segment, also segments of one coder on one span
 * that differ only in their note (each is its own VideoSelection with its own guid). Real SQLite
 * files: the demo project plus a stack of same-span segments, exported and imported into a new one.
 * Formats without segment identity (event tables, EAF) fold a repeated coding of a span into one
 * segment, but not one that brings a note of its own.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProjectStore } from '../../src/main/db/store';
import { writeDemoProject } from '../../src/main/features/studies/demo';
import { exportExchangeKind } from '../../src/main/features/exchange/export';
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

describe('event-table import of same-span events', () => {
  it('events of one subject, behaviour and span stay apart when their comments differ; a repeat folds', () => {
    const dir = tmpDir('triangulate-boris-span-');
    const csv = path.join(dir, 'agg.csv');
    const head = 'Observation id,Media file,Total length,FPS,Subject,Behavior,Behavioral category,Behavior type,Start (s),Stop (s),Duration (s),Comment start,Comment stop';
    const row = (comment: string): string => `obs,/videos/w.mp4,600,25,Ana,Tools,CHAT,STATE,1.000,2.500,1.500,${comment},`;
    fs.writeFileSync(csv, [head, row('first look'), row('second look'), row('first look'), row('')].join('\n'));
    const target = path.join(dir, 'p.triangulate');
    ProjectStore.create(target).close();
    const r = importFile(target, csv);
    // by hand: "first look" twice (the second folds), "second look" once, and the one without a comment folds too
    expect([r.segmentsCreated, r.segmentsUnchanged]).toEqual([2, 2]);
    expect(segmentLines(snapshotOf(target))).toEqual(['Ana | w.mp4 | 1000 | 2500 | Imported/Tools | first look', 'Ana | w.mp4 | 1000 | 2500 | Imported/Tools | second look']);
    expect(importFile(target, csv).segmentsCreated).toBe(0);
  });
});
