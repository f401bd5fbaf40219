/**
 * Malformed and hostile HTTP requests for the web-mode server, sent raw over TCP (fetch and
 * http.request would normalise or refuse most of them). Used by test/storage/http-hostile.test.ts
 * and bench/http.bench.ts.
 */
import net from 'node:net';

export interface RawAnswer {
  /** The status of the first response line; 0 when the connection ended without one. */
  status: number;
  head: string;
  body: string;
  /** The socket error seen, if any (ECONNRESET = the server reset instead of answering). */
  error?: string;
}

/** Writes `request` to a fresh connection and reads until the server closes it (or `timeoutMs`). */
export function rawRequest(port: number, request: string | Buffer, timeoutMs = 15_000): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let error: string | undefined;
    const sock = net.connect(port, '127.0.0.1', () => sock.write(request));
    const timer = setTimeout(() => sock.destroy(), timeoutMs);
    sock.on('data', (c: Buffer) => chunks.push(c));
    sock.on('error', (e: NodeJS.ErrnoException) => (error = e.code ?? e.message));
    sock.on('close', () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('latin1');
      const split = text.indexOf('\r\n\r\n');
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0);
      const head = split < 0 ? text : text.slice(0, split);
      const body = split < 0 ? '' : text.slice(split + 4);
      resolve({ status, head, body: /\r\ntransfer-encoding: chunked/i.test(head) ? dechunk(body) : body, error });
    });
  });
}

/** The payload of a chunked body (RFC 9112 §7.1). */
function dechunk(body: string): string {
  let out = '';
  for (let at = 0; ; ) {
    const eol = body.indexOf('\r\n', at);
    const size = parseInt(body.slice(at, eol), 16);
    if (eol < 0 || !(size > 0)) return out;
    out += body.slice(eol + 2, eol + 2 + size);
    at = eol + 2 + size + 2;
  }
}

export interface HostileContext {
  port: number;
  token: string;
  /** A media of the project whose file is a real recording. */
  mediaId: string;
  /** A media row forged to point at a text file. */
  forgedId: string;
}

export interface HostileCase {
  name: string;
  status: number;
  request(ctx: HostileContext): string | Buffer;
  /** Sends megabytes: left out of the benchmark's many rounds. */
  heavy?: boolean;
}

