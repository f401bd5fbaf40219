/**
 * `triangulate import` and `triangulate exchange-export` on real project files: an EAF written
 * by ELAN 6 and BORIS exports (expected segments worked out by hand from the fixtures), the
 * mapping options, hostile archives (exit 2, one line, project byte-identical) and bad input.
 */
import fs from 'node:fs';
import path from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli';
import { ProjectStore } from '../../src/main/db/store';
import { codePath, type ProjectSnapshot } from '../../src/shared/domain';
import { snapshotOf } from '../helpers/snapshot';
import { fileHash, tmpDir } from '../helpers/tmp';
import { deflatedZeros, GiB, handZip, LAUGHS } from '../unit/interop/hostileFiles';

const FIX = path.resolve(__dirname, '../fixtures/interop');

function project(withMedia = false): { dir: string; file: string } {
  const dir = tmpDir('triangulate-cli-exchange-');
  const file = path.join(dir, 'study.triangulate');
  const s = ProjectStore.create(file);
  if (withMedia) s.insertMedia({ path: path.join(dir, 'w.mp4'), name: 'w.mp4', fingerprint: 'c'.repeat(64), size: 3, durationMs: 4_000_000 });
  s.close();
  return { dir, file };
}

function hash(file: string): string {
  const s = ProjectStore.open(file);
  s.db.pragma('wal_checkpoint(TRUNCATE)');
  s.close();
  return fileHash(file);
}

/** "coder | start | end | code paths | note" per segment, in time order. */
function rows(file: string): string[] {
  const p = snapshotOf(file);
  const byId = new Map(p.codes.map((c) => [c.id, c]));
  const coder = new Map(p.coders.map((c) => [c.id, c.name]));
  return p.segments
    .slice()
    .sort((a, b) => a.startMs - b.startMs || (coder.get(a.coderId)! < coder.get(b.coderId)! ? -1 : 1))
    .map((s) => `${coder.get(s.coderId)} | ${s.startMs} | ${s.endMs} | ${s.codeIds.map((id) => codePath(byId.get(id)!, byId)).sort().join(' + ')} | ${s.note}`);
}

describe('import of an EAF written by ELAN 6', () => {
  it('imports the time-aligned tiers with their ANNOTATOR as coder; unknown and ambiguous values become codes under "Imported"', async () => {
    const { file } = project();
    const eaf = path.join(FIX, 'elan6-workshop.eaf');
    const r = await cli('import', file, eaf);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      `Imported 5 segments from ${eaf}; new codes: Imported, Imported/Division of labour, Imported/Coffee & biscuits, Imported/tools, Imported/Rules; new coders: Maria; media: Workshop 2.mp4 (not found: locate it later)\n` +
        '  note: Symbolic tiers not imported (choose them, or name them in --tiers, to take them): Maria - Rules comments\n' +
        '  note: The file names 2 media (Workshop 2.mp4, Workshop 2.wav); the segments go to Workshop 2.mp4 (the first video)\n' +
        '  note: The media may also be next to the .eaf file: ./Workshop%202.mp4\n',
    );
    // by hand from the fixture: ts4 has no TIME_VALUE and lies halfway between ts3 = 6000 and ts5 = 9000;
    // a2's empty value takes its CV entry's value; "Rules", "tools" and "Division of labour" name a
    // code of both activity systems in the default codebook, so they are not guessed
    expect(rows(file)).toEqual([
      'Maria | 1250 | 4870 | Researchers/Tools | ',
      'Maria | 6000 | 7500 | Imported/Division of labour | ',
      'Maria | 7500 | 9000 | Imported/Coffee & biscuits | ',
      'Maria | 12345 | 20100 | Imported/Rules | ',
      'Maria | 3723004 | 3725000 | Imported/tools | ',
    ]);
    const m = snapshotOf(file).media;
    expect(m.map((x) => [x.name, x.fingerprint, x.path])).toEqual([['Workshop 2.mp4', '', 'C:/Users/maria/Documents/Workshop 2.mp4']]);
  });

  it('--coder, --tiers and --map choose the coder, the tiers and the codes', async () => {
    const { file } = project();
    const r = await cli('import', file, path.join(FIX, 'elan6-workshop.eaf'), '--coder', 'Ana', '--tiers', 'Maria - Tools,Maria - Rules', '--map', 'tools=Researchers/Tools,Rules=Practitioners/Rules', '--map', 'Division of labour=skip');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(rows(file)).toEqual([
      'Ana | 1250 | 4870 | Researchers/Tools | ',
      'Ana | 7500 | 9000 | Imported/Coffee & biscuits | ',
      'Ana | 12345 | 20100 | Practitioners/Rules | ',
      'Ana | 3723004 | 3725000 | Researchers/Tools | ',
    ]);
  });

  it('a symbolic child tier can be chosen: its annotations take the parent annotation\'s times and the parent tier\'s annotator', async () => {
    const { file } = project();
    const r = await cli('import', file, path.join(FIX, 'elan6-workshop.eaf'), '--tiers', 'Maria - Rules comments');
    expect(r.code).toBe(0);
    expect(rows(file)).toEqual(['Maria | 12345 | 20100 | Imported/"briefs look academic" | ']);
  });

  it('an existing coder of the same name is reused, and --media attaches to a project media', async () => {
    const { file } = project(true);
    const s = ProjectStore.open(file);
    const maria = s.insertCoder({ name: 'maria' });
    s.close();
    const r = await cli('import', file, path.join(FIX, 'elan6-workshop.eaf'), '--media', 'w.mp4', '--tiers', 'Maria - Tools');
    expect(r.code).toBe(0);
    const p = snapshotOf(file);
    expect(p.coders.map((c) => c.name)).toEqual(['maria']);
    expect(new Set(p.segments.map((x) => [x.coderId, x.mediaId].join()))).toEqual(new Set([[maria.id, p.media[0]!.id].join()]));
    expect(p.segments).toHaveLength(4);
  });
});

