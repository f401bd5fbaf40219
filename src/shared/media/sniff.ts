/**
 * Is a file a recording? Recognises the audio and video containers the app accepts from their
 * first bytes (magic numbers and header structure), whatever the file is called. Pure: the
 * caller reads the first SNIFF_BYTES bytes. Used before a file is added, located, served or
 * embedded, so a project row pointing at /etc/passwd or a database never leaves the machine.
 */

/** How many leading bytes the sniffer looks at (enough for two MPEG-TS packets and an MP3 frame). */
export const SNIFF_BYTES = 4096;

export type MediaContainer = 'mp4' | 'm4a' | 'quicktime' | '3gp' | 'webm' | 'matroska' | 'mp3' | 'aac' | 'wav' | 'ogg' | 'flac' | 'avi' | 'asf' | 'mpeg-ts' | 'mpeg-ps';

export type Sniffed = { media: true; container: MediaContainer } | { media: false; found: string };

/** The one message for a file that is not a recording. */
export function notMediaMessage(file: string, found: string): string {
  return `${file}: not a video or audio file (found ${found}); choose a recording (mp4, mov, webm, mkv, mp3, m4a, wav, ogg)`;
}

export function sniffMedia(head: Uint8Array): Sniffed {
  const container = isoBmff(head) ?? ebml(head) ?? riff(head) ?? simpleMagic(head) ?? mpegStream(head) ?? mpegAudio(head);
  return container ? { media: true, container } : { media: false, found: describeOther(head) };
}

const ascii = (b: Uint8Array, from: number, len: number): string => String.fromCharCode(...b.subarray(from, from + len));
const u32 = (b: Uint8Array, at: number): number => ((b[at]! << 24) >>> 0) + (b[at + 1]! << 16) + (b[at + 2]! << 8) + b[at + 3]!;
const startsWith = (b: Uint8Array, bytes: number[], at = 0): boolean => b.length >= at + bytes.length && bytes.every((x, i) => b[at + i] === x);

/** ISO base media (MP4, M4A, MOV, 3GP): an `ftyp` box first, or for old QuickTime files a movie box. */
function isoBmff(b: Uint8Array): MediaContainer | null {
  if (b.length < 8) return null;
  const size = u32(b, 0);
  const type = ascii(b, 4, 4);
  if (type === 'ftyp' && size >= 16 && b.length >= 12) {
    const brand = ascii(b, 8, 4);
    if (brand === 'qt  ') return 'quicktime';
    if (brand.startsWith('3g')) return '3gp';
    if (brand === 'M4A ' || brand === 'M4B ') return 'm4a';
    return 'mp4';
  }
  // old QuickTime files start with a movie or data box; any but `mdat` is small (under 16 MiB)
  const oldQuickTime = ['moov', 'wide', 'free', 'skip', 'pnot'];
  if (type === 'mdat') return size === 0 || size === 1 || size >= 8 ? 'quicktime' : null;
  return oldQuickTime.includes(type) && b[0] === 0 && size >= 8 ? 'quicktime' : null;
}

/** Matroska and WebM: the EBML magic, then the DocType in the header. */
function ebml(b: Uint8Array): MediaContainer | null {
  if (!startsWith(b, [0x1a, 0x45, 0xdf, 0xa3])) return null;
  return ascii(b, 4, 60).includes('webm') ? 'webm' : 'matroska';
}

/** RIFF WAVE (and its 64-bit forms RF64 / BW64) and RIFF AVI. */
function riff(b: Uint8Array): MediaContainer | null {
  const id = ascii(b, 0, 4);
  if (id !== 'RIFF' && id !== 'RF64' && id !== 'BW64') return null;
  const form = ascii(b, 8, 4);
  if (form === 'WAVE') return 'wav';
  return form === 'AVI ' && id === 'RIFF' ? 'avi' : null;
}

const ASF_GUID = [0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11, 0xa6, 0xd9, 0x00, 0xaa, 0x00, 0x62, 0xce, 0x6c];

function simpleMagic(b: Uint8Array): MediaContainer | null {
  if (startsWith(b, [0x4f, 0x67, 0x67, 0x53, 0x00])) return 'ogg'; // "OggS", stream structure version 0
  if (startsWith(b, [0x66, 0x4c, 0x61, 0x43])) return 'flac'; // "fLaC"
  if (startsWith(b, ASF_GUID)) return 'asf';
  if (startsWith(b, [0x00, 0x00, 0x01, 0xba])) return 'mpeg-ps'; // pack header
  return null;
}

