/**
 * Issue 10, item 2: no command writes its output over its input or over a SQLite file it has
 * open (compared by real path and by device + inode, so symlinks and hard links are caught), nor
 * over any existing SQLite database; a multi-file export writes every file or none.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ProjectStore } from '../../src/main/db/store';
import { writeFilesAtomic } from '../../src/main/cli/io';
import { createService } from '../../src/main/service';
import { cli } from '../helpers/cli';
import { studyWithSegments } from '../helpers/study';
import { fileHash, tmpDir } from '../helpers/tmp';

const study = () => studyWithSegments('coder,code,start,end\namina,Researchers/Tools,1,2\nben,Researchers/Tools,1.5,3\n');

const KINDS = ['segments', 'thematic', 'contradictions', 'agreement', 'qdpx', 'eaf'];

async function expectRefused(argv: string[], protect: string[], message: RegExp) {
  const hashes = protect.map((f) => fileHash(f));
  const r = await cli(...argv);
  expect(r.code, argv.join(' ')).toBe(2);
  expect(r.stderr, argv.join(' ')).toMatch(message);
  expect(r.stderr.split('\n')).toHaveLength(2);
  protect.forEach((f, i) => expect(fileHash(f), f).toBe(hashes[i]));
}

describe('an output never overwrites an input or a SQLite file', () => {
  it('export --out PROJECT, for every kind, by name, symlink, hard link and onto its -wal', async () => {
    const s = await study();
    const link = path.join(s.dir, 'link.csv');
    fs.symlinkSync(s.file, link);
    const hard = path.join(s.dir, 'hard.csv');
    fs.linkSync(s.file, hard);
    for (const kind of KINDS) {
      for (const out of [s.file, link, hard, path.join(s.dir, '.', 'study.triangulate')]) {
        await expectRefused(['export', s.file, '--kind', kind, '--out', out], [s.file], /would overwrite the project .*study\.triangulate.*: choose another file/);
      }
      await expectRefused(['export', s.file, '--kind', kind, '--out', `${s.file}-wal`], [s.file], /would overwrite the project/);
    }
    expect(ProjectStore.open(s.file).listSegments().length).toBe(2);
  });

  it('a side file that is the project (out-matrix.csv → project) is refused before anything is written', async () => {
    const s = await study();
    fs.symlinkSync(s.file, path.join(s.dir, 'c-matrix.csv'));
    const out = path.join(s.dir, 'c.csv');
    await expectRefused(['export', s.file, '--kind', 'contradictions', '--out', out], [s.file], /c-matrix\.csv: would overwrite the project/);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('any existing SQLite database given as output (another project) is refused', async () => {
    const s = await study();
    const other = path.join(s.dir, 'other.triangulate');
    ProjectStore.create(other).close();
    await expectRefused(['export', s.file, '--kind', 'segments', '--out', other], [s.file, other], /other\.triangulate: is a SQLite database; exports are never written over one: choose another file/);
    await expectRefused(['export', s.file, '--kind', 'qdpx', '--out', other], [s.file, other], /other\.triangulate: is a SQLite database/);
  });

  it('coder-file and exchange-export refuse a symlink or hard link to the project', async () => {
    const s = await study();
    const link = path.join(s.dir, 'link.triangulate');
    fs.symlinkSync(s.file, link);
    const hard = path.join(s.dir, 'hard.eaf');
    fs.linkSync(s.file, hard);
    await expectRefused(['coder-file', s.file, 'amina', '--out', link], [s.file], /would overwrite the project/);
    await expectRefused(['exchange-export', s.file, '--kind', 'eaf', '--out', hard], [s.file], /would overwrite the project/);
  });

  it('the service refuses the same (exchange export save path, coder file)', async () => {
    const s = await study();
    const link = path.join(s.dir, 'link.qdpx');
    fs.symlinkSync(s.file, link);
    const store = ProjectStore.open(s.file);
    const api = createService(store);
    try {
      await expect(api.exchangeExport({ kind: 'qdpx', savePath: link, download: false })).rejects.toThrow(/would overwrite the project/);
      await expect(api.createCoderFile({ coderName: 'amina', out: link, blind: true })).rejects.toThrow(/would overwrite the project/);
    } finally {
      store.close();
    }
    expect(ProjectStore.open(s.file, { readonly: true }).listSegments().length).toBe(2);
  });
});

describe('a multi-file export writes all files or none', () => {
  it('a writer failing on the second file leaves neither the first file nor any temporary file', () => {
    const dir = tmpDir();
    const targets = ['a.csv', 'a-settings.csv', 'a-decisions.csv'].map((f) => ({ file: path.join(dir, f), text: `${f}\r\n` }));
    let calls = 0;
    const failing = (file: string, data: string | Uint8Array) => {
      if (++calls === 2) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      fs.writeFileSync(file, data);
    };
    expect(() => writeFilesAtomic(targets, failing)).toThrowError(/a-settings\.csv: cannot write \(the disk is full\): nothing was written/);
    expect(fs.readdirSync(dir)).toEqual([]);
    // an existing file keeps its old content
    fs.writeFileSync(targets[0]!.file, 'old');
    calls = 0;
    expect(() => writeFilesAtomic(targets, failing)).toThrow();
    expect(fs.readdirSync(dir)).toEqual(['a.csv']);
    expect(fs.readFileSync(targets[0]!.file, 'utf8')).toBe('old');
  });

  const mountDirs: string[] = [];
  afterEach(() => {
    while (mountDirs.length) execFileSync('umount', ['-l', mountDirs.pop()!]);
  });
  const canMount = (() => {
    if (process.getuid?.() !== 0) return false;
    const d = fs.mkdtempSync('/tmp/triangulate-mount-probe-');
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', d], { stdio: 'ignore' });
      execFileSync('umount', [d]);
      return true;
    } catch {
      return false;
    } finally {
      fs.rmdirSync(d);
    }
  })();

  it.skipIf(!canMount)('agreement export onto a nearly full disk (tmpfs): exit 2, one line, no file left', async () => {
    const s = await study();
    const disk = tmpDir();
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', disk]);
    mountDirs.push(disk);
    // fill it up to one free 4 KiB page: the first file fits, the second does not
    const free = () => Number(execFileSync('df', ['-B1', '--output=avail', disk], { encoding: 'utf8' }).trim().split('\n')[1]);
    fs.writeFileSync(path.join(disk, 'filler'), Buffer.alloc(free() - 4096));
    const out = path.join(disk, 'agr.csv');
    const r = await cli('export', s.file, '--kind', 'agreement', '--out', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/agr-\w+\.csv: cannot write \(the disk is full\): nothing was written/);
    expect(r.stderr.split('\n')).toHaveLength(2);
    expect(fs.readdirSync(disk)).toEqual(['filler']);
  });
});
