import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitMeta, withMeta } from '../../../src/shared/interop/meta';
import { classifyMediaPath } from '../../../src/shared/interop/bundle';
import { normalizeGuid, stableUuid } from '../../../src/shared/interop/ids';

describe('Triangulate-Meta convention', () => {
  it('round-trips any text, with or without a summary line', () => {
    fc.assert(
      fc.property(fc.string(), fc.option(fc.string({ minLength: 1 }).filter((s) => s.trim() !== '')), fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer(), fc.constant(null))), (text, human, meta) => {
        const { text: back, meta: m } = splitMeta(withMeta(text, human, meta));
        expect(back).toBe(text);
        for (const [k, v] of Object.entries(meta)) if (k !== 'v' && k !== 'h' && k !== '__proto__') expect(m?.[k]).toEqual(v);
      }),
    );
  });
  it('leaves other tools\' descriptions alone', () => {
    expect(splitMeta('Just a description\nTriangulate-Meta: not json')).toEqual({ text: 'Just a description\nTriangulate-Meta: not json', meta: null });
    expect(splitMeta(undefined)).toEqual({ text: '', meta: null });
  });
});

describe('ids and paths', () => {
  it('stable UUIDs are valid, deterministic and distinct', () => {
    expect(stableUuid('a')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(stableUuid('a', 'b')).toBe(stableUuid('a', 'b'));
    expect(stableUuid('a', 'b')).not.toBe(stableUuid('ab'));
    expect(normalizeGuid('{ABCDEF01-2345-6789-ABCD-EF0123456789}')).toBe('abcdef01-2345-6789-abcd-ef0123456789');
    expect(normalizeGuid('nope')).toBeNull();
  });
  it('classifies media paths written by other tools', () => {
    expect(classifyMediaPath('internal://abc.mp4')).toEqual({ location: 'archive', archivePath: 'Sources/abc.mp4', path: null });
    expect(classifyMediaPath('file:///C:/Users/x/a%20b.mp4')).toEqual({ location: 'absolute', archivePath: null, path: 'C:/Users/x/a b.mp4' });
    expect(classifyMediaPath('C:\\x\\y.mov')).toEqual({ location: 'absolute', archivePath: null, path: 'C:/x/y.mov' });
    expect(classifyMediaPath('absolute:///home/a.mp4')).toEqual({ location: 'absolute', archivePath: null, path: '/home/a.mp4' });
    expect(classifyMediaPath('./clip.mp4')).toEqual({ location: 'relative', archivePath: null, path: 'clip.mp4' });
    expect(classifyMediaPath('')).toEqual({ location: 'unknown', archivePath: null, path: null });
  });
});
