/**
 * The built renderer's files, answered the same way by both shells: web mode's loopback server
 * (`http/server.ts`) and Electron's `app://` scheme (`electron-main.ts`). Each shell only turns
 * the answer into its own response type.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { staticFile } from './request';

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

export interface StaticAnswer {
  status: number;
  headers: Record<string, string>;
  /** The file to send with a 200; absent on a refusal, which carries `text` instead. */
  file?: string;
  text?: string;
}

/** What to answer for a URL path under `root`: the file with its type and `csp`, or 400/403/404. */
export function answerStatic(root: string, pathname: string, csp = CSP): StaticAnswer {
  const target = staticFile(root, pathname);
  if ('status' in target) return refusal(target.status);
  if (!isFile(target.file)) return refusal(404, 'Not found');
  return {
    status: 200,
    file: target.file,
    headers: {
      'Content-Type': STATIC_TYPES[path.extname(target.file)] ?? 'application/octet-stream',
      'Content-Security-Policy': csp,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    },
  };
}

function refusal(status: number, text = http.STATUS_CODES[status] ?? ''): StaticAnswer {
  return { status, text, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' } };
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
