/** Hostile and malformed input: every import must refuse quickly with a one-line InteropError. */
import { inflateSync, strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseEaf } from '../../../src/shared/interop/eaf';
import { InteropError } from '../../../src/shared/interop/errors';
import { importQdpx } from '../../../src/shared/interop/qdpx';
import { parseXmlSafe } from '../../../src/shared/interop/xml';
import { listZipEntries } from '../../../src/shared/interop/zip';

const GiB = 1024 * 1024 * 1024;
const QDE = '<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0" name="x"/>';

/** Throws an InteropError whose message is one line and matches `re`, within `ms` milliseconds. */
function refuses(fn: () => unknown, re: RegExp, ms = 2000): void {
  const t0 = performance.now();
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  const took = performance.now() - t0;
  expect(err, 'expected a refusal').toBeInstanceOf(InteropError);
  const msg = (err as Error).message;
  expect(msg).toMatch(re);
  expect(msg).not.toContain('\n');
  expect(took).toBeLessThan(ms);
}

/**
 * A raw DEFLATE stream (one fixed-Huffman block) inflating to `size` zero bytes: a literal 0,
 * then back-references of length 258 at distance 1 (13 bits each), ≈ 6.5 MB per GiB.
 */
function deflatedZeros(size: number): Uint8Array {
  const out = new Uint8Array(Math.ceil(((size / 258) * 13) / 8) + 1024);
  let pos = 0;
  let bit = 0;
  const put = (b: number): void => {
    if (b) out[pos] |= 1 << bit;
    if (++bit === 8) {
      bit = 0;
      pos++;
    }
  };
  const huff = (code: number, len: number): void => {
    for (let i = len - 1; i >= 0; i--) put((code >> i) & 1);
  };
  put(1); // BFINAL
  put(1); // BTYPE = 01 (fixed), LSB first
  put(0);
  huff(0b00110000, 8); // literal 0
  let left = size - 1;
  while (left >= 258) {
    huff(0b11000101, 8); // length 258 (symbol 285)
    huff(0, 5); // distance 1 (code 0)
    left -= 258;
  }
  while (left >= 3) {
    // lengths 3..10 are symbols 257..264 (7-bit codes 0000001..0001000), no extra bits
    const n = Math.min(left, 10);
    huff(n - 2, 7);
    huff(0, 5);
    left -= n;
  }
  for (; left > 0; left--) huff(0b00110000, 8);
  huff(0, 7); // end of block
  return out.subarray(0, pos + 1);
}

/** A one-entry ZIP written by hand, so sizes and CRC can lie. */
function handZip(name: string, data: Uint8Array, declaredSize: number, method = 8, crc = 0): Uint8Array {
  const n = strToU8(name);
  const local = new Uint8Array(30 + n.length);
  const lv = new DataView(local.buffer);
  lv.setUint32(0, 0x04034b50, true);
  lv.setUint16(4, 20, true);
  lv.setUint16(8, method, true);
  lv.setUint16(12, 0x21, true);
  lv.setUint32(14, crc, true);
  lv.setUint32(18, data.length, true);
  lv.setUint32(22, declaredSize, true);
  lv.setUint16(26, n.length, true);
  local.set(n, 30);
  const central = new Uint8Array(46 + n.length);
  const cv = new DataView(central.buffer);
  cv.setUint32(0, 0x02014b50, true);
  cv.setUint16(4, 20, true);
  cv.setUint16(6, 20, true);
  cv.setUint16(10, method, true);
  cv.setUint16(14, 0x21, true);
  cv.setUint32(16, crc, true);
  cv.setUint32(20, data.length, true);
  cv.setUint32(24, declaredSize, true);
  cv.setUint16(28, n.length, true);
  cv.setUint32(42, 0, true);
  central.set(n, 46);
  const eocd = new Uint8Array(22);
  const ev = new DataView(eocd.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, 1, true);
  ev.setUint16(10, 1, true);
  ev.setUint32(12, central.length, true);
  ev.setUint32(16, local.length + data.length, true);
  const all = new Uint8Array(local.length + data.length + central.length + eocd.length);
  all.set(local, 0);
  all.set(data, local.length);
  all.set(central, local.length + data.length);
  all.set(eocd, local.length + data.length + central.length);
  return all;
}

describe('zip slip', () => {
  for (const evil of ['../evil.sh', 'Sources/../../evil.sh', '/etc/passwd', 'Sources\\..\\evil.sh', 'C:/Windows/evil.dll', 'c:evil']) {
    it(`refuses an entry named ${JSON.stringify(evil)}`, () => {
      const zip = zipSync({ 'project.qde': strToU8(QDE), [evil]: strToU8('pwned') });
      refuses(() => importQdpx(zip), /refused|path traversal|zip slip/i);
    });
  }
  it('a clean archive passes', () => {
    expect(importQdpx(zipSync({ 'project.qde': strToU8(QDE), 'Sources/a.mp4': strToU8('x') })).projectName).toBe('x');
  });
});

