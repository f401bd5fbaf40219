/**
 * Issue 10 item 8: one set of limits and one validation at every entry point. The inputs of the
 * issue, byte for byte: a CSV with invalid UTF-8 in "amina", a NUL in a coder name, a
 * 1,000,000-character coder name, a note over the 100,000-character limit; through the CLI
 * (import-segments, coder-file, new), merge (a coder file edited outside the app), an exchange
 * import (BORIS table) and the store the service uses. Each is refused with one line naming the
 * row and column (or record), exit 2, and the project file is left byte-identical.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli';
import { fileHash, tmpDir } from '../helpers/tmp';
import { ProjectStore } from '../../src/main/db/store';
import { createCoderFile } from '../../src/main/features/merge/coderFile';

const HEADER = 'coder,code,start,end,note\n';

/** A project with one media of 60 s and the coder amina. */
function project(): { dir: string; file: string } {
  const dir = tmpDir();
  const file = path.join(dir, 'study.triangulate');
  const store = ProjectStore.create(file);
  store.insertMedia({ path: path.join(dir, 'w.mp4'), name: 'w.mp4', fingerprint: 'c'.repeat(64), size: 3, durationMs: 60_000 });
  store.insertCoder({ name: 'amina' });
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  store.close();
  return { dir, file };
}

const coders = (file: string) => {
  const s = ProjectStore.open(file, { readonly: true });
  try {
    return s.listCoders().map((c) => c.name);
  } finally {
    s.close();
  }
};

/** Runs the CLI, expects exit 2 with exactly `message` and the project unchanged. */
async function refused(file: string, args: string[], message: string) {
  const before = fileHash(file);
  const r = await cli(...args);
  expect(r).toEqual({ code: 2, stdout: '', stderr: `triangulate: ${message}\n` });
  expect(fileHash(file)).toBe(before);
  expect(coders(file)).toEqual(['amina']);
}

describe('import-segments refuses what the contract refuses, naming the row and column', () => {
  it('a CSV with invalid UTF-8 in "amina" (today: a coder "am\\uFFFDina")', async () => {
    const { dir, file } = project();
    const csv = path.join(dir, 'seg.csv');
    fs.writeFileSync(csv, Buffer.concat([Buffer.from(`${HEADER}am`), Buffer.from([0xff]), Buffer.from('ina,Researchers/Tools,1,2,\n')]));
    // byte offset: the header is 26 bytes, then "am"
    await refused(file, ['import-segments', file, csv], `${csv}: not valid UTF-8 at byte offset 28 (line 2); save it as UTF-8`);
  });

  it('a NUL in a coder name (today: a second coder that prints as "amina")', async () => {
    const { dir, file } = project();
    const csv = path.join(dir, 'seg.csv');
    fs.writeFileSync(csv, `${HEADER}amina,Researchers/Tools,1,2,\nam\u0000ina,Researchers/Tools,3,4,\n`);
    await refused(file, ['import-segments', file, csv],
      `${csv}: line 3, column "coder": coder name "am\\u0000ina" contains the control character U+0000 at character 3; remove it`);
  });

  it('a 1,000,000-character coder name', async () => {
    const { dir, file } = project();
    const csv = path.join(dir, 'seg.csv');
    fs.writeFileSync(csv, `${HEADER}${'x'.repeat(1_000_000)},Researchers/Tools,1,2,\n`);
    await refused(file, ['import-segments', file, csv],
      `${csv}: line 2, column "coder": coder name "${'x'.repeat(40)}…" is 1000000 characters long; at most 200 are allowed`);
  });

  it('a note over 100,000 characters; a note of exactly 100,000 is imported', async () => {
    const { dir, file } = project();
    const csv = path.join(dir, 'seg.csv');
    fs.writeFileSync(csv, `${HEADER}amina,Researchers/Tools,1,2,${'n'.repeat(100_001)}\n`);
    await refused(file, ['import-segments', file, csv], `${csv}: line 2, column "note": note is 100001 characters long; at most 100000 are allowed`);
    fs.writeFileSync(csv, `${HEADER}amina,Researchers/Tools,1,2,${'n'.repeat(100_000)}\n`);
    expect((await cli('import-segments', file, csv)).code).toBe(0);
    const s = ProjectStore.open(file, { readonly: true });
    expect(s.listSegments()[0]!.note).toHaveLength(100_000);
    s.close();
  });
});

