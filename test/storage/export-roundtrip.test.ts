/**
 * Round trip through the real CLI: `export --kind segments` → `import-segments` into a NEW
 * project → `export --kind segments` again gives the same rows apart from the UUID columns
 * (segment_id, code_id, coder_id, media_id are new in the new project).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/main/cli/index';
import { ProjectStore } from '../../src/main/db/store';
import { writeDemoProject } from '../../src/main/features/studies/demo';
import { readCsv } from '../../src/shared/csv/safe';
import { SEGMENT_COLUMNS } from '../../src/shared/csv/segmentsCsv';
import type { Code } from '../../src/shared/domain';

let dir: string;

async function cli(...argv: string[]): Promise<string> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  expect(err).toBe('');
  expect(code).toBe(0);
  return out;
}

const UUID_COLUMNS = ['segment_id', 'code_id', 'coder_id', 'media_id'];

/** Data rows without the UUID columns, as arrays of cells. */
function rowsWithoutIds(file: string): string[][] {
  const [header, ...rows] = readCsv(fs.readFileSync(file, 'utf8')).map((r) => r.cells);
  expect(header).toEqual([...SEGMENT_COLUMNS]);
  const keep = header.map((h, i) => (UUID_COLUMNS.includes(h) ? -1 : i)).filter((i) => i >= 0);
  return rows.map((r) => keep.map((i) => r[i]));
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triangulate-roundtrip-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('segments export → import-segments → export', () => {
  it('gives the same rows apart from the UUIDs (demo project + multi-code and hostile segments)', async () => {
    const project = writeDemoProject(path.join(dir, 'demo'));
    // Beyond the demo's one-code segments: a segment with three codes, one with a note full of
    // CSV trouble, two segments of one coder at the same time with different codes, and a
    // consensus coder's segment.
    const store = ProjectStore.open(project);
    const codes = store.listCodes();
    const byId = new Map(codes.map((c) => [c.id, c]));
    const pathOf = (c: Code): string => (c.parentId ? `${pathOf(byId.get(c.parentId)!)}/${c.name}` : c.name);
    const code = (p: string) => codes.find((c) => pathOf(c) === p)!.id;
    const mediaId = store.listMedia()[0]!.id;
    const amina = store.listCoders().find((c) => c.name === 'amina')!.id;
    store.insertSegment({ mediaId, coderId: amina, startMs: 70_000, endMs: 75_250, codeIds: [code('Researchers/Tools'), code('Practitioners/Rules'), code('Shared object')], note: 'three codes' });
    store.insertSegment({ mediaId, coderId: amina, startMs: 80_000, endMs: 80_000, codeIds: [code('Markers/Artifact')], note: '=SUM(1,2), "x"\nnext line 😀 مرحبا' });
    store.insertSegment({ mediaId, coderId: amina, startMs: 90_000, endMs: 95_000, codeIds: [code('Researchers/Rules')], note: '' });
    store.insertSegment({ mediaId, coderId: amina, startMs: 90_000, endMs: 95_000, codeIds: [code('Practitioners/Community')], note: '' });
    const team = store.insertCoder({ name: 'team', isConsensus: true });
    store.insertSegment({ mediaId, coderId: team.id, startMs: 1_000, endMs: 7_500, codeIds: [code('Shared object')], note: 'agreed after discussion' });
    const segmentCount = store.countSegments();
    store.close();

    const first = path.join(dir, 'first.csv');
    await cli('export', project, '--kind', 'segments', '--out', first);
    const fresh = path.join(dir, 'fresh.triangulate');
    await cli('new', fresh);
    const imported = await cli('import-segments', fresh, first);
    const m = /^Imported (\d+) segments \((\d+) rows\) into workshop\.mp4; new coders: (.*)\n$/.exec(imported)!;
    expect([Number(m[1]), Number(m[2]), m[3].split(', ').sort()]).toEqual([segmentCount, 68 + 3 + 1 + 1 + 1 + 1, ['amina', 'ben', 'chen', 'team']]);
    const second = path.join(dir, 'second.csv');
    await cli('export', fresh, '--kind', 'segments', '--out', second);

    const a = rowsWithoutIds(first);
    const b = rowsWithoutIds(second);
    expect(a.length).toBe(68 + 3 + 1 + 1 + 1 + 1);
    expect(b).toEqual(a);
    expect(b.filter((r) => r[SEGMENT_COLUMNS.indexOf('consensus')] === 'true').map((r) => r[0])).toEqual(['team']);

    // The importer regroups rows by segment_id: the three-code segment comes back as one segment
    // and the two same-time segments stay two segments.
    const s = ProjectStore.open(fresh);
    const three = s.listSegments().filter((x) => x.note === 'three codes');
    expect(three.map((x) => x.codeIds.length)).toEqual([3]);
    expect(s.countSegments()).toBe(segmentCount);
    expect(s.listCoders().filter((c) => c.isConsensus).map((c) => c.name)).toEqual(['team']);
    s.close();
  });
});
