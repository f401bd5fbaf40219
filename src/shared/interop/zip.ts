/**
 * Defensive ZIP reading (pure; inflation by fflate's streaming Inflate) and writing (fflate).
 *
 * Reading walks the central directory itself so that every entry is checked before a single
 * byte is inflated:
 * - names: no "..", no absolute paths, no backslashes, no drive letters, no NUL (zip slip);
 * - declared sizes: total and per entry under the limit, compression ratio under the limit;
 * - structure: local headers agree with the central directory, entries do not overlap
 *   (overlapping-entry bombs), no encryption, only stored/deflate.
 * Inflation then streams in small chunks and stops as soon as the output exceeds the entry's
 * declared size or the remaining budget, so a lying header cannot make us inflate a bomb.
 */
import { Inflate, strFromU8, zipSync, type Zippable } from 'fflate';
import { InteropError } from './errors';

export interface ZipLimits {
  /** Refuse when declared or inflated bytes of what we read exceed this. Default 512 MiB. */
  maxTotalBytes: number;
  /** Refuse archives with more entries. Default 10 000. */
  maxEntries: number;
  /** Refuse entries whose declared uncompressed/compressed ratio exceeds this… Default 200. */
  maxRatio: number;
  /** …when they declare more than this many bytes. Default 1 MiB. */
  ratioMinBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxTotalBytes: 512 * 1024 * 1024,
  maxEntries: 10_000,
  maxRatio: 200,
  ratioMinBytes: 1024 * 1024,
};

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  crc: number;
  localOffset: number;
  isDirectory: boolean;
}

const u16 = (b: Uint8Array, o: number): number => b[o] | (b[o + 1] << 8);
const u32 = (b: Uint8Array, o: number): number => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
const u64 = (b: Uint8Array, o: number): number => u32(b, o) + u32(b, o + 4) * 0x1_0000_0000;

/** Throws unless the entry name is a plain relative path inside the archive. */
export function assertSafeEntryName(name: string): void {
  const shown = JSON.stringify(name.length > 80 ? `${name.slice(0, 80)}…` : name);
  if (name.length === 0) throw new InteropError('The archive has an entry with an empty name.');
  if (name.includes('\\')) throw new InteropError(`The archive entry ${shown} contains a backslash; refused (path traversal).`);
  if (name.includes('\0')) throw new InteropError(`The archive entry ${shown} contains a NUL character; refused.`);
  if (name.startsWith('/')) throw new InteropError(`The archive entry ${shown} is an absolute path; refused (path traversal).`);
  if (/^[A-Za-z]:/.test(name)) throw new InteropError(`The archive entry ${shown} starts with a drive letter; refused (path traversal).`);
  if (name.split('/').some((p) => p === '..')) {
    throw new InteropError(`The archive entry ${shown} climbs out of the archive with ".."; refused (zip slip).`);
  }
}

function mib(n: number): string {
  return `${Math.round(n / 1024 / 1024)} MiB`;
}

function findEocd(b: Uint8Array): number {
  const min = Math.max(0, b.length - 22 - 0xffff);
  for (let i = b.length - 22; i >= min; i--) {
    if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 0x05 && b[i + 3] === 0x06) return i;
  }
  return -1;
}