describe('the other commands use the same limits', () => {
  it('coder-file and new refuse a NUL or a 1,000,000-character name and create nothing', async () => {
    const { dir, file } = project();
    const out = path.join(dir, 'x.triangulate');
    await refused(file, ['coder-file', file, 'am\u0000ina', '--out', out], 'coder name "am\\u0000ina" contains the control character U+0000 at character 3; remove it');
    await refused(file, ['coder-file', file, 'y'.repeat(1_000_000), '--out', out], `coder name "${'y'.repeat(40)}…" is 1000000 characters long; at most 200 are allowed`);
    expect(fs.existsSync(out)).toBe(false);
    const r = await cli('new', out, '--name', 'Study\u0000two');
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'triangulate: project name "Study\\u0000two" contains the control character U+0000 at character 6; remove it\n' });
    expect(fs.existsSync(out)).toBe(false);
  });

  it('the store behind the service refuses them too (a second line of defence after the contract)', () => {
    const { file } = project();
    const s = ProjectStore.open(file);
    try {
      expect(() => s.insertCoder({ name: 'am\u0000ina' })).toThrow(/U\+0000/);
      const media = s.listMedia()[0]!.id;
      const coder = s.listCoders()[0]!.id;
      expect(() => s.insertSegment({ mediaId: media, coderId: coder, startMs: 0, endMs: 1, codeIds: [], note: 'n'.repeat(100_001) })).toThrow('note is 100001 characters long; at most 100000 are allowed');
      expect(s.countSegments()).toBe(0);
    } finally {
      s.close();
    }
  });
});

describe('merge refuses a coder file holding what the limits refuse: the whole file, the record named', () => {
  function forged(sql: (db: Database.Database, ids: { amina: string; media: string }) => void) {
    const { dir, file } = project();
    const store = ProjectStore.open(file);
    const amina = store.listCoders()[0]!.id;
    const media = store.listMedia()[0]!.id;
    const coderFile = path.join(dir, 'amina.triangulate');
    createCoderFile(store, 'amina', coderFile);
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    store.close();
    const db = new Database(coderFile);
    sql(db, { amina, media });
    db.close();
    return { file, coderFile, amina };
  }

  it('a NUL in its coder\'s name', async () => {
    const p = forged((db, { amina }) => db.prepare('UPDATE coders SET name = ? WHERE id = ?').run('am\u0000ina', amina));
    await refused(p.file, ['merge', p.file, p.coderFile],
      `${p.coderFile}: table coders, row 1 (id ${p.amina}): field "name": contains the control character U+0000 at character 3; remove it`);
  });

  it('a 1,000,000-character coder name', async () => {
    const p = forged((db, { amina }) => db.prepare('UPDATE coders SET name = ? WHERE id = ?').run('z'.repeat(1_000_000), amina));
    await refused(p.file, ['merge', p.file, p.coderFile],
      `${p.coderFile}: table coders, row 1 (id ${p.amina}): field "name": is 1000000 characters long; at most 200 are allowed`);
  });

  it('a segment note of 100,001 characters', async () => {
    const seg = '00000000-0000-4000-8000-0000000000a1';
    const p = forged((db, { amina, media }) =>
      db.prepare('INSERT INTO segments (id, media_id, coder_id, start_ms, end_ms, note, created_at, updated_at) VALUES (?, ?, ?, 0, 1, ?, 1, 1)').run(seg, media, amina, 'n'.repeat(100_001)));
    await refused(p.file, ['merge', p.file, p.coderFile],
      `${p.coderFile}: table segments, row 1 (id ${seg}): field "note": is 100001 characters long; at most 100000 are allowed`);
  });
});

describe('exchange imports use the same limits', () => {
  const fixture = fs.readFileSync(path.join(__dirname, '../fixtures/interop/boris-tabular-events.tsv'), 'utf8');

  it('a BORIS table whose subject (a coder) holds a NUL is refused, nothing imported', async () => {
    const { dir, file } = project();
    const tsv = path.join(dir, 'events.tsv');
    fs.writeFileSync(tsv, fixture.replaceAll('Coach A', 'Coach\u0000A'));
    await refused(file, ['import', file, tsv],
      'events.tsv: coder "Coach\\u0000A": name contains the control character U+0000 at character 6; remove it; nothing was imported');
  });

  it('a BORIS table with a 1,000,000-character subject, or a comment (note) over 100,000 characters, is refused', async () => {
    const { dir, file } = project();
    const tsv = path.join(dir, 'events.tsv');
    fs.writeFileSync(tsv, fixture.replaceAll('Coach A', 'c'.repeat(1_000_000)));
    await refused(file, ['import', file, tsv],
      `events.tsv: coder "${'c'.repeat(40)}…": name is 1000000 characters long; at most 200 are allowed; nothing was imported`);
    fs.writeFileSync(tsv, fixture.replace('template shown', 'n'.repeat(100_001)));
    const r = await cli('import', file, tsv);
    expect(r.code).toBe(2);
    // the START comment and the STOP comment "put away" become one note: 100,001 + " / put away"
    expect(r.stderr).toBe('triangulate: events.tsv: segment at 1001 ms: note is 100012 characters long; at most 100000 are allowed; nothing was imported\n');
    expect(coders(file)).toEqual(['amina']);
  });

  it('a BORIS table with invalid UTF-8 is refused rather than read with U+FFFD', async () => {
    const { dir, file } = project();
    const tsv = path.join(dir, 'events.tsv');
    const at = Buffer.byteLength(fixture.slice(0, fixture.indexOf('Coach A') + 2));
    const bytes = Buffer.from(fixture);
    bytes[at] = 0xff;
    fs.writeFileSync(tsv, bytes);
    const line = fixture.slice(0, at).split('\n').length;
    await refused(file, ['import', file, tsv], `events.tsv: not valid UTF-8 at byte offset ${at} (line ${line}); save it as UTF-8`);
  });
});
