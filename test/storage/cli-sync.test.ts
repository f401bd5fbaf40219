/**
 * `triangulate sync …` on real files: find-offset by sound (generated audio cut by ffmpeg 3.250 s
 * apart), link / list / unlink, one-line errors with exit 2 that change nothing, and docs/cli.md
 * naming every subcommand with the arguments --help gives.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProjectStore } from '../../src/main/db/store';
import { addMediaFile } from '../../src/main/features/coding/service';
import { cut, speechLike, writeWav } from '../helpers/audio';
import { cli } from '../helpers/cli';
import { fileHash, tmpDir } from '../helpers/tmp';

function study() {
  const dir = tmpDir();
  const source = path.join(dir, 'source.wav');
  writeWav(source, speechLike({ seconds: 30, rate: 16000, seed: 4, clapAtS: 9 }), 16000);
  cut(source, path.join(dir, 'room.wav'), { fromS: 2, seconds: 25, rate: 16000 });
  cut(source, path.join(dir, 'table.wav'), { fromS: 0, seconds: 28, rate: 22050, gain: 0.5, noise: 0.02 });
  const file = path.join(dir, 'study.triangulate');
  const store = ProjectStore.create(file);
  for (const n of ['room.wav', 'table.wav']) addMediaFile(store, path.join(dir, n));
  store.close();
  return file;
}

describe('triangulate sync', () => {
  it('finds the offset, links at it, lists and unlinks', async () => {
    const file = study();
    const r = await cli('sync', 'find-offset', file, 'room.wav', 'TABLE.wav', '--link');
    expect(r.stderr).toBe('');
    // table = source time, room = source − 2 s: table = room + 2000 ms
    const m = /offset \+2\.\d{3} s \((\d+) ms; angle time = primary time \+ offset\), confidence (0\.\d\d)/.exec(r.stdout);
    expect(Math.abs(Number(m![1]) - 2000)).toBeLessThanOrEqual(10);
    expect(Number(m![2])).toBeGreaterThan(0.3);
    expect(r.stdout).toMatch(/\nLinked table\.wav to room\.wav at \+2\.\d{3} s\n$/);
    expect((await cli('sync', 'list', file)).stdout).toBe(`room.wav\ttable.wav\t${m![1]}\n`);
    expect((await cli('sync', 'link', file, 'room.wav', 'table.wav', '--offset', '-1200')).stdout).toBe('Linked table.wav to room.wav at −1.200 s\n');
    expect((await cli('sync', 'list', file)).stdout).toBe('room.wav\ttable.wav\t-1200\n');
    expect(await cli('sync', 'unlink', file, 'table.wav')).toEqual({ code: 0, stdout: 'Unlinked table.wav from room.wav\n', stderr: '' });
    expect((await cli('sync', 'list', file)).stdout).toBe('No linked recordings\n');
  }, 60_000);

  it('answers bad input with one line, exit 2, the study unchanged', async () => {
    const file = study();
    const before = fileHash(file);
    const cases: [string[], string][] = [
      [['sync', 'find-offset', file, 'room.wav', 'nope.wav'], 'triangulate: No recording named "nope.wav" in the study (it has: room.wav, table.wav)\n'],
      [['sync', 'find-offset', file, 'room.wav', 'table.wav', '--window', '12-8'], 'triangulate: --window "12-8": expected START-END in seconds or h:mm:ss.mmm, END after START (e.g. 8-12 around a clap)\n'],
      [['sync', 'link', file, 'room.wav', 'table.wav', '--offset', '3.5'], 'triangulate: --offset "3.5": expected whole milliseconds (angle time = primary time + offset), e.g. 3250 or -1200\n'],
      [['sync', 'link', file, 'room.wav', 'room.wav'], 'triangulate: A recording cannot be an angle of itself\n'],
      [['sync', 'unlink', file, 'table.wav'], 'triangulate: table.wav is not linked to another recording\n'],
    ];
    for (const [argv, stderr] of cases) expect(await cli(...argv)).toEqual({ code: 2, stdout: '', stderr });
    expect(fileHash(file)).toBe(before);
  }, 60_000);

  it('is documented in docs/cli.md with the arguments --help gives', async () => {
    const doc = fs.readFileSync(path.join(__dirname, '../../docs/cli.md'), 'utf8');
    const help = (await cli('sync', '--help')).stdout;
    const subs = [...help.matchAll(/^ {2}([a-z-]+) (?:\[options\] )?(<[^\n]*?>)\s{2,}/gm)].map((m) => [m[1]!, m[2]!]);
    expect(subs.map((s) => s[0])).toEqual(['find-offset', 'link', 'unlink', 'list']);
    for (const [name, args] of subs) expect(doc).toContain(`\`sync ${name} ${args}`);
    for (const opt of ['--window', '--max-lag', '--link', '--offset']) expect(doc).toContain(opt);
  });
});
