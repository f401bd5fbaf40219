/** Hostile and malformed input: every import must refuse quickly with a one-line InteropError. */
import { inflateSync, strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseEaf } from '../../../src/shared/interop/eaf';
import { InteropError } from '../../../src/shared/interop/errors';
import { importQdpx } from '../../../src/shared/interop/qdpx';
import { parseXmlSafe } from '../../../src/shared/interop/xml';
import { listZipEntries } from '../../../src/shared/interop/zip';
import { deflatedZeros, handZip, LAUGHS } from './hostileFiles';

const GiB = 1024 * 1024 * 1024;
const QDE = '<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0" name="x"/>';

/**
 * Throws an InteropError whose message is one line and matches `re`. (How quickly is measured in
 * bench/exchange.bench.ts, never asserted here; the last argument, the old time budget, is unused.)
 */
function refuses(fn: () => unknown, re: RegExp, _ms?: number): void {
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  expect(err, 'expected a refusal').toBeInstanceOf(InteropError);
  const msg = (err as Error).message;
  expect(msg).toMatch(re);
  expect(msg).not.toContain('\n');
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

  it('refuses billion laughs in a .qdpx, a bare project.qde and an .eaf', () => {
    refuses(() => importQdpx(zipSync({ 'project.qde': strToU8(`${LAUGHS}<Project name="&lol9;"/>`) })), /DOCTYPE\/ENTITY declaration.*refused/, 200);
    refuses(() => importQdpx(strToU8(`${LAUGHS}<Project name="&lol9;"/>`)), /DOCTYPE\/ENTITY/, 200);
    refuses(() => parseEaf(`${LAUGHS}<ANNOTATION_DOCUMENT><TIER TIER_ID="&lol9;"/></ANNOTATION_DOCUMENT>`), /DOCTYPE\/ENTITY/, 200);
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
