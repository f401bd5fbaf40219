/**
 * Issue 10, item 9: the options of `triangulate import` on real project files.
 * - without --tiers an EAF's time-aligned tiers are imported (Time_Subdivision words with the
 *   times ELAN gives them) and the symbolic tiers are named in a note; --tiers takes them;
 * - `import --list FILE` prints the tiers / subjects and behaviours / codes with counts, without a
 *   project and without importing;
 * - a value with "/" that is not an existing code path is one plain code name;
 * - a file with two MEDIA_DESCRIPTORs says which one the segments went to.
 * Expected values worked out by hand from the fixtures (test/fixtures/interop).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProjectStore } from '../../src/main/db/store';
import { writeDemoProject } from '../../src/main/features/studies/demo';
import { exportExchangeKind } from '../../src/main/features/exchange/export';
import { codePath } from '../../src/shared/domain';
import { cli } from '../helpers/cli';
import { snapshotOf } from '../helpers/snapshot';
import { fileHash, tmpDir } from '../helpers/tmp';

const FIX = path.resolve(__dirname, '../fixtures/interop');
const SUBDIV = path.join(FIX, 'elan-subdivision.eaf');

function newProject(): string {
  const file = path.join(tmpDir('triangulate-import-options-'), 'study.triangulate');
  ProjectStore.create(file).close();
  return file;
}

/** "coder | start | end | code paths" per segment, by coder then time. */
function rows(file: string): string[] {
  const p = snapshotOf(file);
  const byId = new Map(p.codes.map((c) => [c.id, c]));
  const coder = new Map(p.coders.map((c) => [c.id, c.name]));
  return p.segments
    .map((s) => ({ c: coder.get(s.coderId)!, s }))
    .sort((a, b) => (a.c < b.c ? -1 : a.c > b.c ? 1 : a.s.startMs - b.s.startMs))
    .map(({ c, s }) => `${c} | ${s.startMs} | ${s.endMs} | ${s.codeIds.map((id) => codePath(byId.get(id)!, byId)).sort().join(' + ')}`);
}

describe('import of an EAF with time-subdivision and symbolic tiers', () => {
  it('without --tiers: the time-aligned tiers, words at ELAN’s times; a note names the symbolic tiers and the media used', async () => {
    const file = newProject();
    const r = await cli('import', file, SUBDIV);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('  note: '))).toEqual([
      '  note: Symbolic tiers not imported (choose them, or name them in --tiers, to take them): words-symsub, pos',
      '  note: The file names 2 media (session.wav, session.mp4); the segments go to session.mp4 (the first video)',
    ]);
    expect(snapshotOf(file).media.map((m) => m.name)).toEqual(['session.mp4']);
    // no annotator on text / words-timesub / syllables: the tier id is the coder; gestures: ANNOTATOR="Ana"
    expect(rows(file).filter((x) => x.startsWith('words-timesub') || x.startsWith('syllables') || x.startsWith('Ana'))).toEqual([
      'Ana | 8000 | 8400 | Imported/point',
      'Ana | 21500 | 21600 | Imported/yes/no',
      'syllables | 9000 | 9500 | Imported/qui',
      'syllables | 9500 | 10000 | Imported/ck',
      'words-timesub | 8000 | 9000 | Imported/The',
      'words-timesub | 9000 | 10000 | Imported/quick',
      'words-timesub | 10000 | 11000 | Imported/brown',
      'words-timesub | 11000 | 12000 | Imported/fox',
      'words-timesub | 20000 | 20500 | Imported/jumps',
      'words-timesub | 20500 | 21000 | Imported/over',
      'words-timesub | 21000 | 21666 | Imported/The', // values match codes case-insensitively
      'words-timesub | 21666 | 22332 | Imported/lazy',
      'words-timesub | 22332 | 23000 | Imported/dog',
    ]);
    expect(snapshotOf(file).segments).toHaveLength(2 + 9 + 2 + 2);
  });

  it('--tiers takes a symbolic subdivision: its words share the parent’s interval evenly', async () => {
    const file = newProject();
    const r = await cli('import', file, SUBDIV, '--tiers', 'words-symsub', '--coder', 'Ben');
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('Symbolic tiers not imported');
    expect(rows(file)).toEqual([
      'Ben | 8000 | 9000 | Imported/The',
      'Ben | 9000 | 10000 | Imported/quick',
      'Ben | 10000 | 11000 | Imported/brown',
      'Ben | 11000 | 12000 | Imported/fox',
      'Ben | 20000 | 21000 | Imported/a',
      'Ben | 21000 | 22000 | Imported/b',
      'Ben | 22000 | 23000 | Imported/c',
    ]);
  });

  it('the --tiers help says what the default is', async () => {
    const r = await cli('import', '--help');
    expect(r.stdout.replace(/\s+/g, ' ')).toContain('every time-aligned EAF tier; symbolic EAF tiers, which ELAN stores without times, only when named here');
  });

  it('a value with "/" that is no code path of the project becomes one code of that name; an existing path is matched', async () => {
    const file = newProject();
    expect((await cli('import', file, SUBDIV, '--tiers', 'gestures')).code).toBe(0);
    const codes = snapshotOf(file).codes;
    const byId = new Map(codes.map((c) => [c.id, c]));
    const slash = codes.filter((c) => c.name === 'yes/no');
    expect(slash.map((c) => codePath(byId.get(c.parentId!)!, byId))).toEqual(['Imported']);
    expect(codes.filter((c) => c.name === 'yes' || c.name === 'no')).toEqual([]);
  });
});

