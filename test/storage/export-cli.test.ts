/**
 * `export` through the real CLI (runCli) on real SQLite project files: all four kinds, compared
 * with expected CSV written by hand; scope options; side files; BOM; hostile content; bad options
 * give one line and write nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/main/cli/index';
import { ProjectStore } from '../../src/main/db/store';
import { hasDecisionLog } from '../../src/main/features/export/decisions';
import { createTheme } from '../../src/main/features/themes/themes';
import { readCsv, unguardCell } from '../../src/shared/csv/safe';
import type { Code } from '../../src/shared/domain';

let dir: string;

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}

async function exportOk(...argv: string[]): Promise<string> {
  const r = await cli('export', ...argv);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return r.out;
}

const read = (f: string) => fs.readFileSync(path.join(dir, f), 'utf8');
const lines = (...l: string[]) => l.map((x) => `${x}\r\n`).join('');

function codesByPath(store: ProjectStore): (p: string) => string {
  const codes = store.listCodes();
  const byId = new Map(codes.map((c) => [c.id, c]));
  const pathOf = (c: Code): string => (c.parentId ? `${pathOf(byId.get(c.parentId)!)}/${c.name}` : c.name);
  const m = new Map(codes.map((c) => [pathOf(c), c.id]));
  return (p) => {
    const id = m.get(p);
    if (!id) throw new Error(`no code ${p}`);
    return id;
  };
}

function addContradiction(store: ProjectStore, k: { id: string; level: string; a: [string, string | null]; b: [string, string | null]; coderId: string; status: string; note: string; evidence: string[] }): void {
  store.db
    .prepare('INSERT INTO contradictions (id, level, element_a, system_a, element_b, system_b, coder_id, status, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0)')
    .run(k.id, k.level, k.a[0], k.a[1], k.b[0], k.b[1], k.coderId, k.status, k.note);
  for (const s of k.evidence) store.db.prepare('INSERT INTO contradiction_evidence (contradiction_id, segment_id) VALUES (?, ?)').run(k.id, s);
}

/**
 * The fixture project (same content as test/unit/csv/fixture.ts, in a real file with the default
 * codebook): 2 media, 3 coders + consensus, 8 segments, 1 theme, 2 contradictions.
 */
function makeFixture(file: string): void {
  const store = ProjectStore.create(file, { name: 'Fixture' });
  try {
    const code = codesByPath(store);
    const sys = new Map(store.listSystems().map((s) => [s.name, s.id]));
    store.insertMedia({ id: 'm1', path: '', name: 'workshop1.mp4', fingerprint: '', size: 0, durationMs: 600_000 });
    store.insertMedia({ id: 'm2', path: '', name: 'workshop2.mp4', fingerprint: '', size: 0, durationMs: 300_000 });
    store.insertCoder({ id: 'ana', name: 'Ana' });
    store.insertCoder({ id: 'ben', name: 'Ben' });
    store.insertCoder({ id: 'chloe', name: 'Chloé' });
    store.insertCoder({ id: 'cons', name: 'Consensus', isConsensus: true });
    const seg = (id: string, mediaId: string, coderId: string, startMs: number, endMs: number, codes: string[], note: string) =>
      store.insertSegment({ id, mediaId, coderId, startMs, endMs, codeIds: codes.map(code), note });
    seg('s1', 'm1', 'ana', 10_000, 25_500, ['Researchers/Tools'], 'Template shown');
    seg('s2', 'm1', 'ben', 12_000, 25_000, ['Researchers/Tools', 'Practitioners/Rules'], 'Slides, "template"');
    seg('s3', 'm1', 'chloe', 11_000, 26_000, ['Researchers/Tools'], '');
    seg('s4', 'm1', 'ana', 65_000, 65_000, ['Markers/Challenge'], '=HYPERLINK("http://x","y")');
    seg('s5', 'm2', 'ben', 5_000, 20_250, ['Researchers/Object'], 'line1\nline2');
    seg('s6', 'm2', 'cons', 12_000, 25_000, ['Researchers/Tools'], 'agreed');
    seg('s7', 'm1', 'chloe', 100_000, 130_000, ['Practitioners/Rules'], '-2+3');
    seg('s8', 'm2', 'ana', 30_000, 42_123, ['Shared object'], 'élan 😀');
    createTheme(store, { name: 'Tension over tools', description: 'Whose template?', codeIds: [code('Researchers/Tools'), code('Practitioners/Rules')] });
    const R = sys.get('Researchers')!;
    const P = sys.get('Practitioners')!;
    addContradiction(store, { id: 'k1', level: 'secondary', a: ['tools', R], b: ['object', R], coderId: 'ana', status: 'unresolved', note: 'template vs. brief', evidence: ['s1', 's3'] });
    addContradiction(store, { id: 'k2', level: 'quaternary', a: ['object', R], b: ['rules', P], coderId: 'ben', status: 'emerging', note: '', evidence: ['s5'] });
  } finally {
    store.close();
  }
}

