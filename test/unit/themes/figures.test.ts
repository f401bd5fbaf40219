/**
 * Theme board figures on the hand-countable CSV fixture (test/unit/csv/fixture.ts): values worked
 * out by hand from its segments, and agreement with the thematic export for one-code themes.
 */
import { describe, expect, it } from 'vitest';
import { readCsv, unguardCell } from '../../../src/shared/csv/safe';
import { writeThematicCsv } from '../../../src/shared/csv/thematic';
import { computeBoardFigures } from '../../../src/shared/themes/figures';
import { fixtureProject } from '../csv/fixture';

describe('computeBoardFigures', () => {
  it('per theme: distinct segments, union time per media, coders, media, contradictions (by hand)', () => {
    const f = computeBoardFigures(fixtureProject());
    // Theme "Tension over tools" = Researchers/Tools + Practitioners/Rules:
    // segments s1 s2 s3 s6 s7 (s2 carries both codes: once);
    // workshop1: [10,25.5] ∪ [12,25] ∪ [11,26] = 16 s, plus [100,130] = 30 s; workshop2: [12,25] = 13 s → 59 s;
    // coders Ana, Ben, Chloé (s6 is Consensus: its own figure, never a coder, never in `segments`);
    // both media; k1 (tools end) and k2 (Practitioners rules end).
    expect(f.themes).toEqual([
      { themeId: 'th1', segments: 4, consensusSegments: 1, codedMs: 59_000, coderIds: ['ana', 'ben', 'chloe'], mediaIds: ['m1', 'm2'], contradictionIds: ['k1', 'k2'] },
    ]);
    expect(f.codes['c-rtools']).toEqual({ codeId: 'c-rtools', segments: 3, consensusSegments: 1, codedMs: 29_000, coders: 3, contradictions: 1 });
    expect(f.codes['c-prules']).toEqual({ codeId: 'c-prules', segments: 2, consensusSegments: 0, codedMs: 43_000, coders: 2, contradictions: 1 });
    // Researchers/Object: s5 (15.25 s); k1 and k2 both have a Researchers object end
    expect(f.codes['c-robject']).toEqual({ codeId: 'c-robject', segments: 1, consensusSegments: 0, codedMs: 15_250, coders: 1, contradictions: 2 });
    // a point event counts as a segment but adds no time
    expect(f.codes['c-challenge']).toEqual({ codeId: 'c-challenge', segments: 1, consensusSegments: 0, codedMs: 0, coders: 1, contradictions: 0 });
    expect(f.codes['g-r']).toEqual({ codeId: 'g-r', segments: 0, consensusSegments: 0, codedMs: 0, coders: 0, contradictions: 0 });
  });

  it('follows the export scope: coders and time window (code filters do not hide board codes)', () => {
    const p = fixtureProject();
    // Ana only: s1; contradictions coded by Ana only (k1)
    expect(computeBoardFigures(p, { coderIds: ['ana'], codeIds: ['c-shared'] }).themes[0]).toEqual({
      themeId: 'th1', segments: 1, consensusSegments: 0, codedMs: 15_500, coderIds: ['ana'], mediaIds: ['m1'], contradictionIds: ['k1'],
    });
    // [0, 20 s): s1 s2 s3 clipped (union 10–20 = 10 s) + s6 clipped (12–20 = 8 s); s7 is outside;
    // both contradictions keep evidence in the window (s1; s5 5–20.25 s); s6 is consensus
    expect(computeBoardFigures(p, { fromMs: 0, toMs: 20_000 }).themes[0]).toEqual({
      themeId: 'th1', segments: 3, consensusSegments: 1, codedMs: 18_000, coderIds: ['ana', 'ben', 'chloe'], mediaIds: ['m1', 'm2'], contradictionIds: ['k1', 'k2'],
    });
  });

  it('a one-code theme has the figures of its thematic export row', () => {
    const base = fixtureProject();
    for (const code of base.codes) {
      const p = { ...base, themes: [{ id: 't', name: 'T', description: '', sortOrder: 0, codeIds: [code.id], createdAt: 0, updatedAt: 0 }] };
      for (const filters of [{}, { mediaIds: ['m1'] }, { fromMs: 11_000, toMs: 101_000 }, { consensusOnly: true }]) {
        const records = readCsv(writeThematicCsv(p, filters)).map((r) => r.cells.map(unguardCell));
        const col = (name: string) => records[1][records[0].indexOf(name)];
        const f = computeBoardFigures(p, filters);
        expect(Number(col('segments'))).toBe(f.themes[0].segments);
        expect(Number(col('segments'))).toBe(f.codes[code.id].segments);
        expect(Number(col('consensus_count'))).toBe(f.themes[0].consensusSegments);
        expect(Number(col('coded_seconds')) * 1000).toBe(f.themes[0].codedMs);
        expect(Number(col('contradictions'))).toBe(f.themes[0].contradictionIds.length);
        expect(Number(col('contradictions'))).toBe(f.codes[code.id].contradictions);
      }
    }
  });
});
