/** The exchange service calls on a real project: chunked upload → preview → import, and exports. */
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ProjectStore } from '../../src/main/db/store';
import { createService } from '../../src/main/service';
import { parseInput } from '../../src/shared/contract';
import { tmpDir } from '../helpers/tmp';

const EAF = path.resolve(__dirname, '../fixtures/interop/elan6-workshop.eaf');

function setup() {
  const dir = tmpDir();
  const store = ProjectStore.create(path.join(dir, 'p.triangulate'));
  store.insertMedia({ path: path.join(dir, 'w.mp4'), name: 'w.mp4', fingerprint: 'c'.repeat(64), size: 3, durationMs: 4_000_000 });
  return { dir, store, svc: createService(store) };
}

describe('exchange service', () => {
  it('takes an upload in chunks, previews it with choices, imports it, and forgets the upload', async () => {
    const { store, svc } = setup();
    const bytes = fs.readFileSync(EAF);
    const cut = 1000;
    const a = await svc.exchangeUpload({ name: 'elan6-workshop.eaf', offset: 0, data: bytes.subarray(0, cut).toString('base64') });
    expect(a.size).toBe(cut);
    await expect(svc.exchangeUpload({ uploadId: a.uploadId, name: 'elan6-workshop.eaf', offset: 999, data: 'AA==' })).rejects.toThrow('Upload chunk at 999 but 1000 bytes received so far');
    const b = await svc.exchangeUpload({ uploadId: a.uploadId, name: 'elan6-workshop.eaf', offset: cut, data: bytes.subarray(cut).toString('base64') });
    expect(b).toEqual({ uploadId: a.uploadId, size: bytes.length });

    const p = await svc.exchangePreview({ source: { uploadId: a.uploadId }, choices: { coder: 'Ana', media: 'w.mp4', values: { tools: 'Researchers/Tools' } } });
    expect(p.kind).toBe('eaf');
    expect(p.fileName).toBe('elan6-workshop.eaf');
    expect(p.sources.map((s) => [s.id, s.annotator, s.annotations, s.coder, s.chosen])).toEqual([
      ['Maria - Tools', 'Maria', 4, 'Ana', true],
      ['Maria - Rules', 'Maria', 1, 'Ana', true],
      ['Maria - Rules comments', '', 1, 'Ana', false],
      ['default', '', 0, 'Ana', false],
    ]);
    const target = Object.fromEntries(p.values.map((v) => [v.value, v.target.kind === 'code' ? `code ${v.target.path}` : v.target.kind === 'new' ? `new ${v.target.path}` : v.target.kind]));
    expect(target).toEqual({
      'Researchers/Tools': 'code Researchers/Tools',
      'Division of labour': 'new Imported/Division of labour',
      'Coffee & biscuits': 'new Imported/Coffee & biscuits',
      tools: 'code Researchers/Tools',
      Rules: 'new Imported/Rules',
      '"briefs look academic"': 'new "briefs look academic"',
    });
    expect(p.report.media.map((m) => m.how)).toEqual(['chosen']);
    expect(store.countSegments()).toBe(0);

    const r = await svc.exchangeImport({ source: { uploadId: a.uploadId }, choices: { coder: 'Ana', media: 'w.mp4', values: { tools: 'Researchers/Tools' } } });
    expect(r.summary).toBe('Imported 5 segments from elan6-workshop.eaf; new codes: Imported, Imported/Division of labour, Imported/Coffee & biscuits, Imported/Rules; new coders: Ana; media: w.mp4 (attached to the chosen media)');
    expect(store.countSegments()).toBe(5);
    await expect(svc.exchangePreview({ source: { uploadId: a.uploadId } })).rejects.toThrow('The uploaded file is gone; choose it again');
    store.close();
  });

  it('a table that does not name its video is previewed on the first media and needs a choice to import', async () => {
    const { dir, store, svc } = setup();
    const second = store.insertMedia({ path: path.join(dir, 'x.mp4'), name: 'x.mp4', fingerprint: 'e'.repeat(64), size: 3, durationMs: 4_000_000 });
    const table = path.resolve(__dirname, '../fixtures/interop/elan-tab-delimited.txt');
    const p = await svc.exchangePreview({ source: { path: table } });
    expect([p.kind, p.needsMedia, p.report.segmentsCreated]).toEqual(['elan-tsv', true, 3]);
    expect(p.sources.map((s) => [s.id, s.coder, s.annotations])).toEqual([['Coach A - Tools', 'Coach A - Tools', 2], ['Bob - Rules', 'Bob - Rules', 1]]);
    await expect(svc.exchangeImport({ source: { path: table } })).rejects.toThrow('elan-tab-delimited.txt: the table does not name its video; choose the media (--media NAME) of: w.mp4, x.mp4');
    expect(store.countSegments()).toBe(0);
    const r = await svc.exchangeImport({ source: { path: table }, choices: { media: second.id, coders: { 'Coach A - Tools': 'Coach A', 'Bob - Rules': 'skip' } } });
    expect(r.report.segmentsCreated).toBe(2);
    expect(store.listSegments(second.id).map((s) => [s.startMs, s.endMs])).toEqual([[1001, 12345], [60000, 90500]]);
    expect(store.listCoders().map((c) => c.name)).toEqual(['Coach A']);
    store.close();
  });

  it('refuses oversize chunks at the contract and a missing path in the service', async () => {
    const { store, svc } = setup();
    expect(() => parseInput('exchangeUpload', { name: 'x.eaf', offset: 0, data: 'A'.repeat(12 * 1024 * 1024) })).toThrow(/exchangeUpload: invalid data/);
    expect(() => parseInput('exchangeUpload', { name: 'x.eaf', offset: 0, data: 'not base64!' })).toThrow(/invalid data/);
    await expect(svc.exchangePreview({ source: { path: '/nowhere/x.eaf' } })).rejects.toThrow('/nowhere/x.eaf: no such file');
    store.close();
  });

  it('exports for a download (base64) and to a path', async () => {
    const { dir, store, svc } = setup();
    const d = await svc.exchangeExport({ kind: 'qdpx' });
    expect([d.fileName, d.savedTo]).toEqual(['p.qdpx', null]);
    expect(Object.keys(unzipSync(new Uint8Array(Buffer.from(d.base64!, 'base64'))))).toEqual(['project.qde']);
    const out = path.join(dir, 'x.eaf');
    const s = await svc.exchangeExport({ kind: 'eaf', savePath: out });
    expect([s.base64, s.savedTo, s.fileName]).toEqual([null, out, 'p - w.eaf']);
    expect(fs.readFileSync(out, 'utf8')).toContain('<ANNOTATION_DOCUMENT');
    await expect(svc.exchangeExport({ kind: 'qdpx', savePath: store.file })).rejects.toThrow(`${store.file}: would overwrite the project ${store.file}: choose another file`);
    store.close();
  });
});
