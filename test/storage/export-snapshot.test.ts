/**
 * The exports' fast snapshot reader gives exactly store.snapshot() (same segments, order, code
 * ids), on the demo project with extra multi-code segments, themes and contradictions.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ProjectStore } from '../../src/main/db/store';
import { writeDemoProject } from '../../src/main/features/studies/demo';
import { readSnapshot } from '../../src/main/features/export/snapshot';
import { createTheme } from '../../src/main/features/themes/themes';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triangulate-export-snapshot-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('readSnapshot', () => {
  it('equals store.snapshot()', () => {
    const store = ProjectStore.open(writeDemoProject(path.join(dir, 'demo')));
    try {
      const codes = store.listCodes().filter((c) => c.kind === 'element');
      const media = store.listMedia()[0]!;
      const coder = store.listCoders()[0]!;
      const a = store.insertSegment({ mediaId: media.id, coderId: coder.id, startMs: 5_000, endMs: 9_000, codeIds: codes.slice(0, 4).map((c) => c.id), note: 'four codes' });
      store.insertSegment({ mediaId: media.id, coderId: coder.id, startMs: 5_000, endMs: 9_000, codeIds: [], note: 'no code' });
      createTheme(store, { name: 'T', codeIds: [codes[3]!.id, codes[1]!.id] });
      store.db.prepare("INSERT INTO contradictions (id, level, element_a, element_b, coder_id, created_at, updated_at) VALUES ('k', 'primary', 'tools', 'tools', ?, 1, 1)").run(coder.id);
      store.db.prepare("INSERT INTO contradiction_evidence (contradiction_id, segment_id) VALUES ('k', ?)").run(a.id);
      const fast = readSnapshot(store);
      expect(fast.segments.length).toBe(70);
      expect(fast.segments.find((s) => s.id === a.id)!.codeIds.length).toBe(4);
      expect(fast).toEqual(store.snapshot());
    } finally {
      store.close();
    }
  });
});