/** Lists and checks every entry of the archive. Inflates nothing. */
export function listZipEntries(bytes: Uint8Array, limits: Partial<ZipLimits> = {}): ZipEntry[] {
  const lim = { ...DEFAULT_ZIP_LIMITS, ...limits };
  const eocd = findEocd(bytes);
  if (eocd < 0) throw new InteropError('The file is not a ZIP archive (no end-of-central-directory record).');
  let count = u16(bytes, eocd + 10);
  let cdSize = u32(bytes, eocd + 12);
  let cdOffset = u32(bytes, eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = eocd - 20;
    if (loc < 0 || u32(bytes, loc) !== 0x07064b50) throw new InteropError('The ZIP64 archive is damaged (no ZIP64 locator).');
    const z = u64(bytes, loc + 8);
    if (z + 56 > bytes.length || u32(bytes, z) !== 0x06064b50) throw new InteropError('The ZIP64 archive is damaged (no ZIP64 directory).');
    count = u64(bytes, z + 32);
    cdSize = u64(bytes, z + 40);
    cdOffset = u64(bytes, z + 48);
  }
  if (count > lim.maxEntries) throw new InteropError(`The archive has ${count} entries (more than ${lim.maxEntries}); refused.`);
  if (cdOffset + cdSize > bytes.length) throw new InteropError('The ZIP archive is truncated or damaged (central directory out of range).');

  const entries: ZipEntry[] = [];
  let p = cdOffset;
  let declaredTotal = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || u32(bytes, p) !== 0x02014b50) throw new InteropError('The ZIP archive is damaged (bad central directory entry).');
    const flags = u16(bytes, p + 8);
    const method = u16(bytes, p + 10);
    const crc = u32(bytes, p + 16);
    let compressedSize = u32(bytes, p + 20);
    let size = u32(bytes, p + 24);
    const nameLen = u16(bytes, p + 28);
    const extraLen = u16(bytes, p + 30);
    const commentLen = u16(bytes, p + 32);
    let localOffset = u32(bytes, p + 42);
    if (p + 46 + nameLen + extraLen > bytes.length) throw new InteropError('The ZIP archive is damaged (entry name out of range).');
    const name = strFromU8(bytes.subarray(p + 46, p + 46 + nameLen), (flags & 0x800) === 0 && !isUtf8Ascii(bytes, p + 46, nameLen));
    // ZIP64 extra field: the 0xFFFFFFFF fields, in order size, compressed size, offset
    let e = p + 46 + nameLen;
    const eEnd = e + extraLen;
    while (e + 4 <= eEnd) {
      const id = u16(bytes, e);
      const len = u16(bytes, e + 2);
      if (id === 0x0001) {
        let q = e + 4;
        if (size === 0xffffffff && q + 8 <= e + 4 + len) { size = u64(bytes, q); q += 8; }
        if (compressedSize === 0xffffffff && q + 8 <= e + 4 + len) { compressedSize = u64(bytes, q); q += 8; }
        if (localOffset === 0xffffffff && q + 8 <= e + 4 + len) { localOffset = u64(bytes, q); q += 8; }
      }
      e += 4 + len;
    }
    p = eEnd + commentLen;

    assertSafeEntryName(name);
    if (flags & 0x1) throw new InteropError(`The archive entry "${name}" is encrypted; encrypted archives are not supported.`);
    const isDirectory = name.endsWith('/');
    if (!isDirectory && method !== 0 && method !== 8) {
      throw new InteropError(`The archive entry "${name}" uses compression method ${method}; only stored and deflate are supported.`);
    }
    if (size > lim.maxTotalBytes) {
      throw new InteropError(`The archive entry "${name}" declares ${mib(size)} uncompressed (limit ${mib(lim.maxTotalBytes)}); refused as a possible zip bomb.`);
    }
    declaredTotal += size;
    if (declaredTotal > lim.maxTotalBytes) {
      throw new InteropError(`The archive declares more than ${mib(lim.maxTotalBytes)} uncompressed in total; refused as a possible zip bomb.`);
    }
    if (size > lim.ratioMinBytes && size / Math.max(1, compressedSize) > lim.maxRatio) {
      throw new InteropError(`The archive entry "${name}" has a compression ratio of ${Math.round(size / Math.max(1, compressedSize))}:1 (limit ${lim.maxRatio}:1); refused as a possible zip bomb.`);
    }
    if (method === 0 && size !== compressedSize) throw new InteropError(`The archive entry "${name}" is damaged (stored sizes differ).`);
    if (localOffset + 30 > bytes.length) throw new InteropError(`The archive entry "${name}" is damaged (local header out of range).`);
    entries.push({ name, method, compressedSize, size, crc, localOffset, isDirectory });
  }

  const names = new Set<string>();
  for (const en of entries) {
    if (names.has(en.name)) throw new InteropError(`The archive has two entries named "${en.name}"; refused.`);
    names.add(en.name);
  }
  // local data ranges must not overlap (overlapping-entry zip bombs reuse one compressed stream)
  const ranges = entries.map((en) => ({ en, ...dataRange(bytes, en) })).sort((a, b) => a.start - b.start);
  for (let i = 1; i < ranges.length; i++) {
    if (ranges[i].headerStart < ranges[i - 1].end) {
      throw new InteropError(`The archive entries "${ranges[i - 1].en.name}" and "${ranges[i].en.name}" overlap; refused as a possible zip bomb.`);
    }
  }
  return entries;
}

