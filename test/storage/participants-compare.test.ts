/**
 * Comparison tables on the fixture study (test/helpers/participantsStudy.ts) against counts worked
 * out by hand (in the comments), through the service the Compare screen calls; every cell's
 * drill-down (the compareCell call, asked with the table's request) lists exactly the segments
 * counted, and the table itself carries no id lists.
 */
import { describe, expect, it } from 'vitest';
import type { CompareMatrix, MatrixCell, MatrixRequest } from '../../src/shared/participants/compare';
import { participantsStudy } from '../helpers/participantsStudy';

type Study = Awaited<ReturnType<typeof participantsStudy>>;

const cell = (m: CompareMatrix, row: string, col: string): MatrixCell | undefined => m.cells.find((c) => c.row === row && c.col === col);
/** A drill-down lists its segments in the export order (media name, start, end, coder name: "Consensus" before "amina"). */
let segmentOrder: string[] = [];
const sorted = (...ids: string[]) => [...ids].sort((a, b) => segmentOrder.indexOf(a) - segmentOrder.indexOf(b));
const study = async () => {
  const f = await participantsStudy();
  const { s1, s2, s3, s4, s5, s6, s7 } = f.segs;
  segmentOrder = [s5, s1, s2, s3, s4, s6, s7];
  return f;
};

/** The drill-down of one cell: the compareCell call with the table's request. */
async function drill(f: Study, req: MatrixRequest, row: string, col: string) {
  const list = await f.api.compareCell({ ...req, row, col });
  expect(list.total).toBe(list.segments.length); // the fixture's cells are all listed whole
  return { ids: list.segments.map((s) => s.segmentId), contradictionIds: list.contradictionIds };
}

/** A table, and the figures of one of its cells in one object: [segments, consensus, codedMs, share, drill-down ids]. */
async function table(f: Study, req: MatrixRequest) {
  const m = await f.api.compareMatrix(req);
  const fig = async (row: string, col: string) => {
    const c = cell(m, row, col);
    if (!c) return undefined;
    const { ids } = await drill(f, req, row, col);
    return { segments: c.segments, consensus: c.consensusSegments, ms: c.codedMs, share: c.share === null ? null : Number(c.share.toFixed(6)), ids };
  };
  return { m, fig };
}