describe('import of BORIS exports', () => {
  it('tabular events: START/STOP pairs and POINTs become segments; subjects become coders of the same name', async () => {
    const { file } = project();
    const tsv = path.join(FIX, 'boris-tabular-events.tsv');
    const r = await cli('import', file, tsv);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`Imported 4 segments from ${tsv}; new codes: Imported, Imported/Tools, Imported/Rules; new coders: Coach A, Researcher B, No focal subject; media: Workshop 1.mp4 (not found: locate it later)\n`);
    // "Challenge" is the default codebook's marker (unique name); "Tools" and "Rules" are ambiguous
    expect(rows(file)).toEqual([
      'Coach A | 1001 | 12345 | Imported/Tools | template shown / put away',
      'Researcher B | 3500 | 14000 | Imported/Tools | ',
      'Coach A | 5250 | 5250 | Markers/Challenge | asks "why?"',
      'No focal subject | 20000 | 3723004 | Imported/Rules | ',
    ]);
    const m = snapshotOf(file).media[0]!;
    expect([m.name, m.durationMs, m.frameRate, m.fingerprint]).toEqual(['Workshop 1.mp4', 5_400_123, 25, '']);
  });

  it('--map sends behaviours to existing codes, --coder puts every subject on one coder', async () => {
    const { file } = project();
    const r = await cli('import', file, path.join(FIX, 'boris-aggregated.csv'), '--coder', 'Ben', '--map', 'Tools=Practitioners/Tools');
    expect(r.stderr).toBe('');
    expect(rows(file)).toEqual(['Ben | 1001 | 12345 | Practitioners/Tools | template shown', 'Ben | 5250 | 5250 | Markers/Challenge | ']);
    expect(snapshotOf(file).codes.some((c) => c.name === 'Imported')).toBe(false);
  });

  it('an ELAN tab-delimited export goes to the project\'s only media; tiers become coders', async () => {
    const { file } = project(true);
    const r = await cli('import', file, path.join(FIX, 'elan-tab-delimited.txt'), '--map', 'Rules=Practitioners/Rules');
    expect(r.stderr).toBe('');
    expect(rows(file)).toEqual([
      'Coach A - Tools | 1001 | 12345 | Imported/template | ',
      'Coach A - Tools | 60000 | 90500 | Researchers/Tools | ',
      'Bob - Rules | 3723004 | 3724000 | Practitioners/Rules | ',
    ]);
  });
});