let fixture: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triangulate-export-cli-'));
  fixture = path.join(dir, 'fixture.triangulate');
  makeFixture(fixture);
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const THEMATIC_HEADER =
  'theme,theme_description,code,element,system,segments,coded_seconds,coded_hms,media_share,count_Ana,count_Ben,count_Chloé,consensus_count,contradictions,example_1,example_2,example_3';

describe('export --kind thematic (CLI, real project file)', () => {
  it('writes the thematic summary (hand-written expected file)', async () => {
    const out = await exportOk(fixture, '--kind', 'thematic', '--out', path.join(dir, 'thematic.csv'));
    expect(out).toBe(`Wrote thematic export: ${path.join(dir, 'thematic.csv')} (2 rows)\n`);
    expect(read('thematic.csv')).toBe(
      lines(
        THEMATIC_HEADER,
        // Researchers/Tools: s1 s2 s3 on workshop1 (union 10–26 s = 16 s) + s6 on workshop2 (13 s) = 29 s of 900 s;
        // one segment each by Ana, Ben, Chloé (segments 3), one consensus (its own column); k1 has a
        // Researchers tools end; examples: the coders' two notes, then Chloé's segment without one
        // (the consensus note "agreed" is a reconcile rationale, never an example)
        'Tension over tools,Whose template?,Researchers/Tools,tools,Researchers,3,29,0:00:29,0.03222222222222222,1,1,1,1,1,' +
          'workshop1.mp4 @ 0:00:10–0:00:26: Template shown,"workshop1.mp4 @ 0:00:12–0:00:25: Slides, ""template""",workshop1.mp4 @ 0:00:11–0:00:26',
        // Practitioners/Rules: s2 (13 s) + s7 (30 s) = 43 s of 900 s; k2 has a Practitioners rules end;
        // s7's note "-2+3" is guarded with a leading quote
        'Tension over tools,Whose template?,Practitioners/Rules,rules,Practitioners,2,43,0:00:43,0.04777777777777778,0,1,1,0,1,' +
          `"workshop1.mp4 @ 0:00:12–0:00:25: Slides, ""template""",workshop1.mp4 @ 0:01:40–0:02:10: -2+3,`,
      ),
    );
  });

  it('applies --coders, --from/--to, --themes and --bom', async () => {
    await exportOk(fixture, '--kind', 'thematic', '--out', path.join(dir, 'th2.csv'), '--coders', 'Ana,Ben', '--from', '0', '--to', '0:00:20', '--themes', 'Tension over tools', '--bom');
    expect(read('th2.csv')).toBe(
      '\uFEFF' +
        lines(
          'theme,theme_description,code,element,system,segments,coded_seconds,coded_hms,media_share,count_Ana,count_Ben,consensus_count,contradictions,example_1,example_2,example_3',
          // window [0, 20 s) of both media = 40 s; Ana's s1 10–20 and Ben's s2 12–20: union 10 s
          'Tension over tools,Whose template?,Researchers/Tools,tools,Researchers,2,10,0:00:10,0.25,1,1,0,1,' +
            'workshop1.mp4 @ 0:00:10–0:00:20: Template shown,"workshop1.mp4 @ 0:00:12–0:00:20: Slides, ""template""",',
          'Tension over tools,Whose template?,Practitioners/Rules,rules,Practitioners,1,8,0:00:08,0.2,0,1,0,1,"workshop1.mp4 @ 0:00:12–0:00:20: Slides, ""template""",,',
        ),
    );
  });
});