/** A request with the right Host and `Connection: close`; `headers` may override either. */
export function httpRequest(ctx: HostileContext, method: string, target: string, headers: Record<string, string> = {}, body?: string | Buffer): Buffer {
  const all: Record<string, string> = { Host: `127.0.0.1:${ctx.port}`, Connection: 'close', ...headers };
  if (body !== undefined && !Object.keys(all).some((h) => /^(content-length|transfer-encoding)$/i.test(h))) all['Content-Length'] = String(Buffer.byteLength(body));
  const head = `${method} ${target} HTTP/1.1\r\n${Object.entries(all).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), body === undefined ? Buffer.alloc(0) : Buffer.from(body as string)]);
}

const api = (ctx: HostileContext, name: string, body: string | Buffer, headers: Record<string, string> = {}) =>
  httpRequest(ctx, 'POST', `/api/${name}`, { 'Content-Type': 'application/json', 'X-Triangulate-Token': ctx.token, ...headers }, body);
const media = (ctx: HostileContext, id: string, headers: Record<string, string> = {}) => httpRequest(ctx, 'GET', `/media/${id}?t=${ctx.token}`, headers);

/** The request set of issue 10 item 1, and what each must be answered. */
export const HOSTILE_CASES: HostileCase[] = [
  { name: 'malformed percent-encoding (/%ff)', status: 400, request: (c) => httpRequest(c, 'GET', '/%ff') },
  { name: 'malformed percent-encoding in a media id (/media/%ff)', status: 400, request: (c) => httpRequest(c, 'GET', `/media/%ff?t=${c.token}`) },
  { name: 'malformed percent-encoding in a call name (/api/%ff)', status: 400, request: (c) => api(c, '%ff', '{}') },
  { name: 'NUL byte in a path (/index.html%00.js)', status: 400, request: (c) => httpRequest(c, 'GET', '/index.html%00.js') },
  { name: 'absolute-form target with a broken host (http://[zz/)', status: 400, request: (c) => httpRequest(c, 'GET', 'http://[zz/') },
  { name: 'absolute-form target naming another host', status: 400, request: (c) => httpRequest(c, 'GET', 'http://evil.example/index.html') },
  { name: 'backslash traversal (/..%5csecret.txt)', status: 400, request: (c) => httpRequest(c, 'GET', '/..%5c..%5csecret.txt') },
  { name: 'encoded slash traversal (/..%2fsecret.txt)', status: 403, request: (c) => httpRequest(c, 'GET', '/..%2fsecret.txt') },
  { name: 'encoded dot-segments (/%2e%2e/%2e%2e/etc/passwd)', status: 404, request: (c) => httpRequest(c, 'GET', '/%2e%2e/%2e%2e/etc/passwd') },
  { name: 'body declared over the limit (Content-Length 17 MB)', status: 413, request: (c) => api(c, 'getProject', '', { 'Content-Length': String(17 * 1024 * 1024) }) },
  { name: 'body sent over the limit (chunked, 17 MB)', status: 413, heavy: true, request: (c) => api(c, 'getProject', chunked(17 * 1024 * 1024), { 'Transfer-Encoding': 'chunked' }) },
  { name: 'invalid UTF-8 in a JSON body', status: 400, request: (c) => api(c, 'createCoder', Buffer.concat([Buffer.from('{"name":"am'), Buffer.from([0xff]), Buffer.from('ina"}')])) },
  { name: 'malformed JSON', status: 400, request: (c) => api(c, 'getProject', '{not json') },
  { name: 'JSON nested 100,000 deep', status: 400, request: (c) => api(c, 'getProject', '['.repeat(100_000) + ']'.repeat(100_000)) },
  { name: 'a call from another origin', status: 403, request: (c) => api(c, 'getProject', '{}', { Origin: 'http://evil.example' }) },
  { name: 'a call from an opaque origin (Origin: null)', status: 403, request: (c) => api(c, 'getProject', '{}', { Origin: 'null' }) },
  { name: 'a CORS preflight from another origin', status: 403, request: (c) => httpRequest(c, 'OPTIONS', '/api/getProject', { Origin: 'http://evil.example', 'Access-Control-Request-Method': 'POST' }) },
  { name: 'a cross-site media request (<video src> on another site)', status: 403, request: (c) => media(c, c.mediaId, { 'Sec-Fetch-Site': 'cross-site' }) },
  { name: 'Range garbage (bytes=abc)', status: 416, request: (c) => media(c, c.mediaId, { Range: 'bytes=abc' }) },
  { name: 'Range reversed (bytes=5-1)', status: 416, request: (c) => media(c, c.mediaId, { Range: 'bytes=5-1' }) },
  { name: 'several ranges (bytes=0-1,4-5)', status: 416, request: (c) => media(c, c.mediaId, { Range: 'bytes=0-1,4-5' }) },
  { name: 'Range past 2^53 (bytes=99999999999999999999-)', status: 416, request: (c) => media(c, c.mediaId, { Range: 'bytes=99999999999999999999-' }) },
  { name: 'a media row forged to point at a text file', status: 415, request: (c) => media(c, c.forgedId) },
  { name: 'a media id the project does not have', status: 404, request: (c) => media(c, '00000000-0000-4000-8000-000000000000') },
  { name: 'media without the token', status: 401, request: (c) => httpRequest(c, 'GET', `/media/${c.mediaId}`) },
  { name: 'a call without the token', status: 401, request: (c) => httpRequest(c, 'POST', '/api/getProject', { 'Content-Type': 'application/json' }, '{}') },
  { name: 'another Host (DNS rebinding)', status: 403, request: (c) => httpRequest(c, 'GET', '/', { Host: 'evil.example' }) },
  { name: 'HEAD on the API', status: 405, request: (c) => httpRequest(c, 'HEAD', '/api/getProject') },
  { name: 'OPTIONS *', status: 405, request: (c) => httpRequest(c, 'OPTIONS', '*') },
  { name: 'DELETE on a static file', status: 405, request: (c) => httpRequest(c, 'DELETE', '/index.html') },
  { name: 'an unknown method (FOO)', status: 400, request: (c) => httpRequest(c, 'FOO', '/') },
  { name: 'a header over 16 KiB', status: 431, request: (c) => httpRequest(c, 'GET', '/', { 'X-Pad': 'a'.repeat(20_000) }) },
  { name: 'Content-Length and Transfer-Encoding together (smuggling)', status: 400, request: (c) => api(c, 'getProject', '0\r\n\r\n', { 'Content-Length': '5', 'Transfer-Encoding': 'chunked' }) },
  { name: 'not HTTP at all', status: 400, request: () => '\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 hello\r\n\r\n' },
];

/** A chunked body of `size` bytes of "a" in 64 KiB chunks. */
function chunked(size: number): Buffer {
  const chunk = 64 * 1024;
  const parts: Buffer[] = [];
  for (let left = size; left > 0; left -= chunk) {
    const n = Math.min(chunk, left);
    parts.push(Buffer.from(`${n.toString(16)}\r\n`), Buffer.alloc(n, 0x61), Buffer.from('\r\n'));
  }
  parts.push(Buffer.from('0\r\n\r\n'));
  return Buffer.concat(parts);
}
