/**
 * `export --kind reliability`: the report generated from a fixture study (three coders, two
 * codes, contradictions, reconcile decisions with one undone). Every number of its CSV is looked
 * up in the JSON of the command printed beside it and must be equal; the Markdown and HTML show
 * those numbers (APA format); the decision counts equal the agreement export's decision log.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProjectStore } from '../../src/main/db/store';
import { buildQueue, decide, undoDecision } from '../../src/main/features/reconcile/reconcile';
import { apa, durationWords } from '../../src/shared/agreement';
import { cli } from '../helpers/cli';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triangulate-reliability-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const project = path.join(dir, 'study.triangulate');

/** Value at a path like codes[0].ci.krippendorffAlpha.pBelow["0.667"]. */
function at(json: unknown, p: string): unknown {
  const tokens = [...p.matchAll(/\["([^"]+)"\]|\[(\d+)\]|([^.[\]]+)/g)].map((m) => m[1] ?? (m[2] !== undefined ? Number(m[2]) : m[3]));
  return tokens.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)?.[k as string], json);
}

beforeAll(async () => {
  const csv = path.join(dir, 'segs.csv');
  fs.writeFileSync(csv, [
    'coder,code,start,end',
    'A,Researchers/Tools,0,10', 'A,Researchers/Tools,20,30', 'A,Shared object,40,55',
    'B,Researchers/Tools,2,10', 'B,Researchers/Tools,40,50', 'B,Shared object,41,55',
    'C,Researchers/Tools,0,9', 'C,Researchers/Tools,21,30', 'C,Shared object,60,70', '',
  ].join('\n'));
  expect((await cli('new', project)).code).toBe(0);
  expect((await cli('import-segments', project, csv, '--media', 'clip.mp4')).code).toBe(0);
  const store = ProjectStore.open(project);
  try {
    const [R] = store.listSystems();
    const coder = (n: string) => store.listCoders().find((c) => c.name === n)!.id;
    const seg = (n: string, start: number) => store.listSegments().find((s) => s.coderId === coder(n) && s.startMs === start * 1000)!.id;
    store.insertContradiction({ coderId: coder('A'), level: 'secondary', elementA: 'tools', systemA: R.id, elementB: 'rules', systemB: R.id, evidenceSegmentIds: [seg('A', 0)] });
    store.insertContradiction({ coderId: coder('B'), level: 'secondary', elementA: 'rules', systemA: R.id, elementB: 'tools', systemB: R.id, evidenceSegmentIds: [seg('B', 2)] });
    store.insertContradiction({ coderId: coder('C'), level: 'tertiary', elementA: 'tools', systemA: R.id, elementB: 'rules', systemB: R.id, evidenceSegmentIds: [seg('C', 0)] });
    const mediaId = store.listMedia()[0]!.id;
    const coderIds = ['A', 'B', 'C'].map(coder);
    const q = buildQueue(store, mediaId, coderIds);
    expect(q.items.length).toBeGreaterThanOrEqual(3);
    const base = { mediaId, coderIds, rationale: 'discussed', decidedBy: coder('A') };
    decide(store, { ...base, itemKey: q.items[0]!.key, action: 'union' });
    decide(store, { ...base, itemKey: q.items[1]!.key, action: 'drop' });
    const third = decide(store, { ...base, itemKey: q.items[2]!.key, action: 'union' });
    undoDecision(store, third.id, coder('B'));
  } finally {
    store.close();
  }
});

