import { describe, expect, it } from 'vitest';
import { HashFilter, hashString } from '../../src/main/db/batchInsert';

describe('HashFilter', () => {
  it('says "maybe seen" exactly for values added before, across growth (0 and 1 share a slot value)', () => {
    const f = new HashFilter();
    for (let i = 2; i < 200_000; i++) expect(f.addMaybeSeen(i * 7919)).toBe(false);
    for (let i = 2; i < 200_000; i += 997) expect(f.addMaybeSeen(i * 7919)).toBe(true);
    expect(f.addMaybeSeen(-5)).toBe(false);
    expect(f.addMaybeSeen(-5)).toBe(true);
    expect(f.addMaybeSeen(0)).toBe(false);
    expect(f.addMaybeSeen(1)).toBe(true);
  });
  it('hashString is FNV-1a 32-bit (published test vectors)', () => {
    // FNV-1a 32: "" → 0x811c9dc5, "a" → 0xe40c292c, "foobar" → 0xbf9cf968
    expect(hashString('') >>> 0).toBe(0x811c9dc5);
    expect(hashString('a') >>> 0).toBe(0xe40c292c);
    expect(hashString('foobar') >>> 0).toBe(0xbf9cf968);
  });
});
