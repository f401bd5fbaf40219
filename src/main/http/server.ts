/**
 * Web mode: the renderer in a browser talks to the same service over a loopback HTTP transport.
 * Binds 127.0.0.1 on a random port; every API and media request must carry the per-launch token;
 * the Host header must name the loopback address (DNS-rebinding guard). Media are served with
 * HTTP Range, only for files the project references.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { Api } from '../../shared/contract';
import type { ProjectStore } from '../db/store';
import { dispatch, toWireError } from '../dispatch';
import { answerRange, mimeFor } from '../media';

export interface WebServerOptions {
  service: Api;
  store: ProjectStore;
  /** Built renderer (vite build output). */
  staticDir: string;
  token?: string;
  port?: number;
  log?: (line: string) => void;
}

export interface WebServer {
  url: string;
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

const STATIC_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json', '.woff': 'font/woff', '.woff2': 'font/woff2', '.ico': 'image/x-icon',
};

const MAX_BODY = 16 * 1024 * 1024;

export function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const token = opts.token ?? crypto.randomBytes(24).toString('base64url');
  const tokenBuf = Buffer.from(token);
  const staticRoot = path.resolve(opts.staticDir);
  let port = 0;

  const tokenOk = (given: string | null | undefined) => {
    if (!given) return false;
    const b = Buffer.from(given);
    return b.length === tokenBuf.length && crypto.timingSafeEqual(b, tokenBuf);
  };

  const server = http.createServer((req, res) => {
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      res.writeHead(403, { 'Content-Type': 'text/plain' }).end('Forbidden host');
      return;
    }
    const url = new URL(req.url ?? '/', `http://${host}`);
    if (url.pathname.startsWith('/api/')) return void handleApi(req, res, url.pathname.slice(5));
    if (url.pathname.startsWith('/media/')) return void handleMedia(req, res, url);
    return void handleStatic(req, res, url.pathname);
  });

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, method: string) {
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' }).end(JSON.stringify(body));
    };
    if (req.method !== 'POST') return json(405, { ok: false, error: { message: 'Use POST', code: 'method', user: true } });
    if (!tokenOk(req.headers['x-triangulate-token'] as string | undefined)) {
      return json(401, { ok: false, error: { message: 'Missing or wrong session token', code: 'unauthorized', user: true } });
    }
    let body: unknown;
    try {
      const text = await readBody(req);
      body = text ? JSON.parse(text) : {};
    } catch (e) {
      return json(400, { ok: false, error: { message: `Bad request body: ${(e as Error).message}`, code: 'bad_json', user: true } });
    }
    try {
      const result = await dispatch(opts.service, decodeURIComponent(method), body);
      json(200, { ok: true, result });
    } catch (e) {
      const err = toWireError(e);
      if (!err.user) opts.log?.(`[api] ${method}: ${(e as Error)?.stack ?? String(e)}`);
      json(err.user ? 400 : 500, { ok: false, error: err });
    }
  }

  function handleMedia(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405).end();
    if (!tokenOk(url.searchParams.get('t'))) return void res.writeHead(401, { 'Content-Type': 'text/plain' }).end('Missing or wrong session token');
    const mediaId = decodeURIComponent(url.pathname.slice('/media/'.length));
    const media = opts.store.listMedia().find((m) => m.id === mediaId);
    if (!media) return void res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not a media file of this project');
    let stat: fs.Stats;
    try {
      stat = fs.statSync(media.path);
    } catch {
      return void res.writeHead(404, { 'Content-Type': 'text/plain' }).end(`Media file missing: ${media.path}`);
    }
    const answer = answerRange(stat.size, req.headers.range, mimeFor(media.path));
    res.writeHead(answer.status, answer.headers);
    if (req.method === 'HEAD' || !answer.range) return void res.end();
    const stream = fs.createReadStream(media.path, answer.range);
    stream.on('error', () => res.destroy());
    res.on('close', () => stream.destroy());
    stream.pipe(res);
  }

  function handleStatic(req: http.IncomingMessage, res: http.ServerResponse, pathname: string) {
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405).end();
    const rel = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
    const file = path.resolve(staticRoot, rel);
    if (!file.startsWith(staticRoot + path.sep)) return void res.writeHead(403).end();
    fs.readFile(file, (err, data) => {
      if (err) {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
        return;
      }
      res.writeHead(200, {
        'Content-Type': STATIC_TYPES[path.extname(file)] ?? 'application/octet-stream',
        'Content-Security-Policy': CSP,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-cache',
      });
      res.end(req.method === 'HEAD' ? undefined : data);
    });
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      port = (server.address() as { port: number }).port;
      const origin = `http://127.0.0.1:${port}`;
      resolve({
        origin,
        url: `${origin}/?token=${token}`,
        port,
        token,
        close: () =>
          new Promise<void>((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      });
    });
  });
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
