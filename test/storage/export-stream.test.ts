/**
 * The streamed `segments` export (export command) against the in-memory writer on a snapshot
 * (writeSegmentsCsv, tested on hand-made values in test/unit/csv): the same bytes for every
 * scope, on a project built to have ties (same start, several coders, codes and notes),
 * multi-code segments, point events, three media and segments crossing the time window.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProjectStore } from '../../src/main/db/store';
import { exportFiles } from '../../src/main/features/export/export';
import { readSnapshot } from '../../src/main/features/export/snapshot';
import { resolveFilterNames, type FilterNames } from '../../src/shared/csv/filterNames';
import { cli } from '../helpers/cli';
import { tmpDir } from '../helpers/tmp';

function project(): string {
  const file = path.join(tmpDir(), 'p.triangulate');
  const s = ProjectStore.create(file);
  const media = ['b.mp4', 'a.mp4', 'c.mp4'].map((name) => s.insertMedia({ path: '', name, fingerprint: '', size: 0, durationMs: null }));
  const coders = ['zed', 'amy', 'Bob'].map((name) => s.insertCoder({ name }));
  s.insertCoder({ name: 'consensus', isConsensus: true });
  const codes = s.listCodes().filter((c) => c.kind !== 'group');
  const notes = ['', 'b note', 'a note', '=1+1', 'two\nlines'];
  for (let i = 0; i < 600; i++) {
    const start = (i % 37) * 500; // many segments share a start
    const end = start + (i % 3 === 0 ? 0 : ((i * 7) % 5) * 1000 + 250);
    const codeIds = [codes[i % codes.length]!.id, ...(i % 4 === 0 ? [codes[(i * 3) % codes.length]!.id] : [])];
    s.insertSegment({ mediaId: media[i % 3]!.id, coderId: coders[(i >> 1) % 3]!.id, startMs: start, endMs: end, note: notes[i % 5]!, codeIds });
  }
  s.close();
  return file;
}

const SCOPES: [string, string[], FilterNames][] = [
  ['everything', [], {}],
  ['one media and a time window', ['--media', 'a.mp4', '--from', '3.2', '--to', '0:00:09.750'], { media: ['a.mp4'], from: '3.2', to: '0:00:09.750' }],
  ['coders and codes', ['--coders', 'amy,Bob', '--codes', 'Researchers/Tools,Challenge'], { coders: ['amy', 'Bob'], codes: ['Researchers/Tools', 'Challenge'] }],
  ['a window from the start, with BOM', ['--to', '4', '--bom'], { to: '4' }],
];

describe('export --kind segments streams the same file as the in-memory writer', () => {
  it.each(SCOPES)('%s', async (_name, args, names) => {
    const file = project();
    const out = path.join(tmpDir(), 'segments.csv');
    const r = await cli('export', file, '--kind', 'segments', '--out', out, ...args);
    expect(r.stderr).toBe('');
    const s = ProjectStore.open(file);
    const snapshot = readSnapshot(s);
    const expected = exportFiles(snapshot, 'segments', { filters: resolveFilterNames(snapshot, names), bom: args.includes('--bom') })[0]!.text;
    s.close();
    const rows = expected.split('\r\n').length - 2;
    expect(rows).toBeGreaterThan(args.length ? 5 : 700);
    expect(r.stdout).toBe(`Wrote segments export: ${out} (${expected.match(/\r\n(?=(?:[^"]*"[^"]*")*[^"]*$)/g)!.length - 1} rows)\n`);
    expect(fs.readFileSync(out, 'utf8')).toBe(expected);
  });
});
