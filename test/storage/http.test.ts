import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProjectStore } from '../../src/main/db/store';
import { startWebServer, type WebServer } from '../../src/main/http/server';
import { answerRange } from '../../src/main/media';
import { addMediaFile, createService } from '../../src/main/service';
import { tmpDir } from '../helpers/tmp';

const MEDIA = path.resolve(__dirname, '../fixtures/media');

/** Raw request (lets a test send any Host header). */
function request(server: WebServer, opts: { method?: string; path: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.port, method: opts.method ?? 'GET', path: opts.path, headers: { host: `127.0.0.1:${server.port}`, ...opts.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

describe('answerRange (RFC 7233 single ranges)', () => {
  it.each([
    [undefined, 200, { start: 0, end: 999 }, undefined],
    ['bytes=0-99', 206, { start: 0, end: 99 }, 'bytes 0-99/1000'],
    ['bytes=900-', 206, { start: 900, end: 999 }, 'bytes 900-999/1000'],
    ['bytes=-100', 206, { start: 900, end: 999 }, 'bytes 900-999/1000'],
    ['bytes=950-5000', 206, { start: 950, end: 999 }, 'bytes 950-999/1000'],
    ['bytes=1000-', 416, undefined, 'bytes */1000'],
    ['bytes=5-1', 416, undefined, 'bytes */1000'],
    ['items=0-1', 416, undefined, 'bytes */1000'],
  ])('%s → %i', (header, status, range, contentRange) => {
    const a = answerRange(1000, header, 'video/mp4');
    expect(a.status).toBe(status);
    expect(a.range).toEqual(range);
    expect(a.headers['Content-Range']).toBe(contentRange);
    if (range) expect(a.headers['Content-Length']).toBe(String(range.end - range.start + 1));
  });
});

describe('web-mode loopback server', () => {
  let server: WebServer;
  let store: ProjectStore;
  let mediaId: string;
  let videoBytes: Buffer;
  let dir: string;

  beforeEach(async () => {
    dir = tmpDir();
    const staticDir = path.join(dir, 'static');
    fs.mkdirSync(staticDir);
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>T</title>');
    fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside the static root');
    videoBytes = fs.readFileSync(path.join(MEDIA, 'hevc-1s.mp4'));
    fs.writeFileSync(path.join(dir, 'w.mp4'), videoBytes);
    fs.copyFileSync(path.join(MEDIA, 'clip.mov'), path.join(dir, 'other.mp4')); // a recording, not in the project
    store = ProjectStore.create(path.join(dir, 'p.triangulate'));
    mediaId = addMediaFile(store, path.join(dir, 'w.mp4'), 10_000).id;
    server = await startWebServer({ service: createService(store), store, staticDir, token: 'T0KEN' });
  });
  afterEach(async () => {
    await server.close();
    store.close();
  });

  const api = (method: string, body: unknown, token = 'T0KEN') =>
    request(server, { method: 'POST', path: `/api/${method}`, headers: { 'content-type': 'application/json', 'x-triangulate-token': token }, body: JSON.stringify(body) });

  it('listens on 127.0.0.1 and prints a URL carrying the token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=T0KEN`);
  });

  it('serves a call with the right token', async () => {
    const r = await api('getProject', {});
    expect(r.status).toBe(200);
    const body = JSON.parse(r.body.toString());
    expect(body.ok).toBe(true);
    expect(body.result.media[0].id).toBe(mediaId);
  });

  it('refuses a call without or with a wrong token', async () => {
    expect((await api('getProject', {}, '')).status).toBe(401);
    expect((await api('getProject', {}, 'T0KEM')).status).toBe(401);
  });

  it('refuses another Host header (DNS rebinding)', async () => {
    const r = await request(server, { method: 'POST', path: '/api/getProject', headers: { host: 'evil.example:80', 'x-triangulate-token': 'T0KEN' }, body: '{}' });
    expect(r.status).toBe(403);
  });

  it('rejects a payload of the wrong shape with 400 and a message naming the field, writing nothing', async () => {
    const coder = store.insertCoder({ name: 'Amina' });
    const r = await api('createSegment', { mediaId, coderId: coder.id, startMs: 'soon', endMs: 10, codeIds: [] });
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body.toString()).error).toMatchObject({ user: true, message: expect.stringMatching(/^createSegment: invalid startMs/) });
    expect(store.countSegments()).toBe(0);
    expect((await api('dropEverything', {})).status).toBe(400);
    const bad = await request(server, { method: 'POST', path: '/api/getProject', headers: { 'x-triangulate-token': 'T0KEN' }, body: '{not json' });
    expect(bad.status).toBe(400);
  });

  it('commits an edit before answering', async () => {
    const coder = store.insertCoder({ name: 'Amina' });
    const code = store.listCodes().find((c) => c.element === 'tools')!;
    const r = await api('createSegment', { mediaId, coderId: coder.id, startMs: 100, endMs: 900, codeIds: [code.id] });
    const seg = JSON.parse(r.body.toString()).result;
    const other = ProjectStore.open(store.file, { readonly: true }); // a second connection sees it
    expect(other.getSegment(seg.id)).toMatchObject({ startMs: 100, endMs: 900 });
    other.close();
  });

  it('streams project media with Range (206) and exact bytes', async () => {
    const r = await request(server, { path: `/media/${mediaId}?t=T0KEN`, headers: { range: 'bytes=1000-1999' } });
    expect(r.status).toBe(206);
    expect(r.headers['content-range']).toBe(`bytes 1000-1999/${videoBytes.length}`);
    expect(r.headers['accept-ranges']).toBe('bytes');
    expect(r.headers['content-type']).toBe('video/mp4');
    expect(r.body.equals(videoBytes.subarray(1000, 2000))).toBe(true);
    const whole = await request(server, { path: `/media/${mediaId}?t=T0KEN` });
    expect(whole.status).toBe(200);
    expect(whole.body.equals(videoBytes)).toBe(true);
  });

  it('serves only media the project references, and only with the token', async () => {
    expect((await request(server, { path: `/media/${mediaId}` })).status).toBe(401);
    expect((await request(server, { path: '/media/..%2Fother.mp4?t=T0KEN' })).status).toBe(404);
    expect((await request(server, { path: `/media/${encodeURIComponent(path.join(dir, 'other.mp4'))}?t=T0KEN` })).status).toBe(404);
  });

  it('answers 404 with the path when a project media file has moved', async () => {
    fs.renameSync(path.join(dir, 'w.mp4'), path.join(dir, 'moved.mp4'));
    const r = await request(server, { path: `/media/${mediaId}?t=T0KEN` });
    expect(r.status).toBe(404);
    expect(r.body.toString()).toBe(`Media file missing: ${path.join(dir, 'w.mp4')}`);
    const status = JSON.parse((await api('mediaStatus', { mediaId })).body.toString()).result;
    expect(status).toMatchObject({ state: 'missing' });
    // "Locate": the moved file is recognised by its content and re-linked
    const relinked = JSON.parse((await api('locateMedia', { mediaId, path: path.join(dir, 'moved.mp4') })).body.toString());
    expect(relinked.result.path).toBe(path.join(dir, 'moved.mp4'));
    const wrong = JSON.parse((await api('locateMedia', { mediaId, path: path.join(dir, 'other.mp4') })).body.toString());
    expect(wrong.error.message).toBe(`${path.join(dir, 'other.mp4')} is not the same recording as "w.mp4" (its content fingerprint differs)`);
  });

  it('serves the renderer with a CSP and never files outside its folder', async () => {
    const r = await request(server, { path: '/' });
    expect(r.status).toBe(200);
    expect(r.headers['content-security-policy']).toContain("script-src 'self'");
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt']) {
      const res = await request(server, { path: p });
      expect(res.status).toBe(404); // the URL parser folds the dots back inside the root
      expect(res.body.toString()).not.toContain('outside the static root');
    }
    // an encoded slash survives URL parsing: the resolved path leaves the root and is refused
    expect((await request(server, { path: '/..%2fsecret.txt' })).status).toBe(403);
  });
});
