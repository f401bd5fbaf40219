import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli';
import { ProjectStore } from '../../src/main/db/store';
import { createCoderFile } from '../../src/main/features/merge/coderFile';
import { createService } from '../../src/main/service';
import { codeId, fileHash, makeProject, tempDir } from '../unit/merge/helpers';

const open: ProjectStore[] = [];
const track = (s: ProjectStore) => (open.push(s), s);
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

function coded() {
  const dir = tempDir();
  const p = makeProject(dir, ['amina', 'ben']);
  track(p.store);
  const tools = codeId(p.store, 'Researchers/Tools');
  const a1 = p.store.insertSegment({ mediaId: p.mediaId, coderId: p.coderIds.amina!, startMs: 1000, endMs: 4000, codeIds: [tools] });
  const b1 = p.store.insertSegment({ mediaId: p.mediaId, coderId: p.coderIds.ben!, startMs: 2000, endMs: 5000, codeIds: [tools] });
  const b2 = p.store.insertSegment({ mediaId: p.mediaId, coderId: p.coderIds.ben!, startMs: 9000, endMs: 9000, codeIds: [codeId(p.store, 'Markers/Challenge')] });
  return { dir, ...p, tools, a1, b1, b2 };
}

describe('coder files', () => {
  it('a blind coder file keeps the codebook, media and UUIDs and only its coder\'s segments', () => {
    const p = coded();
    const out = path.join(p.dir, 'amina.triangulate');
    const r = createCoderFile(p.store, 'amina', out);
    expect(r).toMatchObject({ file: out, coderId: p.coderIds.amina, coderName: 'amina', coderCreated: false, blind: true, segments: 1 });
    const f = track(ProjectStore.open(out, { readonly: true }));
    expect(f.getMeta('coder_file_for')).toBe(p.coderIds.amina);
    expect(f.getMeta('lineage_id')).toBe(p.store.getMeta('lineage_id'));
    expect(f.getMeta('project_id')).not.toBe(p.store.getMeta('project_id'));
    expect(f.listCodes()).toEqual(p.store.listCodes());
    expect(f.listMedia()).toEqual(p.store.listMedia());
    expect(f.listCoders()).toEqual(p.store.listCoders());
    expect(f.listSegments()).toEqual([p.a1]);
    // leaving segments out is not deleting them: no tombstones that a merge would carry back
    expect(f.db.prepare('SELECT count(*) AS n FROM tombstones').get()).toEqual({ n: 0 });
    // handed out as one file: rollback journal, no -wal beside it
    expect(f.db.pragma('journal_mode', { simple: true })).toBe('delete');
    // the project itself is unchanged
    expect(p.store.listSegments()).toHaveLength(3);
  });

  it('a not-blind file keeps every coder\'s segments', () => {
    const p = coded();
    const out = path.join(p.dir, 'ben.triangulate');
    expect(createCoderFile(p.store, 'ben', out, { blind: false })).toMatchObject({ blind: false, segments: 2 });
    const f = track(ProjectStore.open(out, { readonly: true }));
    expect(f.listSegments()).toEqual(p.store.listSegments());
  });

  it('a new coder is created in the project first, so the file and the project share the UUID', () => {
    const p = coded();
    const out = path.join(p.dir, 'chen.triangulate');
    const r = createCoderFile(p.store, 'chen', out);
    expect(r.coderCreated).toBe(true);
    expect(r.segments).toBe(0);
    const inProject = p.store.listCoders().find((c) => c.name === 'chen');
    expect(inProject?.id).toBe(r.coderId);
    const f = track(ProjectStore.open(out, { readonly: true }));
    expect(f.getMeta('coder_file_for')).toBe(inProject!.id);
  });

  it('the coder file refuses another coder\'s edits and new coders (service)', async () => {
    const p = coded();
    const out = path.join(p.dir, 'amina.triangulate');
    createCoderFile(p.store, 'amina', out);
    const f = track(ProjectStore.open(out));
    const api = createService(f);
    await expect(api.createSegment({ mediaId: p.mediaId, coderId: p.coderIds.ben!, startMs: 0, endMs: 10, codeIds: [p.tools] })).rejects.toThrow(/belongs to another coder/);
    await expect(api.createCoder({ name: 'dan' })).rejects.toThrow(/fixed coder/);
    const mine = await api.createSegment({ mediaId: p.mediaId, coderId: p.coderIds.amina!, startMs: 0, endMs: 10, codeIds: [p.tools] });
    expect(mine.coderId).toBe(p.coderIds.amina);
  });

  it('refuses to overwrite a file, to hand out from a coder file and to hand out to the consensus coder', () => {
    const p = coded();
    const out = path.join(p.dir, 'amina.triangulate');
    createCoderFile(p.store, 'amina', out);
    const before = fs.readFileSync(out);
    expect(() => createCoderFile(p.store, 'ben', out)).toThrow(/already exists/);
    expect(fs.readFileSync(out).equals(before)).toBe(true);
    const f = track(ProjectStore.open(out));
    expect(() => createCoderFile(f, 'amina', path.join(p.dir, 'x.triangulate'))).toThrow(/itself a coder file/);
    p.store.insertCoder({ name: 'Consensus', isConsensus: true });
    expect(() => createCoderFile(p.store, 'Consensus', path.join(p.dir, 'c.triangulate'))).toThrow(/consensus coder/);
    expect(fs.existsSync(path.join(p.dir, 'c.triangulate'))).toBe(false);
  });

  it('two coders with one display name: the name is ambiguous, the id is not', () => {
    const p = coded();
    const twin = p.store.insertCoder({ name: 'ben' });
    expect(() => createCoderFile(p.store, 'ben', path.join(p.dir, 'b.triangulate'))).toThrow(/Several coders are named "ben"/);
    const r = createCoderFile(p.store, twin.id, path.join(p.dir, 'b.triangulate'));
    expect(r.coderId).toBe(twin.id);
    expect(r.segments).toBe(0);
  });

  it('CLI: coder-file writes the file; bad input exits 2 with one line and changes nothing', async () => {
    const p = coded();
    const out = path.join(p.dir, 'cli-amina.triangulate');
    const project = p.file;
    p.store.db.pragma('wal_checkpoint(TRUNCATE)');
    const ok = await cli('coder-file', project, 'amina', '--out', out);
    expect(ok).toEqual({ code: 0, stdout: `Wrote coder file ${out} for amina: blind, 1 of their segments\n`, stderr: '' });
    const raw = new Database(out, { readonly: true });
    expect(raw.prepare("SELECT value FROM project_meta WHERE key = 'coder_file_for'").get()).toEqual({ value: p.coderIds.amina });
    raw.close();
    const hash = fileHash(p.store);
    const again = await cli('coder-file', project, 'ben', '--out', out);
    expect(again.code).toBe(2);
    expect(again.stderr).toBe(`triangulate: ${out}: file already exists; choose another name\n`);
    const missing = await cli('coder-file', project, 'ben');
    expect(missing.code).toBe(2);
    expect(fileHash(p.store)).toBe(hash);
  });
});