describe('hostile and bad input: exit 2, one line, project byte-identical', () => {
  const QDE = '<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0" name="x"/>';

  /** A low-entropy 8 MiB "video" that deflates about 27:1 (under the archive's 200:1 bomb limit). */
  function compressibleMedia(): Uint8Array {
    let x = 12345;
    const data = new Uint8Array(8 * 1024 * 1024);
    for (let i = 0; i < data.length; i++) {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      data[i] = x / 0x7fffffff < 0.03 ? 1 : 0;
    }
    return data;
  }

  const cases: [string, string, () => Uint8Array | string, RegExp][] = [
    ['zip slip ("../")', 'slip.qdpx', () => zipSync({ 'project.qde': strToU8(QDE), '../../evil.sh': strToU8('pwned') }), /"\.\.\/\.\.\/evil\.sh" climbs out of the archive with "\.\."; refused \(zip slip\)/],
    ['zip slip (absolute)', 'abs.qdpx', () => zipSync({ 'project.qde': strToU8(QDE), '/etc/cron.d/x': strToU8('pwned') }), /is an absolute path; refused/],
    ['a 1 GiB deflate bomb, honest header', 'bomb.qdpx', () => handZip('project.qde', deflatedZeros(GiB), GiB), /project\.qde declares 1024 MiB \(limit 256 MiB for the project XML\); refused as a possible zip bomb/],
    ['a 1 GiB deflate bomb, lying header', 'liar.qdpx', () => handZip('project.qde', deflatedZeros(GiB), 4096), /inflates to more than its declared 4096 bytes; refused as a possible zip bomb/],
    ['billion laughs in a .qdpx', 'lol.qdpx', () => zipSync({ 'project.qde': strToU8(`${LAUGHS}<Project name="&lol9;"/>`) }), /DOCTYPE\/ENTITY declaration, which is refused/],
    ['billion laughs in an .eaf', 'lol.eaf', () => `${LAUGHS}<ANNOTATION_DOCUMENT><TIER TIER_ID="&lol9;"/></ANNOTATION_DOCUMENT>`, /DOCTYPE\/ENTITY declaration, which is refused/],
    [
      'embedded "media" that compresses like no video does',
      'media-bomb.qdpx',
      () =>
        zipSync({
          'project.qde': strToU8(`<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0" name="x"><Sources><VideoSource guid="11111111-2222-4333-8444-555555555555" name="v.mp4" path="internal://v.mp4"/></Sources></Project>`),
          'Sources/v.mp4': [compressibleMedia(), { level: 6 }],
        }),
      /"Sources\/v\.mp4" claims to compress 27:1, which no video does; refused as a possible zip bomb/,
    ],
    ['an unpaired BORIS START', 'bad.tsv', () => 'Time\tSubject\tBehavior\tStatus\n1.0\tA\tTools\tSTART\n', /bad\.tsv: Line 2: START of "Tools" for subject "A" at 1 s has no matching STOP/],
    ['a binary file', 'x.bin', () => new Uint8Array([0, 1, 2, 3, 0, 0, 7, 8]), /unsupported file type/],
  ];
  for (const [what, name, make, re] of cases) {
    it(`refuses ${what}`, async () => {
      const { dir, file } = project(true);
      const input = path.join(dir, name);
      fs.writeFileSync(input, make());
      const before = hash(file);
      const r = await cli('import', file, input);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^triangulate: .+\n$/);
      expect(r.stderr.trimEnd()).not.toContain('\n');
      expect(r.stderr).toMatch(re);
      expect(hash(file)).toBe(before);
      expect(fs.readdirSync(dir).sort()).toEqual([name, 'study.triangulate', 'study.triangulate-shm', 'study.triangulate-wal'].filter((f) => fs.existsSync(path.join(dir, f))).sort());
      expect(fs.existsSync(path.join(dir, 'v.mp4'))).toBe(false);
    });
  }

  it.each([
    [['--tiers', 'Nope'], /no tier "Nope" \(tiers: Maria - Tools, Maria - Rules, Maria - Rules comments, default\)/],
    [['--map', 'Rules=Researchers/Teapot'], /"Rules" is mapped to an unknown code "Researchers\/Teapot"/],
    [['--map', 'Rules=Tools'], /"Rules" is mapped to an ambiguous code name "Tools" \(Researchers\/Tools, Practitioners\/Tools\)/],
    [['--map', 'Teapot=new'], /The file has no value "Teapot" to map/],
    [['--map', 'justtext'], /--map: "justtext" is not value=code/],
    [['--media', 'other.mp4'], /No media named "other\.mp4" in the project \(it has: w\.mp4\)/],
    [['--coder', ' '], /--coder: the name is empty/],
  ])('refuses bad options %j', async (opts, re) => {
    const { file } = project(true);
    const before = hash(file);
    const r = await cli('import', file, path.join(FIX, 'elan6-workshop.eaf'), ...opts);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(re);
    expect(hash(file)).toBe(before);
  });

  it('refuses a missing file and segments past the end of the chosen media', async () => {
    const { dir, file } = project();
    const s = ProjectStore.open(file);
    s.insertMedia({ path: path.join(dir, 'short.mp4'), name: 'short.mp4', fingerprint: 'd'.repeat(64), size: 3, durationMs: 60_000 });
    s.close();
    const before = hash(file);
    expect((await cli('import', file, path.join(dir, 'nope.eaf'))).stderr).toBe(`triangulate: ${path.join(dir, 'nope.eaf')}: no such file\n`);
    const r = await cli('import', file, path.join(FIX, 'elan6-workshop.eaf'));
    // the EAF's own media is not in the project: a placeholder without a known duration takes it
    expect(r.code).toBe(0);
    const file2 = project(false).file;
    const s2 = ProjectStore.open(file2);
    s2.insertMedia({ path: '/x/short.mp4', name: 'short.mp4', fingerprint: 'd'.repeat(64), size: 3, durationMs: 60_000 });
    s2.close();
    const before2 = hash(file2);
    const r2 = await cli('import', file2, path.join(FIX, 'elan6-workshop.eaf'), '--media', 'short.mp4');
    expect(r2.code).toBe(2);
    expect(r2.stderr).toBe('triangulate: Segment 1:02:03.004–1:02:05.000 ends after the end of short.mp4 (0:01:00.000); choose the right media\n');
    expect(hash(file2)).toBe(before2);
    expect(before).not.toBe(hash(file)); // the first, valid import did write
  });
});