describe('export --kind contradictions (CLI)', () => {
  it('writes the contradictions and the matrix side file (hand-written expected files)', async () => {
    const out = await exportOk(fixture, '--kind', 'contradictions', '--out', path.join(dir, 'k.csv'));
    expect(out).toBe(`Wrote contradictions export: ${path.join(dir, 'k.csv')} (2 rows)\n  and ${path.join(dir, 'k-matrix.csv')} (3 rows)\n`);
    expect(read('k.csv')).toBe(
      lines(
        'level,element_a,system_a,element_b,system_b,coder,status,evidence,evidence_count,evidence_segment_ids,note,contradiction_id,coder_id',
        'secondary,tools,Researchers,object,Researchers,Ana,unresolved,workshop1.mp4 @ 0:00:10–0:00:26; workshop1.mp4 @ 0:00:11–0:00:26,2,s1;s3,template vs. brief,k1,ana',
        'quaternary,object,Researchers,rules,Practitioners,Ben,emerging,workshop2.mp4 @ 0:00:05–0:00:20,1,s5,,k2,ben',
      ),
    );
    expect(read('k-matrix.csv')).toBe(
      lines('element,Researchers:object,Researchers:tools,Practitioners:rules', 'Researchers:object,0,1,1', 'Researchers:tools,1,0,0', 'Practitioners:rules,1,0,0'),
    );
  });

  it('--codes keeps the contradictions involving those codes; --media and a window clip the evidence', async () => {
    await exportOk(fixture, '--kind', 'contradictions', '--out', path.join(dir, 'k2'), '--codes', 'Practitioners/Rules');
    expect(read('k2').split('\r\n')[1]).toBe('quaternary,object,Researchers,rules,Practitioners,Ben,emerging,workshop2.mp4 @ 0:00:05–0:00:20,1,s5,,k2,ben');
    expect(read('k2-matrix.csv')).toBe(lines('element,Researchers:object,Practitioners:rules', 'Researchers:object,0,1', 'Practitioners:rules,1,0'));
    await exportOk(fixture, '--kind', 'contradictions', '--out', path.join(dir, 'k3.csv'), '--media', 'workshop1.mp4', '--from', '20', '--to', '30');
    expect(read('k3.csv').split('\r\n').slice(1)).toEqual([
      'secondary,tools,Researchers,object,Researchers,Ana,unresolved,workshop1.mp4 @ 0:00:20–0:00:26; workshop1.mp4 @ 0:00:20–0:00:26,2,s1;s3,template vs. brief,k1,ana',
      '',
    ]);
  });
});

describe('export --kind segments (CLI)', () => {
  it('writes one row per segment × code with the UUID columns', async () => {
    await exportOk(fixture, '--kind', 'segments', '--out', path.join(dir, 'seg.csv'), '--media', 'workshop2.mp4');
    const store = ProjectStore.open(fixture);
    const code = codesByPath(store);
    store.close();
    expect(read('seg.csv')).toBe(
      lines(
        'coder,code,start,end,media,note,element,system,duration,consensus,segment_id,code_id,coder_id,media_id,participants,groups',
        `Ben,Researchers/Object,5,20.25,workshop2.mp4,"line1\nline2",object,Researchers,15.25,false,s5,${code('Researchers/Object')},ben,m2,,`,
        `Consensus,Researchers/Tools,12,25,workshop2.mp4,agreed,tools,Researchers,13,true,s6,${code('Researchers/Tools')},cons,m2,,`,
        `Ana,Shared object,30,42.123,workshop2.mp4,élan 😀,object,,12.123,false,s8,${code('Shared object')},ana,m2,,`,
      ),
    );
    await exportOk(fixture, '--kind', 'segments', '--out', path.join(dir, 'seg-cons.csv'), '--consensus-only');
    expect(read('seg-cons.csv').split('\r\n').length).toBe(3); // header, s6, final empty
    await exportOk(fixture, '--kind', 'segments', '--out', path.join(dir, 'seg-all.csv'));
    // 8 segments, s2 with two codes
    expect(readCsv(read('seg-all.csv')).length).toBe(1 + 9);
  });
});