describe('zip bombs', () => {
  const bomb = deflatedZeros(GiB);

  it('the generator makes valid deflate data (checked on a small size; the 1 GiB stream was checked offline to inflate to exactly 1 073 741 824 zero bytes)', () => {
    const small = inflateSync(deflatedZeros(1_000_003));
    expect(small.length).toBe(1_000_003);
    expect(small.every((b) => b === 0)).toBe(true);
  });

  it('the crafted stream really is a 1 GiB deflate bomb (sanity check on its first 16 MiB)', () => {
    expect(bomb.length).toBeLessThan(8 * 1024 * 1024);
    // inflating the whole thing would take 1 GiB; a lying header with 16 MiB must overflow
    refuses(() => importQdpx(handZip('project.qde', bomb, 16 * 1024 * 1024), { limits: { maxRatio: 1e9 } }), /inflates to more than its declared/);
  });

  it('refuses an honest 1 GiB entry from its declared size, before inflating anything', () => {
    refuses(() => importQdpx(handZip('project.qde', bomb, GiB)), /declares 1024 MiB uncompressed .*zip bomb/, 500);
  });

  it('refuses a 100 MiB declaration on ~6 MiB of data from its compression ratio… or stops inflating at the limit', () => {
    refuses(() => importQdpx(handZip('project.qde', bomb, 100 * 1024 * 1024), { limits: { maxRatio: 10 } }), /compression ratio .*zip bomb/, 500);
    // a declaration under the limits: inflation stops as soon as the declared size is passed
    refuses(() => importQdpx(handZip('project.qde', bomb, 60 * 1024 * 1024), { limits: { maxTotalBytes: 64 * 1024 * 1024 } }), /inflates to more than its declared/);
  });

  it('refuses a lying small header quickly (stops at the declared size, never inflates the GiB)', () => {
    refuses(() => importQdpx(handZip('project.qde', bomb, 1000)), /inflates to more than its declared 1000 bytes/, 500);
  });

  it('refuses many entries whose declared total exceeds the limit', () => {
    const files: Record<string, Uint8Array> = { 'project.qde': strToU8(QDE) };
    for (let i = 0; i < 3; i++) files[`Sources/${i}.bin`] = new Uint8Array(1);
    const zip = zipSync(files);
    refuses(() => listZipEntries(zip, { maxTotalBytes: 2 }), /more than 0 MiB uncompressed in total|declares/);
  });
});

describe('billion laughs and other XML attacks', () => {
  const laughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>`;

  it('refuses billion laughs in a .qdpx, a bare project.qde and an .eaf', () => {
    refuses(() => importQdpx(zipSync({ 'project.qde': strToU8(`${laughs}<Project name="&lol9;"/>`) })), /DOCTYPE\/ENTITY declaration.*refused/, 200);
    refuses(() => importQdpx(strToU8(`${laughs}<Project name="&lol9;"/>`)), /DOCTYPE\/ENTITY/, 200);
    refuses(() => parseEaf(`${laughs}<ANNOTATION_DOCUMENT><TIER TIER_ID="&lol9;"/></ANNOTATION_DOCUMENT>`), /DOCTYPE\/ENTITY/, 200);
  });

  it('refuses external entities and undeclared entities', () => {
    refuses(() => parseEaf('<?xml version="1.0"?><!DOCTYPE x SYSTEM "file:///etc/passwd"><ANNOTATION_DOCUMENT/>'), /DOCTYPE/);
    refuses(() => parseXmlSafe('<a>&xxe;</a>', 'The file'), /undeclared entity &xxe;/);
  });

  it('decodes the predefined entities and character references only', () => {
    const doc = parseXmlSafe('<a b="&quot;&#10;&#x41;">&lt;&amp;&gt;&apos;&#233;</a>', 'x');
    expect(doc.a).toEqual([{ b: '"\nA', '#text': "<&>'é" }]);
  });
});

describe('malformed and unsupported input', () => {
  it('gives one-line errors', () => {
    refuses(() => importQdpx(strToU8('hello')), /neither a \.qdpx archive nor a project\.qde/);
    refuses(() => importQdpx(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0])), /not a ZIP archive/);
    refuses(() => importQdpx(zipSync({ 'other.txt': strToU8('x') })), /no project\.qde/);
    refuses(() => importQdpx(zipSync({ 'project.qde': strToU8('<Project name="x"><Users>') })), /not well-formed XML/);
    refuses(() => importQdpx(zipSync({ 'project.qde': strToU8('<Foo/>') })), /no <Project> root/);
    refuses(() => importQdpx(zipSync({ 'project.qde': strToU8('<Project name="x"><CodeBook><Codes><Code guid="nope" name="a" isCodable="true"/></Codes></CodeBook></Project>') })), /A <Code> has no valid guid/);
    const stored = handZip('project.qde', strToU8(QDE), QDE.length, 0, 12345);
    refuses(() => importQdpx(stored), /CRC mismatch/);
    const zip = zipSync({ 'project.qde': strToU8(QDE) });
    refuses(() => importQdpx(zip.subarray(0, zip.length - 30)), /not a ZIP archive|damaged|truncated/);
  });
});
