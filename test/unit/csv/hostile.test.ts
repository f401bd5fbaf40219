/**
 * Hostile content through every export: formula starts, quotes, commas, newlines, emoji and
 * right-to-left text are read back by a CSV parser as the exact original text (after unguardCell),
 * and no cell starts with a formula character.
 */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { ProjectSnapshot } from '../../../src/shared/domain';
import { unguardCell } from '../../../src/shared/csv/safe';
import { parseSegmentsCsv, writeSegmentsCsv } from '../../../src/shared/csv/segmentsCsv';
import { writeThematicCsv } from '../../../src/shared/csv/thematic';
import { writeContradictionsCsv } from '../../../src/shared/csv/contradictions';
import { writeAgreementCsv } from '../../../src/shared/csv/agreementCsv';
import { code, coder, importIntoNewProject, media, segment, system } from './fixture';

export const HOSTILE = [
  '=HYPERLINK("http://x","y")',
  '+1',
  '@SUM(A1)',
  '-2+3',
  '-1.5',
  '\t=1+1',
  '\r=1+1',
  "'=already guarded",
  "''+x",
  'a "quoted", text',
  'line1\nline2\r\nline3\rline4',
  'emoji 😀👩🏽‍🔬 ok',
  'مرحبا بالعالم',
  'עברית שלום',
  '\u202Ereversed',
  ' leading space ',
  ',',
  '"',
  "'",
  '',
];

const FORMULA_START = /^[=+\-@\t\r]/;

function hostileProject(): ProjectSnapshot {
  const codes = [
    code('h0', HOSTILE[0], 'custom'),
    code('h1', '-2+3', 'element', { parentId: 'h0', element: 'tools', systemId: 'sys' }),
    code('h2', '+1', 'element', { element: 'object', systemId: 'sys' }),
    code('h3', 'עברית שלום', 'custom'),
  ];
  const coders = [coder('c0', '@SUM(A1)'), coder('c1', 'مرحبا بالعالم'), coder('c2', '=cmd|"/c calc"!A0', true)];
  const mediaList = [media('m0', '-video.mp4', 1_000_000), media('m1', 'وسائط 😀.mp4', 1_000_000)];
  const segments = HOSTILE.map((note, i) =>
    segment(`s${i}`, mediaList[i % 2].id, coders[i % 3].id, i * 1000, i * 1000 + (i % 4) * 250, i % 5 === 0 ? ['h0', 'h1'] : [codes[i % 4].id], note),
  );
  return {
    projectId: 'h',
    name: 'hostile',
    systems: [system('sys', '-Sys', 0)],
    media: mediaList,
    coders,
    codes,
    segments,
    memos: [],
    contradictions: [
      {
        id: 'k',
        level: 'secondary',
        elementA: 'tools',
        systemA: 'sys',
        elementB: 'object',
        systemB: 'sys',
        coderId: 'c0',
        status: 'unresolved',
        note: '@SUM(A1), "really"\n=2',
        evidenceSegmentIds: ['s1', 's2'],
        createdAt: 0,
        updatedAt: 0,
      },
    ],
    themes: [{ id: 't', name: HOSTILE[0], description: '-2+3\nمرحبا', sortOrder: 0, codeIds: ['h0', 'h1', 'h2', 'h3'], createdAt: 0, updatedAt: 0 }],
  };
}

function cellsOf(text: string): string[][] {
  const rows = parse(text.replace(/^\uFEFF/, '')) as string[][];
  for (const r of rows) for (const c of r) expect(FORMULA_START.test(c), `cell ${JSON.stringify(c)}`).toBe(false);
  return rows;
}

