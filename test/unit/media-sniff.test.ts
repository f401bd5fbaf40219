/**
 * The media sniffer on hand-made byte arrays (headers written out from the container specs) and
 * on real recordings made by ffmpeg (test/fixtures/media/make-sniff-fixtures.sh, assets/demo).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { notMediaMessage, SNIFF_BYTES, sniffMedia } from '../../src/shared/media/sniff';

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? Array.from(p, (c) => c.charCodeAt(0)) : p)));
const at = (size: number, entries: [number, number[]][]): Uint8Array => {
  const b = new Uint8Array(size);
  for (const [i, v] of entries) b.set(v, i);
  return b;
};
const kind = (b: Uint8Array) => {
  const s = sniffMedia(b);
  return s.media ? s.container : `other: ${s.found}`;
};

describe('sniffMedia on hand-made headers', () => {
  it.each([
    // ISO BMFF: box size 0x18, "ftyp", major brand
    ['mp4 (isom)', bytes([0, 0, 0, 0x18], 'ftypisom', [0, 0, 2, 0], 'isomiso2'), 'mp4'],
    ['m4v (M4V )', bytes([0, 0, 0, 0x14], 'ftypM4V ', [0, 0, 0, 1], 'M4V '), 'mp4'],
    ['mov (qt  )', bytes([0, 0, 0, 0x14], 'ftypqt  ', [0, 0, 2, 0], 'qt  '), 'quicktime'],
    ['m4a (M4A )', bytes([0, 0, 0, 0x1c], 'ftypM4A ', [0, 0, 2, 0], 'M4A isom'), 'm4a'],
    ['3gp (3gp4)', bytes([0, 0, 0, 0x14], 'ftyp3gp4', [0, 0, 2, 0], '3gp4'), '3gp'],
    ['old QuickTime: wide box then mdat', bytes([0, 0, 0, 8], 'wide', [0, 0, 0x10, 0], 'mdat'), 'quicktime'],
    ['old QuickTime: moov first', bytes([0, 0, 0x02, 0x40], 'moov', [0, 0, 0, 0x6c], 'mvhd'), 'quicktime'],
    // EBML magic, then DocType element 0x4282 of length 4 / 8
    ['webm', bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x84], 'webm'), 'webm'],
    ['mkv', bytes([0x1a, 0x45, 0xdf, 0xa3, 0xa3, 0x42, 0x82, 0x88], 'matroska'), 'matroska'],
    ['wav', bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt '), 'wav'],
    ['wav (RF64)', bytes('RF64', [0xff, 0xff, 0xff, 0xff], 'WAVEds64'), 'wav'],
    ['avi', bytes('RIFF', [0x72, 0x17, 0, 0], 'AVI LIST'), 'avi'],
    ['ogg', bytes('OggS', [0, 2, 0, 0, 0, 0]), 'ogg'],
    ['flac', bytes('fLaC', [0, 0, 0, 0x22]), 'flac'],
    ['mpeg-ps pack header', bytes([0, 0, 1, 0xba, 0x44, 0, 4, 0]), 'mpeg-ps'],
    ['asf/wmv', bytes([0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11, 0xa6, 0xd9, 0x00, 0xaa, 0x00, 0x62, 0xce, 0x6c]), 'asf'],
    ['mp3 with an ID3v2.4 tag', bytes('ID3', [4, 0, 0, 0, 0, 0x0a, 0x7f]), 'mp3'],
    // MPEG-TS: 0x47 every 188 bytes; M2TS: 4-byte timestamp, then 0x47 every 192
    ['mpeg-ts', at(600, [[0, [0x47, 0x40, 0x00, 0x10]], [188, [0x47]], [376, [0x47]]]), 'mpeg-ts'],
    ['m2ts', at(600, [[4, [0x47]], [196, [0x47]], [388, [0x47]]]), 'mpeg-ts'],
  ])('%s', (_, b, expected) => {
    expect(kind(b)).toBe(expected);
  });

  it('MPEG audio frames: a second header exactly one frame length after the first', () => {
    // MPEG-1 Layer III, 128 kbit/s, 44.1 kHz, no padding: FF FB 90 00; length floor(144·128000/44100) = 417
    const h = [0xff, 0xfb, 0x90, 0x00];
    expect(kind(at(1000, [[0, h], [417, h]]))).toBe('mp3');
    expect(kind(at(1000, [[0, h], [418, h]]))).toBe('other: unrecognised content starting ff fb 90 00 00 00 00 00');
    // the padding bit (0x92) makes the frame one byte longer: 418
    const hp = [0xff, 0xfb, 0x92, 0x00];
    expect(kind(at(1000, [[0, hp], [418, h]]))).toBe('mp3');
    // MPEG-2 Layer III, 64 kbit/s (index 8), 22.05 kHz: FF F3 80 00; length floor(72·64000/22050) = 208
    const h2 = [0xff, 0xf3, 0x80, 0x00];
    expect(kind(at(1000, [[0, h2], [208, h2]]))).toBe('mp3');
    expect(kind(at(1000, [[0, h2], [417, h2]]))).not.toBe('mp3');
    // a file of a single frame is recognised on its one header
    expect(kind(at(300, [[0, h]]))).toBe('mp3');
  });

  it('refuses reserved MPEG audio header fields', () => {
    expect(kind(at(1000, [[0, [0xff, 0xfb, 0xf0, 0]], [417, [0xff, 0xfb, 0xf0, 0]]]))).not.toBe('mp3'); // bitrate index 15
    expect(kind(at(1000, [[0, [0xff, 0xfb, 0x9c, 0]]]))).not.toBe('mp3'); // sample rate index 3
    expect(kind(at(1000, [[0, [0xff, 0xeb, 0x90, 0]]]))).not.toBe('mp3'); // version bits 01 (reserved)
  });

  it('AAC in ADTS frames: frame length from the 13-bit field', () => {
    // FF F1 (MPEG-4, no CRC), 0x50: profile LC, 44.1 kHz (index 4); length 0x100 = 256 → bytes 3..5 = 0x80 0x20 0x00
    const h = [0xff, 0xf1, 0x50, 0x80, 0x20, 0x1f, 0xfc];
    expect(kind(at(600, [[0, h], [256, h]]))).toBe('aac');
    expect(kind(at(600, [[0, h], [255, h]]))).not.toBe('aac');
  });

  it.each([
    ['an empty file', new Uint8Array(0)],
    ['text', bytes('root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1::/usr/sbin:/usr/sbin/nologin\n')],
    ['text', bytes('Feel free to reuse this mdat.\r\n\tIndented.')],
    ['an SQLite database', bytes('SQLite format 3', [0, 0x10, 0, 1, 1])],
    ['a PDF document', bytes('%PDF-1.7\n')],
    ['a PNG image', bytes([0x89], 'PNG\r\n', [0x1a, 0x0a])],
    ['a JPEG image', bytes([0xff, 0xd8, 0xff, 0xe0])],
    ['a zip archive', bytes('PK', [3, 4, 20, 0])],
    ['a program (ELF)', bytes([0x7f], 'ELF', [2, 1, 1])],
    ['a RIFF file of type "WEBP"', bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 ')],
    ['unrecognised content starting 00 01 02 03 04 05 06 07', Uint8Array.from({ length: 64 }, (_, i) => i)],
    // a text file whose 5th–8th characters happen to spell a box name is still text
    ['text', bytes('I am free to go\n')],
    // "G" at 0 and 188 only: two sync bytes are not enough for a transport stream
    ['text', at(400, [[0, [0x47]], [188, [0x47]]]).map((x) => x || 0x20)],
  ])('is not media: %s', (found, b) => {
    expect(sniffMedia(b)).toEqual({ media: false, found });
  });

  it('says what to do in one line', () => {
    expect(notMediaMessage('/etc/passwd', 'text')).toBe('/etc/passwd: not a video or audio file (found text); choose a recording (mp4, mov, webm, mkv, mp3, m4a, wav, ogg)');
  });
});

describe('sniffMedia on real recordings', () => {
  const root = path.resolve(__dirname, '../..');
  const head = (f: string) => {
    const b = fs.readFileSync(path.join(root, f));
    return new Uint8Array(b.subarray(0, SNIFF_BYTES));
  };
  it.each([
    ['assets/demo/workshop.mp4', 'mp4'],
    ['assets/demo/workshop-vp9.webm', 'webm'],
    ['test/fixtures/media/hevc-1s.mp4', 'mp4'],
    ['test/fixtures/media/clip.mov', 'quicktime'],
    ['test/fixtures/media/clip.3gp', '3gp'],
    ['test/fixtures/media/clip.mkv', 'matroska'],
    ['test/fixtures/media/clip.avi', 'avi'],
    ['test/fixtures/media/clip.mpegts', 'mpeg-ts'],
    ['test/fixtures/media/clip.m2ts', 'mpeg-ts'],
    ['test/fixtures/media/clip.mpg', 'mpeg-ps'],
    ['test/fixtures/media/tone.wav', 'wav'],
    ['test/fixtures/media/tone-id3.mp3', 'mp3'],
    ['test/fixtures/media/tone-frames.mp3', 'mp3'],
    ['test/fixtures/media/tone.m4a', 'm4a'],
    ['test/fixtures/media/tone.aac', 'aac'],
    ['test/fixtures/media/tone.ogg', 'ogg'],
    ['test/fixtures/media/tone.flac', 'flac'],
  ])('%s → %s', (file, container) => {
    expect(sniffMedia(head(file))).toEqual({ media: true, container });
  });

  it.each([
    ['assets/demo/workshop.vtt', 'text'],
    ['README.md', 'text'],
    ['package-lock.json', 'text'],
  ])('%s is not media (%s)', (file, found) => {
    expect(sniffMedia(head(file))).toEqual({ media: false, found });
  });
});
