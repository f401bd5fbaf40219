/**
 * import-segments writes new rows in multi-row batches and drops the undo recorder's triggers
 * while it runs: rows of one segment still group whether its first row is written already or
 * still waits in a batch, and the triggers are back afterwards (an edit after the import is
 * undoable), also when the import fails and rolls back.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProjectStore } from '../../src/main/db/store';
import { codingService } from '../../src/main/features/coding/service';
import { workstationService } from '../../src/main/features/workstation/service';
import { cli } from '../helpers/cli';
import { tmpDir } from '../helpers/tmp';

function project(): { dir: string; file: string } {
  const dir = tmpDir();
  const file = path.join(dir, 'study.triangulate');
  const store = ProjectStore.create(file);
  store.insertMedia({ path: '', name: 'w.mp4', fingerprint: '', size: 0, durationMs: 3600_000 });
  store.close();
  return { dir, file };
}

const triggers = (s: ProjectStore) => (s.db.prepare("SELECT count(*) AS n FROM sqlite_temp_master WHERE type = 'trigger'").get() as { n: number }).n;

describe('batched import-segments', () => {
  it('groups a second code with its segment whether that segment is still in the batch or written', async () => {
    const { dir, file } = project();
    // 250 segments (two batches of 100 and a partial one); segment k gets a second code 3 rows
    // later (same batch) and segment 0 a third code at the very end (written long before)
    const lines: string[] = [];
    for (let k = 0; k < 250; k++) {
      lines.push(`amina,Researchers/Tools,${k},${k + 1},n${k},`);
      if (k >= 3) lines.push(`amina,Researchers/Rules,${k - 3},${k - 2},n${k - 3},`);
    }
    for (let k = 247; k < 250; k++) lines.push(`amina,Researchers/Rules,${k},${k + 1},n${k},`);
    lines.push('amina,Researchers/Object,0,1,n0,');
    // the same shape keyed by the file's own segment ids
    for (let k = 0; k < 250; k++) {
      lines.push(`ben,Researchers/Tools,${k},${k + 1},,id${k}`);
      if (k >= 3) lines.push(`ben,Researchers/Rules,${k - 3},${k - 3},,id${k - 3}`);
    }
    for (let k = 247; k < 250; k++) lines.push(`ben,Researchers/Rules,${k},${k + 1},,id${k}`);
    const csv = path.join(dir, 'in.csv');
    fs.writeFileSync(csv, `coder,code,start,end,note,segment_id\n${lines.join('\n')}\n`);
    const r = await cli('import-segments', file, csv);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('Imported 500 segments (1001 rows) into w.mp4; new coders: amina, ben\n');
    const s = ProjectStore.open(file);
    const perSegment = s.db.prepare('SELECT count(*) AS n FROM segment_codes GROUP BY segment_id ORDER BY n').all().map((x) => (x as { n: number }).n);
    // amina: 250 segments with Tools and Rules, segment 0 also Object; ben: 250 with Tools and Rules
    expect(perSegment).toEqual([...Array(499).fill(2), 3]);
    s.close();
  });

  it('puts the undo triggers back after an import and after a failed one', async () => {
    const { dir, file } = project();
    const good = path.join(dir, 'good.csv');
    fs.writeFileSync(good, 'coder,code,start,end\namina,Researchers/Tools,1,2\n');
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, 'coder,code,start,end\namina,Researchers/Tools,1,2\namina,No such code,1,2\n');
    const s = ProjectStore.open(file);
    const before = triggers(s);
    expect(before).toBeGreaterThan(0);
    const { importSegmentsFile } = await import('../../src/main/features/coding/importSegments');
    await importSegmentsFile(s, good);
    expect(triggers(s)).toBe(before);
    await expect(importSegmentsFile(s, bad)).rejects.toThrow(/line 3/);
    expect(triggers(s)).toBe(before);
    // an edit after the imports is one undo step that undoes
    const api = { ...codingService(s), ...workstationService(s) };
    const seg = s.listSegments()[0]!;
    await api.updateSegment({ id: seg.id, note: 'edited' });
    await api.undo({});
    expect(s.getSegment(seg.id).note).toBe('');
    s.close();
  });
});
