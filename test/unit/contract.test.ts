import { describe, expect, it } from 'vitest';
import { contract, isMethodName, METHOD_NAMES, parseInput } from '../../src/shared/contract';

const A = '3f2b8c1e-1d2a-4c3b-9e4f-5a6b7c8d9e0f';
const B = '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

describe('IPC contract', () => {
  it('lists each call once and recognises only those names', () => {
    expect(new Set(METHOD_NAMES).size).toBe(METHOD_NAMES.length);
    expect(isMethodName('createSegment')).toBe(true);
    expect(isMethodName('constructor')).toBe(false);
    expect(isMethodName('__proto__')).toBe(false);
    expect(Object.keys(contract)).toEqual(METHOD_NAMES);
  });

  it('accepts a well-formed createSegment payload', () => {
    expect(parseInput('createSegment', { mediaId: A, coderId: B, startMs: 1000, endMs: 2000, codeIds: [A] })).toEqual({
      mediaId: A, coderId: B, startMs: 1000, endMs: 2000, codeIds: [A],
    });
  });

  it.each([
    ['a missing field', { mediaId: A, coderId: B, startMs: 0, codeIds: [] }, 'endMs'],
    ['a non-integer time', { mediaId: A, coderId: B, startMs: 0.5, endMs: 2, codeIds: [] }, 'startMs'],
    ['a negative time', { mediaId: A, coderId: B, startMs: -1, endMs: 2, codeIds: [] }, 'startMs'],
    ['end before start', { mediaId: A, coderId: B, startMs: 5000, endMs: 10, codeIds: [] }, 'endMs'],
    ['a string for a number', { mediaId: A, coderId: B, startMs: '0', endMs: 2, codeIds: [] }, 'startMs'],
    ['an id that is not a UUID', { mediaId: 'x', coderId: B, startMs: 0, endMs: 2, codeIds: [] }, 'mediaId'],
    ['an unexpected extra field', { mediaId: A, coderId: B, startMs: 0, endMs: 2, codeIds: [], sql: 'DROP TABLE' }, 'payload'],
    ['an array instead of an object', [A, B], 'payload'],
    ['null', null, 'payload'],
  ])('rejects %s with a message naming the field', (_what, payload, field) => {
    expect(() => parseInput('createSegment', payload)).toThrowError(new RegExp(`^createSegment: invalid ${field.replace('.', '\\.')}`));
  });

  it('rejects a hotkey that is not one lower-case key and a bad colour', () => {
    expect(() => parseInput('createCode', { name: 'X', hotkey: 'ctrl+x' })).toThrow(/invalid hotkey/);
    expect(() => parseInput('createCode', { name: 'X', color: 'red' })).toThrow(/invalid color/);
    expect(() => parseInput('createCode', { name: '   ' })).toThrow(/invalid name/);
  });
});
