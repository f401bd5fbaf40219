import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { writeThematicCsv } from '../../../src/shared/csv/thematic';
import { writeThematicCsvStreamed, type ThematicRow } from '../../../src/shared/csv/thematicStream';
import type { ExportFilters } from '../../../src/shared/csv/scope';
import type { ProjectSnapshot, Segment, Theme } from '../../../src/shared/domain';
import { code, coder, fixtureProject, media, segment } from './fixture';

const NOTES = ['', '', 'template shown', 'says "the brief"', '=1+1', 'pause'];

/** A random study: few names and notes, so that ties, copied consensus notes and repeats abound. */
const study = fc
  .record({
    segs: fc.array(
      fc.record({
        media: fc.constantFrom('m1', 'm2', 'm3'),
        coder: fc.constantFrom('ana', 'ben', 'ben2', 'cons', 'cons2'),
        start: fc.integer({ min: 0, max: 40 }),
        len: fc.constantFrom(0, 1, 3, 10),
        codes: fc.subarray(['k1', 'k2', 'k3', 'k4'], { minLength: 1 }),
        note: fc.constantFrom(...NOTES),
      }),
      { maxLength: 60 },
    ),
    themeCodes: fc.subarray(['k1', 'k2', 'k3', 'k4', 'gone'], { minLength: 1 }),
    durations: fc.constantFrom([60_000, 40_000, 50_000], [60_000, null, 50_000]),
  })
  .map(({ segs, themeCodes, durations }): ProjectSnapshot => {
    const base = fixtureProject();
    const theme: Theme = { id: 't1', name: 'Tensions', description: '', sortOrder: 0, codeIds: themeCodes, createdAt: 0, updatedAt: 0 } as Theme;
    const other: Theme = { ...theme, id: 't2', name: 'Second', sortOrder: 1, codeIds: ['k2', 'k1'] };
    return {
      ...base,
      codes: [code('k1', 'Tools', 'element'), code('k2', 'Rules', 'element'), code('k3', 'Challenge', 'marker'), code('k4', 'Tools', 'element', { parentId: 'k1' })],
      // 'ben2' shares a name with 'ben'; two consensus coders
      coders: [coder('ana', 'Ana'), coder('ben', 'Ben'), coder('ben2', 'Ben'), coder('cons', 'Consensus', true), coder('cons2', 'Agreed', true)],
      media: [media('m1', 'b.mp4', durations[0]!), media('m2', 'a.mp4', durations[1]!), media('m3', 'a.mp4', durations[2]!)],
      contradictions: [],
      themes: [theme, other],
      segments: segs.map((s, i): Segment => segment(`s${String(i).padStart(3, '0')}`, s.media, s.coder, s.start * 1000, (s.start + s.len) * 1000, s.codes, s.note)),
    };
  });

const filters = fc.record({
  mediaIds: fc.constantFrom(undefined, ['m1'], ['m2', 'm3']),
  coderIds: fc.constantFrom(undefined, ['ana', 'cons'], ['ben', 'ben2', 'cons2']),
  consensusOnly: fc.constantFrom(undefined, true),
  codeIds: fc.constantFrom(undefined, ['k1', 'k3']),
  themeIds: fc.constantFrom(undefined, ['t2']),
  fromMs: fc.constantFrom(undefined, 5_000, 20_500),
  toMs: fc.constantFrom(undefined, 30_000),
});

/** The snapshot's segment × code rows for the streamed writer, shuffled (it must not depend on order). */
function rowsOf(p: ProjectSnapshot, shuffle: number[]) {
  const consensus = new Set(p.coders.filter((c) => c.isConsensus).map((c) => c.id));
  const rows: ThematicRow[] = p.segments.flatMap((s) => s.codeIds.map((k) => [s.id, s.mediaId, s.coderId, s.startMs, s.endMs, s.note, k] as const));
  const shuffled = rows.map((r, i) => [shuffle[i % shuffle.length]! * 1000 + i, r] as const).sort((a, b) => a[0] - b[0]).map((x) => x[1]);
  return (which: 'consensus' | 'coders') => shuffled.filter((r) => consensus.has(r[2]) === (which === 'consensus'));
}

describe('writeThematicCsvStreamed', () => {
  it('writes the in-memory thematic export, byte for byte, on random studies and filters', () => {
    fc.assert(
      fc.property(study, filters, fc.array(fc.nat(1000), { minLength: 1, maxLength: 20 }), (p, raw, shuffle) => {
        const f = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined)) as ExportFilters;
        const snapshotWithoutSegments = { ...p, segments: [] };
        expect(writeThematicCsvStreamed(snapshotWithoutSegments, f, {}, rowsOf(p, shuffle))).toBe(writeThematicCsv(p, f));
      }),
      { numRuns: 400 },
    );
  });

  it('the fixture study (contradictions, consensus copies, quoting) with and without a BOM', () => {
    const p = fixtureProject();
    const evidence = new Set(p.contradictions.flatMap((k) => k.evidenceSegmentIds));
    const slim = { ...p, segments: p.segments.filter((s) => evidence.has(s.id)) };
    for (const bom of [false, true]) expect(writeThematicCsvStreamed(slim, {}, { bom }, rowsOf(p, [3, 1, 2]))).toBe(writeThematicCsv(p, {}, { bom }));
  });
});