describe('export --kind agreement (CLI)', () => {
  /**
   * Two coders, one code, two media (10 s and 4.5 s), 1 s slices.
   * workshop A (10 slices): A codes [0,4), B codes [2,6) → both 2, only A 2, only B 2, neither 4.
   * workshop B (5 slices, the last partial one counts): both code [0,2) → both 2, neither 3.
   * Pooled (15 units): both 4, onlyA 2, onlyB 2, neither 7.
   */
  let file: string;
  beforeAll(() => {
    file = path.join(dir, 'agreement.triangulate');
    const store = ProjectStore.create(file);
    const code = codesByPath(store);
    store.insertMedia({ id: 'ma', path: '', name: 'A.mp4', fingerprint: '', size: 0, durationMs: 10_000 });
    store.insertMedia({ id: 'mb', path: '', name: 'B.mp4', fingerprint: '', size: 0, durationMs: 4_500 });
    store.insertCoder({ id: 'a', name: 'A' });
    store.insertCoder({ id: 'b', name: 'B' });
    store.insertCoder({ id: 'c', name: 'C', isConsensus: true });
    const t = code('Researchers/Tools');
    store.insertSegment({ mediaId: 'ma', coderId: 'a', startMs: 0, endMs: 4_000, codeIds: [t] });
    store.insertSegment({ mediaId: 'ma', coderId: 'b', startMs: 2_000, endMs: 6_000, codeIds: [t] });
    store.insertSegment({ mediaId: 'mb', coderId: 'a', startMs: 0, endMs: 2_000, codeIds: [t] });
    store.insertSegment({ mediaId: 'mb', coderId: 'b', startMs: 0, endMs: 2_000, codeIds: [t] });
    store.insertSegment({ mediaId: 'ma', coderId: 'c', startMs: 0, endMs: 9_000, codeIds: [t] });
    if (hasDecisionLog(store)) {
      const ins = store.db.prepare(`INSERT INTO reconcile_decisions (id, media_id, code_id, item_key, item_kind, item_start_ms, item_end_ms, action, start_ms, end_ms,
        chosen_coder_id, rationale, decided_by_id, decided_by_name, decided_at, undone_at, undone_by_name, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0)`);
      ins.run('d2', 'mb', t, 'k2', 'agreed', 0, 2_000, 'bulk-agree', 0, 2_000, null, '', null, 'B', Date.UTC(2026, 0, 2), null, null);
      ins.run('d1', 'ma', t, 'k1', 'disagreement', 0, 6_000, 'accept', 2_000, 6_000, 'b', '=B saw the template first', 'a', 'A', Date.UTC(2026, 0, 1, 9, 30), Date.UTC(2026, 0, 1, 10), 'B');
    }
    store.close();
  });

  it('pools the media: per-code, overall and pairwise rows, settings and decision files (by hand)', async () => {
    const out = await exportOk(file, '--kind', 'agreement', '--out', path.join(dir, 'agr.csv'));
    expect(out.split('\n')[1]).toBe(`  and ${path.join(dir, 'agr-settings.csv')} (12 rows)`);
    const rows = readCsv(read('agr.csv')).map((r) => r.cells);
    expect(rows[0].join(',')).toBe('scope,code,coder_a,coder_b,units,percent_agreement,cohens_kappa,fleiss_kappa,krippendorff_alpha,positive_agreement,mean_pairwise_cohens_kappa,notes');
    const num = (row: string[], i: number) => Number(row[i]);
    const [overall, tools, pair] = rows.slice(1);
    expect(rows.length).toBe(4);
    expect(overall.slice(0, 5)).toEqual(['overall', '', '', '', '15']);
    expect(tools.slice(0, 5)).toEqual(['code', 'Researchers/Tools', '', '', '15']);
    expect(pair.slice(0, 4)).toEqual(['pair', '', 'A', 'B']);
    for (const r of [overall, tools]) {
      expect(num(r, 5)).toBeCloseTo(11 / 15, 12); // percent: (4 + 7) / 15
      // Cohen: pA = pB = 6/15 = 0.4, pe = 0.16 + 0.36 = 0.52 → (11/15 − 0.52) / 0.48 = 4/9
      expect(num(r, 6)).toBeCloseTo(4 / 9, 12);
      expect(num(r, 7)).toBeCloseTo(4 / 9, 12); // Fleiss = Cohen for two coders with equal margins
      // alpha: n = 30 values, n1 = 12, n0 = 18, disagreeing units 4 → 1 − 29·8 / (2·18·12)
      expect(num(r, 8)).toBeCloseTo(1 - (29 * 8) / 432, 12);
      expect(num(r, 9)).toBeCloseTo(8 / 12, 12); // positive: 2·4 / (2·4 + 2 + 2)
    }
    expect(num(pair, 6)).toBeCloseTo(4 / 9, 12);
    expect(read('agr-settings.csv')).toBe(
      lines(
        'setting,value',
        'mode,slices',
        'unit_seconds,1',
        'exclude_uncoded,false',
        'coders,A; B',
        'codes,Researchers/Tools',
        'media,A.mp4; B.mp4',
        'from_seconds,',
        'to_seconds,',
        'duration_seconds,15',
        'units_per_code,15',
        'point_events_excluded,0',
        'consensus_only,false',
      ),
    );
    const header = 'at,by,media,code,start,end,action,result_start,result_end,chosen_coder,rationale,undone_at,undone_by';
    const store = ProjectStore.open(file);
    const withLog = hasDecisionLog(store);
    store.close();
    expect(read('agr-decisions.csv')).toBe(
      withLog
        ? lines(
            header,
            `2026-01-01T09:30:00.000Z,A,A.mp4,Researchers/Tools,0,6,accept,2,6,B,'=B saw the template first,2026-01-01T10:00:00.000Z,B`,
            '2026-01-02T00:00:00.000Z,B,B.mp4,Researchers/Tools,0,2,bulk-agree,0,2,,,,',
          )
        : lines(header),
    );
  });

  it('one media alone gives the numbers worked out for it, as the agreement command does', async () => {
    await exportOk(file, '--kind', 'agreement', '--out', path.join(dir, 'agrA.csv'), '--media', 'A.mp4');
    const [, overall] = readCsv(read('agrA.csv')).map((r) => r.cells);
    expect(overall[4]).toBe('10');
    expect(Number(overall[5])).toBeCloseTo(0.6, 12);
    expect(Number(overall[6])).toBeCloseTo(1 / 6, 12); // (0.6 − 0.52) / 0.48
    expect(Number(overall[8])).toBeCloseTo(1 - (19 * 8) / 192, 12);
    let json = '';
    expect(await runCli(['agreement', file, '--media', 'A.mp4', '--format', 'json'], { stdout: (s) => (json += s), stderr: () => undefined })).toBe(0);
    const r = JSON.parse(json);
    expect(Number(overall[6])).toBe(r.overall.cohensKappa);
    expect(Number(overall[8])).toBe(r.overall.krippendorffAlpha);
    // exact mode: A [0,4) vs B [2,6) over 10 s is the same tally in seconds
    await exportOk(file, '--kind', 'agreement', '--out', path.join(dir, 'agrX.csv'), '--media', 'A.mp4', '--exact');
    const [, ox] = readCsv(read('agrX.csv')).map((r) => r.cells);
    expect(ox[4]).toBe('');
    expect(Number(ox[6])).toBeCloseTo(1 / 6, 12);
    expect(read('agrX-settings.csv')).toContain('mode,exact\r\nunit_seconds,\r\n');
  });

  it('refuses a scope with fewer than two coders in one line, writing nothing', async () => {
    const r = await cli('export', file, '--kind', 'agreement', '--out', path.join(dir, 'none.csv'), '--consensus-only');
    expect(r.code).toBe(2);
    expect(r.err).toBe('triangulate: agreement needs at least two coders; got 1 (C)\n');
    expect(fs.existsSync(path.join(dir, 'none.csv'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'none-settings.csv'))).toBe(false);
  });
});