function isUtf8Ascii(b: Uint8Array, o: number, n: number): boolean {
  for (let i = o; i < o + n; i++) if (b[i] > 0x7f) return false;
  return true;
}

function dataRange(bytes: Uint8Array, en: ZipEntry): { headerStart: number; start: number; end: number } {
  const o = en.localOffset;
  if (u32(bytes, o) !== 0x04034b50) throw new InteropError(`The archive entry "${en.name}" is damaged (bad local header).`);
  const nameLen = u16(bytes, o + 26);
  const extraLen = u16(bytes, o + 28);
  const localName = strFromU8(bytes.subarray(o + 30, o + 30 + nameLen), (u16(bytes, o + 6) & 0x800) === 0 && !isUtf8Ascii(bytes, o + 30, nameLen));
  if (localName !== en.name) {
    throw new InteropError(`The archive entry "${en.name}" has a different name in its local header; refused.`);
  }
  const start = o + 30 + nameLen + extraLen;
  const end = start + en.compressedSize;
  if (end > bytes.length) throw new InteropError(`The archive entry "${en.name}" is truncated.`);
  return { headerStart: o, start, end };
}

let CRC_TABLE: Int32Array | null = null;
function crc32(data: Uint8Array): number {
  if (!CRC_TABLE) {
    CRC_TABLE = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      CRC_TABLE[n] = c;
    }
  }
  let c = -1;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

const CHUNK = 16 * 1024;

/**
 * Inflates one entry (from listZipEntries), never producing more than its declared size nor
 * more than `budget` bytes; checks the CRC.
 */
export function readZipEntry(bytes: Uint8Array, entry: ZipEntry, budget: number = DEFAULT_ZIP_LIMITS.maxTotalBytes): Uint8Array {
  const { start, end } = dataRange(bytes, entry);
  const comp = bytes.subarray(start, end);
  const cap = Math.min(entry.size, budget);
  if (entry.size > budget) throw new InteropError(`The archive entry "${entry.name}" is larger than the remaining limit; refused.`);
  let out: Uint8Array;
  if (entry.method === 0) {
    out = comp.slice();
  } else {
    out = new Uint8Array(cap);
    let total = 0;
    let overflow = false;
    const inflater = new Inflate((chunk) => {
      if (total + chunk.length > cap) {
        overflow = true;
        return;
      }
      out.set(chunk, total);
      total += chunk.length;
    });
    try {
      if (comp.length === 0) inflater.push(new Uint8Array(0), true);
      for (let i = 0; i < comp.length && !overflow; i += CHUNK) {
        inflater.push(comp.subarray(i, Math.min(comp.length, i + CHUNK)), i + CHUNK >= comp.length);
      }
    } catch (e) {
      if (e instanceof InteropError) throw e;
      throw new InteropError(`The archive entry "${entry.name}" is damaged (${(e as Error).message}).`);
    }
    if (overflow) {
      throw new InteropError(`The archive entry "${entry.name}" inflates to more than its declared ${entry.size} bytes; refused as a possible zip bomb.`);
    }
    if (total !== entry.size) throw new InteropError(`The archive entry "${entry.name}" is damaged (inflated ${total} of ${entry.size} declared bytes).`);
  }
  if (crc32(out) !== entry.crc) throw new InteropError(`The archive entry "${entry.name}" is damaged (CRC mismatch).`);
  return out;
}

export interface ZipInput {
  name: string;
  data: Uint8Array;
  /** 0 = store (for media that is already compressed). Default 6. */
  level?: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
}

export function writeZip(files: ZipInput[], mtime: number): Uint8Array {
  const z: Zippable = {};
  for (const f of files) {
    assertSafeEntryName(f.name);
    if (f.name in z) throw new InteropError(`Two files would be written to "${f.name}" in the archive.`);
    z[f.name] = [f.data, { level: f.level ?? 6, mtime: Math.max(mtime, Date.UTC(1980, 0, 2)) }];
  }
  return zipSync(z);
}