describe('import --list FILE', () => {
  it('an EAF: each tier with its type, parent, annotator and counts, then the values', async () => {
    const r = await cli('import', '--list', SUBDIV);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 7)).toEqual([
      'elan-subdivision.eaf: ELAN file, 6 tiers; media: file:///data/session.wav, file:///data/session.mp4',
      '  tier text: 2 annotations, 2 values (time-aligned)',
      '  tier words-timesub: 9 annotations, 9 values (Time_Subdivision of text)',
      '  tier syllables: 2 annotations, 2 values (Time_Subdivision of words-timesub)',
      '  tier words-symsub: 7 annotations, 7 values (Symbolic_Subdivision of text; imported only when named in --tiers)',
      '  tier pos: 2 annotations, 2 values (Symbolic_Association of words-symsub; imported only when named in --tiers)',
      '  tier gestures: 2 annotations, 2 values (time-aligned, annotator Ana)',
    ]);
    // "The", "brown", "fox", "quick" are on words-timesub and words-symsub; 16 other values once each
    expect(lines.slice(7, 12)).toEqual(['  value The: 2 annotations', '  value brown: 2 annotations', '  value fox: 2 annotations', '  value quick: 2 annotations', '  value Adj: 1 annotation']);
    expect(lines.filter((l) => l.startsWith('  value '))).toHaveLength(20);
  });

  it('a BORIS project: its players 2… as angles with their offsets (BORIS 3.25 s → −3250 ms), then subjects and behaviours', async () => {
    const r = await cli('import', '--list', path.join(__dirname, '../fixtures/boris/two-cameras.boris'));
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(0, 3)).toEqual([
      'two-cameras.boris: BORIS project, 2 subjects, 2 behaviours, 3 events; media: /videos/room.mp4',
      '  angle /videos/table.mp4 of /videos/room.mp4: offset -3250 ms',
      '  angle /videos/recorder.m4a of /videos/room.mp4: offset 1200 ms',
    ]);
  });

  it('a BORIS table: subjects and behaviours with their event counts', async () => {
    const r = await cli('import', '--list', path.join(FIX, 'boris-tabular-events.tsv'));
    expect(r.code).toBe(0);
    // 7 rows: two START/STOP pairs of Tools, one POINT of Challenge, a START/STOP of Rules without subject
    expect(r.stdout).toBe(
      [
        'boris-tabular-events.tsv: BORIS table, 3 subjects, 3 behaviours, 4 events; media: /home/ana/videos/Workshop 1.mp4',
        '  subject Coach A: 2 events',
        '  subject No focal subject: 1 event',
        '  subject Researcher B: 1 event',
        '  behaviour Tools: 2 events',
        '  behaviour Challenge: 1 event',
        '  behaviour Rules: 1 event',
        '',
      ].join('\n'),
    );
  });

  it('a REFI-QDA project: codes, coders and media with segment counts (those of the project it came from)', async () => {
    const dir = tmpDir('triangulate-import-list-');
    const project = writeDemoProject(path.join(dir, 'demo'));
    const qdpx = path.join(dir, 'demo.qdpx');
    exportExchangeKind(project, 'qdpx', qdpx);
    const before = fileHash(qdpx);
    const r = await cli('import', '--list', qdpx);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const p = snapshotOf(project);
    const byId = new Map(p.codes.map((c) => [c.id, c]));
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`demo.qdpx: REFI-QDA project, ${p.codes.length} codes, 3 coders, 1 media, ${p.segments.length} segments`);
    for (const c of p.codes) {
      const n = p.segments.filter((s) => s.codeIds.includes(c.id)).length;
      expect(lines).toContain(`  code ${codePath(c, byId)}: ${n} segment${n === 1 ? '' : 's'}`);
    }
    for (const c of p.coders) expect(lines).toContain(`  coder ${c.name}: ${p.segments.filter((s) => s.coderId === c.id).length} segments`);
    expect(lines).toContain(`  media ${p.media[0]!.name}: ${p.segments.length} segments`);
    expect(fileHash(qdpx)).toBe(before);
  });

  it('bad use: one line, exit 2', async () => {
    const file = newProject();
    const before = fileHash(file);
    for (const argv of [['import', '--list', path.join(FIX, 'nope.eaf')], ['import', file, '--list', SUBDIV], ['import'], ['import', file]]) {
      const r = await cli(...argv);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^triangulate: [^\n]+\n$/);
    }
    expect(fileHash(file)).toBe(before);
  });
});
