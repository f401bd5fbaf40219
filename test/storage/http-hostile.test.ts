/**
 * Issue 10 items 1 and 11 against the real web-mode server: malformed and hostile requests sent
 * raw over TCP are each answered deliberately (4xx, or 500 for a handler error), the server keeps
 * serving, and a media row forged to point at a non-media file is never served.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProjectStore } from '../../src/main/db/store';
import { startWebServer, type WebServer } from '../../src/main/http/server';
import { fingerprintFile } from '../../src/main/media';
import { addMediaFile, createService } from '../../src/main/service';
import { HOSTILE_CASES, httpRequest, rawRequest, type HostileContext } from '../helpers/hostile';
import { tmpDir } from '../helpers/tmp';

/** A temp folder that lives until the end of the file (tmpDir's are removed after each test). */
const kept: string[] = [];
function keptDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'triangulate-hostile-'));
  kept.push(d);
  return d;
}
afterAll(() => kept.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const ROOT = path.resolve(__dirname, '../..');
const CLIP = path.join(ROOT, 'test/fixtures/media/tone.wav');

/** A project with one real recording and one media row forged (as a hostile merge could) to a text file. */
function hostileProject(dir: string) {
  const staticDir = path.join(dir, 'static');
  fs.mkdirSync(staticDir);
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>T</title>');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'root:x:0:0:root:/root:/bin/bash\n');
  fs.copyFileSync(CLIP, path.join(dir, 'tone.wav'));
  const file = path.join(dir, 'p.triangulate');
  const store = ProjectStore.create(file);
  const mediaId = addMediaFile(store, path.join(dir, 'tone.wav')).id;
  const secret = path.join(dir, 'secret.txt');
  const forgedId = store.insertMedia({ path: secret, name: 'secret.mp4', ...fingerprintFile(secret), durationMs: 1000 }).id;
  return { store, file, staticDir, mediaId, forgedId };
}

const good = (ctx: HostileContext) => httpRequest(ctx, 'POST', '/api/getProject', { 'Content-Type': 'application/json', 'X-Triangulate-Token': ctx.token, Origin: `http://127.0.0.1:${ctx.port}` }, '{}');

describe('web-mode server: every malformed or hostile request is answered, and the server keeps serving', () => {
  let server: WebServer;
  let store: ProjectStore;
  let ctx: HostileContext;
  const log: string[] = [];

  beforeAll(async () => {
    const p = hostileProject(keptDir());
    store = p.store;
    server = await startWebServer({ service: createService(store), store, staticDir: p.staticDir, token: 'T0KEN', log: (l) => log.push(l) });
    ctx = { port: server.port, token: 'T0KEN', mediaId: p.mediaId, forgedId: p.forgedId };
  });
  afterAll(async () => {
    await server.close();
    store.close();
  });

  it.each(HOSTILE_CASES.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const answer = await rawRequest(ctx.port, c.request(ctx));
    expect(answer.status).toBe(c.status);
    expect(answer.body).not.toContain('root:x:0:0');
    const after = await rawRequest(ctx.port, good(ctx));
    expect(after.status).toBe(200);
  });

  it('answers 413 before reading a body over the limit, and closes the connection without a reset', async () => {
    const big = HOSTILE_CASES.find((c) => c.heavy)!;
    const answer = await rawRequest(ctx.port, big.request(ctx));
    expect(answer.status).toBe(413);
    expect(answer.head).toMatch(/\r\nConnection: close/i);
    expect(answer.error).toBeUndefined();
  });

  it('refuses invalid UTF-8 in a JSON body rather than storing U+FFFD, and changes nothing', async () => {
    const before = store.listCoders().length;
    const c = HOSTILE_CASES.find((x) => x.name.startsWith('invalid UTF-8'))!;
    const answer = await rawRequest(ctx.port, c.request(ctx));
    expect(JSON.parse(answer.body).error.message).toBe('Bad request body: not valid UTF-8');
    expect(store.listCoders().length).toBe(before);
  });

  it('refuses JSON nested 100,000 deep before parsing it', async () => {
    const c = HOSTILE_CASES.find((x) => x.name.startsWith('JSON nested'))!;
    const answer = await rawRequest(ctx.port, c.request(ctx));
    expect(JSON.parse(answer.body).error.message).toBe('Bad request body: nested deeper than 64 levels');
  });

  it('serves the app its own calls and media (same Origin, same-origin fetches)', async () => {
    expect((await rawRequest(ctx.port, good(ctx))).status).toBe(200);
    const range = await rawRequest(ctx.port, httpRequest(ctx, 'GET', `/media/${ctx.mediaId}?t=T0KEN`, { Range: 'bytes=0-11', 'Sec-Fetch-Site': 'same-origin' }));
    expect(range.status).toBe(206);
    expect(range.body).toBe('RIFF\xe4\x12\x00\x00WAVE');
    const page = await rawRequest(ctx.port, httpRequest(ctx, 'GET', `http://127.0.0.1:${ctx.port}/index.html`));
    expect(page.status).toBe(200);
  });

  it('says why a forged media row is not served', async () => {
    const answer = await rawRequest(ctx.port, httpRequest(ctx, 'GET', `/media/${ctx.forgedId}?t=T0KEN`));
    expect(answer.status).toBe(415);
    expect(answer.body).toBe(`${path.join(path.dirname(store.file), 'secret.txt')}: not a video or audio file (found text); choose a recording (mp4, mov, webm, mkv, mp3, m4a, wav, ogg)`);
  });
});

