/**
 * Reading a request target safely, for the web-mode server and Electron's `app://` / `media://`
 * handlers: nothing here throws on hostile input; a bad target comes back as null (answer 400).
 */
import path from 'node:path';

/** Percent-decodes one path or path segment; null when malformed (`%ff`), or holding a NUL or a backslash. */
export function decodePath(raw: string): string | null {
  let s: string;
  try {
    s = decodeURIComponent(raw);
  } catch {
    return null;
  }
  return /[\0\\]/.test(s) ? null : s;
}

/**
 * The URL a request names: origin-form (`/path?q`), or absolute-form (`http://host/path`) only
 * when it names one of `hosts`. Null for anything else (`*`, `http://[zz/`, another host).
 */
export function requestUrl(target: string | undefined, host: string, hosts: readonly string[]): URL | null {
  try {
    if (target?.startsWith('/')) return new URL(target, `http://${host}`);
    const url = new URL(target ?? '');
    return url.protocol === 'http:' && hosts.includes(url.host) ? url : null;
  } catch {
    return null;
  }
}

/** The file under `root` a URL path names: 400 when it cannot be decoded, 403 when it leaves `root`. */
export function staticFile(root: string, pathname: string): { file: string } | { status: 400 | 403 } {
  const rel = pathname === '/' ? 'index.html' : decodePath(pathname)?.replace(/^\/+/, '');
  if (rel === undefined) return { status: 400 };
  const file = path.resolve(root, rel);
  return file.startsWith(root + path.sep) ? { file } : { status: 403 };
}

/**
 * Does a JSON text nest arrays/objects deeper than `max`? Checked before JSON.parse, which spends
 * tens of milliseconds of the one event loop on a 200 KB `[[[[…` while every other request waits.
 */
export function jsonTooDeep(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}