describe('hostile content', () => {
  it('segments: exact text back, no formula starts, and a round trip', () => {
    const p = hostileProject();
    const text = writeSegmentsCsv(p, {}, { bom: true });
    const rows = cellsOf(text);
    const header = rows[0];
    const note = header.indexOf('note');
    const byId = new Map(p.segments.map((s) => [s.id, s]));
    for (const r of rows.slice(1)) {
      const s = byId.get(r[header.indexOf('segment_id')])!;
      expect(unguardCell(r[note])).toBe(s.note);
      expect(unguardCell(r[header.indexOf('coder')])).toBe(p.coders.find((c) => c.id === s.coderId)!.name);
      expect(unguardCell(r[header.indexOf('media')])).toBe(p.media.find((m) => m.id === s.mediaId)!.name);
    }
    expect(rows.slice(1).map((r) => unguardCell(r[1]))).toContain('=HYPERLINK("http://x","y")/-2+3');
    expect(rows.slice(1).map((r) => unguardCell(r[note])).sort()).toEqual(
      p.segments.flatMap((s) => s.codeIds.map(() => s.note)).sort(),
    );

    const parsed = parseSegmentsCsv(text, { codes: p.codes, mediaNames: p.media.map((m) => m.name) }).rows;
    expect(parsed.map((r) => [r.segmentId, r.codeId, r.note, r.startMs, r.endMs]).sort()).toEqual(
      p.segments.flatMap((s) => s.codeIds.map((c) => [s.id, c, s.note, s.startMs, s.endMs])).sort(),
    );
    const again = writeSegmentsCsv(importIntoNewProject(text, p), {}, { bom: true });
    const strip = (t: string) => (parse(t.replace(/^\uFEFF/, '')) as string[][]).map((r) => r.slice(0, 10));
    expect(strip(again)).toEqual(strip(text));
  });

  it('thematic, contradictions, agreement: exact text back and no formula starts', () => {
    const p = hostileProject();
    const thematic = cellsOf(writeThematicCsv(p));
    expect(thematic[0]).toContain('count_@SUM(A1)');
    expect(thematic.slice(1).map((r) => unguardCell(r[0]))).toEqual([HOSTILE[0], HOSTILE[0], HOSTILE[0], HOSTILE[0]]);
    expect(unguardCell(thematic[1][1])).toBe('-2+3\nمرحبا');
    expect(thematic.slice(1).map((r) => unguardCell(r[2]))).toEqual([HOSTILE[0], `${HOSTILE[0]}/-2+3`, '+1', 'עברית שלום']);
    // example cells carry the notes verbatim after "media @ time: "
    const examples = thematic.slice(1).flatMap((r) => r.slice(-3)).filter((c) => c !== '');
    expect(examples).toContain('-video.mp4 @ 0:00:00: =HYPERLINK("http://x","y")'.replace(/^/, "'"));
    expect(examples.some((e) => e.endsWith(': line1\nline2\r\nline3\rline4'))).toBe(true);

    const [rows, matrix] = writeContradictionsCsv(p);
    const k = cellsOf(rows.text);
    expect(unguardCell(k[1][k[0].indexOf('note')])).toBe('@SUM(A1), "really"\n=2');
    expect(unguardCell(k[1][k[0].indexOf('coder')])).toBe('@SUM(A1)');
    expect(unguardCell(k[1][k[0].indexOf('system_a')])).toBe('-Sys');
    expect(cellsOf(matrix.text).map((r) => unguardCell(r[0]))).toEqual(['element', '-Sys:object', '-Sys:tools']);

    const files = writeAgreementCsv(
      {
        settings: { '=setting': '-value', coders: '@SUM(A1);مرحبا' },
        codes: [{ code: HOSTILE[0], units: 1, percentAgreement: 1, cohensKappa: null, fleissKappa: null, krippendorffAlpha: null }],
        pairs: [{ coders: ['@SUM(A1)', 'מרחבא'], percentAgreement: 1, cohensKappa: null, krippendorffAlpha: null }],
      },
      [{ at: 0, by: '+by', media: '-video.mp4', code: '@c', startMs: 0, endMs: 1, action: '=x', rationale: HOSTILE[10], chosenCoder: '-me', undoneBy: '=u' }],
    );
    const [a, s, d] = files.map((f) => cellsOf(f.text));
    expect(unguardCell(a[1][1])).toBe(HOSTILE[0]);
    expect(a[2].slice(2, 4).map(unguardCell)).toEqual(['@SUM(A1)', 'מרחבא']);
    expect(s.slice(1).map((r) => r.map(unguardCell))).toEqual([['=setting', '-value'], ['coders', '@SUM(A1);مرحبا']]);
    expect(d[1].map(unguardCell)).toEqual(['1970-01-01T00:00:00.000Z', '+by', '-video.mp4', '@c', '0', '0.001', '=x', '', '', '-me', HOSTILE[10], '', '=u']);
  });
});