describe('web-mode server: a handler that throws is logged and answered 500', () => {
  it('an API call whose service throws a bug, and a media request after the store failed', async () => {
    const p = hostileProject(tmpDir());
    const log: string[] = [];
    const service = { ...createService(p.store), getProject: async () => { throw new TypeError('boom in getProject'); } };
    const server = await startWebServer({ service, store: p.store, staticDir: p.staticDir, token: 'T0KEN', log: (l) => log.push(l) });
    const ctx = { port: server.port, token: 'T0KEN', mediaId: p.mediaId, forgedId: p.forgedId };
    try {
      expect((await rawRequest(ctx.port, good(ctx))).status).toBe(500);
      expect(log.join('\n')).toContain('TypeError: boom in getProject');
      p.store.close(); // every later read of the store throws
      const answer = await rawRequest(ctx.port, httpRequest(ctx, 'GET', `/media/${ctx.mediaId}?t=T0KEN`));
      expect(answer.status).toBe(500);
      expect(log.join('\n')).toMatch(/\[media\] .*database connection is not open/);
      expect((await rawRequest(ctx.port, httpRequest(ctx, 'GET', '/'))).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});

describe('web mode as a process (tsx src/main/web-main.ts)', () => {
  let child: ChildProcess;
  let ctx: HostileContext;
  let stderr = '';

  beforeAll(async () => {
    const p = hostileProject(keptDir());
    p.store.close();
    child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/main/web-main.ts'), p.file, '--port', '0'], {
      cwd: ROOT,
      env: { ...process.env, TRIANGULATE_RENDERER_DIR: p.staticDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    const url = await new Promise<URL>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /Open this address in your browser: (\S+)/.exec(out);
        if (m) resolve(new URL(m[1]!));
      });
      child.once('exit', (code) => reject(new Error(`web mode exited with ${code}: ${stderr}`)));
    });
    ctx = { port: Number(url.port), token: url.searchParams.get('token')!, mediaId: p.mediaId, forgedId: p.forgedId };
  }, 60_000);
  afterAll(() => {
    child.kill('SIGTERM');
  });

  it('answers the whole malformed set, twice over at once, stays alive and still works', async () => {
    const answers = await Promise.all([...HOSTILE_CASES, ...HOSTILE_CASES].filter((c) => !c.heavy).map(async (c) => [c.name, (await rawRequest(ctx.port, c.request(ctx))).status, c.status]));
    expect(answers.filter(([, got, want]) => got !== want)).toEqual([]);
    expect(child.exitCode).toBeNull();
    const after = await rawRequest(ctx.port, good(ctx));
    expect(after.status).toBe(200);
    expect(JSON.parse(after.body).result.media).toHaveLength(2);
    expect(stderr).not.toMatch(/unexpected|Error/);
  }, 60_000);
});
