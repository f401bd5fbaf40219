/**
 * Codebook files (.qdc) on real project files: export validates against the REFI-QDA
 * Codebook.xsd shipped in schemas/ (checked with the xmllint command); import previews, then
 * merges by code path (never deleting), as one undo step; an invalid or hostile .qdc is refused
 * with one line naming the schema error and its line, and the project is left byte-identical.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProjectStore } from '../../src/main/db/store';
import { createService } from '../../src/main/service';
import { codePath } from '../../src/shared/domain';
import { fileHash, tmpDir } from '../helpers/tmp';

const XSD = path.resolve(__dirname, '../../schemas/refi-qda/Codebook.xsd');
const FIXTURES = path.resolve(__dirname, '../fixtures/qdc');
const XMLLINT = '/usr/bin/xmllint';

function study(name = 'study') {
  const dir = tmpDir();
  const file = path.join(dir, `${name}.triangulate`);
  const store = ProjectStore.create(file);
  return { dir, file, store, api: createService(store) };
}

const codePaths = (store: ProjectStore) => {
  const codes = store.listCodes();
  const byId = new Map(codes.map((c) => [c.id, c]));
  return codes.map((c) => codePath(c, byId)).sort();
};

describe('codebook export (.qdc)', () => {
  it('writes a file valid against Codebook.xsd (xmllint), holding a third activity system', async (ctx) => {
    if (!fs.existsSync(XMLLINT)) {
      console.warn('SKIPPED: xmllint is not installed (Debian package libxml2-utils); cannot validate against Codebook.xsd');
      ctx.skip();
    }
    const { dir, api, store } = study();
    await api.addSystem({ name: 'School leaders' });
    const out = path.join(dir, 'codebook.qdc');
    const res = await api.exportCodebook({ path: out });
    expect(res).toEqual({ file: out, codes: store.listCodes().length });
    // throws with xmllint's message when invalid
    const stdout = execFileSync(XMLLINT, ['--noout', '--schema', XSD, out], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(stdout).toBe('');
    const xml = fs.readFileSync(out, 'utf8');
    expect(xml).toContain('<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Triangulate">');
    expect(xml).toContain('name="School leaders"');
  });

  it('refuses to write over the study itself', async () => {
    const { api, file } = study();
    const before = fileHash(file);
    await expect(api.exportCodebook({ path: file })).rejects.toThrow(/would overwrite the project/);
    expect(fileHash(file)).toBe(before);
  });
});

describe('codebook import (.qdc)', () => {
  it("previews, then merges another tool's codebook by path: adds new codes, updates matched ones, deletes nothing", async () => {
    const { api, store } = study();
    const file = path.join(FIXTURES, 'other-tool.qdc');
    const before = codePaths(store);
    const preview = await api.previewCodebookImport({ path: file });
    // worked out by hand from the fixture and the default codebook: "Researchers" matches and has
    // the same colour (#4e79a7) and no description in the file (ours is kept); "Researchers/Tools"
    // matches with another colour and a description; the other three codes are new
    expect(preview).toEqual({
      file,
      add: ['Researchers/Curiosity', 'Emotions', 'Emotions/Frustration'],
      update: [{ path: 'Researchers/Tools', changes: ['colour', 'definition'] }],
      unchanged: 1,
      newSystems: [],
      notes: [],
    });
    expect(codePaths(store)).toEqual(before); // the preview changes nothing
    await api.importCodebook({ path: file });
    expect(codePaths(store)).toEqual([...before, 'Researchers/Curiosity', 'Emotions', 'Emotions/Frustration'].sort());
    const tools = store.listCodes().find((c) => c.name === 'Tools' && c.kind === 'element' && store.listSystems().find((s) => s.id === c.systemId)?.name === 'Researchers')!;
    expect(tools).toMatchObject({ color: '#00ff00', definition: 'Instruments, templates and protocols in use.', hotkey: '3' });
    expect(store.listCodes().find((c) => c.name === 'Emotions')).toMatchObject({ id: '1b6f2d1e-0c49-4a44-9a57-3d1f0f7c1a04', color: '#888888', kind: 'custom' });
    // a second import of the same file finds everything in place
    expect(await api.previewCodebookImport({ path: file })).toMatchObject({ add: [], update: [], unchanged: 5 });
    // one undo step takes the whole import back
    await api.undo({});
    expect(codePaths(store)).toEqual(before);
  });

  it('a codebook exported from a study with a third system brings the system, its codes and their hotkeys', async () => {
    const a = study('a');
    await a.api.addSystem({ name: 'School leaders' });
    const out = path.join(a.dir, 'a.qdc');
    await a.api.exportCodebook({ path: out });
    const b = study('b');
    const preview = await b.api.previewCodebookImport({ path: out });
    expect(preview.newSystems).toEqual(['School leaders']);
    expect(preview.add).toHaveLength(8);
    expect(preview.unchanged).toBe(b.store.listCodes().length);
    await b.api.importCodebook({ path: out });
    const sys = b.store.listSystems().find((s) => s.name === 'School leaders')!;
    expect(b.store.listCodes().filter((c) => c.systemId === sys.id && c.kind === 'element').map((c) => c.hotkey)).toEqual(['9', '0', 'b', 'd', 'f', 'g', 'h']);
  });

  it('an invalid .qdc is refused with the schema error and its line; nothing changes', async () => {
    const { api, file } = study();
    const qdc = path.join(FIXTURES, 'invalid-iscodable.qdc');
    const before = fileHash(file);
    const msg = `${qdc}: line 5: Element 'Code', attribute 'isCodable': 'maybe' is not a valid value of the atomic type 'xs:boolean'. (not a valid REFI-QDA codebook, Codebook.xsd); nothing was imported`;
    await expect(api.previewCodebookImport({ path: qdc })).rejects.toThrow(msg);
    await expect(api.importCodebook({ path: qdc })).rejects.toThrow(msg);
    expect(fileHash(file)).toBe(before);
  });

  it('a hostile, foreign, missing or non-UTF-8 file is refused with one line', async () => {
    const { api, dir, file } = study();
    const before = fileHash(file);
    const write = (name: string, data: string | Buffer) => {
      const p = path.join(dir, name);
      fs.writeFileSync(p, data);
      return p;
    };
    const laughs = write('laughs.qdc', '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY a "aaaa">]><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes/></CodeBook>');
    await expect(api.importCodebook({ path: laughs })).rejects.toThrow(/laughs\.qdc: .*DOCTYPE.*nothing was imported/);
    const project = write('project.qdc', '<Project xmlns="urn:QDA-XML:project:1.0"/>');
    await expect(api.importCodebook({ path: project })).rejects.toThrow(`${project}: The file has no <CodeBook> root element; it is not a REFI-QDA codebook (.qdc).; nothing was imported`);
    const latin1 = write('latin1.qdc', Buffer.from([0x3c, 0x61, 0xe9, 0x3e]));
    await expect(api.importCodebook({ path: latin1 })).rejects.toThrow(/latin1\.qdc: not valid UTF-8 at byte offset 2/);
    await expect(api.importCodebook({ path: path.join(dir, 'gone.qdc') })).rejects.toThrow(`${path.join(dir, 'gone.qdc')}: no such file`);
    await expect(api.importCodebook({ path: dir })).rejects.toThrow(`${dir}: is not a file; choose a REFI-QDA codebook (.qdc)`);
    expect(fileHash(file)).toBe(before);
  });
});
