/** Hand-made hostile inputs (zip bombs with honest or lying headers, billion laughs), shared by the interop tests and the bench. */
import { strToU8 } from 'fflate';

export const GiB = 1024 * 1024 * 1024;

/**
 * A raw DEFLATE stream (one fixed-Huffman block) inflating to `size` zero bytes: a literal 0,
 * then back-references of length 258 at distance 1 (13 bits each), ≈ 6.5 MB per GiB.
 */
export function deflatedZeros(size: number): Uint8Array {
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
export function handZip(name: string, data: Uint8Array, declaredSize: number, method = 8, crc = 0): Uint8Array {
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

/** The classic billion-laughs DTD (10^9 "lol"s once expanded). */
export const LAUGHS = `<?xml version="1.0"?>
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
