/**
 * Local media: content fingerprints (so files are recognised after they move), the check that a
 * file is a recording (sniffed from its first bytes), and the answer to a media request, shared
 * by the Electron `media://` scheme and the web-mode loopback server.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Media } from '../shared/domain';
import { UserError } from '../shared/errors';
import { notMediaMessage, SNIFF_BYTES, sniffMedia, type Sniffed } from '../shared/media/sniff';

const MIB = 1024 * 1024;

/** sha256 of the size, the first MiB and the last MiB. Cheap on a 5-hour file, stable across copies. */
export function fingerprintFile(file: string): { fingerprint: string; size: number } {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const hash = crypto.createHash('sha256');
    hash.update(`size:${size};`);
    const head = Buffer.alloc(Math.min(MIB, size));
    fs.readSync(fd, head, 0, head.length, 0);
    hash.update(head);
    if (size > MIB) {
      const tailLen = Math.min(MIB, size - MIB);
      const tail = Buffer.alloc(tailLen);
      fs.readSync(fd, tail, 0, tailLen, size - tailLen);
      hash.update(tail);
    }
    return { fingerprint: hash.digest('hex'), size };
  } finally {
    fs.closeSync(fd);
  }
}

/** What the first bytes of `file` say it is. Throws the fs error when it cannot be read. */
export function sniffFile(file: string): Sniffed {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(SNIFF_BYTES);
    const n = fs.readSync(fd, head, 0, SNIFF_BYTES, 0);
    return sniffMedia(new Uint8Array(head.buffer, head.byteOffset, n));
  } finally {
    fs.closeSync(fd);
  }
}

/** Refuses, with one line saying what to do, a file that is not a video or audio recording. */
export function assertMediaFile(file: string): void {
  const sniffed = sniffFile(file);
  if (!sniffed.media) throw new UserError('not_media', notMediaMessage(file, sniffed.found));
}

const MIME: Record<string, string> = {
  '.mp4': 'video/mp4', '.m4v': 'video/mp4', '.mov': 'video/quicktime', '.webm': 'video/webm', '.mkv': 'video/x-matroska',
  '.ogv': 'video/ogg', '.ogg': 'audio/ogg', '.mp3': 'audio/mpeg', '.m4a': 'audio/mp4', '.wav': 'audio/wav', '.avi': 'video/x-msvideo',
  '.flac': 'audio/flac', '.aac': 'audio/aac', '.3gp': 'video/3gpp', '.opus': 'audio/ogg', '.oga': 'audio/ogg',
};

export function mimeFor(file: string): string {
  return MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export interface RangeAnswer {
  status: 200 | 206 | 416;
  headers: Record<string, string>;
  /** Byte range to stream, inclusive; absent for 416. */
  range?: { start: number; end: number };
}

/** Works out the answer to a GET with an optional `Range: bytes=a-b` header (RFC 7233, single range). */
export function answerRange(size: number, rangeHeader: string | undefined | null, mime: string): RangeAnswer {
  const base = { 'Accept-Ranges': 'bytes', 'Content-Type': mime, 'Cache-Control': 'no-store' };
  if (!rangeHeader) {
    return { status: 200, headers: { ...base, 'Content-Length': String(size) }, range: size > 0 ? { start: 0, end: size - 1 } : undefined };
  }
  const m = /^bytes=(\d*)-(\d*)$/.exec(rangeHeader.trim());
  let start: number;
  let end: number;
  if (!m || (m[1] === '' && m[2] === '')) return unsatisfiable(size, base);
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return unsatisfiable(size, base);
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start >= size || end < start) return unsatisfiable(size, base);
  return {
    status: 206,
    headers: { ...base, 'Content-Length': String(end - start + 1), 'Content-Range': `bytes ${start}-${end}/${size}` },
    range: { start, end },
  };
}

function unsatisfiable(size: number, base: Record<string, string>): RangeAnswer {
  return { status: 416, headers: { ...base, 'Content-Range': `bytes */${size}` } };
}

/** The answer to a request for a project's media: a file range to stream, or a status with a line of text. */
export interface MediaAnswer {
  status: number;
  headers: Record<string, string>;
  /** The file to stream `range` of (absent: send `text`, or nothing). */
  file?: string;
  range?: { start: number; end: number };
  text?: string;
}

const textAnswer = (status: number, text: string): MediaAnswer => ({ status, text, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' } });

/**
 * Serves only a media the project references, only while its file is there, and only when the
 * file is really a recording (a row forged to point at /etc/passwd gets 415), with HTTP Range.
 * `pictureOf` (asked for the picture alone) gives the file's video-only copy when there is one.
 */
export function answerMedia(store: { listMedia(): Media[] }, mediaId: string, rangeHeader: string | undefined | null, pictureOf?: (file: string) => string | undefined): MediaAnswer {
  const media = store.listMedia().find((m) => m.id === mediaId);
  if (!media) return textAnswer(404, 'Not a media file of this project');
  let size: number;
  let sniffed: Sniffed;
  try {
    const st = fs.statSync(media.path);
    if (!st.isFile()) throw new Error('not a file');
    size = st.size;
    sniffed = sniffFile(media.path);
  } catch {
    return textAnswer(404, `Media file missing: ${media.path}`);
  }
  if (!sniffed.media) return textAnswer(415, notMediaMessage(media.path, sniffed.found));
  // the picture alone (a video-only copy, when made: features/sync/pictures.ts); else the original
  const copy = pictureOf?.(media.path);
  if (copy) {
    try {
      return { ...answerRange(fs.statSync(copy).size, rangeHeader, mimeFor(media.path)), file: copy };
    } catch {
      // the copy went away: the original
    }
  }
  return { ...answerRange(size, rangeHeader, mimeFor(media.path)), file: media.path };
}