describe('export: bad options', () => {
  it('names the problem in one line and leaves existing files as they were', async () => {
    fs.writeFileSync(path.join(dir, 'keep.csv'), 'old');
    const bad: [string[], string][] = [
      [['--kind', 'thematic', '--media', 'nope.mp4'], 'triangulate: --media: no media named "nope.mp4" (the project has "workshop1.mp4", "workshop2.mp4")\n'],
      [['--kind', 'thematic', '--coders', 'Ana,Zoe'], 'triangulate: --coders: no coder named "Zoe" (the project has "Ana", "Ben", "Chloé", "Consensus")\n'],
      [['--kind', 'segments', '--codes', 'Tools'], 'triangulate: --codes: "Tools" is ambiguous (Researchers/Tools, Practitioners/Tools); write the full path\n'],
      [['--kind', 'segments', '--themes', 'Missing'], 'triangulate: --themes: no theme named "Missing" (the project has "Tension over tools")\n'],
      [['--kind', 'segments', '--from', '30', '--to', '20'], 'triangulate: --to 20 must be after --from 30\n'],
      [['--kind', 'segments', '--from', '1:75'], 'triangulate: --from: "1:75" is not a time (seconds like 62.5, or h:mm:ss.mmm)\n'],
      [['--kind', 'segments', '--unit', '2'], 'triangulate: --unit, --exact and --exclude-uncoded apply to --kind agreement only\n'],
      [['--kind', 'agreement', '--unit', '0.0005'], 'triangulate: --unit: 0.0005 s is not a whole number of milliseconds\n'],
    ];
    for (const [args, msg] of bad) {
      const r = await cli('export', fixture, ...args, '--out', path.join(dir, 'keep.csv'));
      expect(r.err).toBe(msg);
      expect(r.code).toBe(2);
      expect(read('keep.csv')).toBe('old');
    }
    const r = await cli('export', fixture, '--kind', 'pivot', '--out', path.join(dir, 'keep.csv'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/argument 'pivot' is invalid. Allowed choices are thematic, segments, contradictions, agreement/);
    const missing = await cli('export', path.join(dir, 'nope.triangulate'), '--kind', 'segments', '--out', path.join(dir, 'keep.csv'));
    expect(missing.code).toBe(2);
    expect(missing.err.split('\n').length).toBe(2);
    expect(read('keep.csv')).toBe('old');
  });
});

describe('export: hostile content through the CLI', () => {
  const HOSTILE = [
    '=HYPERLINK("http://evil.example","click")',
    '+1',
    '-1+2',
    '@SUM(A1:A9)',
    '\tTAB first',
    '\rCR first',
    "'=already quoted",
    'comma, "quotes", and\nnewline\r\nCRLF',
    'emoji 😀👩🏽‍🔬',
    'עברית مرحبا RTL',
  ];

  it('every text reads back exactly (apart from the documented guard) and no cell starts with a formula character unless it is a number', async () => {
    const file = path.join(dir, 'hostile.triangulate');
    const store = ProjectStore.create(file);
    const code = codesByPath(store);
    store.insertMedia({ id: 'hm', path: '', name: '-video, "1".mp4', fingerprint: '', size: 0, durationMs: 60_000 });
    store.insertCoder({ id: 'h1', name: '@SUM(A1)' });
    store.insertCoder({ id: 'h2', name: '=cmd|" /C calc"!A0' });
    const evil = store.createCode({ name: '=HYPERLINK("x","y"), "code"' });
    const ids: string[] = [];
    HOSTILE.forEach((note, i) => {
      ids.push(store.insertSegment({ mediaId: 'hm', coderId: i % 2 ? 'h1' : 'h2', startMs: i * 1000, endMs: i * 1000 + 3000, codeIds: [evil.id, code('Researchers/Tools')], note }).id);
    });
    createTheme(store, { name: '+theme, "one"', description: HOSTILE[7], codeIds: [evil.id] });
    addContradiction(store, { id: 'hk', level: 'primary', a: ['tools', null], b: ['tools', null], coderId: 'h1', status: 'unresolved', note: HOSTILE[0], evidence: [ids[0]] });
    store.close();

    const texts: string[][][] = [];
    for (const kind of ['thematic', 'segments', 'contradictions', 'agreement']) {
      await exportOk(file, '--kind', kind, '--out', path.join(dir, `h-${kind}.csv`));
      for (const f of fs.readdirSync(dir).filter((x) => x.startsWith(`h-${kind}`))) texts.push(readCsv(read(f)).map((r) => r.cells));
    }
    const NUMBER = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/;
    for (const rows of texts) for (const row of rows) for (const cell of row) if (/^[=+\-@\t\r]/.test(cell)) expect(cell).toMatch(NUMBER);

    const seg = readCsv(read('h-segments.csv')).map((r) => r.cells.map(unguardCell));
    const col = (name: string) => seg[0].indexOf(name);
    const notes = seg.slice(1).filter((r) => r[col('code')] !== 'Researchers/Tools').map((r) => r[col('note')]);
    expect(notes).toEqual(HOSTILE);
    expect(new Set(seg.slice(1).map((r) => r[col('coder')]))).toEqual(new Set(['@SUM(A1)', '=cmd|" /C calc"!A0']));
    expect(new Set(seg.slice(1).map((r) => r[col('code')]))).toEqual(new Set(['=HYPERLINK("x","y"), "code"', 'Researchers/Tools']));
    expect(new Set(seg.slice(1).map((r) => r[col('media')]))).toEqual(new Set(['-video, "1".mp4']));
    // numbers stay numbers: the start column is plain digits
    expect(seg.slice(1).every((r) => NUMBER.test(r[col('start')]))).toBe(true);

    const th = readCsv(read('h-thematic.csv')).map((r) => r.cells.map(unguardCell));
    expect(th[0]).toContain('count_=cmd|" /C calc"!A0');
    expect(th[1].slice(0, 3)).toEqual(['+theme, "one"', HOSTILE[7], '=HYPERLINK("x","y"), "code"']);
    const k = readCsv(read('h-contradictions.csv')).map((r) => r.cells.map(unguardCell));
    expect(k[1][k[0].indexOf('note')]).toBe(HOSTILE[0]);
    expect(k[1][k[0].indexOf('coder')]).toBe('@SUM(A1)');
    // the import reads the export back: same notes
    const back = path.join(dir, 'hostile-back.triangulate');
    expect((await cli('new', back)).code).toBe(0);
    const s2 = ProjectStore.open(back);
    s2.createCode({ name: '=HYPERLINK("x","y"), "code"' });
    s2.close();
    const imp = await cli('import-segments', back, path.join(dir, 'h-segments.csv'));
    expect(imp.err).toBe('');
    const s3 = ProjectStore.open(back);
    expect(s3.listSegments().map((s) => s.note).sort()).toEqual([...HOSTILE].sort());
    s3.close();
  });
});
