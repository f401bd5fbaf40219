/**
 * Web mode: the renderer in a browser talks to the same service over a loopback HTTP transport.
 * Binds 127.0.0.1 on a random port; every API and media request must carry the per-launch token;
 * the Host header must name the loopback address (DNS-rebinding guard) and an Origin, when sent,
 * must be the app's own. Media are served with HTTP Range, only for files the project references
 * that are really recordings. No request, however malformed, ends the process: a bad one gets a
 * 4xx, and a handler that throws is logged and answered 500.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import type { ProjectStore } from '../db/store';
import { dispatch, toWireError, type ServiceLike } from '../dispatch';
import { answerMedia } from '../media';
import { copyOf } from '../features/sync/pictures';
import { decodePath, jsonTooDeep, requestUrl } from './request';
import { answerStatic } from './static';

export interface WebServerOptions {
  service: ServiceLike;
  /** The open study (media are served from it only), or a getter when the app switches studies. */
  store: ProjectStore | (() => ProjectStore | null);
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

const MAX_BODY = 16 * 1024 * 1024;
/** The contract's payloads nest a few levels; far deeper is an attack on JSON.parse's time. */
const MAX_JSON_DEPTH = 64;

/** Node's parser limits: a header block over 16 KiB gets 431; a client that never finishes its headers is dropped. */
const SERVER_OPTIONS: http.ServerOptions = { maxHeaderSize: 16 * 1024, headersTimeout: 20_000, requestTimeout: 120_000 };

type Req = http.IncomingMessage;
type Res = http.ServerResponse;

const plain = (res: Res, status: number, text = http.STATUS_CODES[status] ?? '', headers: Record<string, string> = {}) =>
  void res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff', ...headers }).end(text);

const json = (res: Res, status: number, body: unknown, headers: Record<string, string> = {}) =>
  void res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers }).end(JSON.stringify(body));

const userError = (res: Res, status: number, code: string, message: string, headers?: Record<string, string>) =>
  json(res, status, { ok: false, error: { message, code, user: true } }, headers);

/** A fetch made by another site (`<img>`, `<video>`, a form) rather than the app itself or the address bar. */
const crossSite = (req: Req) => {
  const site = req.headers['sec-fetch-site'];
  return site !== undefined && site !== 'same-origin' && site !== 'none';
};

