/** The one set of input limits and cleaning rules (src/shared/limits.ts), and the contract using them. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseInput } from '../../src/shared/contract';
import { cleanName, decodeUtf8, firstInvalidUtf8, LIMITS, nameProblem, textProblem } from '../../src/shared/limits';

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...new TextEncoder().encode(p)] : p)));

describe('names', () => {
  it('refuses control characters (C0 with NUL, DEL, C1), unpaired surrogates, empty and over-long names', () => {
    expect(nameProblem('amina')).toBeNull();
    expect(nameProblem('Amina Ösel 😀')).toBeNull(); // a surrogate pair is one emoji
    expect(nameProblem('am\u0000ina')).toBe('contains the control character U+0000 at character 3; remove it');
    expect(nameProblem('a\tb')).toBe('contains the control character U+0009 at character 2; remove it');
    expect(nameProblem('ab\u007F')).toBe('contains the control character U+007F at character 3; remove it');
    expect(nameProblem('\u0085x')).toBe('contains the control character U+0085 at character 1; remove it');
    expect(nameProblem('x\uD800')).toBe('contains an unpaired surrogate U+D800 at character 2 (not valid Unicode text)');
    expect(nameProblem('\uDC00x')).toBe('contains an unpaired surrogate U+DC00 at character 1 (not valid Unicode text)');
    expect(nameProblem('')).toBe('is empty');
    expect(nameProblem('x'.repeat(200))).toBeNull();
    expect(nameProblem('x'.repeat(201))).toBe('is 201 characters long; at most 200 are allowed');
    expect(nameProblem('x'.repeat(1_000_000))).toBe('is 1000000 characters long; at most 200 are allowed');
  });

  it('are trimmed before they are checked; the error quotes a short, escaped form', () => {
    expect(cleanName('  amina \n', 'coder name')).toBe('amina');
    expect(() => cleanName('am\u0000ina', 'coder name')).toThrow('coder name "am\\u0000ina" contains the control character U+0000 at character 3; remove it');
    expect(() => cleanName('x'.repeat(1_000_000), 'coder name')).toThrow(`coder name "${'x'.repeat(40)}…" is 1000000 characters long; at most 200 are allowed`);
  });
});

describe('free text', () => {
  it('keeps tabs and line breaks, refuses other control characters and text over its limit', () => {
    expect(textProblem('line 1\r\nline 2\n\tindented', LIMITS.note)).toBeNull();
    expect(textProblem('a\u0000b', LIMITS.note)).toBe('contains the control character U+0000 at character 2; remove it');
    expect(textProblem('a\u001Bb', LIMITS.note)).toBe('contains the control character U+001B at character 2; remove it');
    expect(textProblem('n'.repeat(100_000), LIMITS.note)).toBeNull();
    expect(textProblem('n'.repeat(100_001), LIMITS.note)).toBe('is 100001 characters long; at most 100000 are allowed');
  });
});

describe('UTF-8', () => {
  it('finds the first invalid byte (hand-made sequences, Unicode table 3-7)', () => {
    expect(firstInvalidUtf8(bytes('am', [0xff], 'ina'))).toBe(2);
    expect(firstInvalidUtf8(bytes('Zoë 😀 ok'))).toBe(bytes('Zoë 😀 ok').length);
    expect(firstInvalidUtf8(bytes('a', [0xc0, 0x80]))).toBe(1); // overlong NUL
    expect(firstInvalidUtf8(bytes([0xe0, 0x80, 0x80]))).toBe(0); // overlong 3-byte
    expect(firstInvalidUtf8(bytes('ab', [0xed, 0xa0, 0x80]))).toBe(2); // encoded surrogate D800
    expect(firstInvalidUtf8(bytes([0xf4, 0x90, 0x80, 0x80]))).toBe(0); // above U+10FFFF
    expect(firstInvalidUtf8(bytes('abc', [0xe2, 0x82]))).toBe(3); // truncated € at the end
    expect(firstInvalidUtf8(bytes([0x80]))).toBe(0); // lone continuation byte
  });

  it('agrees with a strict TextDecoder on random bytes', () => {
    const strict = new TextDecoder('utf-8', { fatal: true });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (b) => {
        const at = firstInvalidUtf8(b);
        let valid = true;
        try {
          strict.decode(b);
        } catch {
          valid = false;
        }
        expect(at === b.length).toBe(valid);
        if (!valid) expect(() => strict.decode(b.subarray(0, at))).not.toThrow();
      }),
      { numRuns: 2000, seed: 10 },
    );
  });

  it('decodeUtf8 refuses invalid bytes with the byte offset and line, instead of U+FFFD', () => {
    const csv = bytes('coder,code,start,end\nam', [0xff], 'ina,Tools,0,1\n');
    expect(() => decodeUtf8(csv, 'seg.csv')).toThrow('seg.csv: not valid UTF-8 at byte offset 23 (line 2); save it as UTF-8');
    expect(decodeUtf8(bytes([0xef, 0xbb, 0xbf], 'a,b'), 'x.csv')).toBe('a,b'); // the BOM is dropped
  });
});

describe('the contract uses the same limits', () => {
  const A = '3f2b8c1e-1d2a-4c3b-9e4f-5a6b7c8d9e0f';
  it('refuses a NUL or a 1,000,000-character coder name, and a note of 100,001 characters', () => {
    expect(() => parseInput('createCoder', { name: 'am\u0000ina' })).toThrow(/name.*U\+0000/);
    expect(() => parseInput('createCoder', { name: 'x'.repeat(1_000_000) })).toThrow(/name.*1000000 characters long; at most 200/);
    expect(parseInput('createCoder', { name: ' amina ' })).toEqual({ name: 'amina' });
    const seg = { mediaId: A, coderId: A, startMs: 0, endMs: 1, codeIds: [] };
    expect(parseInput('createSegment', { ...seg, note: 'n'.repeat(100_000) })).toMatchObject({ note: 'n'.repeat(100_000) });
    expect(() => parseInput('createSegment', { ...seg, note: 'n'.repeat(100_001) })).toThrow(/note.*100001 characters long; at most 100000/);
    expect(() => parseInput('createMemo', { scope: 'project', title: 't', body: 'b'.repeat(LIMITS.memoBody + 1) })).toThrow(/body/);
    expect(() => parseInput('createTheme', { name: 'T\u0007' })).toThrow(/name.*U\+0007/);
    expect(() => parseInput('addMedia', { path: '/tmp/a.mp4\u0000.txt' })).toThrow(/path.*NUL/);
  });
});
