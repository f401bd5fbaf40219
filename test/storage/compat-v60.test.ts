/**
 * A project written before the storage layer was split (test/fixtures/compat/v60.triangulate,
 * made by test/fixtures/compat/make.ts with the schema-60 code; its contents are listed there)
 * opens, reads and merges with today's code, both ways.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LATEST_VERSION } from '../../src/main/db/migrations';
import { ProjectStore } from '../../src/main/db/store';
import { createCoderFile } from '../../src/main/features/merge/coderFile';
import { mergeCoderFiles } from '../../src/main/features/merge/merge';
import { decisionLog } from '../../src/main/features/reconcile/reconcile';
import { tmpDir } from '../helpers/tmp';

const FIXTURE = path.join(__dirname, '../fixtures/compat/v60.triangulate');
const open: ProjectStore[] = [];
const track = (s: ProjectStore) => (open.push(s), s);
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

function copyOfFixture(dir: string): string {
  const file = path.join(dir, 'v60.triangulate');
  fs.copyFileSync(FIXTURE, file);
  return file;
}

const leaf = (s: ProjectStore, group: string, name: string) => {
  const parent = s.listCodes().find((c) => c.name === group && !c.parentId)!;
  return s.listCodes().find((c) => c.name === name && c.parentId === parent.id)!.id;
};

describe('a project written by the schema-60 code', () => {
  it('opens (migrated to the latest schema) with every record as written', () => {
    const s = track(ProjectStore.open(copyOfFixture(tmpDir())));
    expect(s.schemaVersion).toBe(LATEST_VERSION);
    expect(s.getMeta('name')).toBe('Compat v60');
    expect(s.listCoders().map((c) => [c.name, c.isConsensus])).toEqual([['amina', false], ['ben', false], ['Consensus', true]]);
    const [amina, ben, consensus] = s.listCoders().map((c) => c.id);
    const media = s.listMedia();
    expect(media.map((m) => [m.name, m.durationMs, m.frameRate])).toEqual([['workshop.mp4', 120_000, 25]]);
    const tools = leaf(s, 'Researchers', 'Tools');
    const subject = leaf(s, 'Researchers', 'Subject');
    const challenge = leaf(s, 'Markers', 'Challenge');
    const segs = s.listSegments().map((x) => [x.coderId, x.startMs, x.endMs, [...x.codeIds].sort(), x.note]);
    expect(segs).toEqual([
      [amina, 1000, 5000, [tools], 'pen passed'],
      [ben, 2000, 7000, [tools], ''],
      [amina, 20000, 25000, [subject], ''],
      [ben, 20000, 25000, [subject], ''],
      [amina, 30000, 30000, [challenge], ''],
      [consensus, 30000, 30000, [challenge], 'the challenge is voiced'],
      [ben, 40000, 42000, [subject, tools].sort(), 'two codes'],
    ]);
    expect(s.listMemos().map((m) => [m.scope, m.title, m.body])).toEqual([
      ['project', 'Study memo', 'about the study'], ['media', 'Media memo', ''], ['segment', '', 'segment memo'],
    ]);
    const [c] = s.listContradictions();
    expect(s.listContradictions()).toHaveLength(1);
    expect([c!.level, c!.elementA, c!.elementB, c!.coderId, c!.note, c!.evidenceSegmentIds.length]).toEqual(['secondary', 'tools', 'subject', ben, 'tool vs subject', 1]);
    expect(s.listThemes().map((t) => [t.name, t.codeIds])).toEqual([['Mediation', [tools, subject]], ['Tensions', []]]);
    expect(decisionLog(s).map((d) => [d.action, d.rationale])).toEqual([['accept', 'the challenge is voiced']]);
    expect(s.listTranscripts(media[0]!.id).map((t) => [t.name, t.cues.map((q) => q.text)])).toEqual([['workshop.vtt', ['Shall we start?', 'Pass me the pen.']]]);
    expect(s.undoLog!.state().undo?.label).toBe('Transcript');
  });

  it('takes a coder file handed out from it and merged back', () => {
    const dir = tmpDir();
    const s = track(ProjectStore.open(copyOfFixture(dir)));
    const out = path.join(dir, 'ben.triangulate');
    createCoderFile(s, 'ben', out);
    const f = ProjectStore.open(out);
    const ben = f.listCoders().find((c) => c.name === 'ben')!.id;
    expect(f.listSegments().map((x) => x.startMs)).toEqual([2000, 20000, 40000]); // blind: ben's own only
    f.insertSegment({ mediaId: f.listMedia()[0]!.id, coderId: ben, startMs: 50000, endMs: 51000, codeIds: [leaf(f, 'Researchers', 'Rules')] });
    f.insertMemo({ scope: 'project', title: 'ben memo', body: '', coderId: ben });
    f.close();
    const summary = mergeCoderFiles(s, [out]);
    expect(summary.counts.segments.added).toBe(1);
    expect(summary.counts.memos.added).toBe(1);
    expect(summary.conflicts).toEqual([]);
    expect(s.listSegments()).toHaveLength(8);
    expect(s.listMemos()).toHaveLength(4);
  });

  it('merges as a whole into a new project of its lineage', () => {
    const dir = tmpDir();
    const fixture = copyOfFixture(dir);
    const lineage = track(ProjectStore.open(fixture, { readonly: true })).getMeta('lineage_id')!;
    const fresh = track(ProjectStore.create(path.join(dir, 'new.triangulate')));
    fresh.setMeta('lineage_id', lineage);
    const defaults = fresh.listCodes().length;
    mergeCoderFiles(fresh, [fixture]);
    expect(fresh.listCoders().map((c) => c.name)).toEqual(['amina', 'ben', 'Consensus']);
    expect(fresh.listMedia()).toHaveLength(1);
    expect(fresh.listSegments()).toHaveLength(7);
    expect(fresh.listMemos()).toHaveLength(3);
    expect(fresh.listContradictions()).toHaveLength(1);
    expect(fresh.listThemes().map((t) => t.name)).toEqual(['Mediation', 'Tensions']);
    // the fixture's codebook has its own ids: its codes are added beside the new project's
    expect(fresh.listCodes()).toHaveLength(2 * defaults);
  });
});