/** MPEG transport stream: three 0x47 sync bytes 188 bytes apart (M2TS/AVCHD: 192, after a 4-byte timestamp). */
function mpegStream(b: Uint8Array): MediaContainer | null {
  const syncEvery = (offset: number, stride: number) => {
    const at = [0, 1, 2].map((i) => offset + i * stride);
    return b.length > at[2]! && at.every((p) => b[p] === 0x47);
  };
  return syncEvery(0, 188) || syncEvery(4, 192) ? 'mpeg-ts' : null;
}

const KBPS: Record<string, number[]> = {
  '1-1': [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
  '1-2': [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
  '1-3': [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  '2-1': [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
  '2-2': [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};
const SAMPLE_RATES: Record<number, number[]> = { 3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000] };
const ADTS_RATES = 12;

/** MP3 (an ID3v2 tag, or MPEG audio frames) and AAC in ADTS frames. */
function mpegAudio(b: Uint8Array): MediaContainer | null {
  if (ascii(b, 0, 3) === 'ID3' && b.length >= 10 && b[3]! >= 2 && b[3]! <= 4 && b[4] !== 0xff && [6, 7, 8, 9].every((i) => b[i]! < 0x80)) return 'mp3';
  const first = frameAt(b, 0);
  if (!first) return null;
  // a second frame header right after the first one, unless the file holds only the one frame
  if (first.length + 4 > b.length) return first.kind;
  return frameAt(b, first.length)?.kind === first.kind ? first.kind : null;
}

/** The MPEG audio or ADTS frame header at `at`: its kind and frame length in bytes. */
function frameAt(b: Uint8Array, at: number): { kind: 'mp3' | 'aac'; length: number } | null {
  if (b.length < at + 7 || b[at] !== 0xff || (b[at + 1]! & 0xe0) !== 0xe0) return null;
  const [h1, h2, h3, h4, h5] = [b[at + 1]!, b[at + 2]!, b[at + 3]!, b[at + 4]!, b[at + 5]!];
  const version = (h1 >> 3) & 3; // 3 = MPEG-1, 2 = MPEG-2, 0 = MPEG-2.5, 1 reserved
  const layer = 4 - ((h1 >> 1) & 3); // 4 means the layer bits are 00: ADTS
  if (layer === 4) {
    const length = ((h3 & 3) << 11) | (h4 << 3) | (h5 >> 5);
    return (h1 & 0xf6) === 0xf0 && ((h2 >> 2) & 0xf) < ADTS_RATES && length >= 7 ? { kind: 'aac', length } : null;
  }
  const kbps = KBPS[`${version === 3 ? 1 : 2}-${version === 3 ? layer : Math.min(layer, 2)}`]?.[h2 >> 4];
  const rate = SAMPLE_RATES[version]?.[(h2 >> 2) & 3];
  if (!kbps || !rate) return null; // reserved version, free-format or bad bitrate, reserved sample rate
  const pad = (h2 >> 1) & 1;
  if (layer === 1) return { kind: 'mp3', length: (Math.floor((12 * kbps * 1000) / rate) + pad) * 4 };
  const perFrame = layer === 3 && version !== 3 ? 72 : 144;
  return { kind: 'mp3', length: Math.floor((perFrame * kbps * 1000) / rate) + pad };
}

const OTHER: [number[], string][] = [
  [[0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66, 0x6f, 0x72, 0x6d, 0x61, 0x74, 0x20, 0x33, 0x00], 'an SQLite database'],
  [[0x25, 0x50, 0x44, 0x46, 0x2d], 'a PDF document'],
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x47, 0x49, 0x46, 0x38], 'a GIF image'],
  [[0x50, 0x4b, 0x03, 0x04], 'a zip archive'],
  [[0x1f, 0x8b], 'a gzip archive'],
  [[0x7f, 0x45, 0x4c, 0x46], 'a program (ELF)'],
  [[0x4d, 0x5a], 'a Windows program'],
];

/** A few words on what a non-media file is, for the message. */
function describeOther(b: Uint8Array): string {
  if (b.length === 0) return 'an empty file';
  const known = OTHER.find(([magic]) => startsWith(b, magic));
  if (known) return known[1];
  if (ascii(b, 0, 4) === 'RIFF') return `a RIFF file of type "${ascii(b, 8, 4).trim()}"`;
  if (b.every((x) => x >= 0x20 ? x !== 0x7f : x === 0x09 || x === 0x0a || x === 0x0d || x === 0x0c)) return 'text';
  const hex = Array.from(b.subarray(0, 8), (x) => x.toString(16).padStart(2, '0')).join(' ');
  return `unrecognised content starting ${hex}`;
}