describe('compare: code × participant', () => {
  it('counts segments, coded time and share of time on screen as worked by hand', async () => {
    const f: Study = await study();
    const { T, R } = f.codes;
    const { lena, omar, ria } = f.people;
    const { s1, s2, s3, s4, s5, s7 } = f.segs;
    const { m, fig } = await table(f, { rows: 'code', cols: 'participant', measure: 'share' });
    // time on screen: Lena s1 ∪ s2 ∪ s5 = [0,20) = 20 s; Omar s2 ∪ s3 ∪ s7 = [5,20) + [55,58) = 18 s; Ria s4 = 10 s
    expect(m.onScreenMs).toEqual({ [lena]: 20_000, [omar]: 18_000, [ria]: 10_000 });
    // T × Lena: s1 (amina) + consensus s5, time [0,10) = 10 s of 20 s
    expect(await fig(T, lena)).toEqual({ segments: 1, consensus: 1, ms: 10_000, share: 0.5, ids: sorted(s1, s5) });
    // T × Omar: s3 [8,12) = 4 s of 18 s
    expect(await fig(T, omar)).toEqual({ segments: 1, consensus: 0, ms: 4_000, share: Number((4 / 18).toFixed(6)), ids: [s3] });
    // T × Ria: s4, 10 s of 10 s
    expect(await fig(T, ria)).toEqual({ segments: 1, consensus: 0, ms: 10_000, share: 1, ids: [s4] });
    // R × Lena: s2 [5,20) = 15 s of 20 s; R × Omar: s2 + s7 = 15 + 3 = 18 s of 18 s; R × Ria: s4
    expect(await fig(R, lena)).toEqual({ segments: 1, consensus: 0, ms: 15_000, share: 0.75, ids: [s2] });
    expect(await fig(R, omar)).toEqual({ segments: 2, consensus: 0, ms: 18_000, share: 1, ids: sorted(s2, s7) });
    expect(await fig(R, ria)).toEqual({ segments: 1, consensus: 0, ms: 10_000, share: 1, ids: [s4] });
    // s6 names nobody: no cell; exactly the six cells above
    expect(m.cells).toHaveLength(6);
    expect(m.rows.map((r) => r.label)).toEqual(['Researchers/Rules', 'Researchers/Tools']);
    expect(m.cols.map((c) => c.label)).toEqual(['Lena', 'Omar', 'Ria']);
    expect(cell(m, T, lena)!.value).toBe(0.5);
  });

  it('code × group counts a segment once however many members it names', async () => {
    const f = await study();
    const { T, R } = f.codes;
    const { dyadA, dyadB } = f.groups;
    const { s1, s2, s3, s4, s5, s7 } = f.segs;
    const { m, fig } = await table(f, { rows: 'code', cols: 'group', measure: 'segments' });
    // Dyad A {Lena, Omar}: s1 s2 s3 s5 s7 → [0,20) + [55,58) = 23 s; Dyad B {Lena, Ria}: s1 s2 s4 s5 → [0,20) + [30,40) = 30 s
    expect(m.onScreenMs).toEqual({ [dyadA]: 23_000, [dyadB]: 30_000 });
    // T × A: s1, s3 (+ consensus s5); [0,10) ∪ [8,12) = 12 s of 23
    expect(await fig(T, dyadA)).toEqual({ segments: 2, consensus: 1, ms: 12_000, share: Number((12 / 23).toFixed(6)), ids: sorted(s1, s3, s5) });
    // R × A: s2 (naming both Lena and Omar: once) + s7 = 18 s of 23
    expect(await fig(R, dyadA)).toEqual({ segments: 2, consensus: 0, ms: 18_000, share: Number((18 / 23).toFixed(6)), ids: sorted(s2, s7) });
    // T × B: s1, s4 (+ s5): 10 + 10 = 20 s of 30; R × B: s2, s4: 15 + 10 = 25 s of 30
    expect(await fig(T, dyadB)).toEqual({ segments: 2, consensus: 1, ms: 20_000, share: Number((20 / 30).toFixed(6)), ids: sorted(s1, s4, s5) });
    expect(await fig(R, dyadB)).toEqual({ segments: 2, consensus: 0, ms: 25_000, share: Number((25 / 30).toFixed(6)), ids: sorted(s2, s4) });
    expect(cell(m, T, dyadA)!.value).toBe(2);
  });

  it('follows the filters: coder, consensus only, time window, media, theme', async () => {
    const f = await study();
    const { T, R } = f.codes;
    const { lena } = f.people;
    const { amina } = f.coders;
    const { s1, s2, s5 } = f.segs;
    // amina only: T × Lena = s1; Lena on screen s1 ∪ s2 = 20 s
    const { m: byAmina, fig: byAminaFig } = await table(f, { rows: 'code', cols: 'participant', filters: { coderIds: [amina] } });
    expect(await byAminaFig(T, lena)).toEqual({ segments: 1, consensus: 0, ms: 10_000, share: 0.5, ids: [s1] });
    // consensus only: the consensus layer's s5 is what is counted; Lena on screen = s5 = 10 s
    const { m: cons, fig: consFig } = await table(f, { rows: 'code', cols: 'participant', filters: { consensusOnly: true } });
    expect(cons.cells).toHaveLength(1);
    expect(await consFig(T, lena)).toEqual({ segments: 1, consensus: 1, ms: 10_000, share: 1, ids: [s5] });
    // window [8 s, 30 s): s1 and s5 clipped to [8,10) = 2 s; Lena on screen [8,20) = 12 s; s4 at 30 s is out
    const { m: win, fig: winFig } = await table(f, { rows: 'code', cols: 'participant', filters: { fromMs: 8_000, toMs: 30_000 } });
    expect(await winFig(T, lena)).toEqual({ segments: 1, consensus: 1, ms: 2_000, share: Number((2 / 12).toFixed(6)), ids: sorted(s1, s5) });
    expect(win.cells.some((c) => c.row === T && c.col === f.people.ria)).toBe(false);
    // another media: nothing
    expect((await f.api.compareMatrix({ rows: 'code', cols: 'participant', filters: { mediaIds: ['00000000-0000-4000-8000-000000000000'] } })).cells).toEqual([]);
    // a theme holding R only: rows are R alone; time on screen is not limited by the theme
    const theme = await f.api.createTheme({ name: 'Rules', codeIds: [R] });
    const { m: th, fig: thFig } = await table(f, { rows: 'code', cols: 'participant', filters: { themeIds: [theme.id] } });
    expect(th.rows.map((r) => r.key)).toEqual([R]);
    expect(await thFig(R, lena)).toEqual({ segments: 1, consensus: 0, ms: 15_000, share: 0.75, ids: [s2] });
  });
});