describe('export --kind reliability', () => {
  const out = path.join(dir, 'report.md');
  let rows: { section: string; row: string; measure: string; value: string; json_path: string; command: string }[];
  let md: string;
  let html: string;

  beforeAll(async () => {
    const r = await cli('export', project, '--kind', 'reliability', '--out', out, '--bootstrap', '300', '--seed', '7');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    md = fs.readFileSync(out, 'utf8');
    html = fs.readFileSync(path.join(dir, 'report.html'), 'utf8');
    rows = parse(fs.readFileSync(path.join(dir, 'report.csv'), 'utf8'), { columns: true });
  });

  it('every agreement number equals the JSON of the command printed beside it', async () => {
    const commands = [...new Set(rows.filter((r) => r.section !== 'reconcile').map((r) => r.command))];
    expect(commands).toHaveLength(1);
    expect(commands[0]).toBe(`triangulate agreement ${project} --media clip.mp4 --unit 1 --ci 0.95 --bootstrap 300 --seed 7 --contradictions --min-overlap 0.5 --gamma --format json`);
    const json = JSON.parse((await cli(...commands[0]!.split(' ').slice(1))).stdout);
    const checked = rows.filter((r) => r.section !== 'reconcile');
    expect(checked.length).toBeGreaterThan(40);
    for (const r of checked) {
      const v = at(json, r.json_path);
      if (r.value === '') expect(v, r.json_path).toBeNull();
      else expect(Number(r.value), r.json_path).toBe(v);
    }
    // The sections the issue asks for are there.
    const measures = new Set(checked.map((r) => `${r.section}:${r.measure}`));
    for (const m of ['alpha:krippendorff_alpha', 'alpha:alpha_ci_lower', 'alpha:alpha_ci_upper', 'alpha:alpha_p_below_0.667', 'alpha:u_alpha', 'pairs:cohens_kappa', 'contradictions:f1', 'contradictions:level_kappa', 'data:duration_seconds', 'gamma:gamma', 'gamma:gamma_cat']) expect(measures).toContain(m);
  });

  it('the decision counts equal the agreement export decision log (undone ones apart)', async () => {
    const log = path.join(dir, 'agreement.csv');
    expect((await cli('export', project, '--kind', 'agreement', '--media', 'clip.mp4', '--out', log)).code).toBe(0);
    const decisions: { action: string; undone_at: string }[] = parse(fs.readFileSync(path.join(dir, 'agreement-decisions.csv'), 'utf8'), { columns: true });
    const count = (pred: (d: { action: string; undone_at: string }) => boolean) => String(decisions.filter(pred).length);
    const rec = rows.filter((r) => r.section === 'reconcile');
    expect(rec.map((r) => [r.row, r.value])).toEqual([['union', count((d) => d.action === 'union' && !d.undone_at)], ['drop', count((d) => d.action === 'drop' && !d.undone_at)], ['undone', count((d) => d.undone_at !== '')]]);
    expect(rec.map((r) => r.value)).toEqual(['1', '1', '1']);
  });

  it('the Markdown and HTML show those numbers in APA format, and the methods paragraph uses them', () => {
    const num = (section: string, row: string, measure: string) => {
      const r = rows.find((x) => x.section === section && x.row === row && x.measure === measure)!;
      return r.value === '' ? null : Number(r.value);
    };
    for (const code of ['Researchers/Tools', 'Shared object', 'Overall (pooled)']) {
      const line = md.split('\n').find((l) => l.startsWith(`| ${code} |`))!;
      const cells = line.split(' | ').map((c) => c.replace(/^\| |\s\|$/g, ''));
      expect(cells[1]).toBe(apa(num('alpha', code, 'krippendorff_alpha')));
      expect(cells[2]).toBe(`[${apa(num('alpha', code, 'alpha_ci_lower'))}, ${apa(num('alpha', code, 'alpha_ci_upper'))}]`);
      expect(cells[5]).toBe(apa(num('alpha', code, 'u_alpha')));
      expect(html).toContain(`<td>${code}</td><td>${apa(num('alpha', code, 'krippendorff_alpha'))}</td>`);
    }
    const a = apa(num('alpha', 'Overall (pooled)', 'krippendorff_alpha'));
    expect(a).toMatch(/^−?\.\d\d$/); // APA: no leading zero
    const ci = `[${apa(num('alpha', 'Overall (pooled)', 'alpha_ci_lower'))}, ${apa(num('alpha', 'Overall (pooled)', 'alpha_ci_upper'))}]`;
    expect(md).toContain(`Three coders independently coded ${durationWords(num('data', 'clip.mp4', 'duration_seconds')! * 1000)} of video (clip.mp4)`);
    expect(md).toContain(`Krippendorff's α = ${a}, 95 % CI ${ci} (300 bootstrap samples; Hayes & Krippendorff, 2007)`);
    expect(md).toContain(`F1 = ${apa(num('contradictions', 'Overall (pooled)', 'f1'))}`);
    expect(md).toContain('Disagreements were reconciled in discussion (2 decisions: 1 union, 1 drop).');
    expect(md).toContain(`Mathet et al.'s (2015) γ = ${apa(num('gamma', 'all codes', 'gamma'))}, γ-cat = ${apa(num('gamma', 'all codes', 'gamma_cat'))}.`);
    expect(num('gamma', 'all codes', 'gamma')).not.toBeNull();
    expect(md.match(/Source: `triangulate /g)!.length).toBeGreaterThanOrEqual(4);
  });

  it('APA numbers: no leading zero, a minus sign, two decimals', () => {
    expect([apa(0.7812), apa(-0.034), apa(1), apa(-0.001), apa(null)]).toEqual(['.78', '−.03', '1.00', '.00', '—']);
    expect([durationWords(5 * 3600_000 + 2 * 60_000 + 10_000), durationWords(70_000), durationWords(120_000)]).toEqual(['5 h 2 min', '1 min 10 s', '2 min']);
  });

  it('bad options: one line, exit 2, nothing written', async () => {
    const before = fs.readdirSync(dir).length;
    const r = await cli('export', project, '--kind', 'reliability', '--out', path.join(dir, 'x.md'), '--bootstrap', 'lots');
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(fs.readdirSync(dir).length).toBe(before);
    const s = await cli('export', project, '--kind', 'segments', '--out', path.join(dir, 'x.csv'), '--seed', '3');
    expect(s.code).toBe(2);
    expect(s.stderr).toMatch(/apply to --kind reliability only/);
  });
});