describe('exchange-export', () => {
  it('writes a .qdpx with project.qde and an .eaf; bad input exits 2 and writes nothing', async () => {
    const { dir, file } = project(true);
    await cli('import', file, path.join(FIX, 'boris-tabular-events.tsv'), '--media', 'w.mp4');
    const out = path.join(dir, 'x.qdpx');
    const r = await cli('exchange-export', file, '--kind', 'qdpx', '--out', out);
    expect(r.stderr).toBe('');
    // 29 codes: the 26 default ones + Imported, Imported/Tools, Imported/Rules
    expect(r.stdout).toBe(`Wrote ${out}: REFI-QDA project: 29 codes, 3 coders, 1 media, 4 segments\n`);
    expect(Object.keys(unzipSync(new Uint8Array(fs.readFileSync(out))))).toEqual(['project.qde']);
    const eaf = path.join(dir, 'x.eaf');
    const e = await cli('exchange-export', file, '--kind', 'eaf', '--out', eaf);
    expect(e.stdout).toBe(`Wrote ${eaf}: ELAN file for w.mp4: 4 tiers (coder × CHAT element), 4 annotations from 4 segments, codebook of 29 codes as a controlled vocabulary\n`);
    expect(fs.readFileSync(eaf, 'utf8')).toContain('TIER_ID="Coach A - Imported"');

    const bad: [string[], string][] = [
      [['--kind', 'nvivo', '--out', path.join(dir, 'y')], 'triangulate: --kind must be qdpx or eaf (got "nvivo")\n'],
      [['--kind', 'eaf', '--out', path.join(dir, 'no', 'y.eaf')], `triangulate: ${path.join(dir, 'no', 'y.eaf')}: the folder ${path.join(dir, 'no')} does not exist\n`],
      [['--kind', 'eaf', '--media', 'zz.mp4', '--out', path.join(dir, 'y.eaf')], 'triangulate: No media named "zz.mp4" in the project (it has: w.mp4)\n'],
      [['--kind', 'qdpx', '--out', file], `triangulate: ${file}: would overwrite the project ${file}: choose another file\n`],
    ];
    for (const [opts, msg] of bad) {
      const before = fs.readdirSync(dir).sort();
      const x = await cli('exchange-export', file, ...opts);
      expect([x.code, x.stderr]).toEqual([2, msg]);
      expect(fs.readdirSync(dir).sort()).toEqual(before);
    }
  });
});
