/**
 * import-segments reads its file in 1 MiB blocks and writes rows as they arrive, inside one
 * transaction: these files are several blocks long, so grouping, line numbers and all-or-none
 * are checked across block boundaries.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProjectStore } from '../../src/main/db/store';
import { cli } from '../helpers/cli';
import { fileHash, tmpDir } from '../helpers/tmp';

const ROWS = 40_000; // about 2.4 MB of CSV: three blocks

function project(): { dir: string; file: string } {
  const dir = tmpDir();
  const file = path.join(dir, 'study.triangulate');
  const store = ProjectStore.create(file);
  store.insertMedia({ path: '', name: 'long.mp4', fingerprint: '', size: 0, durationMs: 18_000_000 });
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  store.close();
  return { dir, file };
}

/** Row i: coder c0..c2, one of two codes, [i/10 s, i/10 + 2 s]; row 5's note spans two lines. */
function row(i: number): string {
  const note = i === 5 ? '"two\r\nlines, quoted"' : i % 7 === 0 ? `note ${i}` : '';
  return `c${i % 3},${i % 2 ? 'Researchers/Tools' : 'Practitioners/Rules'},${i / 10},${i / 10 + 2},${note}`;
}

function write(dir: string, lines: string[]): string {
  const f = path.join(dir, 'big.csv');
  fs.writeFileSync(f, `${['coder,code,start,end,note', ...lines].join('\n')}\n`);
  return f;
}

describe('import-segments streams large files in one transaction', () => {
  it('imports every row, grouping rows of one segment even when they are far apart in the file', async () => {
    const { dir, file } = project();
    const lines = Array.from({ length: ROWS }, (_, i) => row(i));
    // the same media, coder, times and note as row 1, at the very end: a second code for it
    lines.push('c1,Researchers/Object,0.1,2.1,');
    const r = await cli('import-segments', file, write(dir, lines));
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`Imported ${ROWS} segments (${ROWS + 1} rows) into long.mp4; new coders: c0, c1, c2\n`);
    const s = ProjectStore.open(file);
    const segs = s.listSegments();
    const name = new Map(s.listCodes().map((c) => [c.id, c.name]));
    expect(segs).toHaveLength(ROWS);
    expect(segs.find((x) => x.startMs === 100)!.codeIds.map((c) => name.get(c)).sort()).toEqual(['Object', 'Tools']);
    expect(segs.find((x) => x.startMs === 500)!.note).toBe('two\r\nlines, quoted');
    expect(segs.at(-1)!.startMs).toBe(3_999_900);
    s.close();
  });

  it('groups rows by segment_id across the file, as the segments export writes them', async () => {
    const { dir, file } = project();
    const f = path.join(dir, 'ids.csv');
    const body = Array.from({ length: ROWS }, (_, i) => `c0,Researchers/Tools,${i},${i + 1},,seg-${i % 100}`);
    fs.writeFileSync(f, `coder,code,start,end,note,segment_id\n${body.join('\n')}\n`);
    const r = await cli('import-segments', file, f);
    // 100 segments; each keeps the times of its first row (row k for seg-k)
    expect(r.stdout).toBe(`Imported 100 segments (${ROWS} rows) into long.mp4; new coders: c0\n`);
    const s = ProjectStore.open(file);
    expect(s.listSegments().map((x) => [x.startMs, x.endMs])).toEqual(Array.from({ length: 100 }, (_, k) => [k * 1000, k * 1000 + 1000]));
    s.close();
  });

  it('a large import into a study holding a few segments: the media/start index is built again as it was, identical segments skipped', async () => {
    const { dir, file } = project();
    const small = path.join(dir, 'small.csv');
    fs.writeFileSync(small, `coder,code,start,end,note\n${[row(0), row(1), row(2)].join('\n')}\n`);
    expect((await cli('import-segments', file, small)).code).toBe(0);
    const indexSql = () => {
      const s = ProjectStore.open(file, { readonly: true });
      try {
        return s.db.prepare("SELECT sql FROM sqlite_master WHERE name = 'segments_media_start'").pluck().get();
      } finally {
        s.close();
      }
    };
    const before = indexSql();
    expect(before).toMatch(/CREATE INDEX segments_media_start ON segments\s*\(media_id, start_ms\)/);
    // rows 0..ROWS-1 again: rows 0-2 are identical to the three already there
    const r = await cli('import-segments', file, write(dir, Array.from({ length: ROWS }, (_, i) => row(i))));
    expect(r.stdout).toBe(`Imported ${ROWS - 3} segments (${ROWS} rows) into long.mp4; skipped 3 identical segments already in the project\n`);
    expect(indexSql()).toBe(before);
    const s = ProjectStore.open(file);
    expect(s.countSegments()).toBe(ROWS);
    // the index holds every segment, in start order
    const starts = s.db.prepare('SELECT start_ms FROM segments INDEXED BY segments_media_start WHERE media_id = ? ORDER BY start_ms').pluck().all(s.listMedia()[0]!.id);
    expect(starts).toEqual(Array.from({ length: ROWS }, (_, i) => i * 100));
    s.close();
  });

  it.each([
    ['an unknown code near the end', (i: number) => `c0,Researchers/Teapot,${i / 10},${i / 10 + 1},`, /column "code": unknown code "Researchers\/Teapot"/],
    ['end before start near the end', (i: number) => `c0,Researchers/Tools,${i},${i - 1},`, /column "end": end \d+ is before start/],
    ['an unclosed quote near the end', (i: number) => `c0,Researchers/Tools,${i / 10},${i / 10 + 1},"never closed`, /a quoted field is never closed/],
    ['a stray quote near the end', (i: number) => `c0,Researchers/Tools,${i / 10},${i / 10 + 1},say "hi"`, /double quote inside a field must be doubled/],
    ['an end after the media near the end', () => 'c0,Researchers/Tools,1,18002,', /End 18002000 ms is after the end of long\.mp4/],
  ])('refuses %s: exit 2, one line naming its line, the project unchanged', async (_what, bad, message) => {
    const { dir, file } = project();
    const before = fileHash(file);
    const at = ROWS - 3;
    const lines = Array.from({ length: ROWS }, (_, i) => (i === at ? bad(i) : row(i)));
    const r = await cli('import-segments', file, write(dir, lines));
    expect(r.code).toBe(2);
    // header is line 1, row i is on line 2 + i, plus one for row 5's two-line note
    expect(r.stderr).toMatch(new RegExp(`^triangulate: .*big\\.csv: line ${at + 3}[:,] `));
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(fileHash(file)).toBe(before);
    const s = ProjectStore.open(file);
    expect([s.countSegments(), s.listCoders().length, s.listMedia().length]).toEqual([0, 0, 1]);
    s.close();
  });
});