export function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const token = opts.token ?? crypto.randomBytes(24).toString('base64url');
  const tokenBuf = Buffer.from(token);
  const staticRoot = path.resolve(opts.staticDir);
  let port = 0;
  const hosts = () => [`127.0.0.1:${port}`, `localhost:${port}`];

  const tokenOk = (given: string | string[] | null | undefined) => {
    if (typeof given !== 'string' || !given) return false;
    const b = Buffer.from(given);
    return b.length === tokenBuf.length && crypto.timingSafeEqual(b, tokenBuf);
  };

  /** Every request: the guards, then one of the three handlers. Anything thrown is answered 500 by `handle`. */
  async function route(req: Req, res: Res) {
    const host = req.headers.host ?? '';
    if (!hosts().includes(host)) return plain(res, 403, 'Forbidden host');
    const origin = req.headers.origin;
    if (origin !== undefined && !hosts().some((h) => origin === `http://${h}`)) return plain(res, 403, 'Refused: a request from another site');
    if (req.method === 'OPTIONS') return plain(res, 405, 'Method not allowed', { Allow: 'GET, HEAD, POST' });
    const url = requestUrl(req.url, host, hosts());
    if (!url) return plain(res, 400, 'Bad request target');
    if (url.pathname.startsWith('/api/')) return handleApi(req, res, url.pathname.slice('/api/'.length));
    if (url.pathname.startsWith('/media/')) return handleMedia(req, res, url);
    return handleStatic(req, res, url.pathname);
  }

  async function handle(req: Req, res: Res) {
    try {
      await route(req, res);
    } catch (e) {
      const where = req.url?.startsWith('/api/') ? 'api' : req.url?.startsWith('/media/') ? 'media' : 'http';
      opts.log?.(`[${where}] ${req.method} ${req.url?.split('?')[0]}: ${(e as Error)?.stack ?? String(e)}`);
      if (res.headersSent) res.destroy();
      else plain(res, 500, 'Internal error (logged by Triangulate)');
    }
  }

  const server = http.createServer(SERVER_OPTIONS, (req, res) => void handle(req, res));
  // what Node's parser refuses (bad method, bad header, header too large, timeout) gets a status, then the connection closes
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (err.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  });

  async function handleApi(req: Req, res: Res, rawName: string) {
    if (req.method !== 'POST') return userError(res, 405, 'method', 'Use POST', { Allow: 'POST' });
    if (!tokenOk(req.headers['x-triangulate-token'])) return userError(res, 401, 'unauthorized', 'Missing or wrong session token');
    if (crossSite(req)) return userError(res, 403, 'forbidden', 'Refused: a request from another site');
    const name = decodePath(rawName);
    if (name === null) return userError(res, 400, 'bad_request', 'Malformed call name');
    const body = await readBody(req);
    if (body.status === 413) return userError(res, 413, 'too_large', `Request body over ${MAX_BODY / 2 ** 20} MiB`, { Connection: 'close' });
    if (body.status !== 200) return userError(res, 400, 'bad_json', `Bad request body: ${body.message}`);
    if (jsonTooDeep(body.text, MAX_JSON_DEPTH)) return userError(res, 400, 'bad_json', `Bad request body: nested deeper than ${MAX_JSON_DEPTH} levels`);
    let input: unknown;
    try {
      input = body.text ? JSON.parse(body.text) : {};
    } catch (e) {
      return userError(res, 400, 'bad_json', `Bad request body: ${(e as Error).message}`);
    }
    try {
      json(res, 200, { ok: true, result: await dispatch(opts.service, name, input) });
    } catch (e) {
      const err = toWireError(e);
      if (!err.user) opts.log?.(`[api] ${name}: ${(e as Error)?.stack ?? String(e)}`);
      json(res, err.user ? 400 : 500, { ok: false, error: err });
    }
  }

  function handleMedia(req: Req, res: Res, url: URL) {
    if (req.method !== 'GET' && req.method !== 'HEAD') return plain(res, 405, 'Method not allowed', { Allow: 'GET, HEAD' });
    if (!tokenOk(url.searchParams.get('t'))) return plain(res, 401, 'Missing or wrong session token');
    if (crossSite(req)) return plain(res, 403, 'Refused: a request from another site');
    const mediaId = decodePath(url.pathname.slice('/media/'.length));
    if (mediaId === null) return plain(res, 400, 'Malformed media id');
    const store = typeof opts.store === 'function' ? opts.store() : opts.store;
    if (!store) return plain(res, 404, 'No study is open');
    const answer = answerMedia(store, mediaId, req.headers.range, url.searchParams.get('picture') === '1' ? copyOf : undefined);
    if (!answer.file || !answer.range || req.method === 'HEAD') return void res.writeHead(answer.status, answer.headers).end(req.method === 'HEAD' ? undefined : answer.text);
    const stream = fs.createReadStream(answer.file, answer.range);
    stream.on('error', () => res.destroy());
    res.on('close', () => stream.destroy());
    res.writeHead(answer.status, answer.headers);
    stream.pipe(res);
  }

  function handleStatic(req: Req, res: Res, pathname: string) {
    if (req.method !== 'GET' && req.method !== 'HEAD') return plain(res, 405, 'Method not allowed', { Allow: 'GET, HEAD' });
    const answer = answerStatic(staticRoot, pathname);
    if (!answer.file) return void res.writeHead(answer.status, answer.headers).end(answer.text);
    fs.readFile(answer.file, (err, data) => {
      if (err) return plain(res, 404, 'Not found');
      res.writeHead(200, answer.headers);
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

type Body = { status: 200; text: string } | { status: 400 | 413; message: string };

/**
 * Reads a JSON request body as strict UTF-8. Over MAX_BODY (declared or sent) it answers 413 at
 * once and discards the rest, so the client reads the answer instead of a reset connection.
 */
function readBody(req: Req): Promise<Body> {
  const tooLarge: Body = { status: 413, message: 'body too large' };
  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY) {
    req.resume();
    return Promise.resolve(tooLarge);
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) resolve(tooLarge);
      else chunks.push(c);
    });
    req.on('end', () => {
      try {
        resolve({ status: 200, text: new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks)) });
      } catch {
        resolve({ status: 400, message: 'not valid UTF-8' });
      }
    });
    req.on('error', (e) => resolve({ status: 400, message: e.message }));
  });
}