describe('compare: contradictions and co-occurrence', () => {
  it('contradiction (level × element pair) × participant and × group', async () => {
    const f = await study();
    const { lena, omar, ria } = f.people;
    const { k1, k2 } = f.contradictions;
    const { s2, s4 } = f.segs;
    const { m } = await table(f, { rows: 'contradiction', cols: 'participant' });
    // k1 (Tools–Rules) and k2 (written Rules–Tools) are one row
    expect(m.rows).toEqual([{ key: 'secondary:tools:rules', label: 'Secondary: Tools – Rules' }]);
    const row = 'secondary:tools:rules';
    // Lena: k1 through its evidence s2, k2 by its own link; segments in Lena's column: s2 only
    const byP = { rows: 'contradiction', cols: 'participant' } as const;
    expect(m.cells).toHaveLength(3);
    expect(cell(m, row, lena)).toMatchObject({ segments: 2, codedMs: 15_000 });
    expect(await drill(f, byP, row, lena)).toEqual({ contradictionIds: [k1, k2].sort(), ids: [s2] });
    expect(cell(m, row, omar)).toMatchObject({ segments: 1, codedMs: 15_000 });
    expect(await drill(f, byP, row, omar)).toEqual({ contradictionIds: [k1], ids: [s2] });
    expect(cell(m, row, ria)).toMatchObject({ segments: 1, codedMs: 10_000 });
    expect(await drill(f, byP, row, ria)).toEqual({ contradictionIds: [k2], ids: [s4] });
    const byG = { rows: 'contradiction', cols: 'group' } as const;
    const g = await f.api.compareMatrix(byG);
    expect(g.cells).toHaveLength(2);
    expect(cell(g, row, f.groups.dyadA)).toMatchObject({ segments: 2, codedMs: 15_000 });
    expect(await drill(f, byG, row, f.groups.dyadA)).toEqual({ contradictionIds: [k1, k2].sort(), ids: [s2] });
    expect(cell(g, row, f.groups.dyadB)).toMatchObject({ segments: 2, codedMs: 25_000 });
    expect(await drill(f, byG, row, f.groups.dyadB)).toEqual({ contradictionIds: [k1, k2].sort(), ids: sorted(s2, s4) });
  });

  it('code co-occurrence within one coder, optionally within the same participants', async () => {
    const f = await study();
    const { T, R } = f.codes;
    const { s1, s2, s4, s6, s7 } = f.segs;
    const { m, fig } = await table(f, { rows: 'cooccurrence', cols: 'code', measure: 'seconds' });
    // amina: s1 T [0,10) × s2 R [5,20) share [5,10); s6 T [50,60) × s7 R [55,58) share [55,58);
    // ben: s4 carries T and R: [30,40). amina's s2 × ben's s3 (other coders) do not count.
    // T's coded time: [0,12) + [30,40) + [50,60) = 32 s; R's: [5,20) + [30,40) + [55,58) = 28 s
    expect(await fig(T, R)).toEqual({ segments: 3, consensus: 0, ms: 18_000, share: Number((18 / 32).toFixed(6)), ids: sorted(s1, s2, s4, s6, s7) });
    expect(await fig(R, T)).toEqual({ segments: 3, consensus: 0, ms: 18_000, share: Number((18 / 28).toFixed(6)), ids: sorted(s1, s2, s4, s6, s7) });
    expect(cell(m, T, R)!.value).toBe(18);
    expect(m.cells).toHaveLength(2);
    // same participants: s6 names nobody, so s6 × s7 drops out
    const { m: same, fig: sameFig } = await table(f, { rows: 'cooccurrence', cols: 'code', sameParticipants: true });
    expect(await sameFig(T, R)).toEqual({ segments: 2, consensus: 0, ms: 15_000, share: Number((15 / 32).toFixed(6)), ids: sorted(s1, s2, s4) });
  });

  it('the table carries the numbers only: no segment or contradiction id in any table', async () => {
    const f = await study();
    const kinds: MatrixRequest[] = [
      { rows: 'code', cols: 'participant' },
      { rows: 'code', cols: 'group' },
      { rows: 'contradiction', cols: 'participant' },
      { rows: 'contradiction', cols: 'group' },
      { rows: 'cooccurrence', cols: 'code' },
      { rows: 'cooccurrence', cols: 'code', sameParticipants: true },
    ];
    const ids = [...Object.values(f.segs), ...Object.values(f.contradictions)];
    for (const req of kinds) {
      const m = await f.api.compareMatrix(req);
      expect(m.cells.length).toBeGreaterThan(0);
      for (const c of m.cells) expect(Object.keys(c).sort()).toEqual(['codedMs', 'col', 'consensusSegments', 'row', 'segments', 'share', 'value']);
      const json = JSON.stringify(m);
      for (const id of ids) expect(json).not.toContain(id);
    }
  });

  it('a cell that is not in the table lists nothing; a malformed cell request is refused in one line', async () => {
    const f = await study();
    const { T } = f.codes;
    expect(await f.api.compareCell({ rows: 'code', cols: 'participant', row: T, col: f.groups.dyadA })).toMatchObject({ total: 0, segments: [] });
    expect(await f.api.compareCell({ rows: 'cooccurrence', cols: 'code', row: T, col: T })).toMatchObject({ total: 0, segments: [] });
    expect(await f.api.compareCell({ rows: 'contradiction', cols: 'group', row: 'primary:tools:tools', col: f.groups.dyadA })).toMatchObject({ total: 0, segments: [] });
    const { parseInput } = await import('../../src/shared/contract');
    expect(() => parseInput('compareCell', { rows: 'code', cols: 'participant', row: T })).toThrow(/^compareCell: invalid col/);
  });

  it('refuses a co-occurrence table without code columns (one line)', async () => {
    const { parseInput } = await import('../../src/shared/contract');
    expect(() => parseInput('compareMatrix', { rows: 'cooccurrence', cols: 'participant' })).toThrow(/compareMatrix: invalid cols: a co-occurrence table has codes as columns/);
  });

  it('a table asked again after an edit (here or in another connection) shows the edit', async () => {
    const f = await study();
    const { T } = f.codes;
    const { omar, ria } = f.people;
    const req = { rows: 'code', cols: 'participant' } as const;
    const before = await f.api.compareMatrix(req);
    expect(cell(before, T, omar)!.segments).toBe(1);
    expect((await drill(f, req, T, omar)).ids).toEqual([f.segs.s3]);
    await f.api.toggleSegmentParticipant({ segmentIds: [f.segs.s3], participantId: omar, on: false });
    expect(cell(await f.api.compareMatrix(req), T, omar)).toBeUndefined();
    expect((await drill(f, req, T, omar)).ids).toEqual([]);
    const other = f.reopen();
    const { createService } = await import('../../src/main/service');
    await createService(other).setSegmentParticipants({ segmentId: f.segs.s3, participantIds: [ria] });
    other.close();
    expect(cell(await f.api.compareMatrix(req), T, ria)!.segments).toBe(2);
    expect((await drill(f, req, T, ria)).ids).toEqual([f.segs.s3, f.segs.s4]);
  });
});
